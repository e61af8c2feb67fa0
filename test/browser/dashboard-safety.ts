import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { importExport } from '../../src/app/index.ts';
import { tempDir, writeExport } from '../../src/app/testing/fixtures.ts';
import { type SampleDashboard, XSS_FLAG_NAME, XSS_NAME } from './dashboard.testing.ts';

/**
 * Names, notes and file names written as HTML stay text on every page of the dashboard.
 */

/** Names, notes and file names written as HTML are rendered as text, and no script runs. */
export async function rendersHtmlAsText(sample: SampleDashboard): Promise<void> {
  const { page, dash } = sample;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  // On an account of their own, so the sample account's ledger stays as it is.
  const dir = writeExport(tempDir(), {
    invitations: [
      {
        name: XSS_NAME,
        slug: 'xss-one',
        sentAt: '2026-10-01T09:00:00Z',
        message: '<script>alert(2)</script>',
      },
      { name: XSS_FLAG_NAME, slug: 'xss-two', sentAt: '2026-10-02T09:00:00Z' },
    ],
    // a connection known, so the invitations nobody accepted are planned for withdrawal
    connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
  });
  await importExport({ ...dash.ctx, config: { ...dash.ctx.config, account: 'xss-check' } }, dir);
  await page.reload();
  await page.getByLabel('Account').selectOption('xss-check');

  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles({
    name: '<img src=x onerror=alert(3)>.csv',
    mimeType: 'text/csv',
    buffer: fs.readFileSync(path.join(dir, 'Invitations.csv')),
  });
  await expect
    .poll(() => page.getByTestId('import-report').textContent())
    .toContain('<img src=x onerror=alert(3)>.csv');

  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByLabel('Name').fill('img src');
  await expect.poll(() => page.getByTestId('invitation-total').textContent()).toContain('2 invitations');
  await expect.poll(() => page.locator('.vrow__name').allTextContents()).toEqual([XSS_NAME, XSS_FLAG_NAME]);
  expect(await page.locator('.vrow__headline').first().textContent()).toBe('<script>alert(2)</script>');
  await page.getByRole('link', { name: 'Withdrawals' }).click();
  await expect
    .poll(() => page.locator('.withdrawal__name').allTextContents())
    .toEqual([XSS_NAME, XSS_FLAG_NAME]);
  await page.waitForTimeout(200); // give an injected handler the chance to fire before checking it did not
  expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (globalThis as { __xssRan?: boolean }).__xssRan)).toBeUndefined();
  expect(dialogs).toBe(0);
  await page.getByLabel('Account').selectOption('default');
}

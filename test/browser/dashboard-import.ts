import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { EXAMPLES, type SampleDashboard } from './dashboard.testing.ts';

/**
 * The Import page of the sample dashboard: a second export dropped on the page.
 */

// Browser globals for the functions passed to page.evaluate (module-local: Node code cannot use them).
declare const DataTransfer: new () => { items: { add(file: File): void } };

/** A second export dropped on the page is imported, with its report; the cards follow. */
export async function importsADroppedExport(sample: SampleDashboard): Promise<void> {
  const { page, expectCardsToMatchStatusJson } = sample;
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  const zip = fs.readFileSync(path.join(EXAMPLES, 'linkedin-export.zip'));
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'linkedin-export.zip', { type: 'application/zip' }));
    return dt;
  }, zip.toString('base64'));
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  const report = page.getByTestId('import-report');
  await report.waitFor();
  expect(await report.textContent()).toContain('linkedin-export.zip');
  expect(Number(await page.getByTestId('report-imported').textContent())).toBeGreaterThan(0);
  expect(await page.getByTestId('report-errors').textContent()).toBe('0');

  await page.getByRole('link', { name: 'Overview' }).click();
  const s = await expectCardsToMatchStatusJson();
  expect(s.pending.count).toBe(114); // the sample's README: 114 pending at its as-of instant
}

import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, addUser, addWorkspace, importExport } from '../../src/app/index.ts';
import { tempDir, testContext, writeExport } from '../../src/app/testing/fixtures.ts';
import { createTeamAuth, type RunningServer, startServer } from '../../src/server/index.ts';
import {
  announceSkip,
  buildDashboardForTests,
  findChromium,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  watchProblems,
} from './harness.ts';

/**
 * The dashboard in team mode (issue 14): the signed-in user and their role are shown with the
 * account switcher, and a viewer's pages carry no button that would change data.
 */

const chromiumPath = findChromium();
if (!chromiumPath) announceSkip();

const NOW = '2026-11-26T12:00:00.000Z';

describe.skipIf(!chromiumPath)('the dashboard in team mode', () => {
  let dist: string;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let root: AppContext;
  let server: RunningServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dist = await buildDashboardForTests();
    browser = await launchBrowser(chromiumPath!);
    root = await testContext({ now: NOW });
    const ws = await addWorkspace(root, 'Agency');
    const inWs = { ...root, workspaceId: ws.id };
    tokens.viewer = (await addUser(inWs, 'vera', 'viewer')).token;
    tokens.member = (await addUser(inWs, 'max', 'member')).token;
    const csv = writeExport(tempDir(), {
      invitations: Array.from({ length: 6 }, (_, k) => ({
        name: `Person ${k}`,
        slug: `person-${k}`,
        sentAt: `2026-10-0${k + 1}T09:00:00Z`,
      })),
      // a connection known, so that accepted and pending invitations can be told apart
      connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
    });
    for (const account of ['Alice', 'Bob'])
      await importExport({ ...inWs, config: { ...root.config, account } }, csv);
    server = await startServer({
      app: root,
      clock: () => root.now,
      port: 0,
      auth: createTeamAuth(root, () => root.now),
      dashboardDir: dist,
    });
  });

  afterAll(async () => {
    await server?.close();
    await root?.store.close();
    await browser?.close();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  async function open(who: 'viewer' | 'member'): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/#token=${tokens[who]}`);
    await page.getByTestId('signed-in').waitFor();
    return page;
  }

  it('shows a viewer who they are, lets them switch accounts, and offers no write', async () => {
    const page = await open('viewer');
    const problems = watchProblems(page);
    try {
      expect((await page.getByTestId('signed-in').innerText()).replace(/\s+/g, ' ')).toBe(
        'vera viewer · read only',
      );
      const switcher = page.getByLabel('Account');
      expect(await switcher.locator('option').allTextContents()).toEqual(['Alice', 'Bob']);

      await page.getByRole('link', { name: 'Withdrawals', exact: true }).click();
      await page.getByTestId('withdrawal-row').first().waitFor();
      expect(await page.getByRole('button', { name: /^Withdrawn/ }).count()).toBe(0);
      await screenshot(page, 'team-viewer-withdrawals');

      await page.getByRole('link', { name: 'Targets & notes' }).click();
      await page.getByRole('heading', { name: 'Target queue' }).waitFor();
      expect(await page.getByRole('button', { name: /^(Sent|Block|Add)\b/ }).count()).toBe(0);
      expect(await page.getByText('Add a person').count()).toBe(0);

      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await page.getByTestId('read-only').waitFor();
      expect(await page.getByTestId('dropzone').count()).toBe(0);

      await switcher.selectOption('Bob');
      await page.getByRole('link', { name: 'Overview', exact: true }).click();
      await expect.poll(() => page.locator('.page-head .muted').first().textContent()).toContain('Bob');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'team-viewer-overview');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a member their role and the buttons that write', async () => {
    const page = await open('member');
    try {
      expect((await page.getByTestId('signed-in').innerText()).replace(/\s+/g, ' ')).toBe('max member');
      await page.getByRole('link', { name: 'Withdrawals', exact: true }).click();
      await page.getByTestId('withdrawal-row').first().waitFor();
      expect(await page.getByRole('button', { name: /^Withdrawn/ }).count()).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await page.getByTestId('dropzone').waitFor();
    } finally {
      await page.close();
    }
  });
});

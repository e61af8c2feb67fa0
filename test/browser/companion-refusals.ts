import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger, NOW, PAGE_SIZE, PEOPLE, panelText, screenshotPage, seed } from './companion.testing.ts';
import type { Companion } from './companion-browser.ts';
import { type DashboardServer, SCREENSHOT_DIR, startDashboard } from './harness.ts';

/** The companion when the server refuses its token, the page is in a language it does not read, or the server is away. */

export function describeRefusals(companion: Companion): void {
  const { pair, openSentPage } = companion;

  describe('when the server refuses the token, the page is in another language, or the server is away', () => {
    let dash: DashboardServer;
    const pendingCount = async () => (await ledger(dash.ctx, 'pending')).length;

    beforeAll(async () => {
      dash = await startDashboard({ now: NOW, dashboardDir: null, seed });
    });

    afterAll(async () => {
      await dash?.close();
    });

    it('says a wrong token is refused, marks nothing and syncs nothing', async () => {
      const wrong = `${dash.server.origin}/#token=${'x'.repeat(43)}`;
      expect(await pair(wrong)).toContain('refused this token');
      const page = await openSentPage({
        layout: 'current',
        lang: 'en',
        people: PEOPLE,
        pageSize: PAGE_SIZE,
        now: NOW,
      });
      await expect
        .poll(() => panelText(page, 'status'), { timeout: 15_000 })
        .toContain('refused the companion’s token: pair it again');
      await page.waitForTimeout(1_500);
      expect(await page.locator('invitekeeper-mark').count()).toBe(0);
      expect(await page.locator('invitekeeper-panel [data-role=figures]').isVisible()).toBe(false);
      // The ghost would have been closed by a sync.
      expect(await pendingCount()).toBe(PEOPLE.length + 1);
      await screenshotPage(page, 'companion-refused');
    });

    it('says a page in a language it does not read is not read, and does nothing on it', async () => {
      expect(await pair(dash.server.url)).toContain('Paired');
      const page = await openSentPage({
        layout: 'current',
        lang: 'it',
        people: PEOPLE,
        pageSize: PAGE_SIZE,
        now: NOW,
      });
      await expect
        .poll(() => panelText(page, 'status'), { timeout: 15_000 })
        .toContain('This page is in “it”');
      await page.waitForTimeout(1_500);
      expect(await page.locator('invitekeeper-mark').count()).toBe(0);
      expect(await pendingCount()).toBe(PEOPLE.length + 1);
    });

    it('says the server is away when it is stopped, and marks nothing', async () => {
      await dash.server.close();
      const page = await openSentPage({
        layout: 'current',
        lang: 'en',
        people: PEOPLE,
        pageSize: PAGE_SIZE,
        now: NOW,
      });
      await expect
        .poll(() => panelText(page, 'status'), { timeout: 15_000 })
        .toContain(`invitekeeper is not answering on 127.0.0.1:${dash.server.port}`);
      await page.waitForTimeout(1_500);
      expect(await page.locator('invitekeeper-mark').count()).toBe(0);
      expect(await pendingCount()).toBe(PEOPLE.length + 1);
      await page
        .locator('invitekeeper-panel .panel')
        .screenshot({ path: path.join(SCREENSHOT_DIR, 'companion-panel-away-1280.png') });
    });
  });
}

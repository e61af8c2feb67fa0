import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSend } from '../../src/app/index.ts';
import {
  expectedMarks,
  GHOST,
  ledger,
  marks,
  NOW,
  PAGE_SIZE,
  PEOPLE,
  panelFigures,
  panelText,
  personOf,
  planJson,
  screenshotPage,
  seed,
  slugOf,
} from './companion.testing.ts';
import type { Companion } from './companion-browser.ts';
import { type DashboardServer, horizontalOverflow, SCREENSHOT_DIR, startDashboard } from './harness.ts';

/**
 * The companion on the current layout of the Sent page, in English: the rows marked with the plan, the
 * panel's counts, "Load more" and "Next", and the withdrawals the member makes with the page's own dialog.
 */

// Browser globals for the functions passed to page.evaluate (module-local: Node code cannot use them).
declare const localStorage: { [key: string]: string };

/** The server and the Sent page the tests of the current layout share. */
type OnThePage = { dash: DashboardServer; page: Page };

export function describeCurrentLayout(companion: Companion): void {
  const { pair, openSentPage, problems } = companion;

  describe('on the current layout, in English', () => {
    const on = {} as OnThePage;

    beforeAll(async () => {
      const dash = await startDashboard({ now: NOW, dashboardDir: null, seed });
      expect(await pair(dash.server.url)).toContain('Paired');
      const page = await openSentPage({
        layout: 'current',
        lang: 'en',
        people: PEOPLE,
        pageSize: PAGE_SIZE,
        now: NOW,
      });
      Object.assign(on, { dash, page });
    });

    afterAll(async () => {
      await on.dash?.close();
    });

    itMarksTheRows(companion, on);
    itRecordsTheWithdrawalsMadeOnThePage(companion, on);

    it('had no script error on the page', () => {
      const { page } = on;
      expect(problems.get(page)).toEqual([]);
    });
  });
}

/** The rows marked with the plan's verdicts, the panel's counts, "Load more" and "Next". */
function itMarksTheRows(companion: Companion, on: OnThePage): void {
  const { click } = companion;

  it('syncs the loaded rows, closing only the missing invitation newer than the oldest row shown', async () => {
    const { dash, page } = on;
    await expect.poll(() => panelText(page, 'sync'), { timeout: 15_000 }).toContain('Synced 12 of 34 rows');
    const closed = await ledger(dash.ctx, 'closed');
    expect(closed.map((i) => i.name)).toEqual([GHOST.name]);
    // Every other invitation is still pending, the 22 the page has not loaded yet included.
    expect((await ledger(dash.ctx, 'pending')).length).toBe(PEOPLE.length);
  });

  it('marks each row with the plan’s verdict, and the panel shows plan --json’s counts', async () => {
    const { dash, page } = on;
    await expect.poll(() => page.locator('invitekeeper-mark').count()).toBe(PAGE_SIZE);
    const shown = await marks(page);
    expect(shown.map((m) => m.slug)).toEqual(PEOPLE.slice(0, PAGE_SIZE).map((p) => p.slug));
    expect(shown.map((m) => m.text)).toEqual(
      await expectedMarks(
        dash,
        shown.map((m) => m.slug),
        0,
      ),
    );
    // The first twelve are the newest: fresh ones and stale ones beyond today's cap.
    expect(new Set(shown.map((m) => m.kind))).toEqual(new Set(['keep', 'later']));
    const plan = await planJson(dash.db);
    expect(await panelFigures(page)).toEqual({
      done: 0,
      left: plan.withdrawals.length,
      later: plan.withdrawalsDeferred,
    });
    expect(plan.withdrawals.length).toBe(20);
    expect(plan.withdrawalsDeferred).toBe(6);
  });

  it('says when today’s next withdrawal is not loaded yet', async () => {
    const { page } = on;
    await click(page.locator('invitekeeper-panel [data-role=next]'));
    await expect.poll(() => panelText(page, 'message')).toContain('further down');
  });

  it('extends the snapshot after “Load more” without closing older invitations', async () => {
    const { dash, page } = on;
    // Sent (and recorded) after the page was loaded: not on it, and not to be closed for that.
    await recordSend(dash.ctx, 'https://www.linkedin.com/in/sent-since-the-page-loaded');
    await click(page.getByRole('button', { name: 'Load more' }));
    await expect
      .poll(() => page.locator('invitekeeper-mark').count(), { timeout: 15_000 })
      .toBe(2 * PAGE_SIZE);
    await expect.poll(() => panelText(page, 'sync'), { timeout: 15_000 }).toContain('Synced 24 of 34 rows');
    expect((await ledger(dash.ctx, 'closed')).map((i) => i.name)).toEqual([GHOST.name]);
    expect((await ledger(dash.ctx, 'pending')).length).toBe(PEOPLE.length + 1);
    const shown = await marks(page);
    expect(shown.map((m) => m.text)).toEqual(
      await expectedMarks(
        dash,
        shown.map((m) => m.slug),
        0,
      ),
    );
    expect(shown.filter((m) => m.kind === 'withdraw')).toHaveLength(10);
  });

  it('scrolls to the next planned row on “Next” and highlights it; screenshots of the page and the panel', async () => {
    const { page } = on;
    await click(page.locator('invitekeeper-panel [data-role=next]'));
    const highlighted = page.locator('invitekeeper-mark[data-highlight]');
    await expect.poll(() => highlighted.count()).toBe(1);
    // The loaded planned row that comes first in the plan: 11th of today's 20.
    expect(await highlighted.getAttribute('data-order')).toBe('11');
    expect(await highlighted.isVisible()).toBe(true);
    await expect.poll(() => panelText(page, 'message')).toContain('withdraw today 11 of 20');
    await page.waitForTimeout(600); // the smooth scroll ends
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshotPage(page, 'companion-current');
    const panel = page.locator('invitekeeper-panel .panel');
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'companion-panel-1280.png') });
    // Folded out of the way of the rows beneath it, and back.
    const figures = page.locator('invitekeeper-panel [data-role=figures]');
    await click(page.locator('invitekeeper-panel [data-role=fold]'));
    expect(await figures.isVisible()).toBe(false);
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'companion-panel-folded-1280.png') });
    await click(page.locator('invitekeeper-panel [data-role=fold]'));
    expect(await figures.isVisible()).toBe(true);
  });
}

/** The dashboard opened from the panel, and the withdrawals the member makes (or cancels) on the page. */
function itRecordsTheWithdrawalsMadeOnThePage(companion: Companion, on: OnThePage): void {
  const { click, openWithdrawDialog } = companion;

  it('opens the dashboard in a new tab, the token in its link and never in the LinkedIn page', async () => {
    const { dash, page } = on;
    const { browser } = companion;
    const [tab] = await Promise.all([
      browser.context.waitForEvent('page'),
      click(page.locator('invitekeeper-panel [data-role=dashboard]')),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(dash.server.url);
    await tab.close();
    expect(await page.content()).not.toContain(dash.token);
    expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage)))).not.toContain(dash.token);
  });

  it('records exactly the withdrawal the member makes with LinkedIn’s button and confirm', async () => {
    const { dash, page } = on;
    const plan = await planJson(dash.db);
    const person = personOf(slugOf(plan.withdrawals[10]!.profileUrl));
    const { row, dialog } = await openWithdrawDialog(
      page,
      person,
      `Withdraw invitation sent to ${person.name}`,
    );
    await click(dialog.getByRole('button', { name: `Withdraw invitation sent to ${person.name}` }));
    await row.waitFor({ state: 'detached' });
    await expect
      .poll(() => panelText(page, 'message'), { timeout: 10_000 })
      .toContain(`Recorded: ${person.name} withdrawn (1 of 20 today)`);
    const withdrawn = await ledger(dash.ctx, 'withdrawn');
    expect(withdrawn.map((i) => i.name)).toEqual([person.name]);
    expect(withdrawn[0]!.cooldownUntil).not.toBeNull();
    const after = await planJson(dash.db);
    expect(after.withdrawals.map((w) => w.profileUrl)).toEqual(
      plan.withdrawals
        .filter((w) => w.profileUrl !== plan.withdrawals[10]!.profileUrl)
        .map((w) => w.profileUrl),
    );
    await expect
      .poll(() => panelFigures(page))
      .toEqual({ done: 1, left: 19, later: after.withdrawalsDeferred });
  });

  it('records nothing when the member cancels the dialog', async () => {
    const { dash, page } = on;
    const person = PEOPLE[2]!;
    const { row, dialog } = await openWithdrawDialog(
      page,
      person,
      `Withdraw invitation sent to ${person.name}`,
    );
    await click(dialog.getByRole('button', { name: 'Cancel' }));
    await page.waitForTimeout(1_000);
    expect(await row.count()).toBe(1);
    expect((await ledger(dash.ctx, 'withdrawn')).length).toBe(1);
  });

  it('records a withdrawal the plan did not list, and says so', async () => {
    const { dash, page } = on;
    const person = PEOPLE[2]!; // 3 days old: keep
    const { row, dialog } = await openWithdrawDialog(
      page,
      person,
      `Withdraw invitation sent to ${person.name}`,
    );
    await click(dialog.getByRole('button', { name: `Withdraw invitation sent to ${person.name}` }));
    await row.waitFor({ state: 'detached' });
    await expect
      .poll(() => panelText(page, 'message'), { timeout: 10_000 })
      .toContain(
        `Recorded a withdrawal the plan did not list: ${person.name} (keep: 3 days old, stale at 14)`,
      );
    expect((await ledger(dash.ctx, 'withdrawn')).map((i) => i.name).sort()).toEqual(
      [
        person.name,
        personOf(
          slugOf((await ledger(dash.ctx, 'withdrawn')).find((i) => i.name !== person.name)!.profileUrl),
        ).name,
      ].sort(),
    );
    await expect.poll(() => panelFigures(page)).toMatchObject({ done: 2, left: 18 });
    // The page without the two rows syncs later: nothing else is closed by it.
    await expect.poll(() => panelText(page, 'sync'), { timeout: 15_000 }).toContain('Synced 22 of 32 rows');
    expect((await ledger(dash.ctx, 'closed')).map((i) => i.name)).toEqual([GHOST.name]);
    expect((await ledger(dash.ctx, 'withdrawn')).length).toBe(2);
  });
}

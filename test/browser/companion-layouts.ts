import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type DashboardServer, startDashboard } from './harness.ts';
import type { FixtureLanguage, FixtureLayout } from './sent-page-fixture.ts';

/** The companion on the legacy layout in English and on the current layout in French: every row read to the end of the list. */

export function describeOtherLayouts(companion: Companion): void {
  const { pair, openSentPage, click, openWithdrawDialog, problems } = companion;

  describe.each([
    {
      layout: 'legacy' as FixtureLayout,
      lang: 'en' as FixtureLanguage,
      loadMore: 'Load more',
      withdrawLabel: (n: string) => `Withdraw invitation sent to ${n}`,
      confirm: () => 'Withdraw',
    },
    {
      layout: 'current' as FixtureLayout,
      lang: 'fr' as FixtureLanguage,
      loadMore: 'Afficher plus',
      withdrawLabel: (n: string) => `Retirer l’invitation envoyée à ${n}`,
      confirm: (n: string) => `Retirer l’invitation envoyée à ${n}`,
    },
  ])('on the $layout layout in $lang', ({ layout, lang, loadMore, withdrawLabel, confirm }) => {
    let dash: DashboardServer;
    let page: Page;

    beforeAll(async () => {
      dash = await startDashboard({ now: NOW, dashboardDir: null, seed });
      expect(await pair(dash.server.url)).toContain('Paired');
      page = await openSentPage({ layout, lang, people: PEOPLE, pageSize: PAGE_SIZE, now: NOW });
    });

    afterAll(async () => {
      await dash?.close();
    });

    it('reads every row to the end of the list, marks it with the plan, and the panel matches plan --json', async () => {
      await expect.poll(() => panelText(page, 'sync'), { timeout: 15_000 }).toContain('Synced 12 of 34 rows');
      await click(page.getByRole('button', { name: loadMore }));
      await expect.poll(() => page.locator('invitekeeper-mark').count(), { timeout: 15_000 }).toBe(24);
      await click(page.getByRole('button', { name: loadMore }));
      await expect.poll(() => page.locator('invitekeeper-mark').count(), { timeout: 15_000 }).toBe(34);
      expect(await page.getByRole('button', { name: loadMore }).count()).toBe(0);
      // The whole list is loaded: this snapshot covers every age, and every row was read.
      await expect
        .poll(() => panelText(page, 'sync'), { timeout: 15_000 })
        .toMatch(/^Synced 34 of 34 rows at [\d:]+\.$/);
      expect((await ledger(dash.ctx, 'closed')).map((i) => i.name)).toEqual([GHOST.name]);
      expect((await ledger(dash.ctx, 'pending')).length).toBe(PEOPLE.length);
      const shown = await marks(page);
      expect(shown.map((m) => m.slug)).toEqual(PEOPLE.map((p) => p.slug));
      expect(shown.map((m) => m.text)).toEqual(
        await expectedMarks(
          dash,
          shown.map((m) => m.slug),
          0,
        ),
      );
      const plan = await planJson(dash.db);
      expect(await panelFigures(page)).toEqual({
        done: 0,
        left: plan.withdrawals.length,
        later: plan.withdrawalsDeferred,
      });
    });

    it('records the withdrawal of the plan’s first row made through the page’s dialog', async () => {
      const plan = await planJson(dash.db);
      const person = personOf(slugOf(plan.withdrawals[0]!.profileUrl));
      const { row, dialog } = await openWithdrawDialog(page, person, withdrawLabel(person.name));
      await click(dialog.getByRole('button', { name: confirm(person.name), exact: true }));
      await row.waitFor({ state: 'detached' });
      await expect
        .poll(() => panelText(page, 'message'), { timeout: 10_000 })
        .toContain(`Recorded: ${person.name} withdrawn (1 of 20 today)`);
      expect((await ledger(dash.ctx, 'withdrawn')).map((i) => i.name)).toEqual([person.name]);
      const after = await planJson(dash.db);
      expect(after.withdrawals.map((w) => w.profileUrl)).toEqual(
        plan.withdrawals.slice(1).map((w) => w.profileUrl),
      );
      await expect
        .poll(() => panelFigures(page))
        .toEqual({ done: 1, left: 19, later: after.withdrawalsDeferred });
      if (layout === 'legacy') await screenshotPage(page, 'companion-legacy');
      else await screenshotPage(page, `companion-${lang}`);
    });

    it('had no script error on the page', () => {
      expect(problems.get(page)).toEqual([]);
    });
  });
}

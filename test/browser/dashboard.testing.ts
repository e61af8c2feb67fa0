/**
 * What the dashboard's browser tests share: the sample data's paths and instant, what shows that a
 * page has its data, and the sample dashboard itself (a server over the sample data, one page open on
 * it, watched for problems) that one story of tests works through in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { addTemplate, importExport, importTargets } from '../../src/app/index.ts';
import { DEMO_TEMPLATE } from '../../src/cli/commands/demo.ts';
import { cli } from '../../src/cli/testing.ts';
import {
  type DashboardServer,
  type launchBrowser,
  PACKAGE_ROOT,
  startDashboard,
  watchProblems,
} from './harness.ts';

export const EXAMPLES = path.join(PACKAGE_ROOT, 'examples');
export const HISTORY = path.join(EXAMPLES, 'history');
/** The morning after the sample's last export, as `npm run demo` sets it. */
export const NOW = '2026-11-21T08:30:00.000Z';
/** What shows that a page has its data (a screenshot before it would show "Loading…"). */
export const READY = {
  overview: '[data-testid=card-risk-value]',
  withdrawals: '[data-testid=withdrawal-row]',
  invitations: '.vrow__name',
  targets: '[data-testid=target-list]',
  import: '[data-testid=dropzone]',
} as const;
export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const XSS_FLAG_NAME = '<img src=x onerror="window.__xssRan=true">';

export type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** The sample dashboard open in one page, and the helpers its tests read it with. */
export type SampleDashboard = {
  browser: Browser;
  dash: DashboardServer;
  page: Page;
  problems: string[];
} & ReturnType<typeof healthCards>;

/** A server over every monthly export of the sample but the latest, with the demo's targets and note template, open in a page. */
export async function openSampleDashboard(browser: Browser, dist: string): Promise<SampleDashboard> {
  // Every monthly export but the latest: the latest is the "second export" the member uploads.
  const dash = await startDashboard({
    now: NOW,
    dashboardDir: dist,
    seed: async (ctx) => {
      for (const f of fs.readdirSync(HISTORY).sort()) await importExport(ctx, path.join(HISTORY, f));
      // The demo's targets and note template, so the sending side has something to show.
      await importTargets(ctx, path.join(EXAMPLES, 'targets.csv'));
      await addTemplate(ctx, { ...DEMO_TEMPLATE, makeDefault: true });
    },
  });
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(dash.server.url);
  return { browser, dash, page, problems, ...healthCards(page, dash) };
}

export async function closeSampleDashboard(sample: Partial<SampleDashboard>): Promise<void> {
  await sample.page?.close();
  await sample.dash?.close();
}

/** The health cards of the page: one read by its id, and all of them checked against `status --json`. */
function healthCards(page: Page, dash: DashboardServer) {
  async function cardValue(id: string): Promise<string> {
    return (await page.getByTestId(`card-${id}-value`).textContent())?.trim() ?? '';
  }

  async function expectCardsToMatchStatusJson() {
    const res = await cli(['status', '--json', '--db', dash.db, '--now', NOW]);
    expect(res.code, res.stderr).toBe(0);
    const s = res.json<{
      pending: { count: number; stale: number };
      quota: { sentLast7Days: number; weeklyLimit: number };
      notes: { monthlyLimit: number | null; usedLast30Days: number };
      acceptance: { maturedRate: number | null };
      risk: { level: string; reasons: string[] };
    }>();
    await page.getByTestId('card-pending-value').waitFor();
    expect(await cardValue('pending')).toBe(s.pending.count.toLocaleString('en-US'));
    expect(await cardValue('stale')).toBe(s.pending.stale.toLocaleString('en-US'));
    expect(await cardValue('sent-week')).toBe(`${s.quota.sentLast7Days} / ${s.quota.weeklyLimit}`);
    // the plan's figure, the same the Targets page shows (it comes with the plan)
    await expect
      .poll(() => cardValue('notes'))
      .toBe(
        s.notes.monthlyLimit === null ? 'unlimited' : String(s.notes.monthlyLimit - s.notes.usedLast30Days),
      );
    expect(await cardValue('acceptance')).toBe(
      s.acceptance.maturedRate === null ? 'n/a' : `${Math.round(s.acceptance.maturedRate * 100)}%`,
    );
    expect(await cardValue('risk')).toBe(s.risk.level);
    for (const reason of s.risk.reasons) {
      await expect.poll(() => page.getByTestId('card-risk').textContent()).toContain(reason);
    }
    return s;
  }

  return { cardValue, expectCardsToMatchStatusJson };
}

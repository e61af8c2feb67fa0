import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importExport } from '../../src/app/index.ts';
import { tempDir, writeExport } from '../../src/app/testing/fixtures.ts';
import {
  closeSampleDashboard,
  NOW,
  openSampleDashboard,
  READY,
  type SampleDashboard,
} from './dashboard.testing.ts';
import { importsADroppedExport } from './dashboard-import.ts';
import { laysEveryPageOut } from './dashboard-layout.ts';
import {
  appliesTheRecommendedThreshold,
  showsTheTrendAndDownloadsCsv,
  takesTheTokenAndShowsTheHealth,
} from './dashboard-overview.ts';
import { rendersHtmlAsText } from './dashboard-safety.ts';
import {
  copiesAPlannedNote,
  countsANoteAgainstTheLimit,
  listsAndRecordsTodaysSends,
} from './dashboard-targets.ts';
import { takesAMarkBackWithUndo, worksThroughWithdrawalsWithTheKeyboard } from './dashboard-withdrawals.ts';
import {
  announceSkip,
  buildDashboardForTests,
  type DashboardServer,
  findChromium,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  startDashboard,
  watchProblems,
} from './harness.ts';

/**
 * The dashboard in a real Chromium over the sample data: the health cards agree with `status --json`,
 * three withdrawals are worked through with the keyboard, a second export is imported by dropping it
 * on the page, an over-long note is linted, and a name written as HTML stays text. Screenshots of
 * every page at phone and desktop width go to .tmp/screenshots/.
 *
 * The sample-data tests are one story on one page, each going on from where the one before left it;
 * their bodies live beside this file, one module per page (dashboard-overview.ts, dashboard-import.ts,
 * dashboard-withdrawals.ts, dashboard-targets.ts, dashboard-layout.ts, dashboard-safety.ts).
 */

const chromiumPath = findChromium();
if (!chromiumPath) announceSkip();

let dist: string;
let browser: { context: BrowserContext; close(): Promise<void> };

beforeAll(async () => {
  if (!chromiumPath) return;
  dist = await buildDashboardForTests();
  browser = await launchBrowser(chromiumPath);
});

afterAll(async () => {
  await browser?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

describe.skipIf(!chromiumPath)('the dashboard in Chromium, on the sample data', () => {
  // One story: each test goes on from where the one before left the page and the data.
  const sample = {} as SampleDashboard;

  beforeAll(async () => {
    Object.assign(sample, await openSampleDashboard(browser, dist));
  });

  afterAll(async () => {
    await closeSampleDashboard(sample);
  });

  it('takes the token from the link, hides it from the address bar, and shows the same health as status --json', () =>
    takesTheTokenAndShowsTheHealth(sample));

  it('imports a second export dropped on the page, with progress and the report; the cards follow', () =>
    importsADroppedExport(sample));

  it('works through three withdrawals with the keyboard, in the plan’s order', () =>
    worksThroughWithdrawalsWithTheKeyboard(sample));

  it('takes a mark back with the Undo of its toast (issue 14)', () => takesAMarkBackWithUndo(sample));

  it('counts a note against the tier’s limit as it is typed and shows the same lint as the CLI', () =>
    countsANoteAgainstTheLimit(sample));

  it('lists today’s sends with their notes and records one as sent', () =>
    listsAndRecordsTodaysSends(sample));

  it('copies a planned note in one click, shows times in the account’s zone, and one notes-left figure (issue 14)', () =>
    copiesAPlannedNote(sample));

  it('shows the trend and the send-time map, and downloads any list as CSV (issue 14)', () =>
    showsTheTrendAndDownloadsCsv(sample));

  it.each([375, 1280])(
    'lays every page out at %i px without anything sticking out; screenshots saved',
    (width) => laysEveryPageOut(sample, width),
  );

  it('applies the recommended threshold with a button, and takes a token link pasted into the open tab (issue 14)', () =>
    appliesTheRecommendedThreshold(sample));

  it('renders names, notes and file names written as HTML as text, and no script runs', () =>
    rendersHtmlAsText(sample));

  it('had no script error and no Content-Security-Policy violation on the way', () => {
    const { problems } = sample;
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!chromiumPath)('the dashboard with 10,000 pending invitations', () => {
  const COUNT = 10_000;
  let dash: DashboardServer;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const start = Date.parse('2026-06-01T00:00:00Z');
    const span = Date.parse(NOW) - start;
    const dir = writeExport(tempDir(), {
      invitations: Array.from({ length: COUNT }, (_, i) => ({
        name: `Person ${String(i).padStart(5, '0')} Example-Longname`,
        sentAt: new Date(start + Math.floor((span * i) / COUNT)).toISOString(),
      })),
      connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
    });
    dash = await startDashboard({
      now: NOW,
      dashboardDir: dist,
      seed: (ctx) => importExport(ctx, dir).then(() => {}),
    });
    page = await browser.context.newPage();
    problems = watchProblems(page);
    await page.goto(`${dash.server.origin}/invitations#token=${dash.token}`);
  });

  afterAll(async () => {
    await page?.close();
    await dash?.close();
  });

  it('keeps a few dozen rows in the page however far the list is scrolled', async () => {
    await expect
      .poll(() => page.getByTestId('invitation-total').textContent())
      .toBe('10,000 invitations match');
    const rows = page.getByTestId('invitation-row');
    expect(await rows.count()).toBeLessThan(60);
    expect(await page.locator('.vrow__name').first().textContent()).toBe('Person 00000 Example-Longname');
    await page.getByTestId('invitation-list').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect
      .poll(() => page.locator('.vrow__name').last().textContent())
      .toBe('Person 09999 Example-Longname');
    expect(await rows.count()).toBeLessThan(60);
  });

  it.each([375, 1280])('lays out 10,000 pending at %i px', async (width) => {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    for (const [name, link] of [
      ['overview-10k', 'Overview'],
      ['invitations-10k', 'Invitations'],
      ['withdrawals-10k', 'Withdrawals'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page
        .locator(READY[name.replace('-10k', '') as keyof typeof READY])
        .first()
        .waitFor();
      if (name === 'overview-10k') {
        await page.locator('.chart svg').first().waitFor();
        await page.getByText('Computing…').waitFor({ state: 'detached' });
      }
      expect(await horizontalOverflow(page), `${name} at ${width}px overflows sideways`).toBeLessThanOrEqual(
        0,
      );
      await screenshot(page, name);
    }
    expect(await page.getByTestId('withdrawal-row').count()).toBe(20);
  });

  it('had no script error', () => {
    expect(problems).toEqual([]);
  });
});

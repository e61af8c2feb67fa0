import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTemplate, getPlan, importExport, importTargets } from '../../src/app/index.ts';
import { tempDir, writeExport } from '../../src/app/testing/fixtures.ts';
import { DEMO_TEMPLATE } from '../../src/cli/commands/demo.ts';
import { cli } from '../../src/cli/testing.ts';
import {
  announceSkip,
  buildDashboardForTests,
  type DashboardServer,
  findChromium,
  horizontalOverflow,
  launchBrowser,
  PACKAGE_ROOT,
  screenshot,
  startDashboard,
  watchProblems,
} from './harness.ts';

/**
 * The dashboard in a real Chromium over the sample data: the health cards agree with `status --json`,
 * three withdrawals are worked through with the keyboard, a second export is imported by dropping it
 * on the page, an over-long note is linted, and a name written as HTML stays text. Screenshots of
 * every page at phone and desktop width go to .tmp/screenshots/.
 */

// Browser globals for the functions passed to page.evaluate (module-local: Node code cannot use them).
declare const DataTransfer: new () => { items: { add(file: File): void } };

const chromiumPath = findChromium();
if (!chromiumPath) announceSkip();

const EXAMPLES = path.join(PACKAGE_ROOT, 'examples');
const HISTORY = path.join(EXAMPLES, 'history');
/** The morning after the sample's last export, as `npm run demo` sets it. */
const NOW = '2026-11-21T08:30:00.000Z';
/** What shows that a page has its data (a screenshot before it would show "Loading…"). */
const READY = {
  overview: '[data-testid=card-risk-value]',
  withdrawals: '[data-testid=withdrawal-row]',
  invitations: '.vrow__name',
  targets: '[data-testid=target-list]',
  import: '[data-testid=dropzone]',
} as const;
const XSS_NAME = '<img src=x onerror=alert(1)>';
const XSS_FLAG_NAME = '<img src=x onerror="window.__xssRan=true">';

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
  let dash: DashboardServer;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    // Every monthly export but the latest: the latest is the "second export" the member uploads.
    dash = await startDashboard({
      now: NOW,
      dashboardDir: dist,
      seed: async (ctx) => {
        for (const f of fs.readdirSync(HISTORY).sort()) await importExport(ctx, path.join(HISTORY, f));
        // The demo's targets and note template, so the sending side has something to show.
        await importTargets(ctx, path.join(EXAMPLES, 'targets.csv'));
        await addTemplate(ctx, { ...DEMO_TEMPLATE, makeDefault: true });
      },
    });
    page = await browser.context.newPage();
    problems = watchProblems(page);
    await page.goto(dash.server.url);
  });

  afterAll(async () => {
    await page?.close();
    await dash?.close();
  });

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

  it('takes the token from the link, hides it from the address bar, and shows the same health as status --json', async () => {
    await page.getByTestId('card-pending-value').waitFor();
    expect(page.url()).not.toContain('token');
    const s = await expectCardsToMatchStatusJson();
    expect(s.pending.count).toBeGreaterThan(0);
  });

  it('imports a second export dropped on the page, with progress and the report; the cards follow', async () => {
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
  });

  it('works through three withdrawals with the keyboard, in the plan’s order', async () => {
    const before = await getPlan({ ...dash.ctx });
    const expected = before.withdrawals.slice(0, 3).map((w) => w.name);
    expect(expected).toHaveLength(3);

    await page.getByRole('link', { name: 'Withdrawals' }).click();
    await page.getByTestId('withdrawal-row').first().waitFor();
    const names = await page.locator('.withdrawal__name').allTextContents();
    expect(names).toEqual(before.withdrawals.map((w) => w.name));
    expect(await page.getByTestId('withdrawal-counter').textContent()).toContain(
      `0 / ${before.details.withdrawal.cap}`,
    );

    // j and k move the selection; o opens the selected profile in a new tab.
    await page.keyboard.press('j');
    await expect
      .poll(() => page.locator('.withdrawal--selected .withdrawal__name').textContent())
      .toBe(names[1]);
    await page.keyboard.press('k');
    await expect
      .poll(() => page.locator('.withdrawal--selected .withdrawal__name').textContent())
      .toBe(names[0]);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('o')]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(before.withdrawals[0]!.profileUrl);
    await popup.close();
    await page.bringToFront();

    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press('w');
      await expect.poll(() => page.getByTestId('withdrawal-counter').textContent()).toContain(`${i} / 20`);
      await expect
        .poll(() => page.locator('.withdrawal--selected .withdrawal__name').textContent())
        .toBe(names[i]);
    }
    const done = await page
      .locator('[data-testid=withdrawal-row][data-done=true] .withdrawal__name')
      .allTextContents();
    expect(done).toEqual(expected);

    // Recorded for real: the CLI sees them withdrawn and today's plan moves on.
    const plan = (await cli(['plan', '--json', '--db', dash.db, '--now', NOW])).json<{
      withdrawals: { name: string }[];
    }>();
    expect(plan.withdrawals.map((w) => w.name)).toEqual(before.withdrawals.slice(3).map((w) => w.name));
  });

  it('takes a mark back with the Undo of its toast (issue 14)', async () => {
    const pending = async () =>
      (await cli(['status', '--json', '--db', dash.db, '--now', NOW])).json<{ pending: { count: number } }>()
        .pending.count;
    const before = await pending();
    await page.getByRole('link', { name: 'Withdrawals', exact: true }).click();
    // the first row not marked yet (an earlier test marked some)
    const row = page
      .getByTestId('withdrawal-row')
      .filter({ hasNot: page.getByRole('button', { name: 'Withdrawn ✓' }) })
      .first();
    await row.waitFor();
    const name = (await row.locator('.withdrawal__name, strong, h3').first().textContent()) ?? '';
    await row.getByRole('button', { name: /^Withdrawn/ }).click();
    const toast = page.getByTestId('undo-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('recorded as withdrawn');
    expect(await pending()).toBe(before - 1);
    await toast.getByTestId('undo').click();
    await expect.poll(() => toast.textContent()).toContain('Undone');
    expect(await pending()).toBe(before);
    // the row can be marked again
    await expect
      .poll(() =>
        page
          .getByTestId('withdrawal-row')
          .filter({ hasText: name.trim() })
          .getByRole('button', { name: /^Withdrawn/ })
          .isEnabled(),
      )
      .toBe(true);
    await toast.getByRole('button', { name: 'Close' }).click();
  });

  it('counts a note against the tier’s limit as it is typed and shows the same lint as the CLI', async () => {
    await page.getByRole('link', { name: 'Targets & notes' }).click();
    const box = page.getByLabel('Note or template');
    await box.fill('Hi Jane, great to meet you at the Lisbon meetup.');
    await expect.poll(() => page.getByTestId('note-count').textContent()).toBe('48 / 200');
    expect(await page.getByTestId('note-lint').textContent()).not.toContain('Error');

    const long =
      `Hi Jane, ${'I really enjoyed our conversation about distributed systems. '.repeat(4)}`.trim();
    await box.fill(long);
    await expect.poll(() => page.getByTestId('note-count').textContent()).toBe(`${long.length} / 200`);
    expect(await page.getByTestId('note-count').getAttribute('class')).toContain('over');
    const tooLong = page.locator('[data-testid=note-lint] [data-code=TOO_LONG]');
    expect(await tooLong.textContent()).toContain(
      `${long.length} characters, over the 200 a free account allows`,
    );
    expect(await box.getAttribute('aria-invalid')).toBe('true');

    await box.fill("I'd like to add you to my professional network on LinkedIn.");
    await page.locator('[data-testid=note-lint] [data-code=GENERIC_NOTE]').waitFor();
  });

  it('lists today’s sends with their notes and records one as sent', async () => {
    const before = await getPlan(dash.ctx);
    expect(before.sends.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Targets & notes' }).click();
    const queue = page.getByTestId('send-queue');
    await expect
      .poll(() => queue.locator('.queue__name').allTextContents())
      .toEqual(before.sends.map((x) => x.name));
    const first = before.sends[0]!;
    if (first.note) expect(await queue.locator('.queue__note').first().textContent()).toContain(first.note);
    await queue.getByRole('button', { name: `Sent to ${first.name}` }).click();
    await page.getByRole('status').filter({ hasText: 'recorded as sent' }).waitFor();
    const after = (await cli(['plan', '--json', '--db', dash.db, '--now', NOW])).json<{
      sends: { name: string }[];
    }>();
    expect(after.sends.map((x) => x.name)).not.toContain(first.name);
    expect(await page.getByTestId('target-list').locator('.target').count()).toBeGreaterThan(10);
  });

  it('copies a planned note in one click, shows times in the account’s zone, and one notes-left figure (issue 14)', async () => {
    const origin = new URL(dash.server.url).origin;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const set = async (...args: string[]) =>
      expect((await cli(['config', ...args, '--db', dash.db, '--now', NOW])).code).toBe(0);
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect.poll(() => cardValue('notes')).not.toBe('…');
    const notesLeft = await cardValue('notes');
    await page.getByRole('link', { name: 'Targets & notes' }).click();
    const queue = page.getByTestId('send-queue');
    await queue.locator('.queue__who').first().waitFor();
    // the Targets page's notes figure is the Overview's
    expect(await page.locator('#sends-title + span').textContent()).toContain(`${notesLeft} notes left`);
    // notes unlimited (premium), so that the plan's sends carry them
    await set('set', 'accountTier', 'premium');
    await set('set', 'timezone', 'Europe/Berlin');
    try {
      await page.reload();
      await queue.locator('.queue__who').first().waitFor();
      const plan = await getPlan(dash.ctx);
      const withNote = plan.sends.find((x) => x.note !== null)!;
      expect(withNote).toBeDefined();
      const copy = queue.locator('.queue__item', { hasText: withNote.name }).getByTestId('copy-note');
      await queue.getByRole('button', { name: `Copy note for ${withNote.name}` }).click();
      await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(withNote.note);
      await expect.poll(() => copy.textContent()).toContain('Copied ✓');
      // times in the account's zone: Berlin's once it is set (the sample's is UTC)
      expect(await queue.locator('.queue__who .muted').first().textContent()).toMatch(/\d{2}:\d{2} CET/);
    } finally {
      await set('unset', 'accountTier');
      await set('unset', 'timezone');
      await page.reload();
    }
    await expect
      .poll(() => queue.locator('.queue__who .muted').first().textContent())
      .toMatch(/\d{2}:\d{2} UTC/);
  });

  it('shows the trend and the send-time map, and downloads any list as CSV (issue 14)', async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    const report = (await cli(['report', '--json', '--db', dash.db, '--now', NOW])).json<{
      acceptance: { byWeekdayHour: Array<{ key: string; maturedSent: number }> };
      whatIf: Array<{ isBase: boolean; replay: { weeks: unknown[] } }>;
    }>();
    // one dot per week of the actual history
    await expect
      .poll(() => page.locator('[aria-labelledby=trend-title] .chart__dot').count())
      .toBe(report.whatIf.find((w) => w.isBase)!.replay.weeks.length);
    // 7 × 24 cells, shaded where enough invitations went out at that hour
    const cells = page.locator('[aria-labelledby=heat-title] .heat__cell');
    await expect.poll(() => cells.count()).toBe(168);
    const rated = report.acceptance.byWeekdayHour.filter((c) => c.key !== 'unknown' && c.maturedSent >= 5);
    expect(await page.locator('.heat__cell:not(.heat__cell--none):not(.heat__cell--few)').count()).toBe(
      rated.length,
    );

    await page.getByRole('link', { name: 'Invitations', exact: true }).click();
    await expect.poll(() => page.getByTestId('invitation-total').textContent()).toMatch(/^\d/);
    const total = Number(
      ((await page.getByTestId('invitation-total').textContent()) ?? '').replace(/\D/g, ''),
    );
    await expect.poll(async () => page.getByTestId('csv-invitations').isEnabled()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-invitations').click(),
    ]);
    const file = await download.path();
    const lines = fs
      .readFileSync(file!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('name,profileUrl,status,sentAt,ageDays,stale,statusAt,cooldownUntil,note,source');
    expect(lines.length - 1).toBe(total);
  });

  it.each([375, 1280])(
    'lays every page out at %i px without anything sticking out; screenshots saved',
    async (width) => {
      await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
      for (const [name, link] of [
        ['overview', 'Overview'],
        ['withdrawals', 'Withdrawals'],
        ['invitations', 'Invitations'],
        ['targets', 'Targets & notes'],
        ['import', 'Import'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.locator(READY[name]).first().waitFor();
        if (name === 'invitations') {
          await page.getByLabel('Name').fill('');
          await page.getByTestId('invitation-row').first().waitFor();
        }
        if (name === 'overview') {
          // all five charts: ages, acceptance by week, pending over time, the send-time map, time to accept
          await expect.poll(() => page.locator('.chart svg').count()).toBe(5);
        }
        if (name === 'targets') {
          await page
            .getByLabel('Note or template')
            .fill(`Hi {firstName}, ${'loved your talk on rolling quotas at {company}. '.repeat(6)}`);
          await page.locator('[data-testid=note-lint] [data-code=TOO_LONG]').waitFor();
        }
        expect(
          await horizontalOverflow(page),
          `${name} at ${width}px overflows sideways`,
        ).toBeLessThanOrEqual(0);
        // a page offers buttons and links, not command lines to type (issue 14)
        expect(await page.locator('main').innerText(), `${name} shows a command line`).not.toMatch(
          /invitekeeper (plan|config|sent|import|withdrawn|report|targets)/,
        );
        if (name === 'overview') {
          // the marks of the time-to-accept chart do not write over each other
          const boxes = await page
            .locator('[aria-labelledby=tta-title] .chart__mark text')
            .evaluateAll((els) =>
              els.map((e) => {
                const b = (
                  e as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }
                ).getBBox();
                return { x: b.x, y: b.y, width: b.width, height: b.height };
              }),
            );
          for (let i = 1; i < boxes.length; i++) {
            const [a, b] = [boxes[i - 1]!, boxes[i]!];
            const apart =
              a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            expect(apart, `time-to-accept labels overlap at ${width}px: ${JSON.stringify(boxes)}`).toBe(true);
          }
        }
        await screenshot(page, name);
      }
    },
  );

  it('applies the recommended threshold with a button, and takes a token link pasted into the open tab (issue 14)', async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    const before = (
      await cli(['config', 'get', 'staleAfterDays', '--json', '--db', dash.db, '--now', NOW])
    ).json<{
      settings: Array<{ value: number }>;
    }>().settings[0]!.value;
    const button = page.getByTestId('apply-recommended');
    await button.waitFor();
    const days = Number(((await button.textContent()) ?? '').replace(/\D/g, ''));
    expect(days).not.toBe(before);
    await button.click();
    await page.getByText(`Now ${days} days.`).waitFor();
    const after = (
      await cli(['config', 'get', 'staleAfterDays', '--json', '--db', dash.db, '--now', NOW])
    ).json<{
      settings: Array<{ value: number }>;
    }>().settings[0]!.value;
    expect(after).toBe(days);
    expect(
      (await cli(['config', 'set', 'staleAfterDays', String(before), '--db', dash.db, '--now', NOW])).code,
    ).toBe(0);

    // a new tab without the token asks for it; pasting the link into the address bar is enough
    const tab = await browser.context.newPage();
    try {
      await tab.goto(new URL(dash.server.url).origin);
      await tab.getByRole('heading', { name: /with its key/i }).waitFor();
      await tab.goto(dash.server.url);
      await tab.getByTestId('card-pending-value').waitFor();
    } finally {
      await tab.close();
    }
  });

  it('renders names, notes and file names written as HTML as text, and no script runs', async () => {
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
  });

  it('had no script error and no Content-Security-Policy violation on the way', () => {
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../scripts/build-extension.ts';
import { type AppContext, importExport, listInvitationsPage, recordSend } from '../../src/app/index.ts';
import { tempDir, writeExport } from '../../src/app/testing/fixtures.ts';
import { cli } from '../../src/cli/testing.ts';
import {
  announceSkip,
  type DashboardServer,
  findChromium,
  horizontalOverflow,
  SCREENSHOT_DIR,
  startDashboard,
  watchProblems,
} from './harness.ts';
import {
  type FixtureLanguage,
  type FixtureLayout,
  type FixturePerson,
  renderSentPage,
} from './sent-page-fixture.ts';

/**
 * The Sent-page companion, unpacked in Debian's Chromium (headless, which loads extensions), on
 * synthetic Sent pages served under the real page's address, with a real server on the loopback:
 * the rows get the plan's marks, the panel's counts are `plan --json`'s, a withdrawal the member
 * makes with the page's own button and dialog is recorded (and only it), "Load more" extends the
 * snapshot without closing older invitations, a server away or a wrong token is said and changes
 * nothing. All along, the browser is watched: the extension requests nothing from LinkedIn (every
 * linkedin.com request is a page load the test made), talks to 127.0.0.1 only, and the page
 * counts no click the test did not make.
 */

const chromiumPath = findChromium();
if (!chromiumPath) announceSkip();

const NOW = '2026-11-21T08:30:00.000Z';
const SENT_URL = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
const DAY = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 12;

const FIRST = ['Amara', 'Bastien', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiroshi', 'Ines', 'Jonas'];
const LAST = ['Okafor-Lindqvist', 'Brandvold', 'Quispe', 'Ferreira-Nakamura', 'Holloway', 'Zielińska'];
/** Ages in days of the pending invitations, newest first: 8 fresh, 26 stale (20 planned today, 6 later). */
const AGES = [
  0.2, 1, 3, 5, 8, 10, 12, 13, 15, 16, 18, 20, 22, 25, 27, 29, 33, 38, 41, 45, 50, 55, 60, 64, 70, 77, 85, 92,
  100, 110, 125, 140, 150, 165,
];

/** The made-up people whose invitations are pending, newest first (the page's order). */
const PEOPLE: FixturePerson[] = AGES.map((age, i) => {
  const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}${i >= FIRST.length ? ` ${String.fromCharCode(65 + Math.floor(i / FIRST.length))}.` : ''}`;
  return {
    name,
    slug: `${name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z ]/g, '')
      .trim()
      .replace(/\s+/g, '-')}-${(i * 7919).toString(36)}`,
    headline: [
      'Head of Growth at Northwind Labs',
      'Staff Engineer · Platform',
      'Talent Partner | hiring in Lisbon',
    ][i % 3]!,
    sentAt: new Date(Date.parse(NOW) - age * DAY).toISOString(),
  };
});
/** Pending in the ledger but gone from the page (withdrawn on LinkedIn, never recorded), 9 days old. */
const GHOST = { name: 'Quentin Marlowe-Achebe', slug: 'quentin-marlowe-achebe-q9', sentAt: iso(9) };

function iso(daysAgo: number): string {
  return new Date(Date.parse(NOW) - daysAgo * DAY).toISOString();
}

/** An export: the pending invitations, the ghost, and three that were accepted (so withdrawals are planned). */
async function seed(ctx: AppContext): Promise<void> {
  const accepted = [
    { name: 'Rosalind Achterberg', slug: 'rosalind-achterberg-r1', sent: 90, connected: 85 },
    { name: 'Soren Ekwueme', slug: 'soren-ekwueme-s2', sent: 60, connected: 58 },
    { name: 'Talia Brennan-Osei', slug: 'talia-brennan-osei-t3', sent: 30, connected: 27 },
  ];
  const dir = writeExport(tempDir(), {
    invitations: [
      ...PEOPLE.map((p) => ({ name: p.name, slug: p.slug, sentAt: p.sentAt })),
      { name: GHOST.name, slug: GHOST.slug, sentAt: GHOST.sentAt },
      ...accepted.map((a) => ({ name: a.name, slug: a.slug, sentAt: iso(a.sent) })),
    ],
    connections: accepted.map((a) => {
      const [first, ...rest] = a.name.split(' ');
      return { first: first!, last: rest.join(' '), slug: a.slug, connectedOn: iso(a.connected) };
    }),
  });
  // Downloaded an hour before the page is opened: the page is the newer snapshot.
  await importExport(ctx, dir, { asOf: Date.parse(NOW) - 60 * 60 * 1000 });
}

interface Watched {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser made that reached the network layer, with who made it. */
  requests: Array<{
    url: string;
    method: string;
    body: string | null;
    at: number;
    type: string;
    navigation: boolean;
    fromWorker: boolean;
  }>;
  /** Requests to anywhere but LinkedIn and the loopback: refused, and listed here. */
  refused: string[];
  /** The fixture each page path is served (set by the tests). */
  fixture: { html: string };
  close(): Promise<void>;
}

/** Chromium with the unpacked companion, LinkedIn's Sent page routed to the fixture, nothing else reachable. */
async function launchWithExtension(executablePath: string, extensionDir: string): Promise<Watched> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-ext-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    // Playwright's headless is Chromium's new headless, which loads extensions.
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  const watched: Watched = {
    context,
    extensionId: '',
    requests: [],
    refused: [],
    fixture: { html: '' },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  const note = (r: Request) =>
    watched.requests.push({
      url: r.url(),
      type: r.resourceType(),
      navigation: r.isNavigationRequest(),
      fromWorker: r.serviceWorker() !== null,
      method: r.method(),
      body: r.postData(),
      at: Date.now(),
    });
  context.on('request', note);
  await context.route('https://www.linkedin.com/**', (route) => {
    const url = new URL(route.request().url());
    return url.pathname.startsWith('/mynetwork/invitation-manager/sent')
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: watched.fixture.html })
      : route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in the fixture' });
  });
  await context.route(
    (url) =>
      /^https?:$/.test(url.protocol) &&
      !['127.0.0.1', 'localhost'].includes(url.hostname) &&
      url.hostname !== 'www.linkedin.com',
    (route) => {
      watched.refused.push(route.request().url());
      return route.abort();
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  watched.extensionId = new URL(worker.url()).host;
  return watched;
}

// Browser globals for the functions passed to page.evaluate (module-local: Node code cannot use them).
declare const document: {
  querySelectorAll(s: string): ArrayLike<{
    shadowRoot: { querySelector(s: string): { textContent: string | null } | null } | null;
    getAttribute(n: string): string | null;
    closest(
      s: string,
    ): { querySelector(s: string): { getAttribute(n: string): string | null } | null } | null;
  }>;
};
declare const localStorage: { [key: string]: string };
declare const window: {
  __fixture: { clicks: { trusted: number; untrusted: string[] }; withdrawn: string[] };
};

interface PlanJson {
  withdrawals: Array<{ name: string; profileUrl: string; ageDays: number }>;
  withdrawalsDeferred: number;
}

async function planJson(db: string): Promise<PlanJson> {
  const res = await cli(['plan', '--json', '--db', db, '--now', NOW]);
  expect(res.code, res.stderr).toBe(0);
  return res.json<PlanJson>();
}

async function ledger(ctx: AppContext, status: 'pending' | 'withdrawn' | 'closed') {
  const page = await listInvitationsPage(ctx, { status: [status], limit: 500, offset: 0 });
  return page.invitations;
}

const slugOf = (href: string | null) => /\/in\/([^/?#]+)/.exec(href ?? '')?.[1] ?? '';
const personOf = (slug: string) => PEOPLE.find((p) => p.slug === slug)!;

/** The marks on the page: the row's profile slug and the mark's text, in page order. */
async function marks(page: Page): Promise<Array<{ slug: string; text: string; kind: string }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('invitekeeper-mark')).map((m) => ({
      slug:
        /\/in\/([^/?#]+)/.exec(
          m.closest('li')?.querySelector('a[href*="/in/"]')?.getAttribute('href') ?? '',
        )?.[1] ?? '',
      text: m.shadowRoot?.querySelector('.text')?.textContent ?? '',
      kind: m.getAttribute('data-kind') ?? '',
    })),
  );
}

/** What each row's mark must say, from `plan --json` and the ledger's ages. */
async function expectedMarks(
  dash: DashboardServer,
  slugs: string[],
  withdrawnToday: number,
): Promise<string[]> {
  const plan = await planJson(dash.db);
  const ages = new Map((await ledger(dash.ctx, 'pending')).map((i) => [slugOf(i.profileUrl), i.ageDays]));
  return slugs.map((slug) => {
    const at = plan.withdrawals.findIndex((w) => slugOf(w.profileUrl) === slug);
    if (at >= 0) return `withdraw today, ${withdrawnToday + at + 1} of 20`;
    const age = ages.get(slug);
    if (age === undefined) throw new Error(`${slug} is not pending`);
    if (age >= 14) return "stale: a later day, today's cap is reached";
    return `keep: ${age === 0 ? 'less than a day' : `${age} day${age === 1 ? '' : 's'}`} old, stale at 14`;
  });
}

async function panelFigures(page: Page): Promise<{ done: number; left: number; later: number }> {
  const read = async (role: string) =>
    Number(await page.locator(`invitekeeper-panel [data-role=${role}]`).textContent());
  return { done: await read('done'), left: await read('left'), later: await read('later') };
}

/** Saves what the member sees as .tmp/screenshots/<name>-1280.png. */
async function screenshotPage(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1280.png`) });
}

const panelText = (page: Page, role: string) =>
  page.locator(`invitekeeper-panel [data-role=${role}]`).textContent();

describe.skipIf(!chromiumPath)('the Sent-page companion in Chromium', () => {
  let extensionDir: string;
  let browser: Watched;
  /** Page loads the tests made of LinkedIn addresses, and clicks they made on LinkedIn pages. */
  let navigations = 0;
  let clicks = 0;
  const pages: Page[] = [];

  beforeAll(async () => {
    extensionDir = (await buildExtension(fs.mkdtempSync(path.join(os.tmpdir(), 'ik-ext-')), null)).dir;
    browser = await launchWithExtension(chromiumPath!, extensionDir);
  });

  afterAll(async () => {
    await browser?.close();
    if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
  });

  async function pair(link: string): Promise<string> {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Dashboard link').fill(link);
    await options.getByRole('button', { name: 'Pair', exact: true }).click();
    const result = options.locator('#result[data-tone]');
    await result.waitFor();
    const said = (await result.textContent()) ?? '';
    await options.close();
    return said;
  }

  /** Each Sent page's problems (script errors, the companion's included), watched from before its load. */
  const problems = new Map<Page, string[]>();

  async function openSentPage(fixture: Parameters<typeof renderSentPage>[0]): Promise<Page> {
    browser.fixture.html = renderSentPage(fixture);
    const page = await browser.context.newPage();
    pages.push(page);
    problems.set(page, watchProblems(page));
    navigations++;
    await page.goto(SENT_URL);
    return page;
  }

  /** A click by the test, through the browser's input (a trusted click, as a person's). */
  async function click(locator: ReturnType<Page['locator']>): Promise<void> {
    clicks++;
    await locator.click();
  }

  /** Clicks the row's own Withdraw control, as the member does; returns the row and the dialog it opens. */
  async function openWithdrawDialog(page: Page, person: FixturePerson, label: string) {
    const row = page.locator('li', { has: page.locator(`a[href*="/in/${person.slug}/"]`) }).first();
    await click(row.getByRole('button', { name: label }));
    const dialog = page.locator('[role=dialog], [role=alertdialog]');
    await dialog.waitFor();
    return { row, dialog };
  }

  it('is loaded by Chromium from the unpacked build', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  });

  describe('on the current layout, in English', () => {
    let dash: DashboardServer;
    let page: Page;

    beforeAll(async () => {
      dash = await startDashboard({ now: NOW, dashboardDir: null, seed });
      expect(await pair(dash.server.url)).toContain('Paired');
      page = await openSentPage({
        layout: 'current',
        lang: 'en',
        people: PEOPLE,
        pageSize: PAGE_SIZE,
        now: NOW,
      });
    });

    afterAll(async () => {
      await dash?.close();
    });

    it('syncs the loaded rows, closing only the missing invitation newer than the oldest row shown', async () => {
      await expect.poll(() => panelText(page, 'sync'), { timeout: 15_000 }).toContain('Synced 12 of 34 rows');
      const closed = await ledger(dash.ctx, 'closed');
      expect(closed.map((i) => i.name)).toEqual([GHOST.name]);
      // Every other invitation is still pending, the 22 the page has not loaded yet included.
      expect((await ledger(dash.ctx, 'pending')).length).toBe(PEOPLE.length);
    });

    it('marks each row with the plan’s verdict, and the panel shows plan --json’s counts', async () => {
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
      await click(page.locator('invitekeeper-panel [data-role=next]'));
      await expect.poll(() => panelText(page, 'message')).toContain('further down');
    });

    it('extends the snapshot after “Load more” without closing older invitations', async () => {
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

    it('opens the dashboard in a new tab, the token in its link and never in the LinkedIn page', async () => {
      const [tab] = await Promise.all([
        browser.context.waitForEvent('page'),
        click(page.locator('invitekeeper-panel [data-role=dashboard]')),
      ]);
      await tab.waitForLoadState();
      expect(tab.url()).toBe(dash.server.url);
      await tab.close();
      expect(await page.content()).not.toContain(dash.token);
      expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage)))).not.toContain(
        dash.token,
      );
    });

    it('records exactly the withdrawal the member makes with LinkedIn’s button and confirm', async () => {
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

    it('had no script error on the page', () => {
      expect(problems.get(page)).toEqual([]);
    });
  });

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

  it('requested nothing from LinkedIn but the test’s own page loads, talked to 127.0.0.1 only, and clicked nothing', async () => {
    const linkedin = browser.requests.filter((r) => new URL(r.url).hostname.endsWith('linkedin.com'));
    expect(linkedin.length).toBe(navigations);
    for (const r of linkedin) expect(r, r.url).toMatchObject({ navigation: true, type: 'document' });
    const fromWorker = browser.requests.filter((r) => r.fromWorker);
    expect(fromWorker.length).toBeGreaterThan(0);
    for (const r of fromWorker) expect(new URL(r.url).hostname, r.url).toBe('127.0.0.1');
    expect(browser.refused).toEqual([]);
    // Syncs: to each server, at most one every 5 seconds, and never the same snapshot twice in a row.
    const syncs = new Map<string, Array<{ at: number; body: string | null }>>();
    for (const r of fromWorker) {
      const url = new URL(r.url);
      if (r.method !== 'POST' || url.pathname !== '/api/import/sent-page') continue;
      syncs.set(url.origin, [...(syncs.get(url.origin) ?? []), { at: r.at, body: r.body }]);
    }
    expect(Math.max(...[...syncs.values()].map((l) => l.length))).toBeGreaterThanOrEqual(3);
    for (const list of syncs.values()) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(4_900);
        expect(list[i]!.body).not.toBe(list[i - 1]!.body);
      }
    }
    for (const [p, said] of problems) expect(said, p.url()).toEqual([]);
    let trusted = 0;
    for (const p of pages) {
      if (p.isClosed()) continue;
      const counted = await p.evaluate(() => window.__fixture.clicks);
      expect(counted.untrusted).toEqual([]);
      trusted += counted.trusted;
    }
    expect(trusted).toBe(clicks);
  });
});

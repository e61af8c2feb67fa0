import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type AppContext, importExport, listInvitationsPage } from '../../src/app/index.ts';
import { tempDir, writeExport } from '../../src/app/testing/fixtures.ts';
import { cli } from '../../src/cli/testing.ts';
import { type DashboardServer, SCREENSHOT_DIR } from './harness.ts';
import type { FixturePerson } from './sent-page-fixture.ts';

/**
 * What the companion's browser tests share: the made-up people of the synthetic Sent pages and the
 * export they are seeded from, and the readers of what the page, the panel, the plan and the ledger say.
 */

export const NOW = '2026-11-21T08:30:00.000Z';
export const SENT_URL = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
export const DAY = 24 * 60 * 60 * 1000;
export const PAGE_SIZE = 12;

export const FIRST = [
  'Amara',
  'Bastien',
  'Chiara',
  'Dmitri',
  'Elif',
  'Farid',
  'Greta',
  'Hiroshi',
  'Ines',
  'Jonas',
];
export const LAST = ['Okafor-Lindqvist', 'Brandvold', 'Quispe', 'Ferreira-Nakamura', 'Holloway', 'Zielińska'];
/** Ages in days of the pending invitations, newest first: 8 fresh, 26 stale (20 planned today, 6 later). */
export const AGES = [
  0.2, 1, 3, 5, 8, 10, 12, 13, 15, 16, 18, 20, 22, 25, 27, 29, 33, 38, 41, 45, 50, 55, 60, 64, 70, 77, 85, 92,
  100, 110, 125, 140, 150, 165,
];

/** The made-up people whose invitations are pending, newest first (the page's order). */
export const PEOPLE: FixturePerson[] = AGES.map((age, i) => {
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
export const GHOST = { name: 'Quentin Marlowe-Achebe', slug: 'quentin-marlowe-achebe-q9', sentAt: iso(9) };

export function iso(daysAgo: number): string {
  return new Date(Date.parse(NOW) - daysAgo * DAY).toISOString();
}

/** An export: the pending invitations, the ghost, and three that were accepted (so withdrawals are planned). */
export async function seed(ctx: AppContext): Promise<void> {
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

export interface PlanJson {
  withdrawals: Array<{ name: string; profileUrl: string; ageDays: number }>;
  withdrawalsDeferred: number;
}

export async function planJson(db: string): Promise<PlanJson> {
  const res = await cli(['plan', '--json', '--db', db, '--now', NOW]);
  expect(res.code, res.stderr).toBe(0);
  return res.json<PlanJson>();
}

export async function ledger(ctx: AppContext, status: 'pending' | 'withdrawn' | 'closed') {
  const page = await listInvitationsPage(ctx, { status: [status], limit: 500, offset: 0 });
  return page.invitations;
}

export const slugOf = (href: string | null) => /\/in\/([^/?#]+)/.exec(href ?? '')?.[1] ?? '';
export const personOf = (slug: string) => PEOPLE.find((p) => p.slug === slug)!;

/** The marks on the page: the row's profile slug and the mark's text, in page order. */
export async function marks(page: Page): Promise<Array<{ slug: string; text: string; kind: string }>> {
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
export async function expectedMarks(
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

export async function panelFigures(page: Page): Promise<{ done: number; left: number; later: number }> {
  const read = async (role: string) =>
    Number(await page.locator(`invitekeeper-panel [data-role=${role}]`).textContent());
  return { done: await read('done'), left: await read('left'), later: await read('later') };
}

/** Saves what the member sees as .tmp/screenshots/<name>-1280.png. */
export async function screenshotPage(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1280.png`) });
}

export const panelText = (page: Page, role: string) =>
  page.locator(`invitekeeper-panel [data-role=${role}]`).textContent();

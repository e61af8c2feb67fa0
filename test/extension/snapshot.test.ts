import { afterEach, describe, expect, it } from 'vitest';
import { readAge } from '../../extension/src/ages.ts';
import { type SentRow, snapshotHtml } from '../../extension/src/snapshot.ts';
import { listInvitationsPage } from '../../src/app/index.ts';
import { createTestServer, type TestServer } from '../../src/server/testing.ts';
import { parseSentPageHtml } from '../../src/sources/index.ts';

/**
 * What the companion sends is a Sent page the server's own reader reads back to the same rows, and
 * imports through the same route as a pasted page: a truncated snapshot closes only what is newer
 * than its oldest row, and a row whose age could not be read protects its person instead of
 * vanishing.
 */

const NOW = '2026-11-21T08:30:00Z';
const DAY = 24 * 60 * 60 * 1000;

function row(name: string, slug: string, ageText: string, headline: string | null = 'Engineer'): SentRow {
  return {
    name,
    profileUrl: `https://www.linkedin.com/in/${slug}`,
    headline,
    ageText,
    age: readAge(ageText, ageText.startsWith('Sent') ? 'en' : 'fr'),
  };
}

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(): Promise<TestServer> {
  const s = await createTestServer({ now: NOW });
  servers.push(s);
  return s;
}

async function importPage(s: TestServer, html: string, skipBadRows = false) {
  const res = await s.request('/api/import/sent-page', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: html, ...(skipBadRows ? { skipBadRows } : {}) }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function pending(s: TestServer): Promise<string[]> {
  const page = await listInvitationsPage(s.ctx, { status: ['pending'], limit: 100, offset: 0 });
  return page.invitations.map((i) => i.name).sort();
}

describe('the snapshot the companion sends', () => {
  it('reads back, on the server, as the rows it was made of (names as text, French ages in English)', () => {
    const rows = [
      row('Amara <b>Okafor</b>', 'amara-okafor', 'Sent today', 'Head of "Growth" & more'),
      row('Élodie Brandvold', 'élodie-brandvold', 'Envoyée il y a 3\u00a0semaines'),
      row('No Headline', 'no-headline', 'Sent 2 months ago', null),
    ];
    const page = parseSentPageHtml(
      snapshotHtml({ rows, truncated: true, total: 1100 }),
      Date.parse(NOW),
      'x',
    );
    expect(page.errors).toEqual([]);
    expect(page.truncated).toBe(true);
    expect(page.rows.map((r) => [r.name, r.profileUrl, r.headline, r.ageText])).toEqual([
      [
        'Amara <b>Okafor</b>',
        'https://www.linkedin.com/in/amara-okafor',
        'Head of "Growth" & more',
        'Sent today',
      ],
      [
        'Élodie Brandvold',
        'https://www.linkedin.com/in/%C3%A9lodie-brandvold',
        'Engineer',
        'Sent 3 weeks ago',
      ],
      ['No Headline', 'https://www.linkedin.com/in/no-headline', null, 'Sent 2 months ago'],
    ]);
    expect((Date.parse(NOW) - page.rows[1]!.sentAtLatest) / DAY).toBe(21);
  });

  it('closes, when truncated, only what is newer than its oldest row; complete, what it does not list', async () => {
    const s = await server();
    const all = [
      row('Ada Newest', 'ada-newest', 'Sent 2 days ago'),
      row('Bo Gone', 'bo-gone', 'Sent 4 days ago'),
      row('Cy Middle', 'cy-middle', 'Sent 1 week ago'),
      row('Di Old', 'di-old', 'Sent 3 weeks ago'),
      row('Ed Oldest', 'ed-oldest', 'Sent 2 months ago'),
    ];
    const first = await importPage(s, snapshotHtml({ rows: all, truncated: false, total: 5 }));
    expect(first.invitations.new).toBe(5);
    // Bo was withdrawn on LinkedIn; the page shows the newest rows, then "Load more".
    const shown = [all[0]!, all[2]!];
    const second = await importPage(s, snapshotHtml({ rows: shown, truncated: true, total: 4 }));
    expect(second.transitions.closed).toBe(1);
    expect(await pending(s)).toEqual(['Ada Newest', 'Cy Middle', 'Di Old', 'Ed Oldest']);
    // The same page again changes nothing.
    const again = await importPage(s, snapshotHtml({ rows: shown, truncated: true, total: 4 }));
    expect(again.transitions.closed).toBe(0);
    expect(again.invitations.new).toBe(0);
    // Complete (all loaded, as many as the tab's total): what it does not list is closed.
    const complete = await importPage(
      s,
      snapshotHtml({ rows: [all[0]!, all[2]!, all[3]!], truncated: false, total: 3 }),
    );
    expect(complete.transitions.closed).toBe(1);
    expect(await pending(s)).toEqual(['Ada Newest', 'Cy Middle', 'Di Old']);
  });

  it('keeps a person whose age could not be read (a row error with skipBadRows), never closing them', async () => {
    const s = await server();
    const rows = [
      row('Ada Newest', 'ada-newest', 'Sent 2 days ago'),
      row('Cy Middle', 'cy-middle', 'Sent 1 week ago'),
    ];
    await importPage(s, snapshotHtml({ rows, truncated: false, total: 2 }));
    const unreadable: SentRow = { ...rows[0]!, ageText: 'Sent some days ago', age: null };
    const report = await importPage(
      s,
      snapshotHtml({ rows: [unreadable, rows[1]!], truncated: false, total: 2 }),
      true,
    );
    expect(report.rowErrors).toHaveLength(1);
    expect(report.rowErrors[0].message).toContain('some days ago');
    expect(report.transitions.closed).toBe(0);
    expect(await pending(s)).toEqual(['Ada Newest', 'Cy Middle']);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { DEFAULT_SETTINGS, isInsideWindow, SKIP_REASONS } from '../core/index.ts';
import { createStore } from '../store/index.ts';
import { cli, PACKAGE_ROOT } from './testing.ts';

const DAY = 86_400_000;
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

/** A small deterministic random source (mulberry32), so the generated files are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ZONES = [
  '',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Asia/Kolkata',
];
const RELATIONS = ['colleague', 'alumni', 'industry-peer', 'other', ''];
const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Barbara',
  'Edsger',
  'Katherine',
  'Linus',
  'Margaret',
  'Dennis',
  'Frances',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Liskov',
  'Dijkstra',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Allen',
];

interface GeneratedTarget {
  name: string;
  profileUrl: string | null;
  timezone: string;
}

/** `count` targets: mixed relations, mutuals, zones (some none), a few at 30,000, a few known by name only. */
function targetsCsv(
  count: number,
  seed: number,
  extra: GeneratedTarget[] = [],
): { csv: string; targets: GeneratedTarget[] } {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const lines = [
    'name,profileUrl,relation,mutualConnections,connectionCount,timezone,tags,company,headline,event',
  ];
  const targets: GeneratedTarget[] = [...extra];
  for (const t of extra) lines.push(`${t.name},${t.profileUrl ?? ''},colleague,5,,${t.timezone},,,,`);
  for (let i = 0; i < count - extra.length; i++) {
    const name = `${pick(FIRST)} ${pick(LAST)} ${i}`;
    const profileUrl = i % 50 === 7 ? null : url(`sim-${i}`);
    const timezone = pick(ZONES);
    const connections = i % 97 === 3 ? '30000' : rnd() < 0.5 ? String(Math.floor(rnd() * 5000)) : '';
    const mutual = rnd() < 0.8 ? String(Math.floor(rnd() * 40)) : '';
    const event = rnd() < 0.7 ? pick(['KubeCon', 'RustConf', 'Web Summit', '"Alumni dinner, October"']) : '';
    lines.push(
      [
        name,
        profileUrl ?? '',
        pick(RELATIONS),
        mutual,
        connections,
        timezone,
        'sim;week',
        pick(['Acme', 'Globex', '']),
        '',
        event,
      ].join(','),
    );
    targets.push({ name, profileUrl, timezone });
  }
  return { csv: `${lines.join('\n')}\n`, targets };
}

interface PlanJson {
  asOf: string;
  withdrawals: unknown[];
  withdrawalsDeferred: number;
  sends: Array<{
    name: string;
    profileUrl: string | null;
    note: string | null;
    sendAfter: string;
    score: number;
  }>;
  skipped: Array<{ name: string; profileUrl: string | null; reason: string; until?: string }>;
}

describe('a week of sending, simulated day by day from the CLI', () => {
  it('never exceeds the rolling weekly or the daily limit, and never sends outside the window', async () => {
    const dir = tempDir('ik-week-');
    const db = path.join(dir, 'week.db');
    const sample = path.join(PACKAGE_ROOT, 'examples', 'linkedin-export.zip');
    let exportPath: string;
    let extra: GeneratedTarget[] = [];
    if (fs.existsSync(sample)) {
      exportPath = sample;
    } else {
      // No bundled sample in this checkout: an export of our own, with sends in the last week that count.
      const invitations = Array.from({ length: 30 }, (_, i) => ({
        name: `Export Person ${i}`,
        slug: `export-${i}`,
        sentAt: new Date(Date.parse('2026-11-20T10:00:00Z') - i * 0.6 * DAY).toISOString(),
      }));
      exportPath = writeExport(path.join(dir, 'export'), {
        invitations,
        connections: [{ first: 'Conn', last: 'Ected', slug: 'connected-one', connectedOn: '2026-05-01' }],
      });
      extra = [
        { name: 'Export Person 3', profileUrl: url('export-3'), timezone: '' },
        { name: 'Conn Ected', profileUrl: url('connected-one'), timezone: 'Europe/Berlin' },
      ];
    }
    const imported = await cli([
      'import',
      exportPath,
      '--db',
      db,
      '--as-of',
      '2026-11-20T17:30:00Z',
      '--json',
    ]);
    expect(imported.code).toBe(0);

    const { csv, targets } = targetsCsv(500, 20261126, extra);
    const csvPath = path.join(dir, 'targets.csv');
    fs.writeFileSync(csvPath, csv);
    const t = await cli([
      'targets',
      'import',
      csvPath,
      '--db',
      db,
      '--now',
      '2026-11-20T18:00:00Z',
      '--json',
    ]);
    expect(t.code).toBe(0);
    expect(t.json<{ targets: { new: number } }>().targets.new).toBe(500);
    const tpl = await cli([
      'templates',
      'add',
      'intro',
      "Hi {firstName}, I saw {company}'s work at {event} and would enjoy comparing notes. Open to connecting?",
      '--db',
      db,
    ]);
    expect(tpl.code).toBe(0);
    // A weekly limit below 5 x the daily one, so that both bind within the week.
    const WEEKLY = 80;
    expect((await cli(['config', 'set', 'weeklyInviteLimit', String(WEEKLY), '--db', db])).code).toBe(0);

    const keyOf = (x: { profileUrl: string | null; name: string }) =>
      x.profileUrl ?? `name:${x.name.toLowerCase()}`;
    const zoneOf = new Map(targets.map((x) => [keyOf(x), x.timezone || 'UTC']));
    const firstMorning = Date.parse('2026-11-21T06:00:00Z');
    const planned = new Set<string>();
    let recorded = 0;
    let superseded = 0;
    const skippedSeen = new Set<string>();
    for (let day = 0; day < 7; day++) {
      const now = firstMorning + day * DAY;
      const next = now + DAY;
      const result = await cli(['plan', '--json', '--now', new Date(now).toISOString(), '--db', db]);
      expect(result.code).toBe(0);
      const plan = result.json<PlanJson>();
      expect(Object.keys(plan)).toEqual([
        'asOf',
        'withdrawals',
        'withdrawalsDeferred',
        'sends',
        'skipped',
        'warnings',
      ]);
      for (const s of plan.sends) {
        expect(Object.keys(s)).toEqual(['name', 'profileUrl', 'note', 'sendAfter', 'score']);
        const key = keyOf(s);
        // Nobody is planned twice: a recorded send makes them pending.
        expect(planned.has(key), `${key} planned again on day ${day}`).toBe(false);
        const at = Date.parse(s.sendAfter);
        expect(at).toBeGreaterThanOrEqual(now);
        expect(isInsideWindow(at, DEFAULT_SETTINGS.sendWindow, zoneOf.get(key)!)).toBe(true);
        if (s.note !== null) expect(s.note.length).toBeLessThanOrEqual(200);
      }
      for (const s of plan.skipped) {
        expect(SKIP_REASONS).toContain(s.reason);
        expect(Object.keys(s)).toEqual(
          s.reason === 'COOLDOWN'
            ? ['name', 'profileUrl', 'reason', 'until']
            : ['name', 'profileUrl', 'reason'],
        );
        skippedSeen.add(s.reason);
        if (planned.has(keyOf(s))) expect(s.reason).toBe('ALREADY_PENDING');
      }
      // The member sends each one at its time; what falls after the next morning's plan is replanned then.
      for (const s of [...plan.sends].sort((a, b) => a.sendAfter.localeCompare(b.sendAfter))) {
        if (Date.parse(s.sendAfter) >= next) {
          superseded++;
          continue;
        }
        const sent = await cli([
          'sent',
          s.profileUrl ?? s.name,
          '--template',
          'intro',
          '--at',
          s.sendAfter,
          '--now',
          s.sendAfter,
          '--db',
          db,
          '--json',
        ]);
        expect(sent.code, sent.stderr).toBe(0);
        expect(sent.json<{ warnings: string[] }>().warnings.filter((w) => /limit/.test(w))).toEqual([]);
        planned.add(keyOf(s));
        recorded++;
      }
    }
    expect(recorded).toBeGreaterThanOrEqual(60);
    expect(recorded).toBeLessThanOrEqual(WEEKLY);
    expect(skippedSeen).toContain('ALREADY_PENDING');
    expect(skippedSeen).toContain('AT_CONNECTION_CAP');
    expect(skippedSeen).toContain('QUOTA');

    // Counted straight from the database: every invitation known, from the export or recorded here.
    const store = await createStore(db);
    try {
      const all = await store.listInvitations(1);
      const manual = all.filter((i) => i.source === 'manual');
      expect(manual).toHaveLength(recorded);
      for (const inv of manual) {
        const t0 = inv.sentAt;
        const week = all.filter((x) => x.sentAt > t0 - 7 * DAY && x.sentAt <= t0).length;
        expect(week, `rolling 7 days at ${new Date(t0).toISOString()}`).toBeLessThanOrEqual(WEEKLY);
        const dayStart = DateTime.fromMillis(t0, { zone: 'UTC' }).startOf('day').toMillis();
        const today = all.filter((x) => x.sentAt >= dayStart && x.sentAt < dayStart + DAY).length;
        expect(today, `day of ${new Date(t0).toISOString()}`).toBeLessThanOrEqual(20);
        expect(isInsideWindow(t0, DEFAULT_SETTINGS.sendWindow, zoneOf.get(inv.personKey)!)).toBe(true);
      }
      // The weekly limit is reached within the week, so the check above means something.
      const peak = Math.max(
        ...manual.map(
          (inv) => all.filter((x) => x.sentAt > inv.sentAt - 7 * DAY && x.sentAt <= inv.sentAt).length,
        ),
      );
      expect(peak).toBe(WEEKLY);
    } finally {
      await store.close();
    }
    // Weekend plans fall on Monday, when a newer plan replaces them.
    expect(superseded).toBeGreaterThan(0);
  });
});

describe('outreach commands end to end', () => {
  const NOW = '2026-11-26T07:00:00Z';
  async function seeded() {
    const db = path.join(tempDir(), 'x.db');
    const exportDir = writeExport(tempDir(), {
      invitations: [
        { name: 'Pending Person', sentAt: '2026-11-20T09:00:00Z' },
        { name: 'Old Person', sentAt: '2026-10-01T09:00:00Z' },
      ],
      connections: [{ first: 'Connected', last: 'Person', connectedOn: '2026-01-10' }],
    });
    expect((await cli(['import', exportDir, '--db', db, '--as-of', '2026-11-25T12:00:00Z'])).code).toBe(0);
    const csv = path.join(tempDir(), 'targets.csv');
    fs.writeFileSync(
      csv,
      `name,profileUrl,relation,mutualConnections,timezone,company,event
Ada Lovelace,${url('ada-lovelace')},colleague,12,Europe/London,Babbage & Co,PyCon
Pending Person,${url('pending-person')},other,1,,,
Connected Person,${url('connected-person')},alumni,2,,,
Old Person,${url('old-person')},other,0,,,
`,
    );
    expect((await cli(['targets', 'import', csv, '--db', db, '--now', NOW])).code).toBe(0);
    return db;
  }

  it('targets, templates, a plan with sends and skip reasons, a refused send, and config', async () => {
    const db = await seeded();
    const g = ['--db', db, '--now', NOW];
    const list = await cli(['targets', 'list', ...g]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Ada Lovelace\s+ready\s+12\s+colleague\s+0 d\s+Europe\/London/);
    expect(list.stdout).toMatch(/Pending Person\s+pending/);

    expect(
      (await cli(['templates', 'add', 'event', 'Hi {firstName}, great to meet you at {event}!', ...g])).code,
    ).toBe(0);
    const lint = await cli(['templates', 'lint', 'event', '--all-targets', '--json', ...g]);
    expect(lint.json<{ errors: number }>().errors).toBe(3);
    // Errors fail the command, as a linter's do; warnings alone do not.
    expect(lint.code).toBe(2);
    const clean = await cli([
      'templates',
      'lint',
      '--text',
      'Hi {firstName}, enjoyed your PyCon talk',
      '--json',
      ...g,
    ]);
    expect(clean.json<{ errors: number }>().errors).toBe(0);
    expect(clean.code).toBe(0);

    const withdrawn = await cli(['withdrawn', url('old-person'), ...g]);
    expect(withdrawn.code).toBe(0);
    const plan = await cli(['plan', '--json', ...g]);
    const p = plan.json<PlanJson>();
    expect(p.sends).toEqual([
      {
        name: 'Ada Lovelace',
        profileUrl: url('ada-lovelace'),
        note: 'Hi Ada, great to meet you at PyCon!',
        sendAfter: '2026-11-26T09:00:00.000Z',
        score: 124_000,
      },
    ]);
    expect(p.skipped).toEqual([
      { name: 'Connected Person', profileUrl: url('connected-person'), reason: 'ALREADY_CONNECTED' },
      // Just withdrawn: in the re-invite cooldown, with the day it ends.
      {
        name: 'Old Person',
        profileUrl: url('old-person'),
        reason: 'COOLDOWN',
        until: '2026-12-17T07:00:00.000Z',
      },
      { name: 'Pending Person', profileUrl: url('pending-person'), reason: 'ALREADY_PENDING' },
    ]);
    const human = await cli(['plan', ...g]);
    expect(human.stdout).toContain('Send today: 1');
    // the member's time, the recipient's, and why the target ranks there, instead of a raw score
    expect(human.stdout).toMatch(
      /Ada Lovelace\s+Thu 26 Nov 09:00\s+Thu 26 Nov 09:00 Europe\/London\s+12 mutual · colleague · added today/,
    );
    // the note in full, under the profile link
    expect(human.stdout).toMatch(
      /1 {2}Ada Lovelace {2}https:\/\/www\.linkedin\.com\/in\/ada-lovelace\n\s+Hi Ada, great to meet you at PyCon!/,
    );
    // On a Sunday night the allowance is free but the windows open on Monday: not "Send today".
    const sunday = await cli(['plan', '--db', db, '--now', '2026-11-29T03:30:00Z']);
    expect(sunday.stdout).not.toContain('Send today');
    expect(sunday.stdout).toContain(
      'Next sends: 1, from Mon 30 Nov 09:00 (none today: the send windows are closed)',
    );
    expect(human.stdout).toContain(
      'Skipped 3 targets: 1 already connected, 1 in the re-invite cooldown, 1 already pending',
    );

    const refused = await cli(['sent', url('old-person'), '--json', ...g]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('allowed from 2026-12-17T07:00:00.000Z');
    expect(refused.json<{ error: { code: string; data: unknown } }>().error).toMatchObject({
      code: 'CONFLICT',
      data: { reason: 'COOLDOWN', until: '2026-12-17T07:00:00.000Z' },
    });

    const sent = await cli([
      'sent',
      url('ada-lovelace'),
      '--template',
      'event',
      '--at',
      '2026-11-26T06:55:00Z',
      '--json',
      ...g,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.json<{ note: string }>().note).toBe('Hi Ada, great to meet you at PyCon!');
    const status = (await cli(['status', '--json', ...g])).json<Record<string, unknown>>();
    expect(status.quota).toEqual({
      weeklyLimit: 100,
      sentLast7Days: 2,
      remaining: 98,
      dailyLimit: 20,
      sentToday: 1,
    });
    expect(status.notes).toEqual({ maxChars: 200, monthlyLimit: 5, usedLast30Days: 1 });
    expect(status.cooldowns).toEqual({ active: 1 });

    expect((await cli(['accepted', url('ada-lovelace'), ...g])).code).toBe(0);
    expect((await cli(['reported', url('pending-person'), ...g])).code).toBe(0);
    const after = (await cli(['plan', '--json', ...g])).json<PlanJson>();
    expect(after.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Ada Lovelace', 'ALREADY_CONNECTED'],
      ['Connected Person', 'ALREADY_CONNECTED'],
      ['Old Person', 'COOLDOWN'],
      ['Pending Person', 'REPORTED'],
    ]);
    expect((await cli(['targets', 'block', url('someone-else'), ...g])).code).toBe(0);
    expect((await cli(['sent', url('someone-else'), ...g])).stderr).toContain('DO_NOT_CONTACT');
  });

  it('config: set, get, list, unset; out-of-range values refused with exit 2 and the range', async () => {
    const db = path.join(tempDir(), 'x.db');
    const set = await cli(['config', 'set', 'weeklyInviteLimit', '150', '--db', db, '--json']);
    expect(set.code).toBe(0);
    expect((await cli(['config', 'get', 'weeklyInviteLimit', '--db', db])).stdout.trim()).toBe(
      '150  (account)',
    );
    for (const value of ['-3', '5000']) {
      const bad = await cli(['config', 'set', 'weeklyInviteLimit', value, '--db', db, '--json']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('0..200');
      expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_SETTING');
    }
    expect((await cli(['config', 'set', 'nonsense', '1', '--db', db])).code).toBe(2);
    const list = await cli(['config', 'list', '--db', db]);
    expect(list.stdout).toMatch(/weeklyInviteLimit\s+150\s+account\s+invitations per rolling 7 days/);
    expect(list.stdout).toMatch(/sendWindow\s+Mon-Fri 09:00-17:00\s+default/);
    expect((await cli(['config', 'unset', 'weeklyInviteLimit', '--db', db])).code).toBe(0);
    const all = (await cli(['config', 'get', '--db', db, '--json'])).json<{
      settings: Array<{ key: string; value: unknown }>;
    }>();
    expect(all.settings.find((s) => s.key === 'weeklyInviteLimit')?.value).toBe(100);
  });

  it('refuses bad targets input with exit 2 and leaves the list as it was', async () => {
    const db = await seeded();
    const before = (await cli(['targets', 'list', '--json', '--db', db, '--now', NOW])).stdout;
    const bad = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(bad, `name,profileUrl,relation\nEve,https://example.com/eve,colleague\n`);
    const result = await cli(['targets', 'import', bad, '--db', db, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.csv:2');
    expect((await cli(['targets', 'list', '--json', '--db', db, '--now', NOW])).stdout).toBe(before);
    expect((await cli(['plan', '--template', 'missing', '--db', db, '--now', NOW])).code).toBe(2);
  });
});

describe('people given by name (issue 14)', () => {
  const AT = '2026-11-26T12:00:00Z';

  async function namesakes(): Promise<string> {
    const db = path.join(tempDir(), 'names.db');
    const dir = writeExport(tempDir(), {
      invitations: [
        { name: 'Mason Kelly', slug: 'mason-kelly-1', sentAt: '2026-11-01T09:00:00Z' },
        { name: 'Ana Diaz', slug: 'ana-diaz-a', sentAt: '2026-11-02T09:00:00Z' },
        { name: 'Ana Diaz', slug: 'ana-diaz-b', sentAt: '2026-11-03T09:00:00Z' },
      ],
      connections: [{ first: 'Mason', last: 'Kelly', slug: 'mason-kelly-2', connectedOn: '2025-05-01' }],
    });
    expect((await cli(['import', dir, '--db', db, '--now', AT])).code).toBe(0);
    const targets = path.join(tempDir(), 'targets.csv');
    fs.writeFileSync(
      targets,
      `name,profileUrl\nMason Kelly,${url('mason-kelly-3')}\nLi Wei,${url('li-wei-1')}\nLi Wei,${url('li-wei-2')}\n`,
    );
    expect((await cli(['targets', 'import', targets, '--db', db, '--now', AT])).code).toBe(0);
    return db;
  }

  it('withdrawn and accepted: a name means the one pending invitation of that name, links or not', async () => {
    const db = await namesakes();
    const one = await cli(['withdrawn', 'Mason Kelly', '--db', db, '--now', AT, '--json']);
    expect(one.code).toBe(0);
    expect(one.json<{ recorded: Array<{ profileUrl: string }> }>().recorded.map((r) => r.profileUrl)).toEqual(
      [url('mason-kelly-1')],
    );
    for (const command of ['withdrawn', 'accepted']) {
      const two = await cli([command, 'Ana Diaz', '--db', db, '--now', AT]);
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('is the name of 2 pending invitations');
      expect(two.stderr).toContain(url('ana-diaz-a'));
      expect(two.stderr).toContain(url('ana-diaz-b'));
    }
    const status = (await cli(['status', '--db', db, '--now', AT, '--json'])).json<{
      pending: { count: number };
    }>();
    expect(status.pending.count).toBe(2);
  });

  it('sent: a name means the one target of that name; anything else is refused with exit 2, nothing recorded', async () => {
    const db = await namesakes();
    const quota = async () =>
      (await cli(['status', '--db', db, '--now', AT, '--json'])).json<{ quota: { sentToday: number } }>()
        .quota.sentToday;
    // the connection of the same name is someone else: the target is meant
    const sent = await cli(['sent', 'Mason Kelly', '--db', db, '--now', AT, '--json']);
    expect(sent.code).toBe(0);
    expect(sent.json<{ profileUrl: string }>().profileUrl).toBe(url('mason-kelly-3'));
    expect(await quota()).toBe(1);
    for (const [person, message] of [
      ['not-a-url', 'is neither a LinkedIn profile URL nor the name of one of your targets'],
      ['Somebody Unknown', 'is neither a LinkedIn profile URL nor the name of one of your targets'],
      ['Li Wei', 'is the name of 2 targets'],
    ] as const) {
      const refused = await cli(['sent', person, '--db', db, '--now', AT]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
    }
    expect(await quota()).toBe(1);
  });
});

describe('figures that agree (issue 14)', () => {
  it('notes left: status, plan and the API give one figure, from before the plan, in the rolling 30 days', async () => {
    const db = path.join(tempDir(), 'notes.db');
    const at = '2026-11-26T07:00:00Z';
    const dir = writeExport(tempDir(), {
      invitations: [
        { name: 'Noted One', sentAt: '2026-11-20T09:00:00Z', message: 'Hi, enjoyed your talk' },
        { name: 'Noted Two', sentAt: '2026-11-21T09:00:00Z', message: 'Hi again' },
      ],
      connections: [],
    });
    expect((await cli(['import', dir, '--db', db, '--now', at])).code).toBe(0);
    const csv = path.join(tempDir(), 'targets.csv');
    fs.writeFileSync(
      csv,
      `name,profileUrl,company\nAda Lovelace,${url('ada')},Acme\nAlan Turing,${url('alan')},Acme\n`,
    );
    expect((await cli(['targets', 'import', csv, '--db', db, '--now', at])).code).toBe(0);
    expect(
      (
        await cli([
          'templates',
          'add',
          'hi',
          'Hi {firstName}, a fellow {company} fan here.',
          '--db',
          db,
          '--now',
          at,
        ])
      ).code,
    ).toBe(0);
    expect((await cli(['templates', 'default', 'hi', '--db', db, '--now', at])).code).toBe(0);
    const status = await cli(['status', '--db', db, '--now', at]);
    expect(status.stdout).toMatch(/Notes\s+3 left: 2 of 5 used in the rolling 30 days/);
    const plan = await cli(['plan', '--db', db, '--now', at]);
    expect(plan.stdout).toContain('3 of 5 notes left in the rolling 30 days, 2 of them for these sends');
    const json = (await cli(['plan', '--db', db, '--now', at, '--json'])).json<{
      sends: Array<{ note: string }>;
    }>();
    expect(json.sends.filter((s) => s.note !== null)).toHaveLength(2);
  });
});

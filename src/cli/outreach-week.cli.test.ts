import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { DEFAULT_SETTINGS, isInsideWindow, SKIP_REASONS } from '../core/index.ts';
import { createStore } from '../store/index.ts';
import { cli, PACKAGE_ROOT, type PlanJson, url } from './testing.ts';

/** A week of outreach from the CLI: 500 generated targets, a plan each morning, every send recorded. */

const DAY = 86_400_000;

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

// A weekly limit below 5 x the daily one, so that both bind within the week.
const WEEKLY = 80;

const keyOf = (x: { profileUrl: string | null; name: string }) =>
  x.profileUrl ?? `name:${x.name.toLowerCase()}`;

/** A database with the sample export (or an export of our own), 500 generated targets, a template and WEEKLY. */
async function setUpWeek(): Promise<{ db: string; targets: GeneratedTarget[] }> {
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
  const imported = await cli(['import', exportPath, '--db', db, '--as-of', '2026-11-20T17:30:00Z', '--json']);
  expect(imported.code).toBe(0);

  const { csv, targets } = targetsCsv(500, 20261126, extra);
  const csvPath = path.join(dir, 'targets.csv');
  fs.writeFileSync(csvPath, csv);
  const t = await cli(['targets', 'import', csvPath, '--db', db, '--now', '2026-11-20T18:00:00Z', '--json']);
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
  expect((await cli(['config', 'set', 'weeklyInviteLimit', String(WEEKLY), '--db', db])).code).toBe(0);

  return { db, targets };
}

/** Seven mornings of `plan`, each plan checked, and each send recorded at its time with `sent`. */
async function sendForAWeek(db: string, zoneOf: ReadonlyMap<string, string>) {
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
  return { recorded, superseded, skippedSeen };
}

/** Every invitation known, from the export or recorded here, counted straight from the database. */
async function checkTheDatabase(db: string, recorded: number, zoneOf: ReadonlyMap<string, string>) {
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
}

describe('a week of sending, simulated day by day from the CLI', () => {
  it('never exceeds the rolling weekly or the daily limit, and never sends outside the window', async () => {
    const { db, targets } = await setUpWeek();
    const zoneOf = new Map(targets.map((x) => [keyOf(x), x.timezone || 'UTC']));
    const { recorded, superseded, skippedSeen } = await sendForAWeek(db, zoneOf);
    expect(recorded).toBeGreaterThanOrEqual(60);
    expect(recorded).toBeLessThanOrEqual(WEEKLY);
    expect(skippedSeen).toContain('ALREADY_PENDING');
    expect(skippedSeen).toContain('AT_CONNECTION_CAP');
    expect(skippedSeen).toContain('QUOTA');

    await checkTheDatabase(db, recorded, zoneOf);
    // Weekend plans fall on Monday, when a newer plan replaces them.
    expect(superseded).toBeGreaterThan(0);
  });
});

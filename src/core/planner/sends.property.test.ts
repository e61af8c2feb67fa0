import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Connection, Invitation, Relation, Report } from '../model.ts';
import { noteLength } from '../notes/fit.ts';
import type { NoteTemplate, Target } from '../outreach.ts';
import { isNameKey, normalizeName, personKeyOf } from '../people.ts';
import { isInsideWindow } from '../policy/send-window.ts';
import { resolveSettings, type Settings } from '../settings.ts';
import { DAY_MS, HOUR_MS, type Instant, MINUTE_MS } from '../time.ts';
import { planSends } from './sends.ts';

/**
 * A small simulator: a member who, day after day, runs the plan, sends what it says at its
 * `sendAfter` (until the next plan replaces it), and meanwhile sees acceptances, withdrawals,
 * reports and new connections arrive. The invariants of SPEC section 4 are checked on every plan
 * and over the whole history, by counting directly rather than through the rules under test.
 */

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];
const START = Date.UTC(2026, 2, 2, 7, 30); // a Monday in March: both DST changes are within reach

/** People the member knows of; some share a name, some have no URL. */
const POOL = [
  { slug: 'ana', name: 'Ana Lima' },
  { slug: 'bo', name: 'Bo Chen' },
  { slug: 'cy', name: 'Cy Diaz' },
  { slug: null, name: 'Di Evans' },
  { slug: 'ed', name: 'Ed Fox' },
  { slug: 'alex-kim-1', name: 'Alex Kim' },
  { slug: 'alex-kim-2', name: 'Alex Kim' },
  { slug: null, name: 'alex  KIM' },
  { slug: 'gil', name: 'Gil Ho' },
  { slug: null, name: 'Ivy Jo' },
  // and a crowd, so that the limits bind
  ...Array.from({ length: 14 }, (_, i) => ({
    slug: i % 5 === 4 ? null : `crowd-${i}`,
    name: `Crowd Member ${i}`,
  })),
];

const urlOf = (i: number) => {
  const slug = POOL[i]!.slug;
  return slug ? `https://www.linkedin.com/in/${slug}` : null;
};
/** A record about pool person `i`, keyed by URL, or by name only (the Sent page as text) when `byName`. */
const refOf = (i: number, byName: boolean) => {
  const profileUrl = byName ? null : urlOf(i);
  const name = POOL[i]!.name;
  return { profileUrl, name, personKey: personKeyOf(profileUrl, name) };
};

const TEMPLATES: NoteTemplate[] = [
  {
    id: 'short',
    name: 'short',
    body: 'Hi {firstName}, we met at {event}. Keen to stay in touch!',
    createdAt: 0,
  },
  {
    id: 'long',
    name: 'long',
    body: `Hello {firstName}! ${'I really enjoyed reading about the work {company} does. '.repeat(6)}`,
    createdAt: 0,
  },
  { id: 'plain', name: 'plain', body: "I'd like to add you to my professional network.", createdAt: 0 },
];

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const settingsArb = fc
  .record({
    weeklyInviteLimit: fc.integer({ min: 0, max: 40 }),
    dailyInviteLimit: fc.integer({ min: 0, max: 12 }),
    pendingPauseAt: fc.integer({ min: 1, max: 60 }),
    reinviteCooldownDays: fc.integer({ min: 0, max: 30 }),
    accountTier: fc.constantFrom('free', 'premium'),
    timezone: fc.constantFrom(...ZONES),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    start: fc.integer({ min: 0, max: 20 }).map((h) => h * 60),
    hours: fc.integer({ min: 1, max: 10 }),
  })
  .map(
    (s): Settings =>
      resolveSettings({
        weeklyInviteLimit: s.weeklyInviteLimit,
        dailyInviteLimit: s.dailyInviteLimit,
        pendingWarnAt: 1,
        pendingPauseAt: s.pendingPauseAt,
        reinviteCooldownDays: s.reinviteCooldownDays,
        accountTier: s.accountTier,
        timezone: s.timezone,
        sendWindow: {
          days: s.days,
          start: hhmm(s.start),
          end: hhmm(Math.min(s.start + s.hours * 60, 23 * 60 + 59)),
        },
      }),
  );

const targetArb = (i: number) =>
  fc
    .record({
      byName: fc.boolean(),
      relation: fc.option(fc.constantFrom<Relation>('colleague', 'alumni', 'industry-peer', 'other'), {
        nil: null,
      }),
      mutual: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      cap: fc.constantFrom(null, null, null, 500, 29_999, 30_000),
      timezone: fc.option(fc.constantFrom(...ZONES, 'Not/AZone'), { nil: null }),
      company: fc.option(fc.constantFrom('Acme', 'Globex'), { nil: null }),
      event: fc.option(fc.constantFrom('KubeCon', 'RustConf'), { nil: undefined }),
      doNotContact: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      queuedDaysAgo: fc.integer({ min: 0, max: 400 }),
    })
    .map((r): Target => {
      const ref = refOf(i, r.byName);
      return {
        ...ref,
        relation: r.relation,
        mutualConnections: r.mutual,
        connectionCount: r.cap,
        timezone: r.timezone,
        tags: [],
        company: r.company,
        headline: null,
        custom: r.event ? { event: r.event } : {},
        doNotContact: r.doNotContact,
        addedAt: START - r.queuedDaysAgo * DAY_MS,
      };
    });

const priorArb = fc.record({
  person: fc.integer({ min: 0, max: POOL.length - 1 }),
  byName: fc.boolean(),
  daysAgo: fc.integer({ min: 0, max: 200 }),
  outcome: fc.constantFrom('pending', 'accepted', 'withdrawn', 'closed'),
  after: fc.integer({ min: 0, max: 40 }),
  note: fc.boolean(),
});

const eventArb = fc.record({
  kind: fc.constantFrom('accept', 'withdraw', 'report', 'connect'),
  person: fc.integer({ min: 0, max: POOL.length - 1 }),
  byName: fc.boolean(),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
});

const scenarioArb = fc.record({
  settings: settingsArb,
  targets: fc
    .subarray([...POOL.keys()], { minLength: 1 })
    .chain((idx) => fc.tuple(...idx.map((i) => targetArb(i)))),
  templateId: fc.constantFrom(null, 'short', 'long', 'plain'),
  memberConnections: fc.constantFrom(100, 100, 100, 100, 100, 100, 100, 29_999, 30_000),
  priors: fc.array(priorArb, { maxLength: 8 }),
  strangers: fc.array(fc.record({ hoursAgo: fc.integer({ min: 0, max: 24 * 10 }), note: fc.boolean() }), {
    maxLength: 50,
  }),
  steps: fc.array(
    fc.record({
      advanceMinutes: fc.integer({ min: 30, max: 3 * 24 * 60 }),
      events: fc.array(eventArb, { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 10 },
  ),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** The same person, by the rule of SPEC section 2: by key, or by normalised name where one side has no URL. */
function samePerson(
  a: { personKey: string; name: string },
  b: { personKey: string; name: string | null },
): boolean {
  if (a.personKey === b.personKey) return true;
  if (!isNameKey(a.personKey) && !isNameKey(b.personKey)) return false;
  const bName = b.name ?? (isNameKey(b.personKey) ? b.personKey.slice(5) : '');
  const na = norm(a.name);
  return na !== '' && na === norm(bName);
}

const normalized = new Map<string, string>();
function norm(name: string): string {
  let n = normalized.get(name);
  if (n === undefined) {
    n = normalizeName(name);
    normalized.set(name, n);
  }
  return n;
}

/** The member's records as the simulation goes on. */
interface World {
  invitations: Invitation[];
  connections: Connection[];
  reports: Report[];
  /** Ids of the invitations sent by following a plan. */
  planned: Set<number>;
  nextId: number;
}

type SendPlanOf = ReturnType<typeof planSends>;

function simulate(sc: Scenario): void {
  const { settings } = sc;
  const world = seedWorld(sc);
  const { invitations, connections, reports } = world;

  let now = START;
  for (const step of sc.steps) {
    const plan = planSends({
      now,
      settings,
      invitations,
      connections,
      reports,
      targets: sc.targets,
      templates: TEMPLATES,
      templateId: sc.templateId,
      connectionCount: sc.memberConnections,
    });
    checkPlan(sc, world, plan, now);

    // --- the member acts on the plan until the next one
    const next = now + step.advanceMinutes * MINUTE_MS;
    followPlan(sc, world, plan, next);
    applyEvents(world, step.events, now, next);
    now = next;
  }
  checkWholeHistory(sc, world);
}

/** The history before the first plan: the scenario's earlier invitations and the strangers'. */
function seedWorld(sc: Scenario): World {
  const world: World = { invitations: [], connections: [], reports: [], planned: new Set(), nextId: 1 };
  for (const p of sc.priors) {
    const ref = refOf(p.person, p.byName);
    const sentAt = START - p.daysAgo * DAY_MS - HOUR_MS;
    const statusAt = p.outcome === 'pending' ? null : Math.min(START, sentAt + p.after * DAY_MS);
    world.invitations.push({
      id: world.nextId++,
      ...ref,
      sentAt,
      sentAtEarliest: sentAt,
      note: p.note ? 'Hi there' : null,
      templateId: null,
      source: 'export',
      status: p.outcome,
      statusAt,
    });
  }
  sc.strangers.forEach((s, i) => {
    const sentAt = START - s.hoursAgo * HOUR_MS;
    const profileUrl = `https://www.linkedin.com/in/stranger-${i}`;
    world.invitations.push({
      id: world.nextId++,
      personKey: profileUrl,
      profileUrl,
      name: `Stranger ${i}`,
      sentAt,
      sentAtEarliest: sentAt,
      note: s.note ? 'Hello' : null,
      templateId: null,
      source: 'manual',
      status: 'accepted',
      statusAt: sentAt + MINUTE_MS,
    });
  });

  return world;
}

/** What the plan may hold, counted directly. */
function checkPlan(sc: Scenario, world: World, plan: SendPlanOf, now: Instant): void {
  const { settings } = sc;
  const { invitations, connections, reports } = world;
  const maxChars = settings.accountTier === 'free' ? 200 : 300;
  const sentBy = (from: Instant, to: Instant) =>
    invitations.filter((v) => v.sentAt > from && v.sentAt <= to).length;
  const dayStart = DateTime.fromMillis(now, { zone: settings.timezone }).startOf('day').toMillis();
  const allowance = Math.max(
    0,
    Math.min(
      settings.weeklyInviteLimit - sentBy(now - 7 * DAY_MS, now),
      settings.dailyInviteLimit - sentBy(dayStart - 1, now),
    ),
  );
  const pending = invitations.filter((v) => v.sentAt <= now && stillPendingAt(v, now)).length;
  expect(plan.sends.length).toBeLessThanOrEqual(allowance);
  if (pending >= settings.pendingPauseAt || sc.memberConnections >= 30_000) expect(plan.sends).toEqual([]);

  const notesBefore = invitations.filter(
    (v) => v.note && v.sentAt > now - 30 * DAY_MS && v.sentAt <= now,
  ).length;
  const notesPlanned = plan.sends.filter((s) => s.note !== null).length;
  if (settings.accountTier === 'free')
    expect(notesBefore + notesPlanned).toBeLessThanOrEqual(Math.max(5, notesBefore));

  plan.sends.forEach((send, i) => {
    const target = sc.targets.find((t) => t.profileUrl === send.profileUrl && t.name === send.name)!;
    expect(target).toBeDefined();
    expect(target.doNotContact).toBe(false);
    expect(target.connectionCount ?? 0).toBeLessThan(30_000);
    for (const v of invitations) {
      if (v.sentAt > now || !samePerson(target, v)) continue;
      const view = viewAt(v, now);
      expect(view.status, `${target.name} has a ${view.status} invitation`).not.toBe('pending');
      expect(view.status, `${target.name} is connected`).not.toBe('accepted');
      if ((view.status === 'withdrawn' || view.status === 'closed') && view.statusAt !== null) {
        expect(
          view.statusAt + settings.reinviteCooldownDays * DAY_MS,
          `${target.name} is in cooldown`,
        ).toBeLessThanOrEqual(now);
      }
    }
    for (const c of connections) if (c.connectedOn <= now) expect(samePerson(target, c)).toBe(false);
    for (const r of reports)
      if (r.at <= now) expect(samePerson(target, { personKey: r.personKey, name: null })).toBe(false);

    if (send.note !== null) {
      expect(noteLength(send.note)).toBeLessThanOrEqual(maxChars);
      expect(send.note).not.toMatch(/[{}]/);
      expect(send.note.trim()).not.toBe('');
    }
    const at = Date.parse(send.sendAfter);
    expect(at).toBeGreaterThanOrEqual(now);
    const zone =
      target.timezone && IANAZone.isValidZone(target.timezone) ? target.timezone : settings.timezone;
    expect(plan.details.sends[i]!.timezone).toBe(zone);
    expect(isInsideWindow(at, settings.sendWindow, zone)).toBe(true);
  });
  expect(new Set(plan.sends.map((s) => s.sendAfter)).size).toBe(plan.sends.length);
}

/** The member sends what the plan lists before `next`. */
function followPlan(sc: Scenario, world: World, plan: SendPlanOf, next: Instant): void {
  for (const send of plan.sends) {
    const at = Date.parse(send.sendAfter);
    if (at >= next) continue;
    const target = sc.targets.find((t) => t.profileUrl === send.profileUrl && t.name === send.name)!;
    const inv: Invitation = {
      id: world.nextId++,
      personKey: target.personKey,
      profileUrl: target.profileUrl,
      name: target.name,
      sentAt: at,
      sentAtEarliest: at,
      note: send.note,
      templateId: sc.templateId,
      source: 'manual',
      status: 'pending',
      statusAt: null,
    };
    world.invitations.push(inv);
    world.planned.add(inv.id);
  }
}

/** Reports, connections, acceptances and withdrawals between `now` and `next`. */
function applyEvents(
  world: World,
  events: Scenario['steps'][number]['events'],
  now: Instant,
  next: Instant,
): void {
  const { invitations, connections, reports } = world;
  for (const e of events) {
    const at = Math.floor(now + e.at * (next - now));
    const ref = refOf(e.person, e.byName);
    if (e.kind === 'report') reports.push({ personKey: ref.personKey, at });
    else if (e.kind === 'connect') connections.push({ ...ref, connectedOn: at });
    else {
      const v = invitations.find(
        (x) =>
          x.status === 'pending' && x.sentAt < at && samePerson(ref, x) && viewAt(x, at).status === 'pending',
      );
      if (v) {
        v.status = e.kind === 'accept' ? 'accepted' : 'withdrawn';
        v.statusAt = at;
      }
    }
  }
}

/** Over the whole history: every planned send kept within the limits at the moment it went out. */
function checkWholeHistory(sc: Scenario, world: World): void {
  const { settings } = sc;
  const { invitations, planned } = world;
  for (const v of invitations) {
    if (!planned.has(v.id)) continue;
    const t = v.sentAt;
    const week = invitations.filter((x) => x.sentAt > t - 7 * DAY_MS && x.sentAt <= t).length;
    expect(week).toBeLessThanOrEqual(settings.weeklyInviteLimit);
    const day = DateTime.fromMillis(t, { zone: settings.timezone }).startOf('day');
    const [d0, d1] = [day.toMillis(), day.plus({ days: 1 }).toMillis()];
    const inDay = invitations.filter((x) => x.sentAt >= d0 && x.sentAt < d1).length;
    expect(inDay).toBeLessThanOrEqual(settings.dailyInviteLimit);
    if (settings.accountTier === 'free' && v.note) {
      const notes = invitations.filter((x) => x.note && x.sentAt > t - 30 * DAY_MS && x.sentAt <= t).length;
      expect(notes).toBeLessThanOrEqual(5);
    }
  }
}

/** The invitation as it stood at `t`: pending again if its status changed later, expired after 6 months. */
function viewAt(v: Invitation, t: Instant): { status: Invitation['status']; statusAt: Instant | null } {
  if (v.status !== 'pending' && v.statusAt !== null && v.statusAt <= t)
    return { status: v.status, statusAt: v.statusAt };
  const expiry = DateTime.fromMillis(v.sentAt, { zone: 'utc' }).plus({ months: 6 }).toMillis();
  return expiry <= t ? { status: 'expired', statusAt: expiry } : { status: 'pending', statusAt: null };
}

function stillPendingAt(v: Invitation, t: Instant): boolean {
  return viewAt(v, t).status === 'pending';
}

describe('planSends over random histories (properties)', () => {
  it('never exceeds the limits, never invites a blocked person, keeps notes and times in bounds', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => simulate(sc)),
      { numRuns: 1000, seed: 424242 },
    );
  });
});

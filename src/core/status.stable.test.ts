import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invitation, Report } from './model.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { computeStatus, type StatusInput, statusStableUntil } from './status.ts';
import { inv } from './testing/builders.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

/**
 * statusStableUntil promises that the status is the same (but for asOf) at every instant from `now`
 * up to it: the server answers repeated requests from one computation on that promise.
 */

const START = Date.UTC(2026, 0, 1);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const STATUSES = ['pending', 'accepted', 'withdrawn', 'expired', 'closed'] as const;

/** Instants near day boundaries of `now` and of each other, where the rules' comparisons flip. */
const offsetArb = fc.oneof(
  fc.integer({ min: -200 * DAY_MS, max: 2 * DAY_MS }),
  fc
    .tuple(fc.integer({ min: -200, max: 1 }), fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS }))
    .map(([days, ms]) => days * DAY_MS + ms),
  // Around the 6 months of expiry and the 14 days before it.
  fc.integer({ min: -185 * DAY_MS, max: -165 * DAY_MS }),
);

const scenarioArb = fc.record({
  now: fc.integer({ min: START, max: START + 700 * DAY_MS }),
  zone: fc.constantFrom(...ZONES),
  staleAfterDays: fc.integer({ min: 1, max: 30 }),
  weeklyInviteLimit: fc.integer({ min: 5, max: 40 }),
  pendingWarnAt: fc.integer({ min: 2, max: 30 }),
  invitations: fc.array(
    fc.record({
      sent: offsetArb,
      status: fc.constantFrom(...STATUSES),
      statusAfter: fc.option(fc.integer({ min: 0, max: 60 * DAY_MS }), { nil: null }),
      note: fc.boolean(),
      person: fc.integer({ min: 0, max: 15 }),
    }),
    { maxLength: 40 },
  ),
  reports: fc.array(offsetArb, { maxLength: 3 }),
  lastImport: fc.option(offsetArb, { nil: null }),
  trackingSince: fc.option(offsetArb, { nil: null }),
  probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(s: Scenario): StatusInput {
  const invitations: Invitation[] = s.invitations.map((x, i) => {
    const sentAt = s.now + x.sent;
    const status = x.statusAfter === null && x.status !== 'pending' ? 'pending' : x.status;
    return inv({
      id: i + 1,
      slug: `person-${x.person}`,
      sentAt,
      status,
      statusAt: status === 'pending' || x.statusAfter === null ? null : sentAt + x.statusAfter,
      note: x.note ? 'Hello there' : null,
    });
  });
  const reports: Report[] = s.reports.map((r, i) => ({
    personKey: `report-${i}`,
    at: s.now + r,
  })) as Report[];
  return {
    account: 'default',
    now: s.now,
    settings: {
      ...DEFAULT_SETTINGS,
      timezone: s.zone,
      staleAfterDays: s.staleAfterDays,
      weeklyInviteLimit: s.weeklyInviteLimit,
      dailyInviteLimit: Math.min(s.weeklyInviteLimit, 6),
      pendingWarnAt: s.pendingWarnAt,
      pendingPauseAt: s.pendingWarnAt + 5,
    },
    invitations,
    connectionCount: 100,
    reports,
    trackingSince: s.trackingSince === null ? null : s.now + s.trackingSince,
    lastImportAt: s.lastImport === null ? null : s.now + s.lastImport,
  };
}

function withoutAsOf(input: StatusInput, now: number) {
  const { asOf: _asOf, ...rest } = computeStatus({ ...input, now });
  return rest;
}

/** Noon on Thursday 26 November 2026, UTC. */
const now = Date.UTC(2026, 10, 26, 12);

/** An account with no data at `at`, the default limits, in UTC. */
function emptyAt(at: number): StatusInput {
  return inputOf({
    now: at,
    zone: 'UTC',
    staleAfterDays: 14,
    weeklyInviteLimit: 20,
    pendingWarnAt: 10,
    invitations: [],
    reports: [],
    lastImport: null,
    trackingSince: null,
    probes: [],
  });
}

describe('statusStableUntil', () => {
  it('the status is the same at every instant from now up to it (property)', () => {
    let reused = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const input = inputOf(s);
        const until = statusStableUntil(input);
        expect(until).toBeGreaterThan(input.now);
        const at0 = withoutAsOf(input, input.now);
        const probes = [
          until - 1,
          ...s.probes.map((p) => input.now + Math.floor(p * (until - 1 - input.now))),
        ];
        for (const t of probes) expect(withoutAsOf(input, t), new Date(t).toISOString()).toEqual(at0);
        if (until - input.now > HOUR_MS) reused++;
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: most answers stay good for more than an hour.
    expect(reused).toBeGreaterThan(300);
  });

  it('ends at the next midnight of the account at the latest', () => {
    const base = emptyAt(now);
    expect(statusStableUntil(base)).toBe(Date.UTC(2026, 10, 27));
    expect(statusStableUntil({ ...base, settings: { ...base.settings, timezone: 'Asia/Kolkata' } })).toBe(
      Date.UTC(2026, 10, 26, 18, 30),
    );
  });

  it('ends when a pending invitation turns stale, and when a send leaves the rolling week', () => {
    const base = emptyAt(now);
    const young = inv({ sentAt: now - 14 * DAY_MS + 5 * 60_000 });
    expect(statusStableUntil({ ...base, invitations: [young] })).toBe(now + 5 * 60_000);
    const sentLastWeek = inv({
      sentAt: now - 7 * DAY_MS + 60_000,
      status: 'accepted',
      statusAt: now - DAY_MS,
    });
    expect(statusStableUntil({ ...base, invitations: [sentLastWeek] })).toBe(now + 60_000);
    // Data exactly 7 days old: the out-of-date warning appears a millisecond later.
    const lastImportAt = now - 7 * DAY_MS;
    expect(statusStableUntil({ ...base, lastImportAt })).toBe(now + 1);
    expect(computeStatus({ ...base, lastImportAt, now: now + 1 }).warnings.map((w) => w.code)).toContain(
      'DATA_OUT_OF_DATE',
    );
  });
});

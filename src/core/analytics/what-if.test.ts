import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isInviteKeeperError } from '../errors.ts';
import { expiresAt, ledgerAt } from '../lifecycle.ts';
import type { Invitation } from '../model.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings.ts';
import { DAY_MS, HOUR_MS, type Instant, WEEK_MS } from '../time.ts';
import { arbitraryLedger, invitation, simulateCompliantMember } from './fixtures/invitations.ts';
import { kaplanMeier } from './kaplan-meier.ts';
import { expiryWithin, type ReplayResult, replayHistory } from './replay.ts';
import { parseWhatIfSpec, whatIf } from './what-if.ts';

const base: Settings = { ...DEFAULT_SETTINGS, staleAfterDays: 14, maxWithdrawalsPerDay: 20, timezone: 'UTC' };

/** The actual figures, counted the slow and obvious way (luxon for the calendar), to compare with. */
function actualFigures(invitations: readonly Invitation[], from: Instant, to: Instant, zone: string) {
  const ledger = ledgerAt(invitations, to);
  const weekKey = (t: Instant) => DateTime.fromMillis(t, { zone }).toFormat("kkkk-'W'WW");
  const weeks = new Map<string, { days: number; pendingSum: number; counts: number[] }>();
  let day = DateTime.fromMillis(from, { zone }).startOf('day');
  const lastDay = DateTime.fromMillis(to, { zone }).startOf('day');
  let pendingSum = 0;
  let days = 0;
  while (day <= lastDay) {
    const sample = Math.min(day.plus({ days: 1 }).startOf('day').toMillis() - 1, to);
    const pending = ledger.filter(
      (i) => i.sentAt <= sample && (i.status === 'pending' || i.statusAt! > sample),
    ).length;
    const w = weeks.get(weekKey(day.toMillis())) ?? { days: 0, pendingSum: 0, counts: [0, 0, 0, 0] };
    w.days++;
    w.pendingSum += pending;
    weeks.set(weekKey(day.toMillis()), w);
    pendingSum += pending;
    days++;
    day = day.plus({ days: 1 }).startOf('day');
  }
  const count = (t: Instant | null, k: number) => {
    if (t !== null && t >= from && t <= to) weeks.get(weekKey(t))!.counts[k]!++;
  };
  for (const inv of ledger) {
    count(inv.sentAt, 0);
    if (inv.status === 'accepted') count(inv.statusAt, 1);
    if (inv.status === 'withdrawn' || inv.status === 'closed') count(inv.statusAt, 2);
    if (inv.status === 'expired') count(inv.statusAt, 3);
  }
  return {
    days,
    averagePending: pendingSum / days,
    weeks: [...weeks].map(([week, w]) => ({
      week,
      days: w.days,
      averagePending: w.pendingSum / w.days,
      sends: w.counts[0],
      acceptances: w.counts[1],
      withdrawals: w.counts[2],
      expiries: w.counts[3],
      lostAcceptances: 0,
    })),
  };
}

function expectActual(
  replay: ReplayResult,
  invitations: readonly Invitation[],
  from: Instant,
  to: Instant,
  zone: string,
) {
  const actual = actualFigures(invitations, from, to, zone);
  expect(replay.days).toBe(actual.days);
  expect(replay.averages.pending).toBeCloseTo(actual.averagePending, 9);
  expect(replay.weeks.map((w) => ({ ...w, averagePending: +w.averagePending.toFixed(9) }))).toEqual(
    actual.weeks.map((w) => ({ ...w, averagePending: +w.averagePending.toFixed(9) })),
  );
  expect(replay.totals).toMatchObject({ lostAcceptances: 0, delayedSends: 0, unsentInRange: 0 });
}

describe('replayHistory reproduces the actual history under the current settings', () => {
  it('on any ledger, whether or not the member followed the plan (property)', () => {
    const start = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(
        arbitraryLedger(start, 120, 80),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles'),
        fc.integer({ min: 1, max: 30 }),
        (ledger, fromDays, spanDays, timezone, staleAfterDays) => {
          const from = start + fromDays * DAY_MS + 5 * HOUR_MS;
          const to = from + spanDays * DAY_MS + 3 * HOUR_MS;
          const settings = { ...base, timezone, staleAfterDays };
          const replay = replayHistory({ invitations: ledger, trackingSince: null }, settings, { from, to });
          expect(replay.changed).toEqual({ sends: false, withdrawals: false });
          expectActual(replay, ledger, from, to, timezone);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('and its plan simulation, forced to run, gives back a plan-following member exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (seed, staleAfterDays, maxWithdrawalsPerDay, weeklyInviteLimit, dailyInviteLimit) => {
          const start = Date.UTC(2026, 1, 2);
          const sim = {
            start,
            days: 70,
            staleAfterDays,
            maxWithdrawalsPerDay,
            weeklyInviteLimit,
            dailyInviteLimit,
            seed,
          };
          const ledger = simulateCompliantMember(sim);
          const settings = {
            ...base,
            staleAfterDays,
            maxWithdrawalsPerDay,
            weeklyInviteLimit,
            dailyInviteLimit,
          };
          const to = start + 70 * DAY_MS - 1;
          // Telling the replay the history was made under other settings makes it re-plan everything.
          const pretend = {
            ...settings,
            maxWithdrawalsPerDay: maxWithdrawalsPerDay + 1,
            dailyInviteLimit: 100,
          };
          const history = { invitations: ledger, trackingSince: start };
          const replayed = replayHistory(history, settings, { from: start, to, base: pretend, detail: true });
          const actual = replayHistory(history, settings, { from: start, to, detail: true });
          expect(replayed.changed).toEqual({ sends: true, withdrawals: true });
          expect(replayed.invitations).toEqual(actual.invitations);
          expect(replayed.weeks).toEqual(actual.weeks);
          expectActual(replayed, ledger, start, to, 'UTC');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('replayHistory under other withdrawal settings', () => {
  const day0 = Date.UTC(2026, 2, 2); // a Monday, UTC midnight
  const at = (days: number, hours = 10) => day0 + days * DAY_MS + hours * HOUR_MS;
  const url = (id: number) => `https://www.linkedin.com/in/p${id}`;

  it('an earlier threshold withdraws earlier and loses the acceptances it comes before', () => {
    const ledger = [
      invitation(1, { sentAt: at(0), status: 'accepted', statusAt: at(10) }), // accepted at age 10
      invitation(2, { sentAt: at(0), status: 'accepted', statusAt: at(5) }), // age 5: before any threshold
      invitation(3, { sentAt: at(0), status: 'withdrawn', statusAt: at(14, 11) }), // the plan at 14
      invitation(4, { sentAt: at(0), status: 'withdrawn', statusAt: at(3) }), // the member's own, at 3
    ];
    const history = { invitations: ledger, trackingSince: day0 };
    const range = { from: day0, to: day0 + 28 * DAY_MS, base, detail: true };
    const r = replayHistory(history, { ...base, staleAfterDays: 7 }, range);
    expect(r.invitations).toEqual([
      {
        id: 1,
        sentAt: iso(at(0)),
        status: 'withdrawn',
        endAt: iso(day0 + 8 * DAY_MS),
        lostAcceptanceAt: iso(at(10)),
      },
      { id: 2, sentAt: iso(at(0)), status: 'accepted', endAt: iso(at(5)), lostAcceptanceAt: null },
      {
        id: 3,
        sentAt: iso(at(0)),
        status: 'withdrawn',
        endAt: iso(day0 + 8 * DAY_MS),
        lostAcceptanceAt: null,
      },
      { id: 4, sentAt: iso(at(0)), status: 'withdrawn', endAt: iso(at(3)), lostAcceptanceAt: null },
    ]);
    expect(r.totals).toMatchObject({ acceptances: 1, lostAcceptances: 1, withdrawals: 3, sends: 4 });
    const actual = replayHistory(history, base, range);
    expect(actual.totals).toMatchObject({ acceptances: 2, lostAcceptances: 0, withdrawals: 2 });
    expect(r.averages.pending).toBeLessThan(actual.averages.pending);
  });

  it('respects the daily cap, oldest first, ties by profile URL; a deferred one may still be accepted', () => {
    const ledger = [
      invitation(3, { sentAt: at(0), profileUrl: url(3), status: 'accepted', statusAt: at(7, 8) }),
      invitation(1, { sentAt: at(0), profileUrl: url(1) }),
      invitation(2, { sentAt: at(0), profileUrl: url(2) }),
      invitation(4, { sentAt: at(1), profileUrl: url(0) }),
    ];
    const r = replayHistory(
      { invitations: ledger, trackingSince: day0 },
      { ...base, staleAfterDays: 7, maxWithdrawalsPerDay: 2 },
      { from: day0, to: day0 + 20 * DAY_MS, base, detail: true },
    );
    const ends = Object.fromEntries(r.invitations!.map((i) => [i.id, [i.status, i.endAt]]));
    // Day 8 (the first midnight at which age >= 7): ids 1 and 2 by URL; id 3 waits for day 9 and is
    // accepted before; id 4 (sent a day later) becomes due on day 9 and takes the free place.
    expect(ends).toEqual({
      1: ['withdrawn', iso(day0 + 8 * DAY_MS)],
      2: ['withdrawn', iso(day0 + 8 * DAY_MS)],
      3: ['accepted', iso(at(7, 8))],
      4: ['withdrawn', iso(day0 + 9 * DAY_MS)],
    });
    expect(r.totals.lostAcceptances).toBe(0);
  });

  it('a later threshold keeps withdrawn invitations pending longer, never accepts them, and estimates what it might bring', () => {
    const ledger = [
      // Withdrawn by the plan at ages 14.04 and 15.96 (the second a day late).
      invitation(1, { sentAt: at(0), status: 'withdrawn', statusAt: at(14, 11) }),
      invitation(2, { sentAt: at(0), status: 'withdrawn', statusAt: at(15, 9) }),
      // Withdrawn by the member at age 13.96, below the threshold: kept.
      invitation(4, { sentAt: at(0), status: 'withdrawn', statusAt: at(14, 9) }),
      invitation(3, { sentAt: at(0), status: 'accepted', statusAt: at(12) }),
    ];
    // A curve where S(14) = 0.5 and S(21) = 0.25: half of those still pending at 14 accept by 21.
    const survival = kaplanMeier([
      { time: 1, event: true },
      { time: 14, event: true },
      { time: 18, event: true },
      { time: 30, event: false },
    ]);
    const r = replayHistory(
      { invitations: ledger, trackingSince: day0 },
      { ...base, staleAfterDays: 21 },
      { from: day0, to: day0 + 40 * DAY_MS, base, survival, detail: true },
    );
    expect(r.invitations!.map((i) => [i.status, i.endAt])).toEqual([
      ['withdrawn', iso(day0 + 22 * DAY_MS)],
      ['withdrawn', iso(day0 + 22 * DAY_MS)],
      ['accepted', iso(at(12))],
      ['withdrawn', iso(at(14, 9))],
    ]);
    expect(r.totals).toMatchObject({ acceptances: 1, lostAcceptances: 0, withdrawals: 3 });
    // id 1: from S(14.04) = 0.5 to S(21.58) = 0.25, a chance of 0.5; id 2: from S(15.96) = 0.5, 0.5 too.
    expect(r.totals.expectedExtraAcceptances).toBeCloseTo(1, 12);
    const actual = replayHistory({ invitations: ledger, trackingSince: day0 }, base, {
      from: day0,
      to: day0 + 40 * DAY_MS,
    });
    expect(r.averages.pending).toBeGreaterThan(actual.averages.pending);
  });

  it('acceptances plus lost acceptances are the actual acceptances, whatever the threshold and cap (property)', () => {
    const start = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(
        arbitraryLedger(start, 90, 80),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (ledger, staleAfterDays, maxWithdrawalsPerDay) => {
          const range = { from: start, to: start + 100 * DAY_MS, base };
          const history = { invitations: ledger, trackingSince: start };
          const r = replayHistory(history, { ...base, staleAfterDays, maxWithdrawalsPerDay }, range);
          const actual = replayHistory(history, base, range);
          expect(r.totals.acceptances + r.totals.lostAcceptances).toBe(actual.totals.acceptances);
          expect(r.totals.sends).toBe(actual.totals.sends);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('replayHistory under other send limits', () => {
  const day0 = Date.UTC(2026, 2, 2);

  it('pushes sends beyond the daily limit to the next local midnights, keeping each story relative to its send', () => {
    const ledger = Array.from({ length: 5 }, (_, i) =>
      invitation(i + 1, {
        sentAt: day0 + 10 * HOUR_MS + i * 60_000,
        ...(i === 4 ? { status: 'accepted' as const, statusAt: day0 + 3 * DAY_MS + 10 * HOUR_MS } : {}),
      }),
    );
    const settings = { ...base, dailyInviteLimit: 2, timezone: 'Europe/Berlin' };
    const r = replayHistory({ invitations: ledger, trackingSince: day0 }, settings, {
      from: day0,
      to: day0 + 10 * DAY_MS,
      base: { ...settings, dailyInviteLimit: 20 },
      detail: true,
    });
    const berlinMidnight = (d: number) => day0 + d * DAY_MS - HOUR_MS; // CET, UTC+1
    expect(r.invitations!.map((i) => i.sentAt)).toEqual([
      iso(ledger[0]!.sentAt),
      iso(ledger[1]!.sentAt),
      iso(berlinMidnight(1)),
      iso(berlinMidnight(1)),
      iso(berlinMidnight(2)),
    ]);
    // Accepted 3 days and 4 minutes... after its send: the same delay after the new send.
    expect(r.invitations![4]!.endAt).toBe(
      iso(berlinMidnight(2) + (ledger[4]!.statusAt! - ledger[4]!.sentAt)),
    );
    expect(r.totals).toMatchObject({ sends: 5, delayedSends: 3, unsentInRange: 0, acceptances: 1 });
  });

  it('a rolling weekly limit pushes sends a week on, and past the end of the range they are not sent', () => {
    const ledger = Array.from({ length: 4 }, (_, i) => invitation(i + 1, { sentAt: day0 + i * DAY_MS }));
    const settings = { ...base, weeklyInviteLimit: 2 };
    const r = replayHistory({ invitations: ledger, trackingSince: day0 }, settings, {
      from: day0,
      to: day0 + 8 * DAY_MS - 1,
      base: { ...settings, weeklyInviteLimit: 100 },
      detail: true,
    });
    expect(r.invitations!.map((i) => i.sentAt)).toEqual([
      iso(day0),
      iso(day0 + DAY_MS),
      iso(day0 + WEEK_MS),
      null,
    ]);
    expect(r.totals).toMatchObject({ sends: 3, delayedSends: 2, unsentInRange: 1 });
  });

  it('replayed sends stay within the rolling weekly and the daily limits (property)', () => {
    const start = Date.UTC(2026, 0, 5);
    fc.assert(
      fc.property(
        arbitraryLedger(start, 40, 100),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (ledger, weeklyInviteLimit, dailyInviteLimit) => {
          const settings = { ...base, weeklyInviteLimit, dailyInviteLimit, timezone: 'America/New_York' };
          const r = replayHistory({ invitations: ledger, trackingSince: start }, settings, {
            from: start,
            to: start + 80 * DAY_MS,
            base,
            detail: true,
          });
          const sends = r.invitations!.flatMap((i) => (i.sentAt === null ? [] : [Date.parse(i.sentAt)]));
          const localDay = (t: Instant) => DateTime.fromMillis(t, { zone: 'America/New_York' }).toISODate();
          for (const t of sends) {
            expect(sends.filter((u) => u > t - WEEK_MS && u <= t).length).toBeLessThanOrEqual(
              weeklyInviteLimit,
            );
            expect(sends.filter((u) => localDay(u) === localDay(t)).length).toBeLessThanOrEqual(
              dailyInviteLimit,
            );
          }
          expect(sends.length + r.totals.unsentInRange).toBe(ledgerAt(ledger, start + 80 * DAY_MS).length);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('expiryWithin', () => {
  it("agrees with the lifecycle's 6 calendar months (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (sent) => {
        const expiry = expiresAt({ sentAt: sent });
        expect(expiryWithin(sent, Date.UTC(2041, 0, 1))).toBe(expiry);
        expect(expiryWithin(sent, expiry - 1)).toBeNull();
      }),
      { numRuns: 1000 },
    );
    // Month ends clamp: Aug 31 + 6 months is the last day of February.
    expect(expiryWithin(Date.UTC(2027, 7, 31, 15), Date.UTC(2030, 0, 1))).toBe(Date.UTC(2028, 1, 29, 15));
  });
});

describe('whatIf', () => {
  it('puts the actual row first, then the same replay under the current settings and each variant', () => {
    const start = Date.UTC(2026, 0, 5);
    const ledger = simulateCompliantMember({
      start,
      days: 60,
      staleAfterDays: 14,
      maxWithdrawalsPerDay: 20,
      weeklyInviteLimit: 100,
      dailyInviteLimit: 20,
      seed: 42,
    });
    const rows = whatIf(
      { invitations: ledger, trackingSince: start },
      base,
      parseWhatIfSpec(['staleAfterDays=7,21']),
      {
        to: start + 60 * DAY_MS - 1,
      },
    );
    expect(rows.map((r) => r.label)).toEqual([
      'what happened',
      'current',
      'staleAfterDays=7',
      'staleAfterDays=21',
    ]);
    expect(rows.map((r) => r.isBase)).toEqual([true, false, false, false]);
    expect(rows[0]!.replay.from).toBe(new Date(start).toISOString());
    const [actual, current, seven, twentyOne] = rows.map((r) => r.replay);
    // a member who followed the plan: replaying it under the same settings gives their history back
    expect(current!.totals).toEqual(actual!.totals);
    expect(current!.averages.pending).toBeCloseTo(actual!.averages.pending, 9);
    expect(seven!.averages.pending).toBeLessThan(current!.averages.pending);
    expect(twentyOne!.averages.pending).toBeGreaterThan(current!.averages.pending);
    expect(seven!.totals.lostAcceptances).toBeGreaterThan(0);
    expect(twentyOne!.totals.lostAcceptances).toBe(0);
  });

  it('validates variants against the settings schema', () => {
    expect(() =>
      whatIf({ invitations: [], trackingSince: null }, base, [{ staleAfterDays: 0 }], { to: 0 }),
    ).toThrow(/staleAfterDays/);
  });
});

describe('parseWhatIfSpec', () => {
  it('makes the cartesian product of the values', () => {
    expect(parseWhatIfSpec(['staleAfterDays=7,14,21', ' weeklyInviteLimit = 100, 150 '])).toEqual([
      { staleAfterDays: 7, weeklyInviteLimit: 100 },
      { staleAfterDays: 7, weeklyInviteLimit: 150 },
      { staleAfterDays: 14, weeklyInviteLimit: 100 },
      { staleAfterDays: 14, weeklyInviteLimit: 150 },
      { staleAfterDays: 21, weeklyInviteLimit: 100 },
      { staleAfterDays: 21, weeklyInviteLimit: 150 },
    ]);
    expect(parseWhatIfSpec(['maxWithdrawalsPerDay=5,5'])).toEqual([{ maxWithdrawalsPerDay: 5 }]);
    expect(parseWhatIfSpec([])).toEqual([]);
  });

  it.each([
    ['staleAfterDays', 'USAGE', /setting=value/],
    ['staleAfterDays=', 'USAGE', /empty value/],
    ['staleAfterDays=7,,9', 'USAGE', /empty value/],
    ['timezone=UTC', 'USAGE', /timezone cannot be replayed/],
    ['colour=blue', 'USAGE', /unknown setting "colour"/],
    ['staleAfterDays=seven', 'INVALID_SETTING', /whole number/],
    ['staleAfterDays=0', 'INVALID_SETTING', /staleAfterDays/],
    ['weeklyInviteLimit=250', 'INVALID_SETTING', /weeklyInviteLimit/],
  ])('%s -> %s', (spec, code, message) => {
    try {
      parseWhatIfSpec([spec]);
      expect.unreachable();
    } catch (error) {
      expect(isInviteKeeperError(error) && error.code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses a repeated key and too many variants', () => {
    expect(() => parseWhatIfSpec(['staleAfterDays=7', 'staleAfterDays=9'])).toThrow(/given twice/);
    const many = (key: string) => `${key}=${Array.from({ length: 9 }, (_, i) => i + 1).join(',')}`;
    expect(() => parseWhatIfSpec([many('staleAfterDays'), many('maxWithdrawalsPerDay')])).toThrow(
      /more than 64/,
    );
  });
});

function iso(t: Instant): string {
  return new Date(t).toISOString();
}

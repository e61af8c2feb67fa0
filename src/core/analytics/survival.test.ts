import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invitation } from '../model.ts';
import { DAY_MS, HOUR_MS } from '../time.ts';
import { kaplanMeier, type SurvivalObservation, survivalAt } from './kaplan-meier.ts';
import { acceptanceObservations, estimateTimeToAccept } from './survival.ts';

/** `[time, event]` pairs, `count` times each. */
function obs(rows: readonly (readonly [number, boolean, number?])[]): SurvivalObservation[] {
  const out: SurvivalObservation[] = [];
  for (const [time, event, count = 1] of rows) for (let i = 0; i < count; i++) out.push({ time, event });
  return out;
}

describe('kaplanMeier against published worked examples', () => {
  // Freireich et al. (1963) 6-MP arm, remission length in weeks, as analysed by Gehan (1965) and in
  // Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text", ch. 2. Expected values are the
  // published output of the NAG Library's g12aac (nag_surviv_kaplanmeier) example program, which
  // uses exactly this sample: survival probability and Greenwood standard deviation to 3 decimals
  // (https://support.nag.com/numeric/nl/nagdoc_27/examples/baseresults/g12aace.r.html).
  const sixMp = obs([
    [6, true, 3],
    [6, false],
    [7, true],
    [9, false],
    [10, true],
    [10, false],
    [11, false],
    [13, true],
    [16, true],
    [17, false],
    [19, false],
    [20, false],
    [22, true],
    [23, true],
    [25, false],
    [32, false, 2],
    [34, false],
    [35, false],
  ]);

  it.each([
    [6, 21, 3, 0.857, 0.076],
    [7, 17, 1, 0.807, 0.087],
    [10, 15, 1, 0.753, 0.096],
    [13, 12, 1, 0.69, 0.107],
    [16, 11, 1, 0.627, 0.114],
    [22, 7, 1, 0.538, 0.128],
    [23, 6, 1, 0.448, 0.135],
  ])('6-MP: at week %i, %i at risk, %i relapse(s), S = %f (se %f)', (time, atRisk, events, survival, se) => {
    const curve = kaplanMeier(sixMp);
    const step = curve.steps.find((s) => s.time === time && s.events > 0);
    expect(step).toBeDefined();
    expect(step!.atRisk).toBe(atRisk);
    expect(step!.events).toBe(events);
    expect(step!.survival).toBeCloseTo(survival, 3);
    expect(step!.stdErr!).toBeCloseTo(se, 3);
  });

  it('6-MP: the tie at week 6 counts the censored patient in the risk set (events before censorings)', () => {
    const curve = kaplanMeier(sixMp);
    expect(curve.steps[0]).toMatchObject({ time: 6, atRisk: 21, events: 3, censored: 1 });
    expect(curve.steps[1]).toMatchObject({ time: 7, atRisk: 17 });
    expect(curve.events).toBe(9);
    expect(curve.observations).toBe(21);
    expect(survivalAt(curve, 35)).toBeCloseTo(0.448, 3);
    expect(survivalAt(curve, 5.99)).toBe(1);
  });

  // Miller (1981), "Survival Analysis" (Wiley): the AML maintained group, R's survival::aml with
  // x == "Maintained". S(t) = 10/11, then x 9/10, 7/8, 6/7, 4/5, 3/4, 1/2.
  it('AML maintained group (Miller 1981)', () => {
    const aml = obs([
      [9, true],
      [13, true],
      [13, false],
      [18, true],
      [23, true],
      [28, false],
      [31, true],
      [34, true],
      [45, false],
      [48, true],
      [161, false],
    ]);
    const curve = kaplanMeier(aml);
    const events = curve.steps
      .filter((s) => s.events > 0)
      .map((s) => [s.time, s.atRisk, +s.survival.toFixed(3)]);
    expect(events).toEqual([
      [9, 11, 0.909],
      [13, 10, 0.818],
      [18, 8, 0.716],
      [23, 7, 0.614],
      [31, 5, 0.491],
      [34, 4, 0.368],
      [48, 2, 0.184],
    ]);
    expect(curve.maxTime).toBe(161);
  });
});

describe('kaplanMeier with delayed entry (left truncation)', () => {
  it('leaves a late entrant out of the risk sets before its entry', () => {
    // A and B from 0; C enters at 2.5. Event at 2: risk set {A, B} -> S = 1/2.
    // Event at 3: risk set {B, C} -> S = 1/2 * 1/2 = 1/4. C censored at 4.
    const curve = kaplanMeier([
      { time: 2, event: true },
      { time: 3, event: true },
      { time: 4, event: false, entry: 2.5 },
    ]);
    expect(curve.steps.map((s) => [s.time, s.atRisk, s.survival])).toEqual([
      [2, 2, 0.5],
      [3, 2, 0.25],
      [4, 1, 0.25],
    ]);
  });

  it('an entrant at exactly the event time is not yet at risk (entry < t <= time)', () => {
    const curve = kaplanMeier([
      { time: 2, event: true },
      { time: 5, event: false },
      { time: 6, event: false, entry: 2 },
    ]);
    expect(curve.steps[0]).toMatchObject({ time: 2, atRisk: 2, survival: 0.5 });
  });

  it('excludes observations that end at or before their entry', () => {
    const curve = kaplanMeier([
      { time: 1, event: true, entry: 1 },
      { time: 2, event: true },
    ]);
    expect(curve.excluded).toBe(1);
    expect(curve.observations).toBe(1);
  });

  it('an event at time 0 has everyone observed from 0 at risk', () => {
    const curve = kaplanMeier(
      obs([
        [0, true],
        [3, false, 3],
      ]),
    );
    expect(curve.steps[0]).toMatchObject({ time: 0, atRisk: 4, survival: 0.75 });
  });

  it('refuses negative times', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(/>= 0/);
  });

  it('without censoring or truncation equals the empirical distribution (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 80 }), (times) => {
        const curve = kaplanMeier(times.map((time) => ({ time, event: true })));
        for (const t of [0, 5, 17, 30, 59, 60]) {
          const share = times.filter((x) => x <= t).length / times.length;
          expect(1 - survivalAt(curve, t)).toBeCloseTo(share, 9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the observations (property)', () => {
    const arb = fc.array(
      fc.record({
        time: fc.integer({ min: 0, max: 40 }),
        event: fc.boolean(),
        entry: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const a = estimateTimeToAccept(rows, { replicates: 20 });
        const b = estimateTimeToAccept([...rows].reverse(), { replicates: 20 });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('estimateTimeToAccept: the recommended staleAfterDays', () => {
  it('acceptances spread evenly over days 1..10: 90 % have arrived by day 9', () => {
    const rows = obs([...Array.from({ length: 10 }, (_, i) => [i + 1, true, 10] as const), [60, false, 200]]);
    const t = estimateTimeToAccept(rows, { replicates: 0 });
    expect(t.recommendedStaleAfterDays).toBe(9);
    expect(t.eventualAcceptance).toBeCloseTo(100 / 300, 9);
    expect(t.median).toBe(5);
    expect(t.confidence.level).toBe('ok');
    expect(t.confidence.flags).toEqual([]);
  });

  it('acceptances within each day (ages 0.5, 1.5, ... 9.5) count on the day they are reached: 9 again', () => {
    const rows = obs([
      ...Array.from({ length: 10 }, (_, i) => [i + 0.5, true, 5] as const),
      [90, false, 100],
    ]);
    expect(estimateTimeToAccept(rows, { replicates: 0 }).recommendedStaleAfterDays).toBe(9);
  });

  it('every acceptance on day 3: 3', () => {
    const rows = obs([
      [3, true, 40],
      [30, false, 60],
    ]);
    const t = estimateTimeToAccept(rows, { replicates: 50 });
    expect(t.recommendedStaleAfterDays).toBe(3);
    expect(t.median).toBe(3);
    expect(t.confidence.interval).toMatchObject({ low: 3, high: 3 });
  });

  it.each([
    ['age 0 clamps up to 1', 0, 1],
    ['age 200 clamps down to 180', 200, 180],
  ])('%s', (_, age, expected) => {
    const rows = obs([
      [age, true, 35],
      [age + 10, false, 20],
    ]);
    expect(estimateTimeToAccept(rows, { replicates: 0 }).recommendedStaleAfterDays).toBe(expected);
  });

  it('the plateau is taken with censoring: late acceptances among few survivors still count', () => {
    // 100 from 0: 50 accepted on day 2, 40 withdrawn at day 5, 10 pending to day 30 of which 5
    // accept on day 20. S(2) = 0.5; at 20 the risk set is 10, S = 0.5 * 0.5 = 0.25, F = 0.75.
    // 0.9 * 0.75 = 0.675 > F(2) = 0.5, so the threshold is day 20.
    const rows = obs([
      [2, true, 50],
      [5, false, 40],
      [20, true, 5],
      [30, false, 5],
    ]);
    const t = estimateTimeToAccept(rows, { replicates: 0 });
    expect(t.eventualAcceptance).toBeCloseTo(0.75, 12);
    expect(t.recommendedStaleAfterDays).toBe(20);
  });

  it('flags few acceptances, a curve still rising, and heavy censoring', () => {
    const rows = obs([
      [2, true, 3],
      [9, true, 3],
      [10, false, 30],
    ]);
    const t = estimateTimeToAccept(rows, { replicates: 0 });
    expect(t.recommendedStaleAfterDays).toBe(9);
    expect(t.confidence.level).toBe('low');
    expect(t.confidence.flags).toEqual(['FEW_ACCEPTANCES', 'NOT_PLATEAUED']);
    expect(t.confidence.plateaued).toBe(false);
    expect(t.confidence.messages.join(' ')).toMatch(/6 acceptances/);

    const censored = estimateTimeToAccept(
      obs([
        [1, true, 40],
        [8, true, 10],
        [20, false, 20],
        [3, false, 100],
      ]),
      { replicates: 0 },
    );
    expect(censored.confidence.flags).toContain('HEAVY_CENSORING');
  });

  it('no acceptance: nothing to recommend', () => {
    const t = estimateTimeToAccept(obs([[10, false, 5]]), { replicates: 10 });
    expect(t.recommendedStaleAfterDays).toBeNull();
    expect(t.median).toBeNull();
    expect(t.confidence).toMatchObject({ level: 'none', flags: ['NO_ACCEPTANCES'], interval: null });
    expect(t.curve.at(-1)).toMatchObject({ day: 10, accepted: 0, censored: 5 });
    expect(estimateTimeToAccept([]).curve).toEqual([]);
  });

  it('the daily curve bins ages (d-1, d] into day d and counts who was observed that day', () => {
    const t = estimateTimeToAccept(
      [
        { time: 0, event: true },
        { time: 1.5, event: true },
        { time: 2, event: false },
        { time: 4, event: false, entry: 2.5 },
      ],
      { replicates: 0 },
    );
    expect(t.curve.map((d) => [d.day, d.atRisk, d.events, d.censored])).toEqual([
      [0, 3, 1, 0],
      [1, 2, 0, 0],
      [2, 2, 1, 1],
      [3, 1, 0, 0],
      [4, 1, 0, 1],
    ]);
    // S(0) = 2/3; at 1.5 the risk set is {1.5, 2} -> S = 1/3.
    expect(t.curve[1]!.accepted).toBeCloseTo(1 / 3, 12);
    expect(t.curve[2]!.accepted).toBeCloseTo(2 / 3, 12);
  });

  it('the bootstrap interval is reproducible and brackets the estimate', () => {
    const rows = obs([
      ...Array.from({ length: 14 }, (_, i) => [i + 1, true, 8 - Math.floor(i / 2)] as const),
      [40, false, 150],
    ]);
    const a = estimateTimeToAccept(rows);
    const b = estimateTimeToAccept(rows);
    expect(a.confidence.interval).toEqual(b.confidence.interval);
    const i = a.confidence.interval!;
    expect(i.low).toBeLessThanOrEqual(a.recommendedStaleAfterDays!);
    expect(i.high).toBeGreaterThanOrEqual(a.recommendedStaleAfterDays!);
    expect(i.high).toBeGreaterThan(i.low);
    expect(estimateTimeToAccept(rows, { seed: 7 }).confidence.interval!.seed).toBe(7);
  });
});

describe('from invitations to the recommended threshold', () => {
  it('a history with acceptances on days 1..10 and the rest withdrawn at 14 recommends 9', () => {
    const sent = Date.UTC(2026, 0, 5, 9);
    const invitations: Invitation[] = Array.from({ length: 200 }, (_, i) => {
      const sentAt = sent + (i % 20) * HOUR_MS;
      const accepted = i < 100;
      return {
        id: i + 1,
        personKey: `name:p${i}`,
        profileUrl: null,
        name: `P ${i}`,
        sentAt,
        sentAtEarliest: sentAt,
        note: null,
        templateId: null,
        source: 'manual',
        status: accepted ? 'accepted' : 'withdrawn',
        statusAt: sentAt + (accepted ? ((i % 10) + 1) * DAY_MS : 14 * DAY_MS + HOUR_MS),
      };
    });
    const t = estimateTimeToAccept(acceptanceObservations(invitations, sent + 60 * DAY_MS, sent));
    expect(t.recommendedStaleAfterDays).toBe(9);
    expect(t.eventualAcceptance).toBeCloseTo(0.5, 12);
    expect(t.curve[10]).toMatchObject({ day: 10, events: 10, atRisk: 110 });
  });
});

describe('acceptanceObservations', () => {
  const t0 = Date.UTC(2026, 0, 5, 9);
  const inv = (id: number, over: Partial<Invitation>): Invitation => ({
    id,
    personKey: `https://www.linkedin.com/in/p${id}`,
    profileUrl: `https://www.linkedin.com/in/p${id}`,
    name: `P ${id}`,
    sentAt: t0,
    sentAtEarliest: t0,
    note: null,
    templateId: null,
    // first listed by a Sent page, which shows pending invitations only
    source: 'sent-page',
    status: 'pending',
    statusAt: null,
    ...over,
  });

  it('events, censorings at the end or at now, and delayed entry before tracking began', () => {
    const now = t0 + 30 * DAY_MS;
    const tracking = t0 + 10 * DAY_MS;
    const rows = acceptanceObservations(
      [
        inv(1, { status: 'accepted', statusAt: t0 + 3 * DAY_MS, sentAt: t0 + 12 * HOUR_MS }),
        inv(2, { status: 'withdrawn', statusAt: t0 + 14 * DAY_MS }),
        inv(3, {}),
        inv(4, {
          sentAt: t0 - 5 * DAY_MS,
          sentAtEarliest: t0 - 5 * DAY_MS,
          status: 'accepted',
          statusAt: t0 + 20 * DAY_MS,
        }),
        inv(5, { sentAt: now + DAY_MS, sentAtEarliest: now + DAY_MS }),
        inv(6, { status: 'accepted', statusAt: t0 + 40 * DAY_MS }),
      ],
      now,
      tracking,
    );
    expect(rows).toEqual([
      // ended before tracking began: seen whole; accepted on day 3 after the sending day
      { time: 3, event: true },
      { time: 14, event: false, entry: 10 },
      { time: 30, event: false, entry: 10 },
      { time: 25, event: true, entry: 15 },
      { time: 30, event: false, entry: 10 }, // accepted after now: pending as of now
    ]);
  });

  it('enters every invitation an export listed at 0, and counts acceptances in whole days', () => {
    const now = t0 + 30 * DAY_MS;
    const rows = acceptanceObservations(
      [
        // sent at 09:00, connected the same day (Connected On is a date): day 0
        inv(1, { source: 'export', status: 'accepted', statusAt: t0, firstSeenAt: now - DAY_MS }),
        // sent at 09:00, connected two days later at midnight: day 2
        inv(2, {
          source: 'export',
          status: 'accepted',
          statusAt: Date.UTC(2026, 0, 7),
          firstSeenAt: now - DAY_MS,
        }),
        inv(3, { source: 'export', sentAt: t0 - 5 * DAY_MS, firstSeenAt: now - DAY_MS }),
      ],
      now,
      now - DAY_MS,
    );
    expect(rows).toEqual([
      { time: 0, event: true },
      { time: 2, event: true },
      { time: 35, event: false },
    ]);
  });
});

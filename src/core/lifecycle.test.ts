import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiresAt, expiryBand, sentRangesExpiredBy } from './lifecycle.ts';
import { DAY_MS } from './time.ts';

/**
 * sentRangesExpiredBy gives exactly the sending instants whose expiry has come by `t`: checked
 * instant by instant around month ends (where six calendar months are clamped), day boundaries and
 * the bounds of the range.
 */
describe('sentRangesExpiredBy', () => {
  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) });
  it('holds every sending of the range that has expired by t, and no other', () => {
    fc.assert(
      fc.property(
        // t near a month's end, so that clamping is in play; the band of t or any short range
        fc.tuple(
          fc.integer({ min: 2024, max: 2027 }),
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: -3, max: 2 }),
        ),
        fc.integer({ min: 0, max: DAY_MS - 1 }),
        fc.boolean(),
        fc.array(fc.integer({ min: -6 * DAY_MS, max: 6 * DAY_MS }), { minLength: 40, maxLength: 40 }),
        ([year, month, day], time, useBand, probes) => {
          const t = Date.UTC(year, month + 1, day) + time;
          const band = expiryBand(t);
          const range = useBand
            ? { after: band.expiredUpTo, upTo: band.liveAfter }
            : { after: band.expiredUpTo + probes[0]! / 3, upTo: band.liveAfter - probes[1]! / 3 };
          const ranges = sentRangesExpiredBy(range, t);
          const inRanges = (s: number) => ranges.some((r) => s > r.after && s <= r.upTo);
          for (let i = 1; i < ranges.length; i++)
            expect(ranges[i]!.after).toBeGreaterThan(ranges[i - 1]!.upTo);
          const mid = (range.after + range.upTo) / 2;
          const edges = [range.after, range.after + 1, range.upTo, range.upTo + 1];
          for (const r of ranges) edges.push(r.after, r.after + 1, r.upTo, r.upTo + 1);
          for (const s of [...edges, ...probes.map((p) => Math.round(mid + p))]) {
            const expected = s > range.after && s <= range.upTo && expiresAt({ sentAt: s }) <= t;
            expect(inRanges(s), new Date(s).toISOString()).toBe(expected);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives nothing for an empty range and a day in one piece', () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect(sentRangesExpiredBy({ after: t, upTo: t }, t)).toEqual([]);
      }),
    );
    // 29 to 31 August 2026 expire on 28 February 2027 (clamped), at their own time of day.
    const t = Date.UTC(2027, 1, 28, 12);
    expect(sentRangesExpiredBy({ after: Date.UTC(2026, 7, 28), upTo: Date.UTC(2026, 8, 1) }, t)).toEqual([
      { after: Date.UTC(2026, 7, 28), upTo: Date.UTC(2026, 7, 28, 12) },
      { after: Date.UTC(2026, 7, 29) - 1, upTo: Date.UTC(2026, 7, 29, 12) },
      { after: Date.UTC(2026, 7, 30) - 1, upTo: Date.UTC(2026, 7, 30, 12) },
      { after: Date.UTC(2026, 7, 31) - 1, upTo: Date.UTC(2026, 7, 31, 12) },
    ]);
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { startOfDayIn } from '../time.ts';
import { createZoneClock, isoWeekKey } from './local-time.ts';

const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
];

describe('createZoneClock', () => {
  it('agrees with luxon on weekday, hour, ISO week and local day, DST transitions included (property)', () => {
    const clocks = new Map(zones.map((z) => [z, createZoneClock(z)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, t) => {
          const dt = DateTime.fromMillis(t, { zone });
          const p = clocks.get(zone)!.parts(t);
          expect(p.weekday).toBe(dt.weekday);
          expect(p.hour).toBe(dt.hour);
          expect(p.isoWeek).toBe(dt.toFormat("kkkk-'W'WW"));
          expect(new Date(p.dayNumber * 86_400_000).toISOString().slice(0, 10)).toBe(dt.toISODate());
          expect(clocks.get(zone)!.dayStart(p.dayNumber)).toBe(startOfDayIn(t, zone));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('is exact around a transition inside an hour (Lord Howe moves by 30 minutes at 02:00 local)', () => {
    const clock = createZoneClock('Australia/Lord_Howe');
    // 2026-04-05 02:00 LHDT (+11:00) becomes 01:30 LHST (+10:30): 2026-04-04T15:00Z.
    const t = Date.UTC(2026, 3, 4, 15, 0);
    expect(clock.offsetMs(t - 1)).toBe(11 * 3_600_000);
    expect(clock.offsetMs(t)).toBe(10.5 * 3_600_000);
  });

  it('refuses an unknown zone', () => {
    expect(() => createZoneClock('Mars/Olympus')).toThrow(/timezone/);
  });

  it.each([
    ['2020-12-28', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['1969-12-29', '1970-W01'],
  ])('the ISO week starting on Monday %s is %s', (date, key) => {
    expect(isoWeekKey(Date.parse(`${date}T00:00:00Z`) / 86_400_000)).toBe(key);
  });
});

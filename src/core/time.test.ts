import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from './time.ts';

const luxon = (t: number, months: number) =>
  DateTime.fromMillis(t, { zone: 'utc' }).plus({ months }).toMillis();

describe('addCalendarMonths', () => {
  it('is the instant luxon gives, for any instant and whole number of months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -60, max: 60 }),
        (t, months) => {
          expect(addCalendarMonths(t, months)).toBe(luxon(t, months));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2024-08-31T23:59:59.999Z', 6, '2025-02-28T23:59:59.999Z'],
    ['2023-08-31T00:00:00.000Z', 6, '2024-02-29T00:00:00.000Z'],
    ['2026-03-31T12:00:00.000Z', -1, '2026-02-28T12:00:00.000Z'],
    ['2026-12-15T00:00:00.000Z', 6, '2027-06-15T00:00:00.000Z'],
  ])('%s + %i months is %s', (from, months, expected) => {
    expect(new Date(addCalendarMonths(Date.parse(from), months)).toISOString()).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SendWindow } from '../settings.ts';
import { MINUTE_MS } from '../time.ts';
import { isInsideWindow, nextSendTime, spreadSendTimes, windowCloseAfter } from './send-window.ts';

const WEEKDAYS: SendWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const EVERY_DAY = (start: string, end: string): SendWindow => ({ days: [1, 2, 3, 4, 5, 6, 7], start, end });
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('isInsideWindow', () => {
  it.each([
    ['Mon 09:00 UTC, the first minute', '2026-11-23T09:00:00.000Z', 'UTC', true],
    ['Mon 08:59:59.999 UTC', '2026-11-23T08:59:59.999Z', 'UTC', false],
    ['Mon 16:59:59.999 UTC, the last instant', '2026-11-23T16:59:59.999Z', 'UTC', true],
    ['Mon 17:00 UTC, the end is exclusive', '2026-11-23T17:00:00.000Z', 'UTC', false],
    ['Sat 10:00 UTC', '2026-11-28T10:00:00.000Z', 'UTC', false],
    ['09:00 CET is 08:00 UTC', '2026-11-23T08:00:00.000Z', 'Europe/Berlin', true],
    ['08:59 CET', '2026-11-23T07:59:00.000Z', 'Europe/Berlin', false],
    ['09:00 IST (+05:30)', '2026-11-23T03:30:00.000Z', 'Asia/Kolkata', true],
    ['Sat 10:00 at +14 while UTC says Friday', '2026-11-27T20:00:00.000Z', 'Pacific/Kiritimati', false],
    ['Tue 10:00 at +14 while UTC says Monday', '2026-11-23T20:00:00.000Z', 'Pacific/Kiritimati', true],
  ])('%s', (_label, at, zone, expected) => {
    expect(isInsideWindow(t(at), WEEKDAYS, zone)).toBe(expected);
  });
});

describe('nextSendTime', () => {
  it.each([
    ['inside: now itself', '2026-11-23T10:15:30.123Z', WEEKDAYS, 'UTC', '2026-11-23T10:15:30.123Z'],
    ['before the opening, same day', '2026-11-23T07:00:00.000Z', WEEKDAYS, 'UTC', '2026-11-23T09:00:00.000Z'],
    [
      'at the close on Friday: Monday',
      '2026-11-27T17:00:00.000Z',
      WEEKDAYS,
      'UTC',
      '2026-11-30T09:00:00.000Z',
    ],
    ['Saturday: Monday', '2026-11-28T12:00:00.000Z', WEEKDAYS, 'UTC', '2026-11-30T09:00:00.000Z'],
    ['Berlin in winter', '2026-11-23T05:00:00.000Z', WEEKDAYS, 'Europe/Berlin', '2026-11-23T08:00:00.000Z'],
    [
      'Kathmandu (+05:45)',
      '2026-11-23T03:00:00.000Z',
      WEEKDAYS,
      'Asia/Kathmandu',
      '2026-11-23T03:15:00.000Z',
    ],
    // spring forward, 09:00 start on the day itself
    [
      'New York, 8 Mar 2026: 09:00 EDT',
      '2026-03-08T05:00:00.000Z',
      EVERY_DAY('09:00', '17:00'),
      'America/New_York',
      '2026-03-08T13:00:00.000Z',
    ],
    [
      'New York, the day before: 09:00 EST',
      '2026-03-07T05:00:00.000Z',
      EVERY_DAY('09:00', '17:00'),
      'America/New_York',
      '2026-03-07T14:00:00.000Z',
    ],
    [
      'Berlin, 29 Mar 2026: 09:00 CEST',
      '2026-03-28T23:00:00.000Z',
      EVERY_DAY('09:00', '17:00'),
      'Europe/Berlin',
      '2026-03-29T07:00:00.000Z',
    ],
    // a start inside the skipped hour opens when the clocks jump (03:00 local)
    [
      'New York, start 02:30 in the skipped hour',
      '2026-03-08T05:00:00.000Z',
      EVERY_DAY('02:30', '17:00'),
      'America/New_York',
      '2026-03-08T07:00:00.000Z',
    ],
    [
      'Berlin, start 02:30 in the skipped hour',
      '2026-03-28T23:00:00.000Z',
      EVERY_DAY('02:30', '17:00'),
      'Europe/Berlin',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'New York, a window wholly in the skipped hour: the next day',
      '2026-03-08T05:00:00.000Z',
      EVERY_DAY('02:00', '02:59'),
      'America/New_York',
      '2026-03-09T06:00:00.000Z',
    ],
    // fall back: the repeated hour is inside the window both times
    [
      'New York, 1 Nov 2026: after 01:30 EDT comes 01:15 EST',
      '2026-11-01T05:45:00.000Z',
      EVERY_DAY('01:15', '01:30'),
      'America/New_York',
      '2026-11-01T06:15:00.000Z',
    ],
    [
      'Berlin, 25 Oct 2026: after 02:30 CEST comes 02:15 CET',
      '2026-10-25T00:45:00.000Z',
      EVERY_DAY('02:15', '02:30'),
      'Europe/Berlin',
      '2026-10-25T01:15:00.000Z',
    ],
    // the date line
    [
      'Kiritimati (+14): Saturday there, Monday 09:00 is Sunday 19:00 UTC',
      '2026-11-27T20:00:00.000Z',
      WEEKDAYS,
      'Pacific/Kiritimati',
      '2026-11-29T19:00:00.000Z',
    ],
    [
      'Pago Pago (-11): Sunday evening there, Monday 09:00 is 20:00 UTC',
      '2026-11-23T08:00:00.000Z',
      WEEKDAYS,
      'Pacific/Pago_Pago',
      '2026-11-23T20:00:00.000Z',
    ],
    [
      'Apia skipped Friday 30 Dec 2011: from Thursday evening to Monday 2 Jan',
      '2011-12-30T04:00:00.000Z',
      WEEKDAYS,
      'Pacific/Apia',
      '2012-01-01T19:00:00.000Z',
    ],
  ])('%s', (_label, now, window, zone, expected) => {
    const next = nextSendTime(t(now), window, zone);
    expect(iso(next)).toBe(expected);
    expect(isInsideWindow(next, window, zone)).toBe(true);
  });

  it('refuses an unknown zone and a window that ends before it starts', () => {
    expect(() => nextSendTime(0, WEEKDAYS, 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => nextSendTime(0, { days: [1], start: '10:00', end: '09:00' }, 'UTC')).toThrow(/send window/);
    expect(() => nextSendTime(0, { days: [], start: '09:00', end: '10:00' }, 'UTC')).toThrow(/send window/);
  });
});

describe('windowCloseAfter', () => {
  it.each([
    ['an ordinary day', '2026-11-23T10:00:00.000Z', WEEKDAYS, 'UTC', '2026-11-23T17:00:00.000Z'],
    ['outside', '2026-11-23T18:00:00.000Z', WEEKDAYS, 'UTC', null],
    // 00:00-03:00 on the fall-back night in New York lasts four hours
    [
      'the long night',
      '2026-11-01T04:30:00.000Z',
      EVERY_DAY('00:00', '03:00'),
      'America/New_York',
      '2026-11-01T08:00:00.000Z',
    ],
    // and on the spring-forward night two
    [
      'the short night',
      '2026-03-08T05:30:00.000Z',
      EVERY_DAY('00:00', '03:00'),
      'America/New_York',
      '2026-03-08T07:00:00.000Z',
    ],
  ])('%s', (_label, at, window, zone, expected) => {
    const close = windowCloseAfter(t(at), window, zone);
    expect(close === null ? null : iso(close)).toBe(expected);
  });
});

describe('spreadSendTimes', () => {
  it('spreads a full day evenly: 20 sends over 8 hours are 24 minutes apart', () => {
    const times = spreadSendTimes(20, t('2026-11-23T13:00:00Z'), WEEKDAYS, 'America/New_York');
    expect(times).toHaveLength(20);
    expect(iso(times[0]!)).toBe('2026-11-23T14:00:00.000Z');
    expect(iso(times[19]!)).toBe('2026-11-23T21:36:00.000Z');
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(24 * MINUTE_MS);
  });

  it('starts on the next whole minute when now is inside', () => {
    expect(spreadSendTimes(1, t('2026-11-23T10:15:30.123Z'), WEEKDAYS, 'UTC').map(iso)).toEqual([
      '2026-11-23T10:16:00.000Z',
    ]);
  });

  it('keeps the least gap near the close and spills the rest to the next opening', () => {
    const times = spreadSendTimes(4, t('2026-11-27T16:50:00Z'), WEEKDAYS, 'UTC').map(iso);
    // Friday 16:50 and 16:55, then Monday's full window for the remaining two
    expect(times).toEqual([
      '2026-11-27T16:50:00.000Z',
      '2026-11-27T16:55:00.000Z',
      '2026-11-30T09:00:00.000Z',
      '2026-11-30T13:00:00.000Z',
    ]);
  });

  it('honours a custom gap', () => {
    const times = spreadSendTimes(3, t('2026-11-23T16:00:00Z'), WEEKDAYS, 'UTC', { minGapMinutes: 30 }).map(
      iso,
    );
    expect(times).toEqual([
      '2026-11-23T16:00:00.000Z',
      '2026-11-23T16:30:00.000Z',
      '2026-11-24T09:00:00.000Z',
    ]);
  });

  it('never reuses a time another zone already took', () => {
    const now = t('2026-11-23T06:00:00Z');
    const utc = spreadSendTimes(3, now, WEEKDAYS, 'UTC');
    const london = spreadSendTimes(3, now, WEEKDAYS, 'Europe/London', { taken: new Set(utc) });
    expect(new Set([...utc, ...london]).size).toBe(6);
    for (const x of london) expect(isInsideWindow(x, WEEKDAYS, 'Europe/London')).toBe(true);
  });

  it('gives nothing for nothing', () => {
    expect(spreadSendTimes(0, 0, WEEKDAYS, 'UTC')).toEqual([]);
  });
});

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Chatham',
  'America/Santiago',
] as const;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const windowArb = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    start: fc.integer({ min: 0, max: 22 * 4 }).map((q) => q * 15),
    length: fc.integer({ min: 4, max: 16 * 4 }).map((q) => q * 15),
  })
  .map(({ days, start, length }) => ({
    days,
    start: hhmm(start),
    end: hhmm(Math.min(start + length, 23 * 60 + 59)),
  }));

// 2025-2027, which holds DST changes in every zone above that has them.
const instantArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });

describe('send window (properties)', () => {
  it('nextSendTime is inside, at or after now, and nothing inside comes before it', () => {
    fc.assert(
      fc.property(instantArb, windowArb, fc.constantFrom(...ZONES), (now, window, zone) => {
        const next = nextSendTime(now, window, zone);
        expect(next).toBeGreaterThanOrEqual(now);
        expect(isInsideWindow(next, window, zone)).toBe(true);
        if (next > now) expect(isInsideWindow(next - 1, window, zone)).toBe(false);
        // Coarse oracle: no 15-minute mark between now and next is inside.
        for (let x = Math.ceil(now / (15 * MINUTE_MS)) * 15 * MINUTE_MS; x < next; x += 15 * MINUTE_MS) {
          if (isInsideWindow(x, window, zone)) throw new Error(`${iso(x)} is inside, before ${iso(next)}`);
        }
      }),
      { numRuns: 1000, seed: 20260308 },
    );
  });

  it('spreadSendTimes gives distinct whole minutes, ascending, inside the window, at or after now', () => {
    fc.assert(
      fc.property(
        instantArb,
        windowArb,
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        (now, window, zone, count, gap) => {
          const times = spreadSendTimes(count, now, window, zone, { minGapMinutes: gap });
          expect(times).toHaveLength(count);
          for (let i = 0; i < times.length; i++) {
            const x = times[i]!;
            expect(x).toBeGreaterThanOrEqual(now);
            expect(x % MINUTE_MS).toBe(0);
            expect(isInsideWindow(x, window, zone)).toBe(true);
            if (i > 0) expect(x).toBeGreaterThan(times[i - 1]!);
          }
          // The first is the first whole minute the window is open.
          if (count > 0) {
            const first = nextSendTime(Math.ceil(now / MINUTE_MS) * MINUTE_MS, window, zone);
            expect(times[0]).toBe(first);
          }
        },
      ),
      { numRuns: 1000, seed: 20261101 },
    );
  });
});

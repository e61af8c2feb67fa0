import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  parseExportDate,
  parseExportDateTime,
  parseExportDateTimeWithLuxon,
  parseExportDateWithLuxon,
} from './dates.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Fields a little beyond their ranges, so invalid dates and times are generated as often as valid ones.
const fields = fc.record({
  year: fc.integer({ min: 990, max: 2100 }),
  yy: fc.integer({ min: 0, max: 99 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 }),
  meridiem: fc.constantFrom('AM', 'PM', 'am', 'pm'),
  monthName: fc.constantFrom(...MONTH_NAMES, 'Foo', 'mar', 'SEP', 'Sept'),
  padded: fc.boolean(),
});

const texts = fields.chain((f) =>
  fc.constantFrom(
    `${f.month}/${f.day}/${pad(f.yy)}, ${f.hour}:${pad(f.minute)} ${f.meridiem}`,
    `${f.month}/${f.day}/${pad(f.yy)} ${f.hour}:${pad(f.minute)} ${f.meridiem}`,
    `${f.month}/${f.day}/${f.year}, ${f.hour}:${pad(f.minute)} ${f.meridiem}`,
    `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} UTC`,
    `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`,
    `${f.padded ? pad(f.day) : f.day} ${f.monthName} ${f.year}`,
    `${f.padded ? pad(f.day) : f.day} ${f.monthName} ${pad(f.yy)}`,
    ` ${f.day} ${f.monthName} ${f.year} `,
  ),
);

describe('the fast path of export dates', () => {
  it('reads Sent At exactly as luxon does, valid or not', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(parseExportDateTime(text)).toBe(parseExportDateTimeWithLuxon(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads Connected On exactly as luxon does, valid or not', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(parseExportDate(text)).toBe(parseExportDateWithLuxon(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['12/31/25, 12:00 AM', '2025-12-31T00:00:00.000Z'],
    ['12/31/25, 12:00 PM', '2025-12-31T12:00:00.000Z'],
    ['2/29/24, 11:59 PM', '2024-02-29T23:59:00.000Z'],
    ['1/1/60, 1:00 AM', '2060-01-01T01:00:00.000Z'],
    ['1/1/61, 1:00 AM', '1961-01-01T01:00:00.000Z'],
  ])('%j is %s on both paths', (text, expected) => {
    expect(new Date(parseExportDateTime(text)!).toISOString()).toBe(expected);
    expect(parseExportDateTimeWithLuxon(text)).toBe(parseExportDateTime(text));
  });
});

const iso = (t: number) => new Date(t).toISOString();

describe('export dates', () => {
  it.each([
    ['3/5/26, 1:45 AM', '2026-03-05T01:45:00.000Z'],
    ['3/5/26, 1:45 PM', '2026-03-05T13:45:00.000Z'],
    ['12/31/25, 11:59 pm', '2025-12-31T23:59:00.000Z'],
    ['3/5/2026, 1:45 AM', '2026-03-05T01:45:00.000Z'],
    ['3/5/26, 1:45\u202fAM', '2026-03-05T01:45:00.000Z'],
    ['2026-03-05 01:45:00 UTC', '2026-03-05T01:45:00.000Z'],
    ['2026-03-05 01:45:00', '2026-03-05T01:45:00.000Z'],
    ['2026-03-05T01:45:00+02:00', '2026-03-04T23:45:00.000Z'],
    ['05 Mar 2026', '2026-03-05T00:00:00.000Z'],
    ['5 Mar 2026', '2026-03-05T00:00:00.000Z'],
  ])('Sent At %j is %s', (text, expected) => {
    const t = parseExportDateTime(text);
    expect(t).not.toBeNull();
    expect(iso(t!)).toBe(expected);
  });

  it.each([
    '31/31/26',
    '2/30/26, 1:00 AM',
    '2026-02-30 01:00:00',
    '05 Foo 2026',
    'yesterday',
    '',
    '3/5/26, 25:00 AM',
  ])('Sent At %j is not a date', (text) => {
    expect(parseExportDateTime(text)).toBeNull();
  });

  it.each([
    ['26 Nov 2026', '2026-11-26T00:00:00.000Z'],
    ['12 Mar 19', '2019-03-12T00:00:00.000Z'],
    ['01 Jan 18', '2018-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('Connected On %j is midnight UTC %s', (text, expected) => {
    expect(iso(parseExportDate(text)!)).toBe(expected);
  });

  it('reads `d MMM yyyy` exactly as luxon does, impossible days included (property)', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom(...months),
        fc.integer({ min: 1900, max: 2100 }),
        fc.boolean(),
        (day, month, year, pad) => {
          const text = `${pad ? String(day).padStart(2, '0') : day} ${month} ${year}`;
          const luxon = DateTime.fromFormat(text, 'd MMM yyyy', { zone: 'utc', locale: 'en-US' });
          expect(parseExportDate(text)).toBe(luxon.isValid ? luxon.toMillis() : null);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each(['30 Feb 2026', 'Nov 2026', '26/11/2026', 'not a date', '2026-13-01'])(
    'Connected On %j is not a date',
    (text) => {
      expect(parseExportDate(text)).toBeNull();
    },
  );
});

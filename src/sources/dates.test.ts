import fc from 'fast-check';
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

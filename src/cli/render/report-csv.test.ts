import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, renderCsv } from './report-csv.ts';

describe('CSV formula injection (OWASP)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['no template', 'no template'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('the text cell %j is written as %j', (cell, safe) => {
    expect(neutralizeCell(cell)).toBe(safe);
    expect(parse(renderCsv([['key'], [cell]]), { columns: true })).toEqual([{ key: safe }]);
  });

  it.each([[-1], [0.25], [true], [null]])('leaves %j as a value, not text', (value) => {
    expect(neutralizeCell(value)).toBe(value);
  });

  it('quotes every text cell, keeps numbers bare and ends lines with CRLF', () => {
    expect(
      renderCsv([
        ['key', 'n', 'ok', 'none'],
        ['a, "b"\nc', 0.5, false, null],
      ]),
    ).toBe('"key","n","ok","none"\r\n"a, ""b""\nc",0.5,false,\r\n');
  });
});

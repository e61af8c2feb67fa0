/**
 * The date formats LinkedIn has shipped in its export, read with luxon. A time with no zone is UTC
 * (SPEC section 2). Each returns null when the text is not a date, so the caller can report the row.
 *
 * A million-row export spends most of its parsing time here, so the exact shapes LinkedIn writes
 * (`3/5/26, 1:45 AM`, `2026-03-05 01:45:00 UTC`, `2026-03-05 01:45:00`, `05 Mar 2026`) take a fast
 * path: one anchored regex and Date.UTC, checked by reading the date back. Anything else, and any
 * text the fast path doubts, goes to luxon, which stays the reference: a property test holds the
 * fast path to luxon's answer on generated texts, valid and not.
 */
import { DateTime, type DateTimeOptions, Settings } from 'luxon';
import type { Instant } from '../core/index.ts';

const OPTIONS: DateTimeOptions = { zone: 'utc', locale: 'en-US' };

// Built once: luxon compiles a format into a parser, and a million-row file calls these a million times.
const US_DATE_TIME = [
  'M/d/yy, h:mm a',
  'M/d/yy h:mm a',
  'M/d/yy, h:mm:ss a',
  'M/d/yy h:mm:ss a',
  'M/d/yy, H:mm',
  'M/d/yy H:mm',
  'M/d/yy',
].map((f) => DateTime.buildFormatParser(f, OPTIONS));
// A spreadsheet re-save in a US locale writes the month first with dashes: `09-04-2021` is 4 Sep.
const US_DASHED = ['M-d-yyyy', 'M-d-yy'].map((f) => DateTime.buildFormatParser(f, OPTIONS));
// `Mar 25 2023 10:15 AM`, as some tools re-write the export
const MONTH_DAY_YEAR = ['MMM d yyyy h:mm a', 'MMM d yyyy', 'MMM d, yyyy h:mm a', 'MMM d, yyyy'].map((f) =>
  DateTime.buildFormatParser(f, OPTIONS),
);
const DAY_MONTH_YEAR = ['d MMM yyyy', 'd MMM yy', 'd MMMM yyyy', 'd MMMM yy', 'd-MMM-yy', 'd-MMM-yyyy'].map(
  (f) => DateTime.buildFormatParser(f, OPTIONS),
);

function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

function firstValid(text: string, parsers: ReturnType<typeof DateTime.buildFormatParser>[]): Instant | null {
  for (const parser of parsers) {
    const dt = DateTime.fromFormatParser(text, parser, OPTIONS);
    if (dt.isValid) return dt.toMillis();
  }
  return null;
}

function fromIsoLike(text: string): Instant | null {
  // "2026-03-05 01:45:00 UTC", "2026-03-05 01:45:00", "2026-03-05T01:45:00Z", with or without zone
  const sql = DateTime.fromSQL(text, OPTIONS);
  if (sql.isValid) return sql.toMillis();
  const iso = DateTime.fromISO(text, { ...OPTIONS, setZone: true });
  return iso.isValid ? iso.toMillis() : null;
}

/** Luxon's reading of `Sent At`: the reference for the fast path (exported for its tests). */
export function parseExportDateTimeWithLuxon(raw: string): Instant | null {
  const text = squeeze(raw);
  if (text === '' || text.length > 64) return null;
  if (/^\d{4}-/.test(text)) return fromIsoLike(text);
  if (/^\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text)) return firstValid(text, US_DATE_TIME);
  if (/^\d{1,2}[ -][A-Za-z]/.test(text)) return firstValid(text, DAY_MONTH_YEAR);
  if (/^\d{1,2}-\d{1,2}-\d{2,4}$/.test(text)) return firstValid(text, US_DASHED);
  if (/^[A-Za-z]{3,9} \d{1,2},? \d{4}\b/.test(text)) return firstValid(text, MONTH_DAY_YEAR);
  return null;
}

/** Luxon's reading of `Connected On`: the reference for the fast path (exported for its tests). */
export function parseExportDateWithLuxon(raw: string): Instant | null {
  const text = squeeze(raw);
  if (text === '' || text.length > 64) return null;
  let t: Instant | null = null;
  if (/^\d{1,2}[ -][A-Za-z]/.test(text)) t = firstValid(text, DAY_MONTH_YEAR);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) t = fromIsoLike(text);
  // 2018 exports wrote `1/8/18, 6:14 PM`: the day is what counts
  else if (/^\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text)) t = firstValid(text, US_DATE_TIME);
  else if (/^\d{1,2}-\d{1,2}-\d{2,4}$/.test(text)) t = firstValid(text, US_DASHED);
  else if (/^[A-Za-z]{3,9} \d{1,2},? \d{4}\b/.test(text)) t = firstValid(text, MONTH_DAY_YEAR);
  return t === null ? null : DateTime.fromMillis(t, { zone: 'utc' }).startOf('day').toMillis();
}

// The shapes LinkedIn writes, exactly (no stray spaces: those go the slow way).
const US_SHAPE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}), (\d{1,2}):(\d{2}) ([AP])M$/;
const SQL_SHAPE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: UTC)?$/;
const DAY_SHAPE = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/;
const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** The instant of a UTC calendar time, or undefined when the fields name no such day (31 Feb). */
function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Instant | undefined {
  // Years below 1000 would meet Date.UTC's two-digit years: leave them to luxon.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(t).getUTCDate() === day ? t : undefined;
}

/** The fast path of Sent At; undefined means "ask luxon". */
function fastDateTime(text: string): Instant | undefined {
  let m = US_SHAPE.exec(text);
  if (m) {
    const yy = Number(m[3]);
    const year = yy > Settings.twoDigitCutoffYear ? 1900 + yy : 2000 + yy;
    const h = Number(m[4]);
    // luxon's 12-hour clock: 12 AM is midnight, 12 PM noon; other hours past 12 are kept as they are
    if (h === 0 || h > 12) return undefined;
    const hour = m[6] === 'P' ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h;
    return utc(year, Number(m[1]), Number(m[2]), hour, Number(m[5]));
  }
  m = SQL_SHAPE.exec(text);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = DAY_SHAPE.exec(text);
  if (m) {
    const month = MONTHS[m[2]!];
    return month === undefined ? undefined : utc(Number(m[3]), month, Number(m[1]));
  }
  return undefined;
}

/**
 * `Sent At` of Invitations.csv in any of its shipped formats: `3/5/26, 1:45 AM` (month first),
 * `2026-03-05 01:45:00 UTC`, `2026-03-05 01:45:00`, `05 Mar 2026`.
 */
export function parseExportDateTime(raw: string): Instant | null {
  return fastDateTime(raw) ?? parseExportDateTimeWithLuxon(raw);
}

/**
 * `Connected On` of Connections.csv: `26 Nov 2026`, older `12 Mar 19`, 2018's `1/8/18, 6:14 PM`, and
 * after a spreadsheet re-save `12-Feb-22`; midnight UTC of that day.
 */
export function parseExportDate(raw: string): Instant | null {
  const m = DAY_SHAPE.exec(raw);
  if (m) {
    const month = MONTHS[m[2]!];
    const t = month === undefined ? undefined : utc(Number(m[3]), month, Number(m[1]));
    if (t !== undefined) return t;
  }
  return parseExportDateWithLuxon(raw);
}

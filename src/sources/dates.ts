/**
 * The date formats LinkedIn has shipped in its export, read with luxon. A time with no zone is UTC
 * (SPEC section 2). Each returns null when the text is not a date, so the caller can report the row.
 */
import { DateTime, type DateTimeOptions } from 'luxon';
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

/**
 * `Sent At` of Invitations.csv in any of its shipped formats: `3/5/26, 1:45 AM` (month first),
 * `2026-03-05 01:45:00 UTC`, `2026-03-05 01:45:00`, `05 Mar 2026`.
 */
export function parseExportDateTime(raw: string): Instant | null {
  const text = squeeze(raw);
  if (text === '' || text.length > 64) return null;
  if (/^\d{4}-/.test(text)) return fromIsoLike(text);
  if (/^\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text)) return firstValid(text, US_DATE_TIME);
  if (/^\d{1,2}[ -][A-Za-z]/.test(text)) return firstValid(text, DAY_MONTH_YEAR);
  return null;
}

const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const CURRENT_CONNECTED_ON = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/;

/**
 * `26 Nov 2026`, the form of every current Connections.csv row, read without luxon (a weekly
 * export of a large network has thousands); anything else, or an impossible day, goes to luxon.
 */
function currentConnectedOn(text: string): Instant | null {
  const m = CURRENT_CONNECTED_ON.exec(text);
  if (!m) return null;
  const month = MONTH_ABBREVIATIONS.indexOf(m[2]!);
  const day = Number(m[1]);
  const year = Number(m[3]);
  if (month < 0 || day < 1 || day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) return null;
  return Date.UTC(year, month, day);
}

/** `Connected On` of Connections.csv: `26 Nov 2026`, older `12 Mar 19`; midnight UTC of that day. */
export function parseExportDate(raw: string): Instant | null {
  const text = squeeze(raw);
  if (text === '' || text.length > 64) return null;
  const fast = currentConnectedOn(text);
  if (fast !== null) return fast;
  let t: Instant | null = null;
  if (/^\d{1,2}[ -][A-Za-z]/.test(text)) t = firstValid(text, DAY_MONTH_YEAR);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) t = fromIsoLike(text);
  else if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(text)) t = firstValid(text, US_DATE_TIME);
  return t === null ? null : DateTime.fromMillis(t, { zone: 'utc' }).startOf('day').toMillis();
}

/**
 * What the two readers of the Sent page share (SPEC section 3.2): ages and their send-time ranges,
 * the page furniture that is not an invitation, and blocks of lines that end with an age, each of
 * which becomes a row. The readers turn a page into lines: sent-page.ts from pasted text,
 * sent-page-html.ts from saved HTML.
 */
import { DAY_MS, HOUR_MS, type Instant, InviteKeeperError, MINUTE_MS } from '../core/index.ts';
import type { RowError, SentPageRow } from './records.ts';
import { cleanLine, quote } from './text.ts';

export interface SentPage {
  file: string;
  format: 'text' | 'html';
  rows: SentPageRow[];
  errors: RowError[];
  /** The page ended with "Load more": older invitations were not shown. */
  truncated: boolean;
  /** The earliest instant any listed invitation can have been sent; null when none is listed. */
  oldestEarliest: Instant | null;
}

// ---------------------------------------------------------------------------------------------------------
// Ages

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNITS: Record<string, Unit> = {
  minute: 'minute',
  minutes: 'minute',
  min: 'minute',
  mins: 'minute',
  m: 'minute',
  hour: 'hour',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  h: 'hour',
  day: 'day',
  days: 'day',
  d: 'day',
  week: 'week',
  weeks: 'week',
  wk: 'week',
  wks: 'week',
  w: 'week',
  month: 'month',
  months: 'month',
  mo: 'month',
  mos: 'month',
  year: 'year',
  years: 'year',
  yr: 'year',
  yrs: 'year',
  y: 'year',
};

/** Age in days as a closed range, per unit count N (SPEC: "Sent 1 month ago" = 30 to 59 days). */
const DAY_RANGES: Record<'day' | 'week' | 'month' | 'year', (n: number) => [number, number]> = {
  day: (n) => [n, n],
  week: (n) => [7 * n, 7 * n + 6],
  month: (n) => [30 * n, 30 * n + 29],
  year: (n) => [365 * n, 365 * n + 364],
};

const AGE =
  /^sent\s+(?:(today)|(yesterday)|(just now|a moment ago|moments ago)|(\d{1,4}|an?|one)\s*([a-z]+)\s+ago)\.?$/i;
/** A line meant as an age, readable or not: "Sent" and then something that speaks of time. */
export const AGE_LIKE = /^sent\s+(?=.*\b(?:ago|today|yesterday|now)\b|\d)/i;

/** The send-time range of an age text such as "Sent 3 weeks ago", relative to `asOf`; null if unreadable. */
export function sentAgeRange(
  ageText: string,
  asOf: Instant,
): { sentAtLatest: Instant; sentAtEarliest: Instant } | null {
  const m = AGE.exec(cleanLine(ageText));
  if (!m) return null;
  const days = (min: number, max: number) => ({
    sentAtLatest: asOf - min * DAY_MS,
    sentAtEarliest: asOf - (max + 1) * DAY_MS + 1,
  });
  const exact = (n: number, unitMs: number) => ({
    sentAtLatest: asOf - n * unitMs,
    sentAtEarliest: asOf - (n + 1) * unitMs + 1,
  });
  if (m[1]) return days(0, 0);
  if (m[2]) return days(1, 1);
  if (m[3]) return exact(0, MINUTE_MS);
  const count = m[4]!.toLowerCase();
  const n = /^\d+$/.test(count) ? Number(count) : 1;
  // own properties only: "constructor" is not a unit
  const key = m[5]!.toLowerCase();
  const unit = Object.hasOwn(UNITS, key) ? UNITS[key] : undefined;
  if (!unit) return null;
  if (unit === 'minute') return exact(n, MINUTE_MS);
  if (unit === 'hour') return exact(n, HOUR_MS);
  const [min, max] = DAY_RANGES[unit](n);
  return days(min, max);
}

// ---------------------------------------------------------------------------------------------------------
// Lines and noise

export interface PageLine {
  text: string;
  line: number;
}

const NOISE_EXACT = new Set(
  [
    'skip to main content',
    'skip to search',
    'main content',
    'home',
    'my network',
    'jobs',
    'messaging',
    'notifications',
    'me',
    'for business',
    'work',
    'learning',
    'try premium for free',
    'try premium',
    'reactivate premium',
    'manage invitations',
    'manage',
    'invitations',
    'received',
    'sent',
    'people',
    'pages',
    'events',
    'newsletters',
    'groups',
    'withdraw',
    'load more',
    'show more',
    'show more results',
    'see all',
    'see more',
    'message',
    'ignore',
    'accept',
    'view profile',
    'more',
    'premium',
    'verified',
    'follow',
    'following',
    'connect',
    'pending',
    'close',
    'dismiss',
    'search',
    'grow',
    'catch up',
    'no pending invitations',
  ].map((s) => s.toLowerCase()),
);

const NOISE_PATTERNS = [
  /^(people|pages|events|newsletters|groups|received|sent|invitations|manage invitations)\s*\(?\s*\d[\d,.]*\s*\)?$/i,
  /^\d[\d,.]*\s*\+?\s*(new\s+)?(notifications?|messages?|invitations?|pending)?$/i,
  /['’]s?\s+(profile\s+)?(picture|photo|image)$/i,
  /^view\s+.+['’]s?\s+profile$/i,
  /^(photo|picture|image)\s+of\s/i,
  /^status is\s/i,
  /^[·•]\s*/,
  /^(1st|2nd|3rd\+?)(\s+degree(\s+connection)?)?$/i,
  /^\(?\s*(she|he|they|ze|xe)\s*\/\s*(her|him|them|hers|his|theirs|hir|xem)\s*\)?$/i,
  /^withdraw\s+invitation/i,
  /mutual connections?$/i,
  /^invitations?\s+sent\b/i,
  /^sent\s+invitations?\b/i,
  /^sent\s*\(\d[\d,]*\)$/i,
];

const LOAD_MORE = /^(load more|show more|show more results|see more)$/i;

export function isNoise(text: string): boolean {
  return NOISE_EXACT.has(text.toLowerCase()) || NOISE_PATTERNS.some((p) => p.test(text));
}

/** A name as shown, minus the pronouns and connection degree LinkedIn prints beside it. */
export function cleanName(text: string): string {
  return cleanLine(
    text
      .replace(/\s*\(\s*(she|he|they|ze|xe)\s*\/\s*[a-z]+\s*\)\s*/gi, ' ')
      .replace(/\s*[·•]\s*(1st|2nd|3rd\+?)(\s+degree(\s+connection)?)?\s*$/i, '')
      .replace(/\s+(1st|2nd|3rd\+?)\s+degree(\s+connection)?\s*$/i, ''),
  );
}

/**
 * Splits a line that carries the age glued to other text ("Engineer Sent 3 weeks ago Withdraw"), and
 * joins an age split over two lines ("Sent" / "3 weeks ago").
 */
export function tidyLines<L extends PageLine>(lines: L[]): L[] {
  const out: L[] = [];
  const glued =
    /^(.*?)\s*\b(sent\s+(?:today|yesterday|just now|a moment ago|(?:\d{1,4}|an?|one)\s*[a-z]+\s+ago))\.?(?:\s+(withdraw))?$/i;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const next = lines[i + 1];
    if (
      /^sent$/i.test(l.text) &&
      next &&
      /^(?:(?:\d{1,4}|an?|one)\s*[a-z]+\s+ago|today|yesterday|just now)$/i.test(next.text)
    ) {
      out.push({ ...l, text: `Sent ${next.text}` });
      i++;
      continue;
    }
    const m = glued.exec(l.text);
    if (m && (m[1] || m[3])) {
      if (m[1]) out.push({ ...l, text: m[1] });
      out.push({ ...l, text: m[2]! });
      if (m[3]) out.push({ ...l, text: m[3] });
      continue;
    }
    out.push(l);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Blocks: the lines between two ages belong to the second one

export interface Block {
  content: PageLine[];
  age: PageLine;
}

function ageProblem(text: string): string {
  return `${quote(text)} is not an age this reader knows (expected like "Sent 3 weeks ago", "Sent today" or "Sent yesterday")`;
}

function dedupe(lines: PageLine[]): PageLine[] {
  const out: PageLine[] = [];
  for (const l of lines) if (out.at(-1)?.text.toLowerCase() !== l.text.toLowerCase()) out.push(l);
  return out;
}

export function blocksOf(lines: PageLine[]): { blocks: Block[]; truncated: boolean } {
  const blocks: Block[] = [];
  let content: PageLine[] = [];
  let truncated = false;
  for (const l of lines) {
    if (AGE_LIKE.test(l.text)) {
      blocks.push({ content, age: l });
      content = [];
      truncated = false;
      continue;
    }
    if (LOAD_MORE.test(l.text)) truncated = true;
    if (!isNoise(l.text)) content.push(l);
  }
  return { blocks, truncated: blocks.length > 0 && truncated };
}

export function rowOfBlock(
  block: Block,
  asOf: Instant,
  file: string,
  known: { name?: string; headline?: string | null; profileUrl?: string | null } = {},
): SentPageRow | RowError {
  const content = dedupe(block.content);
  let name = known.name ?? null;
  let headline = known.headline !== undefined ? known.headline : null;
  if (name === null && content.length > 0) {
    // the name and headline sit right above the age; what is further up is page furniture
    const nameLine = content.length >= 2 ? content[content.length - 2]! : content[0]!;
    name = cleanName(nameLine.text);
    headline = content.length >= 2 ? content[content.length - 1]!.text : null;
  }
  const range = sentAgeRange(block.age.text, asOf);
  const problems: string[] = [];
  if (!range) problems.push(ageProblem(block.age.text));
  if (!name) problems.push(`no name before ${quote(block.age.text)}`);
  if (!range || !name) {
    const error: RowError = { file, line: block.age.line, message: problems.join('; ') };
    if (name) error.partial = { name, profileUrl: known.profileUrl ?? null };
    return error;
  }
  return {
    name,
    headline: headline ? cleanLine(headline) : null,
    profileUrl: known.profileUrl ?? null,
    sentAtLatest: range.sentAtLatest,
    sentAtEarliest: range.sentAtEarliest,
    ageText: block.age.text,
  };
}

export function pageOf(
  file: string,
  format: SentPage['format'],
  results: Array<SentPageRow | RowError>,
  truncated: boolean,
): SentPage {
  const rows: SentPageRow[] = [];
  const errors: RowError[] = [];
  for (const r of results) {
    if ('message' in r) errors.push(r);
    else rows.push(r);
  }
  let oldest: Instant | null = null;
  for (const r of rows) oldest = oldest === null ? r.sentAtEarliest : Math.min(oldest, r.sentAtEarliest);
  return { file, format, rows, errors, truncated, oldestEarliest: oldest };
}

export function parseLines(
  lines: PageLine[],
  asOf: Instant,
  file: string,
  format: SentPage['format'],
): SentPage {
  const { blocks, truncated } = blocksOf(tidyLines(lines));
  return pageOf(
    file,
    format,
    blocks.map((b) => rowOfBlock(b, asOf, file)),
    truncated,
  );
}

/** More lines of visible text than any Sent page has (about 6 per invitation); bounds the memory used. */
export const MAX_SENT_PAGE_LINES = 1_000_000;

/** The refusal of a file with more than MAX_SENT_PAGE_LINES lines of text. */
export function tooManyLines(file: string): InviteKeeperError {
  return new InviteKeeperError(
    'TOO_LARGE',
    `${file}: has more than ${MAX_SENT_PAGE_LINES.toLocaleString('en-US')} lines of text, more than any Sent page (about 6 per invitation)`,
    { file },
  );
}

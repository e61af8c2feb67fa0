/**
 * The Sent page of LinkedIn's invitation manager (SPEC section 3.2), copied as text or saved as HTML. Each
 * invitation shows a name, a headline and an age ("Sent 3 weeks ago"); an age becomes a range of send
 * instants relative to `asOf`. The reader anchors on the "Sent …" lines (and, in HTML, on profile links),
 * never on LinkedIn's class names, which change.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import {
  canonicalProfileUrl,
  DAY_MS,
  HOUR_MS,
  type Instant,
  InviteKeeperError,
  MINUTE_MS,
} from '../core/index.ts';
import type { RowError, SentPageRow } from './records.ts';
import { cleanLine, formatBytes, quote } from './text.ts';

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

/** The largest Sent page file read (a saved page with thousands of rows is a few MiB). */
export const MAX_SENT_PAGE_BYTES = 64 * 1024 * 1024;

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
const AGE_LIKE = /^sent\s+(?=.*\b(?:ago|today|yesterday|now)\b|\d)/i;

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

interface PageLine {
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

function isNoise(text: string): boolean {
  return NOISE_EXACT.has(text.toLowerCase()) || NOISE_PATTERNS.some((p) => p.test(text));
}

/** A name as shown, minus the pronouns and connection degree LinkedIn prints beside it. */
function cleanName(text: string): string {
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
function tidyLines<L extends PageLine>(lines: L[]): L[] {
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

function splitTextLines(text: string): PageLine[] {
  const lines: PageLine[] = [];
  const raw = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    for (const piece of raw[i]!.split('\t')) {
      const t = cleanLine(piece);
      if (t !== '') lines.push({ text: t, line: i + 1 });
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Blocks: the lines between two ages belong to the second one

interface Block {
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

function blocksOf(lines: PageLine[]): { blocks: Block[]; truncated: boolean } {
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

function rowOfBlock(
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

function pageOf(
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

function parseLines(lines: PageLine[], asOf: Instant, file: string, format: SentPage['format']): SentPage {
  const { blocks, truncated } = blocksOf(tidyLines(lines));
  return pageOf(
    file,
    format,
    blocks.map((b) => rowOfBlock(b, asOf, file)),
    truncated,
  );
}

/** Reads the Sent page copied as text (select all, copy, paste into a file). */
export function parseSentPageText(text: string, asOf: Instant, file: string): SentPage {
  return parseLines(splitTextLines(text), asOf, file, 'text');
}

// ---------------------------------------------------------------------------------------------------------
// HTML

const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'title',
  'iframe',
  'object',
  'canvas',
  'math',
]);
/** Inline formatting: its text continues the line around it. Every other element starts a new line. */
const INLINE_ELEMENTS = new Set([
  'b',
  'i',
  'em',
  'strong',
  'u',
  's',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'bdi',
  'bdo',
  'wbr',
  'font',
  'q',
  'cite',
  'code',
  'kbd',
  'samp',
  'var',
]);

interface HtmlLine extends PageLine {
  /** Offset in the source of the line's first text. */
  index: number;
  /** The innermost line-starting element the text sits in. */
  owner: Element | null;
}

function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs) return true;
  const style = el.attribs.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function lineOfIndex(starts: number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * The visible text of a subtree as lines, the way a browser would lay it out without styles: each
 * block-ish element starts a line. Iterative, so a deeply nested page cannot overflow the stack.
 */
function visibleLines(root: AnyNode, lineStarts: number[]): HtmlLine[] {
  const out: HtmlLine[] = [];
  let buffer = '';
  let bufferIndex = -1;
  let bufferOwner: Element | null = null;
  const owners: Element[] = [];
  const flush = () => {
    // most text nodes of a saved page are indentation: nothing to clean
    const text = bufferIndex === -1 ? '' : cleanLine(buffer);
    if (text !== '') {
      out.push({ text, index: bufferIndex, line: lineOfIndex(lineStarts, bufferIndex), owner: bufferOwner });
    }
    buffer = '';
    bufferIndex = -1;
  };
  type Step = { node: AnyNode; exit: boolean };
  const stack: Step[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      if (bufferIndex === -1 && data.trim() !== '') {
        bufferIndex = node.startIndex ?? 0;
        bufferOwner = owners.at(-1) ?? null;
      }
      buffer += data;
      continue;
    }
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      const name = el.name.toLowerCase();
      if (exit) {
        if (!INLINE_ELEMENTS.has(name)) {
          flush();
          owners.pop();
        }
        continue;
      }
      if (SKIPPED_ELEMENTS.has(name) || isHidden(el)) continue;
      if (name === 'br') {
        flush();
        continue;
      }
      if (!INLINE_ELEMENTS.has(name)) {
        flush();
        owners.push(el);
      }
      stack.push({ node, exit: true });
      for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, exit: false });
      continue;
    }
    if (node.type === 'root') {
      const children = (node as unknown as { children: AnyNode[] }).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false });
    }
  }
  flush();
  return out;
}

function profileUrlOfHref(href: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//')) return canonicalProfileUrl(`https://www.linkedin.com${h}`);
  if (!/linkedin\.com/i.test(h)) return null;
  return canonicalProfileUrl(h);
}

/** The profile links of a subtree, in document order (iterative walk). */
function profileLinks(root: Element): Array<{ el: Element; url: string }> {
  const found: Array<{ el: Element; url: string }> = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (SKIPPED_ELEMENTS.has(el.name.toLowerCase())) continue;
    if (el.name.toLowerCase() === 'a') {
      const url = profileUrlOfHref(el.attribs.href);
      if (url) found.push({ el, url });
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return found;
}

/** Node visits allowed while looking for cards on one page: keeps a pathological page linear. */
const CARD_SEARCH_BUDGET = 5_000_000;

function hasProfileLink(root: Element, budget: { left: number }): boolean {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    if (--budget.left < 0) return false;
    const node = stack.pop()!;
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (el.name.toLowerCase() === 'a' && profileUrlOfHref(el.attribs.href)) return true;
    for (const child of el.children) stack.push(child);
  }
  return false;
}

interface Card {
  el: Element;
  ageLine: HtmlLine;
}

/** The invitation card around an age: the nearest ancestor that holds a profile link. */
function cardOf(owner: Element | null, budget: { left: number }): Element | null {
  let cur: Element | null = owner;
  for (let depth = 0; cur && depth < 40; depth++) {
    if (hasProfileLink(cur, budget)) return cur;
    const parent: AnyNode | null = cur.parent;
    cur = parent && parent.type === 'tag' ? (parent as Element) : null;
  }
  return null;
}

function rowOfCard(card: Card, asOf: Instant, file: string, lineStarts: number[]): SentPageRow | RowError {
  const lines = tidyLines(visibleLines(card.el, lineStarts));
  const ageAt = lines.findIndex((l) => l.index === card.ageLine.index && AGE_LIKE.test(l.text));
  const before = (ageAt === -1 ? lines : lines.slice(0, ageAt)).filter(
    (l) => !isNoise(l.text) && !AGE_LIKE.test(l.text),
  );
  const links = profileLinks(card.el);
  const profileUrl = links[0]?.url ?? null;
  let nameLine: PageLine | null = null;
  for (const link of links) {
    const inLink = visibleLines(link.el, lineStarts).filter((l) => !isNoise(l.text));
    if (inLink[0]) {
      nameLine = inLink[0];
      break;
    }
  }
  const block: Block = { content: before, age: card.ageLine };
  if (!nameLine) return rowOfBlock(block, asOf, file, { profileUrl });
  const name = cleanName(nameLine.text);
  const at = before.findIndex((l) => l.text === nameLine.text);
  const headline =
    (at === -1 ? before : before.slice(at + 1)).find((l) => cleanName(l.text) !== name)?.text ?? null;
  return rowOfBlock(block, asOf, file, { name, headline, profileUrl });
}

/** Deeper than any page a browser saves; htmlparser2 slows down quadratically with depth. */
const MAX_HTML_DEPTH = 1000;
const VOID_ELEMENTS =
  /^(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|!doctype|!--)$/i;

/** The deepest nesting of elements, counted from the tags alone (before building a tree). */
function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  // [^<>] keeps every attempt within one tag, so a page full of stray "<" stays linear
  const tag = /<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*?(\/?)>/g;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      depth = Math.max(0, depth - 1);
    } else if (name === 'script' || name === 'style') {
      // their text is not markup: skip to the closing tag
      const close = name === 'script' ? /<\/script/gi : /<\/style/gi;
      close.lastIndex = tag.lastIndex;
      if (close.exec(html) === null) break;
      tag.lastIndex = close.lastIndex;
    } else if (!m[3] && !VOID_ELEMENTS.test(name)) {
      max = Math.max(max, ++depth);
    }
  }
  return max;
}

/** Reads a Sent page saved from the browser as HTML. Falls back to the page's visible text. */
export function parseSentPageHtml(html: string, asOf: Instant, file: string): SentPage {
  const depth = nestingDepth(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new InviteKeeperError(
      'BAD_INPUT',
      `${file}: elements are nested ${depth} deep (more than ${MAX_HTML_DEPTH}); this is not a page saved from a browser`,
      { file },
    );
  }
  const doc = parseDocument(html, { withStartIndices: true, decodeEntities: true });
  const lineStarts = [0];
  for (let i = html.indexOf('\n'); i !== -1; i = html.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const tidy = tidyLines(visibleLines(doc as unknown as AnyNode, lineStarts));
  const ages = tidy.filter((l) => AGE_LIKE.test(l.text));
  const cards: Card[] = [];
  const seen = new Set<Element>();
  let usable = ages.length > 0;
  const budget = { left: CARD_SEARCH_BUDGET };
  for (const age of ages) {
    const card = cardOf(age.owner, budget);
    if (!card) {
      usable = false;
      break;
    }
    if (seen.has(card)) continue; // the same age printed twice in one card (visible and for screen readers)
    const slugs = new Set(profileLinks(card).map((l) => l.url));
    if (slugs.size > 1) {
      // the "card" holds several people: the markup is not one card per invitation
      usable = false;
      break;
    }
    seen.add(card);
    cards.push({ el: card, ageLine: age });
  }
  if (!usable) return { ...parseLines(tidy, asOf, file, 'html') };
  const { truncated } = blocksOf(tidy);
  return pageOf(
    file,
    'html',
    cards.map((c) => rowOfCard(c, asOf, file, lineStarts)),
    truncated,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Files

function decode(bytes: Buffer, file: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) {
    throw new InviteKeeperError(
      'BAD_INPUT',
      `${file}: contains NUL bytes: it is a binary file, not the text or HTML of the Sent page`,
      { file },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // pasted text saved by an old editor in the Windows code page: read it as such rather than refuse it
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function looksLikeHtml(text: string): boolean {
  const start = text.slice(0, 4096).trimStart();
  return (
    /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|section|main|ul|li)\b/i.test(start) ||
    /<\/(div|body|html|li|span)>/i.test(text.slice(0, 65536))
  );
}

/** Reads a Sent page file, telling pasted text from saved HTML by its content. */
export async function readSentPage(path: string, asOf: Instant): Promise<SentPage> {
  const file = basename(path) || path;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new InviteKeeperError('BAD_INPUT', `${file}: is a folder, not a file`, { file });
    size = info.size;
  } catch (err) {
    if (err instanceof InviteKeeperError) throw err;
    const code = (err as { code?: unknown }).code;
    throw new InviteKeeperError(
      'FILE_NOT_FOUND',
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${String(code ?? err)})`,
      { file: path },
    );
  }
  if (size > MAX_SENT_PAGE_BYTES) {
    throw new InviteKeeperError(
      'TOO_LARGE',
      `${file}: is ${formatBytes(size)}, more than the ${formatBytes(MAX_SENT_PAGE_BYTES)} a Sent page can be`,
      { file },
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new InviteKeeperError('FILE_NOT_FOUND', `${path}: cannot be read (${String(code ?? err)})`, {
      file: path,
    });
  }
  if (bytes.length > MAX_SENT_PAGE_BYTES) {
    throw new InviteKeeperError('TOO_LARGE', `${file}: is larger than ${formatBytes(MAX_SENT_PAGE_BYTES)}`, {
      file,
    });
  }
  const text = decode(bytes, file);
  if (/^\s*(MIME-Version:|Content-Type:\s*multipart\/related)/i.test(text.slice(0, 2048))) {
    throw new InviteKeeperError(
      'BAD_INPUT',
      `${file}: is a single-file web archive (.mhtml); save the page as "Webpage, HTML only", or copy its text`,
      { file },
    );
  }
  return looksLikeHtml(text) ? parseSentPageHtml(text, asOf, file) : parseSentPageText(text, asOf, file);
}

/**
 * The Sent page saved from the browser as HTML, read as a stream: neither the page nor a tree of it
 * is ever held whole, only its lines of visible text.
 */
import { Parser } from 'htmlparser2';
import { canonicalProfileUrl, type Instant, InviteKeeperError } from '../core/index.ts';
import type { RowError, SentPageRow } from './records.ts';
import {
  AGE_LIKE,
  type Block,
  blocksOf,
  cleanName,
  isNoise,
  MAX_SENT_PAGE_LINES,
  type PageLine,
  pageOf,
  parseLines,
  rowOfBlock,
  type SentPage,
  tidyLines,
  tooManyLines,
} from './sent-page-lines.ts';
import { cleanLine } from './text.ts';

// ---------------------------------------------------------------------------------------------------------
// HTML, read as a stream: the page is never held whole, nor as a tree

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

/** Deeper than any page a browser saves (LinkedIn's nest about 40 deep); the parser slows with depth. */
const MAX_HTML_DEPTH = 1000;
/** How many ancestors of an age are looked at for the card that holds it. */
const MAX_CARD_HOPS = 40;

interface HtmlLine extends PageLine {
  /** Offset in the source of the line's first text. */
  index: number;
}

function isHidden(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  const style = attribs.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function profileUrlOfHref(href: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//')) return canonicalProfileUrl(`https://www.linkedin.com${h}`);
  if (!/linkedin\.com/i.test(h)) return null;
  return canonicalProfileUrl(h);
}

/** Line numbers of source offsets asked for in increasing order, keeping only the text not yet passed. */
class LineCounter {
  private chunks: Array<{ base: number; text: string }> = [];
  private end = 0;
  private at = 0;
  private line = 1;

  feed(text: string): void {
    this.chunks.push({ base: this.end, text });
    this.end += text.length;
  }

  /** The 1-based line of `index`; moves past everything before it. */
  lineOf(index: number): number {
    while (this.at < index && this.chunks.length > 0) {
      const c = this.chunks[0]!;
      const stop = Math.min(index, c.base + c.text.length);
      for (let i = c.text.indexOf('\n', this.at - c.base); i !== -1 && c.base + i < stop; ) {
        this.line++;
        i = c.text.indexOf('\n', i + 1);
      }
      this.at = stop;
      if (stop === c.base + c.text.length) this.chunks.shift();
    }
    return this.line;
  }
}

interface Frame {
  parent: Frame | null;
  name: string;
  /** Starts a line (not inline formatting). */
  block: boolean;
  /** Its text is not shown (a script, a template, a hidden element) or an ancestor's is not. */
  textOff: boolean;
  /** A script, style or template: links in it are not on the page. */
  linksOff: boolean;
  /** It holds a profile link. */
  hasLink: boolean;
  open: boolean;
  lineStart: number;
  linkStart: number;
  /** Source offsets of the ages in it whose card is not found yet, and how far they have come up. */
  ages: number[];
  hops: number;
}

interface PageLink {
  url: string;
  /** The first meaningful line of text inside the link (the name, on a card). */
  firstLine: string | null;
}

/**
 * Reads a Sent page saved as HTML from chunks of its text. The visible text becomes lines the way a
 * browser lays it out without styles (each block-ish element starts a line). Each age ("Sent 3 weeks
 * ago") belongs to its card: the nearest element around it that holds a profile link, and the card's
 * link gives the name. When the markup is not one card per invitation, the lines are read as text.
 */
export class SentPageHtmlReader {
  private readonly lines: HtmlLine[] = [];
  private readonly links: PageLink[] = [];
  private readonly openLinks: PageLink[] = [];
  private readonly cards: Array<{ ageIndex: number; row: SentPageRow | RowError }> = [];
  private readonly counter = new LineCounter();
  private readonly parser: Parser;
  private top: Frame;
  private depth = 0;
  private buffer = '';
  private bufferIndex = -1;
  private bufferOwner: Frame;
  private ageCount = 0;
  private usable = true;
  /** The previous line was a bare "Sent" (its age may follow on the next line), with its owner. */
  private bareSent: { index: number; owner: Frame } | null = null;

  constructor(
    private readonly asOf: Instant,
    private readonly file: string,
  ) {
    this.top = this.frame(null, '#document', true, false, false);
    this.bufferOwner = this.top;
    this.parser = new Parser(
      {
        onopentag: (name, attribs) => this.openTag(name.toLowerCase(), attribs),
        ontext: (data) => this.text(data),
        onclosetag: () => this.closeTag(),
      },
      { decodeEntities: true },
    );
  }

  write(chunk: string): void {
    this.counter.feed(chunk);
    this.parser.write(chunk);
  }

  end(): SentPage {
    this.parser.end();
    while (this.top.parent) this.closeTag();
    this.flush();
    this.settle(this.top);
    if (this.top.ages.length > 0) this.usable = false;
    const tidy = tidyLines(this.lines);
    if (!this.usable || this.ageCount === 0) return parseLines(tidy, this.asOf, this.file, 'html');
    this.cards.sort((a, b) => a.ageIndex - b.ageIndex);
    return pageOf(
      this.file,
      'html',
      this.cards.map((c) => c.row),
      blocksOf(tidy).truncated,
    );
  }

  private frame(
    parent: Frame | null,
    name: string,
    block: boolean,
    textOff: boolean,
    linksOff: boolean,
  ): Frame {
    return {
      parent,
      name,
      block,
      textOff,
      linksOff,
      hasLink: false,
      open: true,
      lineStart: this.lines?.length ?? 0,
      linkStart: this.links?.length ?? 0,
      ages: [],
      hops: 0,
    };
  }

  private openTag(name: string, attribs: Record<string, string>): void {
    const parent = this.top;
    const skipped = SKIPPED_ELEMENTS.has(name);
    const hidden = skipped || isHidden(attribs);
    if (!parent.textOff && !hidden) {
      if (name === 'br') this.flush();
      else if (!INLINE_ELEMENTS.has(name)) this.flush();
    }
    if (++this.depth > MAX_HTML_DEPTH) {
      throw new InviteKeeperError(
        'BAD_INPUT',
        `${this.file}: elements are nested more than ${MAX_HTML_DEPTH} deep; this is not a page saved from a browser`,
        { file: this.file },
      );
    }
    const f = this.frame(
      parent,
      name,
      !INLINE_ELEMENTS.has(name),
      parent.textOff || hidden,
      parent.linksOff || skipped,
    );
    this.top = f;
    if (name === 'a' && !f.linksOff) {
      const url = profileUrlOfHref(attribs.href);
      if (url) {
        const link: PageLink = { url, firstLine: null };
        this.links.push(link);
        this.openLinks.push(link);
        (link as PageLink & { frame?: Frame }).frame = f;
        for (let p: Frame | null = f; p && !p.hasLink; p = p.parent) p.hasLink = true;
      }
    }
  }

  private text(data: string): void {
    if (this.top.textOff) return;
    if (this.bufferIndex === -1) {
      if (data.trim() === '') return;
      this.bufferIndex = this.parser.startIndex;
      this.bufferOwner = this.top;
    }
    this.buffer += data;
  }

  private closeTag(): void {
    const f = this.top;
    if (!f.parent) return;
    if (f.block && !f.textOff) this.flush();
    this.depth--;
    f.open = false;
    const link = this.openLinks.at(-1) as (PageLink & { frame?: Frame }) | undefined;
    if (link?.frame === f) {
      this.openLinks.pop();
      delete link.frame;
    }
    this.settle(f);
    this.top = f.parent;
  }

  /** A closing element with ages in it: the card of those ages if it holds a link, else they go up. */
  private settle(f: Frame): void {
    if (f.ages.length === 0) return;
    if (f.hasLink) {
      this.card(f);
      f.ages = [];
      return;
    }
    const parent = f.parent;
    if (!parent || f.hops + 1 >= MAX_CARD_HOPS) {
      if (parent) this.usable = false;
      return;
    }
    for (const a of f.ages) parent.ages.push(a);
    parent.hops = Math.max(parent.hops, f.hops + 1);
    f.ages = [];
  }

  private flush(): void {
    if (this.bufferIndex === -1) return;
    const text = cleanLine(this.buffer);
    const index = this.bufferIndex;
    const owner = this.bufferOwner;
    this.buffer = '';
    this.bufferIndex = -1;
    if (text === '') return;
    if (this.lines.length >= MAX_SENT_PAGE_LINES) {
      throw tooManyLines(this.file);
    }
    const line: HtmlLine = { text, index, line: this.counter.lineOf(index) };
    this.lines.push(line);
    if (!isNoise(text)) for (const l of this.openLinks) l.firstLine ??= text;
    const bare = this.bareSent;
    this.bareSent = null;
    if (tidyLines([line]).some((l) => AGE_LIKE.test(l.text))) {
      this.addAge(index, owner);
    } else if (/^sent$/i.test(text)) {
      this.bareSent = { index, owner };
    } else if (bare && tidyLines([{ text: 'Sent', line: 0 }, line]).length === 1) {
      this.addAge(bare.index, bare.owner);
    }
  }

  private addAge(index: number, owner: Frame): void {
    let f: Frame = owner;
    while (!f.open && f.parent) f = f.parent;
    f.ages.push(index);
    this.ageCount++;
  }

  private card(f: Frame): void {
    const links = this.links.slice(f.linkStart);
    if (new Set(links.map((l) => l.url)).size > 1) {
      // the "card" holds several people: the markup is not one card per invitation
      this.usable = false;
      return;
    }
    const ageIndex = f.ages[0]!;
    const lines = tidyLines(this.lines.slice(f.lineStart));
    const ageAt = lines.findIndex((l) => l.index === ageIndex && AGE_LIKE.test(l.text));
    const age = lines[ageAt] ?? lines.find((l) => l.index === ageIndex)!;
    const before = (ageAt === -1 ? lines : lines.slice(0, ageAt)).filter(
      (l) => !isNoise(l.text) && !AGE_LIKE.test(l.text),
    );
    const profileUrl = links[0]?.url ?? null;
    const nameText = links.find((l) => l.firstLine !== null)?.firstLine ?? null;
    const block: Block = { content: before, age };
    let row: SentPageRow | RowError;
    if (nameText === null) {
      row = rowOfBlock(block, this.asOf, this.file, { profileUrl });
    } else {
      const name = cleanName(nameText);
      const at = before.findIndex((l) => l.text === nameText);
      const headline =
        (at === -1 ? before : before.slice(at + 1)).find((l) => cleanName(l.text) !== name)?.text ?? null;
      row = rowOfBlock(block, this.asOf, this.file, { name, headline, profileUrl });
    }
    this.cards.push({ ageIndex, row });
  }
}

/** Reads a Sent page saved from the browser as HTML. Falls back to the page's visible text. */
export function parseSentPageHtml(html: string, asOf: Instant, file: string): SentPage {
  const reader = new SentPageHtmlReader(asOf, file);
  reader.write(html);
  return reader.end();
}

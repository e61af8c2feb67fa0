/**
 * The Sent page of LinkedIn's invitation manager (SPEC section 3.2), copied as text or saved as HTML. Each
 * invitation shows a name, a headline and an age ("Sent 3 weeks ago"); an age becomes a range of send
 * instants relative to `asOf`. The reader anchors on the "Sent …" lines (and, in HTML, on profile links),
 * never on LinkedIn's class names, which change. This module reads pasted text and files (streamed,
 * in bounded memory); sent-page-html.ts reads saved HTML; sent-page-lines.ts holds what both share.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Instant, InviteKeeperError } from '../core/index.ts';
import { SentPageHtmlReader } from './sent-page-html.ts';
import {
  MAX_SENT_PAGE_LINES,
  type PageLine,
  parseLines,
  type SentPage,
  tooManyLines,
} from './sent-page-lines.ts';
import { cleanLine, formatBytes } from './text.ts';

export { parseSentPageHtml, SentPageHtmlReader } from './sent-page-html.ts';
export { MAX_SENT_PAGE_LINES, type SentPage, sentAgeRange } from './sent-page-lines.ts';

/** The largest Sent page file read (a saved page with thousands of rows is a few MiB). */
export const MAX_SENT_PAGE_BYTES = 64 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Files, read as a stream

/** How much of a file is read at a time. */
const CHUNK_BYTES = 1024 * 1024;

function looksLikeHtml(head: string): boolean {
  const start = head.slice(0, 4096).trimStart();
  return (
    /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|section|main|ul|li)\b/i.test(start) ||
    /<\/(div|body|html|li|span)>/i.test(head.slice(0, 65536))
  );
}

/** Pasted text, line by line, from chunks of it. */
class SentPageTextReader {
  private readonly lines: PageLine[] = [];
  private rest = '';
  private line = 0;

  constructor(
    private readonly asOf: Instant,
    private readonly file: string,
  ) {}

  write(chunk: string): void {
    const text = this.rest + chunk;
    // a \r at the end may be the first half of \r\n
    let cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut === text.length - 1 && text.endsWith('\r')) cut = Math.max(text.lastIndexOf('\n', cut - 1), -1);
    if (cut < 0) {
      this.rest = text;
      return;
    }
    this.rest = text.slice(cut + 1);
    this.take(text.slice(0, cut + 1));
  }

  end(): SentPage {
    this.take(this.rest);
    this.rest = '';
    return parseLines(this.lines, this.asOf, this.file, 'text');
  }

  private take(text: string): void {
    const raw = text.split(/\r\n|\r|\n/);
    // text ending with a line break splits into one empty string more than it has lines
    if (raw.at(-1) === '') raw.pop();
    for (const r of raw) {
      this.line++;
      for (const piece of r.split('\t')) {
        const t = cleanLine(piece);
        if (t === '') continue;
        if (this.lines.length >= MAX_SENT_PAGE_LINES) {
          throw tooManyLines(this.file);
        }
        this.lines.push({ text: t, line: this.line });
      }
    }
  }
}

/** Reads the Sent page copied as text (select all, copy, paste into a file). */
export function parseSentPageText(text: string, asOf: Instant, file: string): SentPage {
  const reader = new SentPageTextReader(asOf, file);
  reader.write(text.replace(/^\ufeff/, ''));
  return reader.end();
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

function nulError(file: string): InviteKeeperError {
  return new InviteKeeperError(
    'BAD_INPUT',
    `${file}: contains NUL bytes: it is a binary file, not the text or HTML of the Sent page`,
    { file },
  );
}

/** The file's text in chunks, decoded as `encoding`; throws `DecodeFailed` on invalid UTF-8. */
async function* decodedChunks(path: string, encoding: Encoding, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const utf16 = encoding.startsWith('utf-16');
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      if (!utf16 && bytes.includes(0)) throw nulError(file);
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        throw new DecodeFailed();
      }
      if (text !== '') yield text;
    }
    let last: string;
    try {
      last = decoder.decode();
    } catch {
      throw new DecodeFailed();
    }
    if (last !== '') yield last;
  } finally {
    stream.destroy();
  }
}

class DecodeFailed extends Error {}

async function encodingOf(path: string): Promise<Encoding> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    if (bytesRead === 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (bytesRead === 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
    return 'utf-8';
  } finally {
    await handle.close();
  }
}

/** Reads a file of `encoding` into a reader chosen by the start of its text. */
async function readAs(path: string, encoding: Encoding, asOf: Instant, file: string): Promise<SentPage> {
  let head = '';
  let reader: SentPageHtmlReader | SentPageTextReader | null = null;
  const choose = () => {
    if (/^\s*(MIME-Version:|Content-Type:\s*multipart\/related)/i.test(head.slice(0, 2048))) {
      throw new InviteKeeperError(
        'BAD_INPUT',
        `${file}: is a single-file web archive (.mhtml); save the page as "Webpage, HTML only", or copy its text`,
        { file },
      );
    }
    const r = looksLikeHtml(head) ? new SentPageHtmlReader(asOf, file) : new SentPageTextReader(asOf, file);
    r.write(head);
    return r;
  };
  for await (const chunk of decodedChunks(path, encoding, file)) {
    if (reader) {
      reader.write(chunk);
      continue;
    }
    head += chunk;
    if (head.length >= 65536) reader = choose();
  }
  reader ??= choose();
  return reader.end();
}

/** Reads a Sent page file, telling pasted text from saved HTML by its content, in bounded memory. */
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
    throw unreadable(path, err);
  }
  if (size > MAX_SENT_PAGE_BYTES) {
    throw new InviteKeeperError(
      'TOO_LARGE',
      `${file}: is ${formatBytes(size)}, more than the ${formatBytes(MAX_SENT_PAGE_BYTES)} a Sent page can be`,
      { file },
    );
  }
  try {
    const encoding = await encodingOf(path);
    try {
      return await readAs(path, encoding, asOf, file);
    } catch (err) {
      if (!(err instanceof DecodeFailed)) throw err;
      // pasted text saved by an old editor in the Windows code page: read it as such rather than refuse it
      return await readAs(path, 'windows-1252', asOf, file);
    }
  } catch (err) {
    if (err instanceof InviteKeeperError) throw err;
    throw unreadable(path, err);
  }
}

function unreadable(path: string, err: unknown): InviteKeeperError {
  const code = (err as { code?: unknown }).code;
  return new InviteKeeperError(
    'FILE_NOT_FOUND',
    code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${String(code ?? err)})`,
    { file: path },
  );
}

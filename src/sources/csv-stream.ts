/**
 * The streamed CSV machinery every CSV reader shares: checking that a file's first bytes are UTF-8 text,
 * finding physical lines, a guard stream that normalises line endings and caps line length, and an
 * iterator of csv-parse records that knows the physical line each record starts on.
 */

import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import { formatBytes } from './text.ts';

/** Limits that keep a hostile or broken CSV from exhausting memory or time. */
export const CSV_LIMITS = {
  /** The largest record (sum of its fields, in characters) csv-parse will build. */
  maxRecordChars: 1024 * 1024,
  /** The longest physical line: beyond it the file is not a CSV we can read. */
  maxLineBytes: 4 * 1024 * 1024,
  /** More columns than this in one row is damage, not data. */
  maxColumns: 1000,
  /** How much of a file's start is inspected for encoding and the header row. */
  headBytes: 1024 * 1024,
} as const;

/** One physical line of a buffer: byte range without its line break, and its 1-based number. */
export interface PhysicalLine {
  number: number;
  start: number;
  end: number;
}

/**
 * Splits a buffer into physical lines the way the guard counts them: `\r\n`, `\n` and a lone `\r` each end
 * a line. When `complete` is false the last, possibly cut, line is left out.
 */
export function physicalLines(
  buf: Buffer,
  complete: boolean,
  maxLines = Number.POSITIVE_INFINITY,
): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  let number = 1;
  for (let i = 0; i < buf.length && lines.length < maxLines; i++) {
    const b = buf[i];
    if (b !== 0x0a && b !== 0x0d) continue;
    // a \r at the very end of an incomplete head may be the first half of \r\n: the line is not finished
    if (b === 0x0d && i + 1 === buf.length && !complete) return lines;
    lines.push({ number: number++, start, end: i });
    if (b === 0x0d && buf[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (complete && start < buf.length && lines.length < maxLines)
    lines.push({ number, start, end: buf.length });
  return lines;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Decodes one physical line as UTF-8, dropping a byte-order mark at the start of the file. */
export function lineText(buf: Buffer, line: PhysicalLine): string {
  let start = line.start;
  if (start === 0 && buf.subarray(0, 3).equals(UTF8_BOM)) start = 3;
  return buf.toString('utf8', start, line.end);
}

/**
 * Refuses bytes that are not UTF-8 text: UTF-16/32 (byte-order mark or NUL bytes), binary data, a ZIP
 * archive, invalid UTF-8. `head` is the start of the file; `complete` says whether it is all of it.
 */
export function checkTextHead(head: Buffer, complete: boolean, file: string): void {
  const bad = (problem: string, line?: number) =>
    new InviteKeeperError('BAD_INPUT', `${file}${line ? ` line ${line}` : ''}: ${problem}`, { file, line });
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    throw bad(
      'is UTF-16 text; LinkedIn files are UTF-8: save it again as "CSV UTF-8" (or use the original file)',
    );
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) {
    throw bad('is a ZIP archive, not a CSV file');
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    const line = countLinesBefore(head, nul);
    throw bad(
      'contains NUL bytes: it is a binary file or UTF-16/UTF-32 text, not a UTF-8 CSV (save it again as "CSV UTF-8")',
      line,
    );
  }
  for (const line of physicalLines(head, complete)) {
    if (!isUtf8(head.subarray(line.start, line.end))) {
      throw bad(
        'is not valid UTF-8 (it may be Latin-1 or Windows-1252); LinkedIn files are UTF-8: use the file as downloaded, or save it again as "CSV UTF-8"',
        line.number,
      );
    }
  }
}

function countLinesBefore(buf: Buffer, offset: number): number {
  let line = 1;
  for (const l of physicalLines(buf.subarray(0, offset), true)) line = l.number;
  return line;
}

/** Splits one line of CSV text into trimmed cells; null when it is not readable as CSV. */
export function csvCells(text: string, delimiter = ','): string[] | null {
  if (text.length > 64 * 1024) return null;
  // without quotes a split gives exactly what csv-parse would, without building a parser per line
  if (!text.includes('"'))
    return text
      .replace(/^\ufeff/, '')
      .split(delimiter)
      .map((c) => c.trim());
  try {
    const rows = parseSync(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
    const first = rows[0];
    return first ? first.map((c) => c.trim()) : null;
  } catch {
    return null;
  }
}

/** Lower-case, quotes and spaces squeezed: how header cells are compared. */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .replace(/["']/g, '')
    .replace(/[\s_\-\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

interface GuardOptions {
  file: string;
  /** Raw bytes dropped at the start (a preamble already inspected). */
  skipBytes: number;
  /** The physical line number of the first byte after the skipped ones. */
  firstLine: number;
  maxLineBytes: number;
}

/**
 * Sits between the byte source and csv-parse: drops a preamble, turns `\r\n` and lone `\r` into `\n` (so
 * csv-parse's line count is the physical one) and stops a line that grows past the limit before it can
 * exhaust memory.
 */
class CsvGuard extends Transform {
  private skip: number;
  private pendingCr = false;
  private line: number;
  private lineBytes = 0;
  private readonly file: string;
  private readonly maxLineBytes: number;

  constructor(options: GuardOptions) {
    super();
    this.skip = options.skipBytes;
    this.line = options.firstLine;
    this.file = options.file;
    this.maxLineBytes = options.maxLineBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let buf = chunk;
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, buf.length);
      this.skip -= dropped;
      buf = buf.subarray(dropped);
      if (buf.length === 0) {
        callback();
        return;
      }
    }
    const out: Buffer[] = [];
    let start = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      out.push(Buffer.from('\n'));
      if (buf[0] === 0x0a) start = 1;
    }
    let cr = buf.indexOf(0x0d, start);
    while (cr !== -1) {
      out.push(buf.subarray(start, cr));
      if (cr + 1 === buf.length) {
        this.pendingCr = true;
        start = buf.length;
        break;
      }
      out.push(Buffer.from('\n'));
      start = buf[cr + 1] === 0x0a ? cr + 2 : cr + 1;
      cr = buf.indexOf(0x0d, start);
    }
    if (start < buf.length) out.push(start === 0 ? buf : buf.subarray(start));
    const normalised = out.length === 1 ? out[0]! : Buffer.concat(out);
    const error = this.count(normalised);
    if (error) callback(error);
    else callback(null, normalised);
  }

  override _flush(callback: TransformCallback): void {
    if (this.pendingCr) this.push(Buffer.from('\n'));
    callback();
  }

  private count(buf: Buffer): InviteKeeperError | null {
    // The file's start was checked for NUL bytes (checkTextHead); one further on would land in a
    // name on SQLite and fail the whole import on PostgreSQL, so every byte is looked at.
    const nul = buf.indexOf(0x00);
    if (nul !== -1) return this.nulAt(buf, nul);
    let from = 0;
    let nl = buf.indexOf(0x0a, from);
    while (nl !== -1) {
      if (this.lineBytes + (nl - from) > this.maxLineBytes) return this.tooLong();
      this.line++;
      this.lineBytes = 0;
      from = nl + 1;
      nl = buf.indexOf(0x0a, from);
    }
    this.lineBytes += buf.length - from;
    return this.lineBytes > this.maxLineBytes ? this.tooLong() : null;
  }

  private nulAt(buf: Buffer, at: number): InviteKeeperError {
    let line = this.line;
    for (let nl = buf.indexOf(0x0a); nl !== -1 && nl < at; nl = buf.indexOf(0x0a, nl + 1)) line++;
    return new InviteKeeperError(
      'BAD_INPUT',
      `${this.file} line ${line}: contains a NUL byte: the file is damaged or not a UTF-8 CSV (save it again as "CSV UTF-8")`,
      { file: this.file, line },
    );
  }

  private tooLong(): InviteKeeperError {
    return new InviteKeeperError(
      'BAD_INPUT',
      `${this.file} line ${this.line}: the line is longer than ${formatBytes(this.maxLineBytes)}; this is not a CSV file the reader can use`,
      { file: this.file, line: this.line },
    );
  }
}

/** A csv-parse record with the physical line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface CsvRecordOptions {
  file: string;
  skipBytes?: number;
  firstLine?: number;
  delimiter?: string;
  maxRecordChars?: number;
  maxLineBytes?: number;
}

function parserOptions(delimiter: string, maxRecordChars: number) {
  return {
    delimiter,
    // the guard has turned every line break into \n
    record_delimiter: '\n',
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    // empty lines come through as [""] so that counting records' line breaks gives physical lines;
    // callers drop blank records (csv-parse's own info per record costs more than the whole row)
    skip_empty_lines: false,
    max_record_size: maxRecordChars,
  } as const;
}

function newlinesIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    let i = f.indexOf('\n');
    while (i !== -1) {
      n++;
      i = f.indexOf('\n', i + 1);
    }
  }
  return n;
}

/**
 * Streams the records of a CSV byte source lazily: backpressure reaches the source, so a file of a million
 * rows never sits in memory. Any failure surfaces as an InviteKeeperError naming the file and line.
 */
export async function* csvRecords(source: Readable, options: CsvRecordOptions): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(source, options)) yield* batch;
}

/**
 * The same records in batches: all that csv-parse has ready at each turn (the records of a chunk of
 * the file). A million-row import pays for one promise per batch instead of one per record at each
 * stage of its pipeline.
 */
export async function* csvRecordBatches(
  source: Readable,
  options: CsvRecordOptions,
): AsyncGenerator<CsvRecord[]> {
  const file = options.file;
  const lineOffset = (options.firstLine ?? 1) - 1;
  const guard = new CsvGuard({
    file,
    skipBytes: options.skipBytes ?? 0,
    firstLine: options.firstLine ?? 1,
    maxLineBytes: options.maxLineBytes ?? CSV_LIMITS.maxLineBytes,
  });
  const maxRecordChars = options.maxRecordChars ?? CSV_LIMITS.maxRecordChars;
  const parser = parse(parserOptions(options.delimiter ?? ',', maxRecordChars));
  let upstream: unknown = null;
  const fail = (err: unknown) => {
    upstream ??= err;
    parser.destroy(err instanceof Error ? err : new Error(String(err)));
  };
  source.on('error', fail);
  guard.on('error', fail);
  source.pipe(guard).pipe(parser);
  let line = options.firstLine ?? 1;
  try {
    for await (const first of parser as AsyncIterable<string[]>) {
      // The iterator reads the parser one record at a time: take what else it holds now, too.
      const batch: CsvRecord[] = [{ fields: first, line }];
      line += 1 + newlinesIn(first);
      for (let fields = parser.read() as string[] | null; fields !== null; fields = parser.read()) {
        batch.push({ fields, line });
        line += 1 + newlinesIn(fields);
      }
      yield batch;
    }
  } catch (err) {
    throw toSourceError(upstream ?? err, file, lineOffset, maxRecordChars);
  } finally {
    source.unpipe(guard);
    guard.unpipe(parser);
    source.destroy();
    guard.destroy();
    parser.destroy();
  }
}

/**
 * Parses CSV text held in memory (small files such as a target list) into records with their start lines.
 * The same options and limits as the streamed reader.
 */
export function csvRecordsOfText(text: string, options: CsvRecordOptions): CsvRecord[] {
  const file = options.file;
  const maxRecordChars = options.maxRecordChars ?? CSV_LIMITS.maxRecordChars;
  const maxLine = options.maxLineBytes ?? CSV_LIMITS.maxLineBytes;
  const normalised = text.replace(/\r\n?/g, '\n');
  let lineNo = 1;
  let from = 0;
  while (from <= normalised.length) {
    const nl = normalised.indexOf('\n', from);
    const end = nl === -1 ? normalised.length : nl;
    // characters, not bytes: close enough for a cap whose only job is to stop runaway lines
    if (end - from > maxLine) {
      throw new InviteKeeperError(
        'BAD_INPUT',
        `${file} line ${lineNo}: the line is longer than ${formatBytes(maxLine)}; this is not a CSV file the reader can use`,
        { file, line: lineNo },
      );
    }
    if (nl === -1) break;
    from = nl + 1;
    lineNo++;
  }
  try {
    const records = parseSync(
      normalised,
      parserOptions(options.delimiter ?? ',', maxRecordChars),
    ) as string[][];
    let line = 1;
    return records.map((fields) => {
      const record = { fields, line };
      line += 1 + newlinesIn(fields);
      return record;
    });
  } catch (err) {
    throw toSourceError(err, file, 0, maxRecordChars);
  }
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (the file may be cut short)',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters',
};

/** Turns whatever a CSV pipeline threw into an InviteKeeperError naming the file (and line when known). */
export function toSourceError(
  err: unknown,
  file: string,
  lineOffset = 0,
  maxRecordChars = 0,
): InviteKeeperError {
  if (isInviteKeeperError(err)) return err;
  const e = err as { code?: unknown; lines?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (code.startsWith('CSV_')) {
    const line = typeof e?.lines === 'number' ? e.lines + lineOffset : undefined;
    const problem =
      code === 'CSV_MAX_RECORD_SIZE'
        ? `a record is longer than ${formatBytes(maxRecordChars)} (a field this large is not LinkedIn data)`
        : ((Object.hasOwn(CSV_PROBLEMS, code) ? CSV_PROBLEMS[code] : undefined) ??
          message.replace(/ at line \d+/, ''));
    return new InviteKeeperError('BAD_INPUT', `${file}${line ? ` line ${line}` : ''}: ${problem}`, {
      file,
      line,
    });
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR') {
    return new InviteKeeperError('FILE_NOT_FOUND', `${file}: cannot be read (${code})`, { file });
  }
  if (code === 'EISDIR') {
    return new InviteKeeperError('BAD_INPUT', `${file}: is a folder, not a file`, { file });
  }
  if (/^E[A-Z]+$/.test(code) || code.startsWith('ERR_STREAM') || code === 'ABORT_ERR') {
    return new InviteKeeperError('BAD_INPUT', `${file}: could not be read (${message})`, { file });
  }
  return new InviteKeeperError('INTERNAL', `${file}: unexpected failure while reading: ${message}`, { file });
}

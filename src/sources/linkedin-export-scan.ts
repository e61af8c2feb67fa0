/**
 * Recognising the files of a LinkedIn data export: which file is which (by its name, or by its header
 * row found past any preamble), and the first pass over each file that checks its start (text,
 * encoding, header, no nested ZIP) and hashes every byte.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { InviteKeeperError } from '../core/index.ts';
import {
  CSV_LIMITS,
  checkTextHead,
  csvCells,
  headerKey,
  lineText,
  physicalLines,
  toSourceError,
} from './csv-stream.ts';
import { formatBytes, quote } from './text.ts';
import type { Archive, ArchiveEntry } from './zip.ts';

/** The three files of the export that are read. */
export type ExportFileKind = 'invitations' | 'connections' | 'profile';

export const FILE_NAMES: Record<ExportFileKind, string> = {
  invitations: 'Invitations.csv',
  connections: 'Connections.csv',
  profile: 'Profile.csv',
};

interface HeaderSpec {
  /** Every group must be present: one of its columns at least. */
  required: string[][];
  forbidden?: string[];
  example: string;
}

const HEADERS: Record<ExportFileKind, HeaderSpec> = {
  invitations: {
    // Members who publish their exports strip the names (From or To alone) or rename `Sent At`
    // (`Date Sent`): the file stays readable, and rows that name nobody are counted.
    required: [['from', 'to'], ['sent at', 'date sent'], ['direction']],
    example: 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl',
  },
  connections: {
    // Names may have been stripped for anonymity: the rows then name nobody and are counted.
    required: [['connected on'], ['first name', 'last name', 'url', 'company', 'position']],
    example: 'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  },
  profile: {
    required: [['first name'], ['last name'], ['headline']],
    forbidden: ['connected on'],
    example:
      'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,…',
  },
};

export const KINDS: ExportFileKind[] = ['invitations', 'connections', 'profile'];
const HEADER_HINT = /direction|connected on|headline/;
const ZIP_MAGIC = [0x504b0304, 0x504b0506, 0x504b0708];
const CHUNK = 64 * 1024;

export function badInput(
  file: string,
  problem: string,
  line?: number,
  data?: Record<string, unknown>,
): InviteKeeperError {
  return new InviteKeeperError('BAD_INPUT', `${file}${line ? ` line ${line}` : ''}: ${problem}`, {
    file,
    line,
    ...(data ? { data } : {}),
  });
}

function expectedHeaders(kinds: readonly ExportFileKind[]): string {
  return kinds.map((k) => `${FILE_NAMES[k]} (${HEADERS[k].example})`).join(', or ');
}

export interface HeaderInfo {
  kind: ExportFileKind;
  /** Physical line of the header row. */
  line: number;
  /** Byte offset where the header line starts: everything before is preamble. */
  byteOffset: number;
}

function kindOfHeader(cells: string[]): ExportFileKind | null {
  const keys = new Set(cells.map(headerKey));
  for (const kind of KINDS) {
    const spec = HEADERS[kind];
    if (
      spec.required.every((group) => group.some((k) => keys.has(k))) &&
      !(spec.forbidden ?? []).some((k) => keys.has(k))
    )
      return kind;
  }
  return null;
}

/**
 * Finds the header row by its content, past a preamble of any length (Connections.csv starts with
 * "Notes:" and some lines of text). Only the first `headBytes` of the file are searched.
 */
function findHeader(
  head: Buffer,
  complete: boolean,
  file: string,
  expected: ExportFileKind | null,
): HeaderInfo {
  let firstLine: string | null = null;
  for (const line of physicalLines(head, complete)) {
    const text = lineText(head, line);
    if (text.trim() === '') continue;
    firstLine ??= text;
    // every header names one of these; checking first spares a CSV parser for each line of preamble
    if (!text.includes(',') || !HEADER_HINT.test(headerKey(text))) continue;
    const cells = csvCells(text);
    if (!cells) continue;
    const kind = kindOfHeader(cells);
    if (!kind) continue;
    if (expected && kind !== expected) {
      throw badInput(
        file,
        `has the header of ${FILE_NAMES[kind]}, not of ${FILE_NAMES[expected]}; expected a header like ${HEADERS[expected].example}`,
        line.number,
      );
    }
    return { kind, line: line.number, byteOffset: line.start };
  }
  if (firstLine === null && complete) throw badInput(file, 'is empty');
  const wanted = expected ? [expected] : KINDS;
  const where = complete ? '' : ` in its first ${formatBytes(head.length)}`;
  const seen = firstLine === null ? '' : `; its first line is ${quote(firstLine, 100)}`;
  if (firstLine !== null && /^\s*(<!doctype html|<html|<body|<div)/i.test(firstLine)) {
    throw badInput(
      file,
      'is a web page, not a LinkedIn export file: if it is your saved Sent page, import it as the Sent page',
      undefined,
      { importAs: 'sent-page' },
    );
  }
  if (firstLine !== null && TARGETS_HEADER.test(firstLine)) {
    throw badInput(
      file,
      'is a list of people to invite (it has a profileUrl column), not a LinkedIn export file: import it as targets',
      1,
      { importAs: 'targets' },
    );
  }
  throw badInput(
    file,
    `is not a LinkedIn export file this program reads: no header row${where} like ${expectedHeaders(wanted)}${seen}`,
  );
}

/** The header of a targets list (name,profileUrl,...): dropped where an export was expected. */
const TARGETS_HEADER = /(^|[,;\t])\s*"?(profile\s*url|linkedin\s*(profile\s*)?url)"?\s*([,;\t]|$)/i;

export interface ByteSource {
  file: string;
  open(): Promise<Readable>;
  /** The bytes, when they are already in memory (an upload): the first pass then needs no stream. */
  buffer?: Buffer;
  /** Set for files inside a ZIP: a ZIP found inside is then an unsafe nested archive. */
  inArchive?: string;
}

export interface ScannedFile {
  kind: ExportFileKind;
  source: ByteSource;
  header: HeaderInfo;
  sha256: string;
}

function* chunksOf(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

export function bufferSource(file: string, buffer: Buffer): ByteSource {
  return { file, buffer, open: async () => Readable.from(chunksOf(buffer), { objectMode: false }) };
}

export function fileSource(file: string, path: string): ByteSource {
  return { file, open: async () => createReadStream(path, { highWaterMark: CHUNK }) };
}

export function entrySource(archive: Archive, entry: ArchiveEntry): ByteSource {
  return {
    file: `${archive.display}:${entry.name}`,
    open: () => archive.openEntry(entry),
    inArchive: archive.display,
  };
}

/**
 * Reads a file once from end to end: checks its start (text, encoding, header) as soon as enough has
 * arrived, so a binary or foreign file fails fast, and hashes every byte.
 */
export async function scanFile(source: ByteSource, expected: ExportFileKind | null): Promise<ScannedFile> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let header: HeaderInfo | null = null;
  const inspect = (complete: boolean) => {
    const head = Buffer.concat(headParts, headLength);
    if (source.inArchive && isZipStart(head)) {
      throw new InviteKeeperError(
        'UNSAFE_ARCHIVE',
        `${source.file}: is itself a ZIP archive inside the export; unpack the inner ZIP first and open that one`,
        { file: source.file },
      );
    }
    checkTextHead(head, complete, source.file);
    return findHeader(head, complete, source.file, expected);
  };
  if (source.buffer) {
    const head = source.buffer.subarray(0, CSV_LIMITS.headBytes);
    headParts.push(head);
    headLength = head.length;
    const found = inspect(head.length === source.buffer.length);
    return { kind: found.kind, source, header: found, sha256: hash.update(source.buffer).digest('hex') };
  }
  try {
    const stream = await source.open();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (header === null && headLength < CSV_LIMITS.headBytes) {
        const part = chunk.subarray(0, CSV_LIMITS.headBytes - headLength);
        headParts.push(part);
        headLength += part.length;
        if (headLength >= CSV_LIMITS.headBytes) header = inspect(false);
      }
    }
    header ??= inspect(true);
  } catch (err) {
    throw toSourceError(err, source.file);
  }
  return { kind: header.kind, source, header, sha256: hash.digest('hex') };
}

/** Whether the bytes start with a ZIP signature (local file header, end of directory, or spanned marker). */
export function isZipStart(start: Buffer): boolean {
  return start.length >= 4 && ZIP_MAGIC.includes(start.readUInt32BE(0));
}

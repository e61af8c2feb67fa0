/**
 * The LinkedIn data export (SPEC section 3.1): the ZIP itself, its unpacked folder, or single CSV files.
 * Opening checks everything that can make the whole export unreadable (paths, encoding, headers, archive
 * safety) and hashes the files used; the rows of Invitations.csv and Connections.csv are then streamed
 * lazily, each either a record or a row error with its line.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open as openFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import {
  canonicalProfileUrl,
  DAY_MS,
  type Instant,
  InviteKeeperError,
  isInviteKeeperError,
} from '../core/index.ts';
import {
  CSV_LIMITS,
  type CsvRecord,
  checkTextHead,
  csvCells,
  csvRecordBatches,
  csvRecords,
  headerKey,
  lineText,
  physicalLines,
  toSourceError,
} from './csv-stream.ts';
import { parseExportDate, parseExportDateTime } from './dates.ts';
import type { ExportConnection, ExportInvitation, ExportProfile, Parsed, RowError } from './records.ts';
import { cleanLine, cleanLineOrNull, cleanMultiline, formatBytes, quote } from './text.ts';
import {
  type Archive,
  type ArchiveEntry,
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  openArchive,
} from './zip.ts';

export { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './zip.ts';

/** One CSV of the export whose rows are read on demand (each call to `rows()` reads the file again). */
export interface ExportFileReader<T> {
  /** Display name, e.g. `export.zip:Invitations.csv` or `Invitations.csv`. */
  file: string;
  rows(): AsyncIterable<Parsed<T>>;
  /** The same rows in batches (all that is ready at each turn): cheaper for a big file. */
  batches(): AsyncIterable<Parsed<T>[]>;
}

export interface LinkedInExport {
  path: string;
  kind: 'zip' | 'folder' | 'csv';
  /** Newest ZIP entry modification time (a DOS time read as UTC); null for a folder or a CSV. */
  newestEntryTime: Instant | null;
  /** sha256 (hex) over the bytes of the files used: the same export gives the same hash, run after run. */
  contentHash: string;
  invitations: ExportFileReader<ExportInvitation> | null;
  connections: ExportFileReader<ExportConnection> | null;
  /** Profile.csv is tiny, so it is read at once. */
  profile: ExportProfile | null;
  /** The other files of the export, which are not read. */
  ignoredFiles: string[];
  close(): Promise<void>;
}

export interface OpenExportOptions {
  limits?: Partial<ArchiveLimits>;
}

/** The three files of the export that are read. */
export type ExportFileKind = 'invitations' | 'connections' | 'profile';

const FILE_NAMES: Record<ExportFileKind, string> = {
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

const KINDS: ExportFileKind[] = ['invitations', 'connections', 'profile'];
const HEADER_HINT = /direction|connected on|headline/;
const ZIP_MAGIC = [0x504b0304, 0x504b0506, 0x504b0708];
const CHUNK = 64 * 1024;
const MAX_FOLDER_FILES = 20_000;
const MAX_FOLDER_DEPTH = 8;

function badInput(
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

// ---------------------------------------------------------------------------------------------------------
// Header detection

interface HeaderInfo {
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

// ---------------------------------------------------------------------------------------------------------
// Byte sources and the first pass (checks + hash)

interface ByteSource {
  file: string;
  open(): Promise<Readable>;
  /** The bytes, when they are already in memory (an upload): the first pass then needs no stream. */
  buffer?: Buffer;
  /** Set for files inside a ZIP: a ZIP found inside is then an unsafe nested archive. */
  inArchive?: string;
}

interface ScannedFile {
  kind: ExportFileKind;
  source: ByteSource;
  header: HeaderInfo;
  sha256: string;
}

function* chunksOf(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

function bufferSource(file: string, buffer: Buffer): ByteSource {
  return { file, buffer, open: async () => Readable.from(chunksOf(buffer), { objectMode: false }) };
}

function fileSource(file: string, path: string): ByteSource {
  return { file, open: async () => createReadStream(path, { highWaterMark: CHUNK }) };
}

function entrySource(archive: Archive, entry: ArchiveEntry): ByteSource {
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
async function scanFile(source: ByteSource, expected: ExportFileKind | null): Promise<ScannedFile> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let header: HeaderInfo | null = null;
  const inspect = (complete: boolean) => {
    const head = Buffer.concat(headParts, headLength);
    if (source.inArchive && head.length >= 4 && ZIP_MAGIC.includes(head.readUInt32BE(0))) {
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

// ---------------------------------------------------------------------------------------------------------
// Row mapping

type RowMapper<T> = (record: CsvRecord) => Parsed<T> | null;

function columnIndex(header: string[]): (name: string) => number {
  const keys = header.map(headerKey);
  return (name) => keys.indexOf(name);
}

function fieldAt(fields: string[], index: number): string | undefined {
  return index === -1 ? undefined : fields[index];
}

function isBlank(fields: string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

function rowError(file: string, line: number, message: string, partial?: RowError['partial']): Parsed<never> {
  return { ok: false, error: partial ? { file, line, message, partial } : { file, line, message } };
}

function tooManyColumns(file: string, record: CsvRecord, expected: number): Parsed<never> | null {
  if (record.fields.length <= CSV_LIMITS.maxColumns) return null;
  return rowError(
    file,
    record.line,
    `the row has ${record.fields.length} columns; the header has ${expected} (a damaged line?)`,
  );
}

/** What an export's URL cell says: a profile, nobody (empty, a URN, a bare `/in`), or something broken. */
type ExportUrl = { url: string | null } | { problem: string };

const BARE_PROFILE_PATH = /^\/(?:in|pub)\/?$/i;

/**
 * Reads a profile URL cell as LinkedIn writes it: a profile link (raw UTF-8 or percent-encoded slug),
 * or no link at all: an empty cell, an `urn:li:member:N` (older exports give member ids, which name no
 * profile page), or the bare `https://www.linkedin.com/in` some exports write in every row. Anything
 * else was not written by LinkedIn and is a problem for the row.
 */
function readExportUrl(raw: string, column: string): ExportUrl {
  const text = raw.trim();
  if (text === '' || /^urn:li:/i.test(text)) return { url: null };
  const url = canonicalProfileUrl(text);
  if (url !== null) return { url };
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    const host = parsed.hostname.toLowerCase();
    if (
      (host === 'linkedin.com' || host.endsWith('.linkedin.com')) &&
      BARE_PROFILE_PATH.test(parsed.pathname)
    )
      return { url: null };
  } catch {
    // not a URL at all: reported below
  }
  return { problem: `${column} ${quote(text)} is not a LinkedIn profile link` };
}

function invitationMapper(header: string[], file: string): RowMapper<ExportInvitation> {
  const col = columnIndex(header);
  const from = col('from');
  const to = col('to');
  const sentAt = col('sent at') === -1 ? col('date sent') : col('sent at');
  const message = col('message');
  const direction = col('direction');
  // Older exports have no URL columns, or `inviterProfileUrn,inviteeProfileUrn` with member ids:
  // those name no profile page, so the rows are matched by name.
  const inviterUrl = col('inviterprofileurl');
  const inviteeUrl = col('inviteeprofileurl');
  return (record) => {
    const f = record.fields;
    if (isBlank(f)) {
      // An empty line is nothing; a row of only commas is an invitation with no field at all.
      return f.length > 1 ? rowError(file, record.line, 'the row is empty: only commas, no field') : null;
    }
    const wide = tooManyColumns(file, record, header.length);
    if (wide) return wide;
    const dirText = cleanLine(fieldAt(f, direction) ?? '');
    const dir = dirText.toUpperCase();
    const sentText = fieldAt(f, sentAt) ?? '';
    const sent = parseExportDateTime(sentText);
    if (dir === 'INCOMING') {
      // Never stored, only counted: nothing LinkedIn wrote in it can refuse the file.
      const url = readExportUrl(fieldAt(f, inviterUrl) ?? '', 'inviterProfileUrl');
      return {
        ok: true,
        line: record.line,
        value: {
          direction: 'INCOMING',
          name: cleanLine(fieldAt(f, from) ?? ''),
          profileUrl: 'url' in url ? url.url : null,
          sentAt: sent,
          note: cleanMultiline(fieldAt(f, message)),
        },
      };
    }
    const problems: string[] = [];
    if (dir !== 'OUTGOING') {
      problems.push(
        dirText === ''
          ? 'Direction is empty (expected OUTGOING or INCOMING)'
          : `Direction ${quote(dirText)} is not OUTGOING or INCOMING`,
      );
    }
    const outgoing = dir === 'OUTGOING';
    const name = outgoing ? cleanLine(fieldAt(f, to) ?? '') : '';
    let profileUrl: string | null = null;
    if (outgoing) {
      const url = readExportUrl(fieldAt(f, inviteeUrl) ?? '', 'inviteeProfileUrl');
      if ('url' in url) profileUrl = url.url;
      else problems.push(url.problem);
    }
    if (sent === null) {
      problems.push(
        sentText.trim() === ''
          ? 'Sent At is empty'
          : `Sent At ${quote(sentText.trim())} is not a date (expected like 3/5/26, 1:45 AM or 2026-03-05 01:45:00 UTC or 05 Mar 2026)`,
      );
    }
    if (problems.length > 0 || sent === null) {
      const partial: RowError['partial'] = {};
      if (name) partial.name = name;
      if (outgoing) partial.profileUrl = profileUrl;
      return rowError(file, record.line, problems.join('; '), outgoing ? partial : undefined);
    }
    // `05 Mar 2026` or a re-saved `3/5/26` names a day, not a moment: the invitation was sent some
    // time that day (ages then use its end, so nothing is withdrawn early).
    const dayOnly = !/\d:\d/.test(sentText);
    return {
      ok: true,
      line: record.line,
      value: {
        direction: 'OUTGOING',
        name,
        profileUrl,
        sentAt: dayOnly ? sent + DAY_MS - 1 : sent,
        sentAtEarliest: sent,
        note: cleanMultiline(fieldAt(f, message)),
      },
    };
  };
}

function connectionMapper(header: string[], file: string): RowMapper<ExportConnection> {
  const col = columnIndex(header);
  const first = col('first name');
  const last = col('last name');
  const url = col('url');
  const company = col('company');
  const position = col('position');
  const connectedOn = col('connected on');
  // Email Address is deliberately never looked up: the member's contacts' addresses are not ours to keep.
  return (record) => {
    const f = record.fields;
    if (isBlank(f)) return null;
    const wide = tooManyColumns(file, record, header.length);
    if (wide) return wide;
    const firstName = cleanLine(fieldAt(f, first) ?? '');
    const lastName = cleanLine(fieldAt(f, last) ?? '');
    const name = cleanLine(`${firstName} ${lastName}`);
    const problems: string[] = [];
    const read = readExportUrl(fieldAt(f, url) ?? '', 'URL');
    const profileUrl = 'url' in read ? read.url : null;
    if ('problem' in read) problems.push(read.problem);
    const dateText = fieldAt(f, connectedOn) ?? '';
    const on = parseExportDate(dateText);
    // A row that names nobody (a member who left or hides their profile) is in almost every real
    // export: it is counted, whatever its date says, and never refuses the file.
    if (name === '' && profileUrl === null && problems.length === 0) {
      return {
        ok: true,
        line: record.line,
        value: {
          name: '',
          firstName: '',
          lastName: '',
          profileUrl: null,
          company: null,
          position: null,
          connectedOn: on ?? 0,
        },
      };
    }
    if (on === null) {
      problems.push(
        dateText.trim() === ''
          ? 'Connected On is empty'
          : `Connected On ${quote(dateText.trim())} is not a date (expected like 26 Nov 2026)`,
      );
    }
    if (problems.length > 0 || on === null) {
      const partial: RowError['partial'] = { profileUrl };
      if (name) partial.name = name;
      return rowError(file, record.line, problems.join('; '), partial);
    }
    return {
      ok: true,
      line: record.line,
      value: {
        name,
        firstName,
        lastName,
        profileUrl,
        company: cleanLineOrNull(fieldAt(f, company)),
        position: cleanLineOrNull(fieldAt(f, position)),
        connectedOn: on,
      },
    };
  };
}

function profileOf(header: string[], fields: string[]): ExportProfile {
  const col = columnIndex(header);
  const get = (name: string) => cleanLineOrNull(fieldAt(fields, col(name)));
  return {
    firstName: get('first name'),
    lastName: get('last name'),
    headline: get('headline'),
    summary: cleanMultiline(fieldAt(fields, col('summary'))),
    industry: get('industry'),
    location: get('geo location'),
  };
}

/** Streams the records of a scanned file from its header row on: the first record is the header. */
async function* recordsFrom(scanned: ScannedFile): AsyncGenerator<CsvRecord> {
  const stream = await scanned.source.open();
  yield* csvRecords(stream, {
    file: scanned.source.file,
    skipBytes: scanned.header.byteOffset,
    firstLine: scanned.header.line,
  });
}

function readerOf<T>(
  scanned: ScannedFile,
  mapperFor: (header: string[], file: string) => RowMapper<T>,
): ExportFileReader<T> {
  const file = scanned.source.file;
  async function* batches(): AsyncGenerator<Parsed<T>[]> {
    try {
      let mapper: RowMapper<T> | null = null;
      const stream = await scanned.source.open();
      const records = csvRecordBatches(stream, {
        file,
        skipBytes: scanned.header.byteOffset,
        firstLine: scanned.header.line,
      });
      for await (const batch of records) {
        const out: Parsed<T>[] = [];
        for (const record of batch) {
          if (mapper === null) {
            mapper = mapperFor(record.fields, file);
            continue;
          }
          const parsed = mapper(record);
          if (parsed) out.push(parsed);
        }
        if (out.length > 0) yield out;
      }
    } catch (err) {
      throw toSourceError(err, file);
    }
  }
  return {
    file,
    batches,
    async *rows() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

async function readProfile(scanned: ScannedFile): Promise<ExportProfile | null> {
  let header: string[] | null = null;
  for await (const record of recordsFrom(scanned)) {
    if (header === null) {
      header = record.fields;
      continue;
    }
    if (!isBlank(record.fields)) return profileOf(header, record.fields);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Assembling the export

function contentHashOf(files: ScannedFile[]): string {
  const hash = createHash('sha256');
  for (const kind of KINDS) {
    const f = files.find((s) => s.kind === kind);
    if (f) hash.update(`${kind}:${f.sha256}\n`);
  }
  return hash.digest('hex');
}

async function assemble(
  path: string,
  kind: LinkedInExport['kind'],
  files: ScannedFile[],
  ignoredFiles: string[],
  newestEntryTime: Instant | null,
  close: () => void,
): Promise<LinkedInExport> {
  const byKind = (k: ExportFileKind) => files.find((f) => f.kind === k) ?? null;
  const inv = byKind('invitations');
  const con = byKind('connections');
  const pro = byKind('profile');
  const profile = pro ? await readProfile(pro) : null;
  let closed = false;
  return {
    path,
    kind,
    newestEntryTime,
    contentHash: contentHashOf(files),
    invitations: inv ? readerOf(inv, invitationMapper) : null,
    connections: con ? readerOf(con, connectionMapper) : null,
    profile,
    ignoredFiles,
    async close() {
      if (closed) return;
      closed = true;
      close();
    },
  };
}

function exportKindOfName(name: string): ExportFileKind | null {
  const base = name.split('/').pop()?.toLowerCase();
  for (const kind of KINDS) if (base === FILE_NAMES[kind].toLowerCase()) return kind;
  return null;
}

function noExportFiles(display: string, hint = ''): InviteKeeperError {
  return new InviteKeeperError(
    'BAD_INPUT',
    `${display} contains no Invitations.csv or Connections.csv; is this a LinkedIn data export?${hint}`,
    { file: display },
  );
}

async function openZip(
  path: string,
  source: { path: string } | { buffer: Buffer },
  display: string,
  options: OpenExportOptions,
): Promise<LinkedInExport> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const archive = await openArchive(source, display, limits);
  try {
    const used = new Map<ExportFileKind, ArchiveEntry>();
    const ignoredFiles: string[] = [];
    let newest: Instant | null = null;
    for (const entry of archive.entries) {
      newest = newest === null ? entry.modified : Math.max(newest, entry.modified);
      const kind = exportKindOfName(entry.name);
      if (kind === null) {
        ignoredFiles.push(entry.name);
        continue;
      }
      const previous = used.get(kind);
      if (previous) {
        throw new InviteKeeperError(
          'UNSAFE_ARCHIVE',
          `${display}: it contains ${FILE_NAMES[kind]} twice (${JSON.stringify(previous.name)} and ${JSON.stringify(entry.name)}); an export has one of each, so the archive was not opened`,
          { file: display },
        );
      }
      used.set(kind, entry);
    }
    if (!used.has('invitations') && !used.has('connections')) throw noExportFiles(display);
    const files: ScannedFile[] = [];
    for (const [kind, entry] of used) files.push(await scanFile(entrySource(archive, entry), kind));
    return await assemble(path, 'zip', files, ignoredFiles, newest, () => archive.close());
  } catch (err) {
    archive.close();
    throw err;
  }
}

async function listFolder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (found.length >= MAX_FOLDER_FILES) {
        throw new InviteKeeperError(
          'TOO_LARGE',
          `${root}: holds more than ${MAX_FOLDER_FILES} files; point to the unpacked export folder itself`,
          { file: root },
        );
      }
      const full = join(dir, e.name);
      // symbolic links to folders are not followed: they could loop
      if (e.isDirectory()) {
        if (depth < MAX_FOLDER_DEPTH) await walk(full, depth + 1);
      } else if (e.isFile() || e.isSymbolicLink()) {
        found.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  await walk(root, 0);
  return found;
}

async function openFolder(path: string): Promise<LinkedInExport> {
  let names: string[];
  try {
    names = await listFolder(path);
  } catch (err) {
    throw toSourceError(err, path);
  }
  const used = new Map<ExportFileKind, string>();
  const ignoredFiles: string[] = [];
  for (const name of names) {
    const kind = exportKindOfName(name);
    if (kind === null) {
      ignoredFiles.push(name);
      continue;
    }
    const previous = used.get(kind);
    if (previous) {
      throw new InviteKeeperError(
        'BAD_INPUT',
        `${path}: it contains ${FILE_NAMES[kind]} twice (${previous} and ${name}); point to one export folder`,
        { file: path },
      );
    }
    used.set(kind, name);
  }
  if (!used.has('invitations') && !used.has('connections')) {
    const zip = ignoredFiles.find((n) => /\.zip$/i.test(n));
    throw noExportFiles(path, zip ? ` (it holds ${zip}: open that ZIP instead)` : '');
  }
  const files: ScannedFile[] = [];
  for (const [kind, name] of used) {
    const full = join(path, ...name.split('/'));
    const info = await stat(full).catch((err: unknown) => {
      throw toSourceError(err, name);
    });
    if (!info.isFile()) throw badInput(name, 'is not a regular file');
    files.push(await scanFile(fileSource(name, full), kind));
  }
  return assemble(path, 'folder', files, ignoredFiles, null, () => {});
}

async function openCsv(path: string, source: ByteSource): Promise<LinkedInExport> {
  const scanned = await scanFile(source, null);
  return assemble(path, 'csv', [scanned], [], null, () => {});
}

async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await openFile(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isZipStart(start: Buffer): boolean {
  return start.length >= 4 && ZIP_MAGIC.includes(start.readUInt32BE(0));
}

function wrapUnexpected(err: unknown, file: string): never {
  if (isInviteKeeperError(err)) throw err;
  throw toSourceError(err, file);
}

/**
 * Opens a LinkedIn data export: a ZIP (recognised by its signature, whatever its name), an unpacked
 * folder (the CSVs may sit in a subfolder), or one CSV recognised by its header. Throws FILE_NOT_FOUND,
 * BAD_INPUT, UNSAFE_ARCHIVE or TOO_LARGE with a message naming the file and the problem.
 */
export async function openLinkedInExport(
  path: string,
  options: OpenExportOptions = {},
): Promise<LinkedInExport> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new InviteKeeperError(
      'FILE_NOT_FOUND',
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `${path}: no such file or folder`
        : `${path}: cannot be read (${String(code ?? err)})`,
      { file: path },
    );
  }
  const display = basename(path) || path;
  try {
    if (info.isDirectory()) return await openFolder(path);
    if (!info.isFile()) throw badInput(display, 'is not a regular file or folder');
    const start = await readStart(path, 4);
    if (isZipStart(start)) return await openZip(path, { path }, display, options);
    if (/\.zip$/i.test(path))
      throw badInput(display, 'is not a ZIP archive (it does not start with the ZIP signature)');
    return await openCsv(path, fileSource(display, path));
  } catch (err) {
    return wrapUnexpected(err, display);
  }
}

/**
 * The same as openLinkedInExport for bytes already in memory (an upload): a ZIP or one CSV. `name` is
 * used in messages and row errors.
 */
export async function openLinkedInExportFromBytes(
  bytes: Uint8Array,
  name: string,
  options: OpenExportOptions = {},
): Promise<LinkedInExport> {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (isZipStart(buffer)) return await openZip(name, { buffer }, name, options);
    if (/\.zip$/i.test(name))
      throw badInput(name, 'is not a ZIP archive (it does not start with the ZIP signature)');
    return await openCsv(name, bufferSource(name, buffer));
  } catch (err) {
    return wrapUnexpected(err, name);
  }
}

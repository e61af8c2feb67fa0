/**
 * The member's own target list (SPEC section 3.3): `name,profileUrl,relation,mutualConnections,
 * connectionCount,timezone,tags,company,headline` plus any custom columns, which note templates can use.
 * Headers are matched loosely (`Profile URL`, `profile_url`); each bad row becomes a row error.
 */
import { createReadStream } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  canonicalProfileUrl,
  InviteKeeperError,
  isInviteKeeperError,
  isValidTimeZone,
  RELATIONS,
  type Relation,
  unknownTargetDetails,
} from '../core/index.ts';
import {
  CSV_LIMITS,
  type CsvRecord,
  checkTextHead,
  csvRecords,
  csvRecordsOfText,
  physicalLines,
  toSourceError,
} from './csv-stream.ts';
import type { Parsed, RowError, TargetRow } from './records.ts';
import { cleanLine, cleanLineOrNull, quote } from './text.ts';

type KnownField = Exclude<keyof TargetRow, 'custom'>;

const EXPECTED_HEADER =
  'name,profileUrl,relation,mutualConnections,connectionCount,timezone,tags,company,headline';

/** Header keys (lower case, no spaces, underscores or dashes) and the field each one fills. */
const FIELD_OF_HEADER: Record<string, KnownField> = {
  name: 'name',
  fullname: 'name',
  profileurl: 'profileUrl',
  url: 'profileUrl',
  linkedinurl: 'profileUrl',
  linkedinprofile: 'profileUrl',
  linkedinprofileurl: 'profileUrl',
  relation: 'relation',
  mutualconnections: 'mutualConnections',
  mutuals: 'mutualConnections',
  connectioncount: 'connectionCount',
  timezone: 'timezone',
  tz: 'timezone',
  tags: 'tags',
  tag: 'tags',
  company: 'company',
  headline: 'headline',
};

const RELATION_OF: Record<string, Relation> = {
  colleague: 'colleague',
  colleagues: 'colleague',
  alumni: 'alumni',
  alumnus: 'alumni',
  alumna: 'alumni',
  'industry-peer': 'industry-peer',
  industrypeer: 'industry-peer',
  other: 'other',
};

interface Column {
  index: number;
  field: KnownField | null;
  /** The header as written, for custom columns. */
  header: string;
}

function badInput(file: string, problem: string, line?: number): InviteKeeperError {
  return new InviteKeeperError('BAD_INPUT', `${file}${line ? ` line ${line}` : ''}: ${problem}`, {
    file,
    line,
  });
}

function headerKeyOf(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .replace(/[\s_\-\u00a0]+/g, '')
    .toLowerCase();
}

function columnsOf(header: string[], file: string, line: number): Column[] {
  const columns: Column[] = [];
  const taken = new Map<string, string>();
  header.forEach((raw, index) => {
    const cell = cleanLine(raw.replace(/^\ufeff/, ''));
    if (cell === '') return;
    const key = headerKeyOf(cell);
    // own properties only: a column named "constructor" is a custom column
    const field = Object.hasOwn(FIELD_OF_HEADER, key) ? FIELD_OF_HEADER[key]! : null;
    const slot = field ?? `custom:${cell.toLowerCase()}`;
    const previous = taken.get(slot);
    if (previous !== undefined) {
      throw badInput(
        file,
        `the columns ${quote(previous)} and ${quote(cell)} say the same thing; keep one`,
        line,
      );
    }
    taken.set(slot, cell);
    columns.push({ index, field, header: cell });
  });
  if (!columns.some((c) => c.field === 'name' || c.field === 'profileUrl')) {
    throw badInput(
      file,
      `the header has no name or profileUrl column; expected a header like ${EXPECTED_HEADER} (found ${quote(header.join(','), 100)})`,
      line,
    );
  }
  return columns;
}

function parseCount(text: string): number | null {
  const t = text.trim().replace(/\+$/, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

function parseRelation(text: string): Relation | null {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return Object.hasOwn(RELATION_OF, key) ? RELATION_OF[key]! : null;
}

/** Zone answers, remembered: a list of thousands of targets names a handful of zones. */
const zoneValidity = new Map<string, boolean>();

function isIanaZone(zone: string): boolean {
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  // luxon also accepts "local", "system" and fixed offsets such as "UTC+2"; a target list wants a real zone
  const valid =
    !/^(local|system)$/i.test(zone) && !/^(utc|gmt)?\s*[+-]\d/i.test(zone) && isValidTimeZone(zone);
  if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  return valid;
}

function splitTags(text: string): string[] {
  const tags: string[] = [];
  for (const piece of text.split(/[;|,]/)) {
    const tag = cleanLine(piece);
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

type TargetMapper = (record: CsvRecord) => Parsed<TargetRow> | null;

function targetMapper(columns: Column[], file: string): TargetMapper {
  return (record) => {
    const f = record.fields;
    if (f.every((v) => v.trim() === '')) return null;
    if (f.length > CSV_LIMITS.maxColumns) {
      return {
        ok: false,
        error: { file, line: record.line, message: `the row has ${f.length} columns (a damaged line?)` },
      };
    }
    const row: TargetRow = { name: null, profileUrl: null, ...unknownTargetDetails() };
    const problems: string[] = [];
    for (const col of columns) {
      const raw = f[col.index] ?? '';
      const value = raw.trim();
      if (col.field === null) {
        const cleaned = cleanLine(raw);
        // defineProperty: a column named "__proto__" must stay a field, not become a prototype
        if (cleaned !== '') {
          Object.defineProperty(row.custom, col.header, {
            value: cleaned,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        continue;
      }
      if (value === '') continue;
      switch (col.field) {
        case 'name':
          row.name = cleanLineOrNull(raw);
          break;
        case 'profileUrl':
          row.profileUrl = canonicalProfileUrl(value);
          if (row.profileUrl === null) {
            problems.push(
              `${col.header} ${quote(value)} is not a LinkedIn profile link (expected like https://www.linkedin.com/in/<name>)`,
            );
          }
          break;
        case 'relation':
          row.relation = parseRelation(value);
          if (row.relation === null) {
            problems.push(`${col.header} ${quote(value)} is not one of ${RELATIONS.join(', ')}`);
          }
          break;
        case 'mutualConnections':
        case 'connectionCount': {
          const n = parseCount(value);
          if (n === null) problems.push(`${col.header} ${quote(value)} is not a whole number of 0 or more`);
          row[col.field] = n;
          break;
        }
        case 'timezone':
          if (isIanaZone(value)) row.timezone = value;
          else
            problems.push(
              `${col.header} ${quote(value)} is not an IANA time zone (expected like Europe/Paris)`,
            );
          break;
        case 'tags':
          row.tags = splitTags(raw);
          break;
        case 'company':
          row.company = cleanLineOrNull(raw);
          break;
        case 'headline':
          row.headline = cleanLineOrNull(raw);
          break;
      }
    }
    if (row.name === null && row.profileUrl === null && problems.length === 0) {
      problems.push('the row has neither a name nor a profileUrl');
    }
    if (problems.length > 0) {
      const partial: RowError['partial'] = { profileUrl: row.profileUrl };
      if (row.name) partial.name = row.name;
      return { ok: false, error: { file, line: record.line, message: problems.join('; '), partial } };
    }
    return { ok: true, line: record.line, value: row };
  };
}

/** The delimiter of the header line: a comma, or the semicolon or tab some spreadsheets write. */
function delimiterOf(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function firstLineOf(text: string): string {
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) if (line.trim() !== '') return line;
  return '';
}

/** Turns records into rows as they arrive: the first record is the header. */
function rowCollector(file: string) {
  const rows: Array<Parsed<TargetRow>> = [];
  let mapper: TargetMapper | null = null;
  return {
    add(record: CsvRecord): void {
      if (mapper === null) {
        if (record.fields.every((f) => f.trim() === '')) return;
        mapper = targetMapper(columnsOf(record.fields, file, record.line), file);
        return;
      }
      const parsed = mapper(record);
      if (parsed) rows.push(parsed);
    },
    finish(): Array<Parsed<TargetRow>> {
      if (mapper === null) throw badInput(file, `is empty; expected a header like ${EXPECTED_HEADER}`);
      return rows;
    },
  };
}

/** Reads a target list held in memory (an upload, a paste). */
export function parseTargetsCsv(text: string, file: string): { rows: Array<Parsed<TargetRow>> } {
  try {
    const collector = rowCollector(file);
    for (const record of csvRecordsOfText(text, { file, delimiter: delimiterOf(firstLineOf(text)) })) {
      collector.add(record);
    }
    return { rows: collector.finish() };
  } catch (err) {
    throw toSourceError(err, file);
  }
}

/** Reads a target list file, stream-parsed; refuses a file that is not UTF-8 text. */
export async function readTargetsCsv(
  path: string,
): Promise<{ file: string; rows: Array<Parsed<TargetRow>> }> {
  const file = basename(path) || path;
  try {
    const info = await stat(path).catch((err: unknown) => {
      const code = (err as { code?: unknown }).code;
      throw new InviteKeeperError(
        'FILE_NOT_FOUND',
        code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${String(code ?? err)})`,
        { file: path },
      );
    });
    if (!info.isFile()) throw badInput(file, 'is not a regular file');
    const handle = await openFile(path, 'r');
    let head: Buffer;
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const complete = head.length >= info.size;
    checkTextHead(head, complete, file);
    const firstLine = physicalLines(head, complete, 64)
      .map((l) => head.toString('utf8', l.start, l.end))
      .find((t) => t.trim() !== '');
    const collector = rowCollector(file);
    const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
    for await (const record of csvRecords(stream, { file, delimiter: delimiterOf(firstLine ?? '') })) {
      collector.add(record);
    }
    return { file, rows: collector.finish() };
  } catch (err) {
    if (isInviteKeeperError(err)) throw err;
    throw toSourceError(err, file);
  }
}

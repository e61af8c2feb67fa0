/**
 * The rows of a LinkedIn data export: Invitations.csv and Connections.csv streamed record by record,
 * each row mapped to a record or a row error with its line, and Profile.csv's one row.
 */
import { canonicalProfileUrl, DAY_MS } from '../core/index.ts';
import {
  CSV_LIMITS,
  type CsvRecord,
  csvRecordBatches,
  csvRecords,
  headerKey,
  toSourceError,
} from './csv-stream.ts';
import { parseExportDate, parseExportDateTime } from './dates.ts';
import type { ScannedFile } from './linkedin-export-scan.ts';
import type { ExportConnection, ExportInvitation, ExportProfile, Parsed, RowError } from './records.ts';
import { cleanLine, cleanLineOrNull, cleanMultiline, quote } from './text.ts';

/** One CSV of the export whose rows are read on demand (each call to `rows()` reads the file again). */
export interface ExportFileReader<T> {
  /** Display name, e.g. `export.zip:Invitations.csv` or `Invitations.csv`. */
  file: string;
  rows(): AsyncIterable<Parsed<T>>;
  /** The same rows in batches (all that is ready at each turn): cheaper for a big file. */
  batches(): AsyncIterable<Parsed<T>[]>;
}

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

export function invitationMapper(header: string[], file: string): RowMapper<ExportInvitation> {
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

export function connectionMapper(header: string[], file: string): RowMapper<ExportConnection> {
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

export function readerOf<T>(
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

export async function readProfile(scanned: ScannedFile): Promise<ExportProfile | null> {
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

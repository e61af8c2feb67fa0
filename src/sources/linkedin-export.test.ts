import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InviteKeeperError } from '../core/index.ts';
import { csvRecords } from './csv-stream.ts';
import { parseExportDate, parseExportDateTime } from './dates.ts';
import {
  type ExportFileReader,
  type LinkedInExport,
  openLinkedInExport,
  openLinkedInExportFromBytes,
} from './linkedin-export.ts';
import type { Parsed } from './records.ts';
import { makeZip } from './test-zip.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ik-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function all<T>(reader: ExportFileReader<T> | null): Promise<Array<Parsed<T>>> {
  const out: Array<Parsed<T>> = [];
  if (!reader) return out;
  for await (const row of reader.rows()) out.push(row);
  return out;
}

function values<T>(rows: Array<Parsed<T>>): T[] {
  return rows.flatMap((r) => (r.ok ? [r.value] : []));
}

function errors<T>(rows: Array<Parsed<T>>) {
  return rows.flatMap((r) => (r.ok ? [] : [r.error]));
}

async function rejection(promise: Promise<unknown>): Promise<InviteKeeperError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(InviteKeeperError);
    return err as InviteKeeperError;
  }
  throw new Error('expected a rejection');
}

async function writeTemp(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

const iso = (t: number) => new Date(t).toISOString();

describe('export dates', () => {
  it.each([
    ['3/5/26, 1:45 AM', '2026-03-05T01:45:00.000Z'],
    ['3/5/26, 1:45 PM', '2026-03-05T13:45:00.000Z'],
    ['12/31/25, 11:59 pm', '2025-12-31T23:59:00.000Z'],
    ['3/5/2026, 1:45 AM', '2026-03-05T01:45:00.000Z'],
    ['3/5/26, 1:45\u202fAM', '2026-03-05T01:45:00.000Z'],
    ['2026-03-05 01:45:00 UTC', '2026-03-05T01:45:00.000Z'],
    ['2026-03-05 01:45:00', '2026-03-05T01:45:00.000Z'],
    ['2026-03-05T01:45:00+02:00', '2026-03-04T23:45:00.000Z'],
    ['05 Mar 2026', '2026-03-05T00:00:00.000Z'],
    ['5 Mar 2026', '2026-03-05T00:00:00.000Z'],
  ])('Sent At %j is %s', (text, expected) => {
    const t = parseExportDateTime(text);
    expect(t).not.toBeNull();
    expect(iso(t!)).toBe(expected);
  });

  it.each([
    '31/31/26',
    '2/30/26, 1:00 AM',
    '2026-02-30 01:00:00',
    '05 Foo 2026',
    'yesterday',
    '',
    '3/5/26, 25:00 AM',
  ])('Sent At %j is not a date', (text) => {
    expect(parseExportDateTime(text)).toBeNull();
  });

  it.each([
    ['26 Nov 2026', '2026-11-26T00:00:00.000Z'],
    ['12 Mar 19', '2019-03-12T00:00:00.000Z'],
    ['01 Jan 18', '2018-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('Connected On %j is midnight UTC %s', (text, expected) => {
    expect(iso(parseExportDate(text)!)).toBe(expected);
  });

  it('reads `d MMM yyyy` exactly as luxon does, impossible days included (property)', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom(...months),
        fc.integer({ min: 1900, max: 2100 }),
        fc.boolean(),
        (day, month, year, pad) => {
          const text = `${pad ? String(day).padStart(2, '0') : day} ${month} ${year}`;
          const luxon = DateTime.fromFormat(text, 'd MMM yyyy', { zone: 'utc', locale: 'en-US' });
          expect(parseExportDate(text)).toBe(luxon.isValid ? luxon.toMillis() : null);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each(['30 Feb 2026', 'Nov 2026', '26/11/2026', 'not a date', '2026-13-01'])(
    'Connected On %j is not a date',
    (text) => {
      expect(parseExportDate(text)).toBeNull();
    },
  );
});

describe('Invitations.csv', () => {
  it('reads every shipped quirk: BOM, CRLF, four date formats, quotes, multi-line notes, emoji, Â', async () => {
    const exp = await openLinkedInExport(fixture('invitations.csv'));
    expect(exp.kind).toBe('csv');
    expect(exp.connections).toBeNull();
    expect(exp.invitations?.file).toBe('invitations.csv');
    const rows = await all(exp.invitations);
    expect(errors(rows)).toEqual([]);
    const got = rows.map((r) =>
      r.ok
        ? [r.line, r.value.direction, r.value.name, r.value.sentAt === null ? null : iso(r.value.sentAt)]
        : null,
    );
    expect(got).toEqual([
      [2, 'OUTGOING', 'Ada Lovelace', '2026-03-05T01:45:00.000Z'],
      [3, 'OUTGOING', 'Grace Hopper', '2026-03-04T09:30:00.000Z'],
      [4, 'OUTGOING', 'Alan Turing', '2026-03-03T17:05:00.000Z'],
      // a note over three lines: the record starts on line 5, the next one on line 8
      // `05 Mar 2026` names a day: sent at the latest at its end (from midnight, see below)
      [5, 'OUTGOING', 'Katherine Johnson', '2026-03-05T23:59:59.999Z'],
      [8, 'INCOMING', 'Edsger Dijkstra', '2026-02-28T23:59:00.000Z'],
      [9, 'OUTGOING', 'Barbara Liskov', '2025-12-01T12:05:00.000Z'],
      [10, 'OUTGOING', 'Margaret Hamilton 🚀', '2026-01-15T09:00:00.000Z'],
    ]);
    const v = values(rows);
    expect(v.map((x) => x.note)).toEqual([
      null,
      'Hi Grace, we met at the COBOL meetup, loved your talk.',
      'He said "hello" twice, then "bye"',
      'Line one\nLine two 🚀\nLine three',
      'Would like to connect',
      'Great talk yesterday',
      null,
    ]);
    expect(v.map((x) => x.profileUrl)).toEqual([
      'https://www.linkedin.com/in/ada-lovelace',
      'https://www.linkedin.com/in/grace-hopper',
      'https://www.linkedin.com/in/alan-turing',
      'https://www.linkedin.com/in/kjohnson',
      // INCOMING: the other person is the inviter
      'https://www.linkedin.com/in/edsger',
      'https://www.linkedin.com/in/barbara-liskov',
      'https://www.linkedin.com/in/margaret-hamilton',
    ]);
    await exp.close();
  });

  it('gives the same records without BOM and with LF line endings', async () => {
    const crlf = await readFile(fixture('invitations.csv'));
    const lf = Buffer.from(crlf.subarray(3).toString('utf8').replace(/\r\n/g, '\n'));
    const a = await openLinkedInExport(fixture('invitations.csv'));
    const b = await openLinkedInExportFromBytes(lf, 'lf.csv');
    expect(await all(b.invitations)).toEqual(await all(a.invitations));
    expect(b.contentHash).not.toBe(a.contentHash);
  });

  it('recognises a renamed file by its header, and finds columns by name in any order', async () => {
    const renamed = await writeTemp(
      'whatever-name.txt',
      await readFile(fixture('invitations-reordered.csv')),
    );
    const exp = await openLinkedInExport(renamed);
    const rows = await all(exp.invitations);
    expect(values(rows)).toEqual([
      {
        direction: 'OUTGOING',
        name: 'Ada Lovelace',
        profileUrl: null,
        // a day, not a moment: from its midnight to its end
        sentAt: Date.UTC(2026, 2, 6) - 1,
        sentAtEarliest: Date.UTC(2026, 2, 5),
        note: null,
      },
      {
        direction: 'INCOMING',
        name: 'Grace Hopper',
        profileUrl: null,
        sentAt: Date.UTC(2026, 2, 4, 15, 15),
        note: 'Hello, Sam',
      },
    ]);
  });

  it('reports bad rows with their start line, a precise message and what could be read', async () => {
    const exp = await openLinkedInExport(fixture('invitations-bad-rows.csv'));
    const rows = await all(exp.invitations);
    expect(errors(rows)).toEqual([
      {
        file: 'invitations-bad-rows.csv',
        line: 2,
        message: expect.stringContaining('Sent At "31/31/26" is not a date (expected like 3/5/26, 1:45 AM'),
        partial: { name: 'Ada Lovelace', profileUrl: 'https://www.linkedin.com/in/ada-lovelace' },
      },
      {
        file: 'invitations-bad-rows.csv',
        line: 3,
        message: 'Direction "SIDEWAYS" is not OUTGOING or INCOMING',
      },
      {
        file: 'invitations-bad-rows.csv',
        line: 5,
        message: 'inviteeProfileUrl "https://example.com/alan" is not a LinkedIn profile link',
        partial: { name: 'Alan Turing', profileUrl: null },
      },
      {
        file: 'invitations-bad-rows.csv',
        line: 8,
        message: expect.stringContaining('Sent At "yesterday-ish" is not a date'),
        partial: { name: 'Edsger Dijkstra', profileUrl: 'https://www.linkedin.com/in/edsger' },
      },
    ]);
    // a row with a link but no name (a member who left) is LinkedIn's own: read, not refused
    expect(rows.filter((r) => r.ok).map((r) => r.ok && r.line)).toEqual([4, 6]);
    expect(values(rows)[0]).toMatchObject({ name: '', profileUrl: 'https://www.linkedin.com/in/nameless' });
  });

  it('reads rows lazily: rows() can be read twice and stopped early', async () => {
    const exp = await openLinkedInExport(fixture('invitations.csv'));
    for await (const first of exp.invitations!.rows()) {
      expect(first.ok).toBe(true);
      break;
    }
    expect((await all(exp.invitations)).length).toBe(7);
  });
});

describe('Connections.csv', () => {
  it('skips the Notes preamble, keeps members with no name but a URL, never keeps email addresses', async () => {
    const exp = await openLinkedInExport(fixture('connections.csv'));
    expect(exp.invitations).toBeNull();
    const rows = await all(exp.connections);
    expect(values(rows)).toEqual([
      {
        name: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        profileUrl: 'https://www.linkedin.com/in/ada-lovelace',
        company: 'Babbage & Co, Ltd',
        position: 'Programmer',
        connectedOn: Date.UTC(2026, 10, 26),
      },
      {
        name: 'Grace Hopper',
        firstName: 'Grace',
        lastName: 'Hopper',
        profileUrl: 'https://www.linkedin.com/in/grace-hopper',
        company: 'US Navy',
        position: 'Rear Admiral "Amazing Grace"',
        connectedOn: Date.UTC(2025, 1, 1),
      },
      {
        name: '',
        firstName: '',
        lastName: '',
        profileUrl: 'https://www.linkedin.com/in/hidden-member-123',
        company: null,
        position: null,
        connectedOn: Date.UTC(2024, 0, 15),
      },
      {
        name: 'Barbara Liskov',
        firstName: 'Barbara',
        lastName: 'Liskov',
        profileUrl: 'https://www.linkedin.com/in/barbara-liskov',
        company: 'MIT',
        position: 'Professor 🎓',
        connectedOn: Date.UTC(2023, 2, 3),
      },
      // no name and no URL, only the day (a member who left or hides their profile): counted, never refused
      {
        name: '',
        firstName: '',
        lastName: '',
        profileUrl: null,
        company: null,
        position: null,
        connectedOn: Date.UTC(2022, 3, 4),
      },
    ]);
    expect(rows.map((r) => (r.ok ? r.line : r.error.line))).toEqual([5, 6, 7, 8, 9, 10]);
    expect(errors(rows).map((e) => e.message)).toEqual([
      'Connected On "not a date" is not a date (expected like 26 Nov 2026)',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/@example\.(com|org)/);
  });

  it('finds the header after a preamble with blank lines, commas and an unbalanced quote', async () => {
    const exp = await openLinkedInExport(fixture('connections-long-preamble.csv'));
    const rows = await all(exp.connections);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ok: true, line: 9, value: { name: 'Ada Lovelace' } });
  });

  it('reads the older export without URL and with two-digit years', async () => {
    const exp = await openLinkedInExport(fixture('connections-old.csv'));
    const v = values(await all(exp.connections));
    expect(v.map((c) => [c.name, c.profileUrl, iso(c.connectedOn)])).toEqual([
      ['Ada Lovelace', null, '2019-03-12T00:00:00.000Z'],
      ['Grace Hopper', null, '2018-01-01T00:00:00.000Z'],
    ]);
  });
});

describe('Profile.csv', () => {
  it('is read at once, only the fields the profile check needs', async () => {
    const exp = await openLinkedInExport(fixture('profile.csv'));
    expect(exp.invitations).toBeNull();
    expect(exp.connections).toBeNull();
    expect(exp.profile).toEqual({
      firstName: 'Sam',
      lastName: 'Member',
      headline: 'Founder at Example Co',
      summary: 'I build things.\nTwo lines, with a comma.',
      industry: 'Software Development',
      location: 'Paris, Île-de-France, France',
    });
  });
});

describe('refusals', () => {
  it('a missing path is FILE_NOT_FOUND naming the path', async () => {
    const err = await rejection(openLinkedInExport(join(dir, 'nope', 'export.zip')));
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.message).toContain(join(dir, 'nope', 'export.zip'));
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), /empty\.csv: is empty/],
    ['blank.csv', Buffer.from('\n\n  \n'), /blank\.csv: is empty/],
    ['binary.csv', Buffer.from([0x46, 0x72, 0x00, 0x01, 0x02, 0x0a]), /binary\.csv.*NUL bytes/],
    [
      'latin1.csv',
      Buffer.from('From,To,Sent At\nJos\xe9,Ren\xe9,x\n', 'latin1'),
      /latin1\.csv line 2: is not valid UTF-8/,
    ],
    ['utf16.csv', Buffer.from(`\ufeffFrom,To,Sent At,Direction\n`, 'utf16le'), /utf16\.csv: is UTF-16/],
    ['fake.zip', Buffer.from('From,To\n'), /fake\.zip: is not a ZIP archive/],
  ])('%s is BAD_INPUT naming the file and the problem', async (name, bytes, message) => {
    const err = await rejection(openLinkedInExport(await writeTemp(name, bytes)));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(message);
  });

  it('a CSV with an unknown header names the file and the headers expected', async () => {
    const err = await rejection(openLinkedInExport(fixture('messages.csv')));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/^messages\.csv: /);
    expect(err.message).toContain('From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl');
    expect(err.message).toContain('First Name,Last Name,URL,Email Address,Company,Position,Connected On');
  });

  it('a folder without Invitations.csv or Connections.csv is not an export', async () => {
    const folder = join(dir, 'not-an-export');
    await writeTemp('not-an-export/readme.txt', 'hello');
    const err = await rejection(openLinkedInExport(folder));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(
      'contains no Invitations.csv or Connections.csv; is this a LinkedIn data export?',
    );
  });
});

async function makeExportFolder(root: string): Promise<string> {
  const folder = join(dir, root);
  await mkdir(join(folder, 'Basic_LinkedInDataExport_03-05-2026'), { recursive: true });
  await copyFile(
    fixture('invitations.csv'),
    join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'invitations.CSV'),
  );
  await copyFile(
    fixture('connections.csv'),
    join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'Connections.csv'),
  );
  await copyFile(fixture('profile.csv'), join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'Profile.csv'));
  await writeFile(join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'Messages.csv'), 'a,b\n');
  return folder;
}

async function exportZip(extra: Parameters<typeof makeZip>[0] = []): Promise<Buffer> {
  return makeZip([
    { name: 'Invitations.csv', data: await readFile(fixture('invitations.csv')) },
    {
      name: 'Connections.csv',
      data: await readFile(fixture('connections.csv')),
      modified: new Date(Date.UTC(2026, 2, 6, 7, 8, 10)),
    },
    { name: 'Profile.csv', data: await readFile(fixture('profile.csv')), method: 0 },
    { name: 'Jobs/', data: '' },
    { name: 'Jobs/Job Applications.csv', data: 'Application Date,Company\n' },
    ...extra,
  ]);
}

describe('folder and ZIP', () => {
  it('an unpacked folder: CSVs in a subfolder, names matched case-insensitively, others ignored', async () => {
    const folder = await makeExportFolder('unpacked');
    const exp = await openLinkedInExport(folder);
    expect(exp.kind).toBe('folder');
    expect(exp.newestEntryTime).toBeNull();
    expect(exp.invitations?.file).toBe('Basic_LinkedInDataExport_03-05-2026/invitations.CSV');
    expect(exp.ignoredFiles).toEqual(['Basic_LinkedInDataExport_03-05-2026/Messages.csv']);
    expect(values(await all(exp.invitations))).toHaveLength(7);
    // four people and one row with no name and no URL (read, to be counted)
    expect(values(await all(exp.connections))).toHaveLength(5);
    expect(exp.profile?.headline).toBe('Founder at Example Co');
  });

  it('a folder holding two Invitations.csv is refused', async () => {
    const folder = await makeExportFolder('twice');
    await copyFile(fixture('invitations.csv'), join(folder, 'Invitations.csv'));
    const err = await rejection(openLinkedInExport(folder));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('Invitations.csv twice');
  });

  it('the ZIP: entries streamed, newest entry time read as UTC, display names, ignored files', async () => {
    const path = await writeTemp('export.zip', await exportZip());
    const exp = await openLinkedInExport(path);
    expect(exp.kind).toBe('zip');
    expect(exp.path).toBe(path);
    expect(exp.newestEntryTime).toBe(Date.UTC(2026, 2, 6, 7, 8, 10));
    expect(exp.invitations?.file).toBe('export.zip:Invitations.csv');
    expect(exp.ignoredFiles).toEqual(['Jobs/Job Applications.csv']);
    const inv = await all(exp.invitations);
    expect(values(inv)).toHaveLength(7);
    expect(inv.map((r) => r.ok && r.line)).toEqual([2, 3, 4, 5, 8, 9, 10]);
    const con = await all(exp.connections);
    expect(errors(con).map((e) => [e.file, e.line])).toEqual([['export.zip:Connections.csv', 10]]);
    expect(exp.profile?.firstName).toBe('Sam');
    await exp.close();
    await exp.close();
  });

  it('the content hash is stable, the same for the ZIP, the folder and the bytes, and changes with content', async () => {
    const zip = await exportZip();
    const a = await openLinkedInExport(await writeTemp('a.zip', zip));
    const b = await openLinkedInExportFromBytes(zip, 'upload.zip');
    const folder = await openLinkedInExport(await makeExportFolder('hash-folder'));
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.contentHash).toBe(a.contentHash);
    expect(folder.contentHash).toBe(a.contentHash);
    const other = makeZip([
      { name: 'Invitations.csv', data: await readFile(fixture('invitations-reordered.csv')) },
    ]);
    expect((await openLinkedInExportFromBytes(other, 'o.zip')).contentHash).not.toBe(a.contentHash);
  });

  it('a ZIP with Connections but no Invitations is allowed', async () => {
    const zip = makeZip([{ name: 'Connections.csv', data: await readFile(fixture('connections-old.csv')) }]);
    const exp = await openLinkedInExportFromBytes(zip, 'export.zip');
    expect(exp.invitations).toBeNull();
    expect(values(await all(exp.connections))).toHaveLength(2);
  });

  it('a ZIP with neither is not an export', async () => {
    const zip = makeZip([{ name: 'Messages.csv', data: 'a,b\n' }]);
    const err = await rejection(openLinkedInExportFromBytes(zip, 'other.zip'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe(
      'other.zip contains no Invitations.csv or Connections.csv; is this a LinkedIn data export?',
    );
  });

  it('a file named Invitations.csv with another header is refused', async () => {
    const zip = makeZip([{ name: 'Invitations.csv', data: await readFile(fixture('connections.csv')) }]);
    const err = await rejection(openLinkedInExportFromBytes(zip, 'mixed.zip'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('mixed.zip:Invitations.csv line 4: has the header of Connections.csv');
  });

  it('random bytes are not a ZIP', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    const err = await rejection(openLinkedInExportFromBytes(bytes, 'broken.zip'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/^broken\.zip: is not a readable ZIP archive/);
  });
});

describe('limits', () => {
  const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n';
  const row = 'Sam,Ada,"3/5/26, 1:45 AM",,OUTGOING,,\n';

  it('a field over 1 MiB stops the file with BAD_INPUT and its line', async () => {
    const huge = `${header}${row}Sam,Ada,"3/5/26, 1:45 AM","${'x'.repeat(1_100_000)}",OUTGOING,,\n${row}`;
    const exp = await openLinkedInExportFromBytes(Buffer.from(huge), 'huge.csv');
    const err = await rejection(all(exp.invitations));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/huge\.csv line 3: a record is longer than 1 MiB/);
  });

  it('a row with a million columns is a row error with its line', async () => {
    const wide = `${header}${row}${'a,'.repeat(1_000_000)}\n${row}`;
    const exp = await openLinkedInExportFromBytes(Buffer.from(wide), 'wide.csv');
    const rows = await all(exp.invitations);
    expect(rows.map((r) => r.ok)).toEqual([true, false, true]);
    expect(errors(rows)[0]).toMatchObject({ line: 3, message: expect.stringContaining('1000001 columns') });
  });

  it('a line over 4 MiB is refused before it is held', async () => {
    const long = `${header}${row}${'a,,'.repeat(2_000_000)}\n`;
    const exp = await openLinkedInExportFromBytes(Buffer.from(long), 'long.csv');
    const err = await rejection(all(exp.invitations));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.line).toBe(3);
  });

  it('records stream lazily: an endless source yields its first rows', async () => {
    let produced = 0;
    const endless = Readable.from(
      (function* () {
        yield Buffer.from(header);
        for (;;) {
          produced += 100;
          yield Buffer.from(row.repeat(100));
        }
      })(),
      { objectMode: false },
    );
    let seen = 0;
    for await (const record of csvRecords(endless, { file: 'endless.csv' })) {
      if (++seen === 5000) {
        expect(record.line).toBe(5000);
        break;
      }
    }
    // only a bounded read-ahead was pulled from the source, never "everything"
    expect(produced).toBeLessThan(200_000);
  });
});

describe('exports are closed on failure', () => {
  it('close() can be called on a CSV export', async () => {
    const exp: LinkedInExport = await openLinkedInExport(fixture('connections-old.csv'));
    await exp.close();
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLinkedInExport, openLinkedInExportFromBytes } from './linkedin-export.ts';
import { all, dir, errors, fixture, rejection, tempDirForTests, values, writeTemp } from './test-export.ts';

tempDirForTests();
const iso = (t: number) => new Date(t).toISOString();

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

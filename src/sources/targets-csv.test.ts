import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InviteKeeperError } from '../core/index.ts';
import { parseTargetsCsv, readTargetsCsv } from './targets-csv.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ik-targets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const blank = {
  name: null,
  profileUrl: null,
  relation: null,
  mutualConnections: null,
  connectionCount: null,
  timezone: null,
  tags: [],
  company: null,
  headline: null,
  custom: {},
};

describe('targets CSV', () => {
  it('reads the fixture: loose headers, custom columns, BOM, CRLF, Â, tags, "1,234" and "500+"', async () => {
    const { file, rows } = await readTargetsCsv(fixture('targets.csv'));
    expect(file).toBe('targets.csv');
    expect(rows).toEqual([
      {
        ok: true,
        line: 2,
        value: {
          name: 'Ada Lovelace',
          profileUrl: 'https://www.linkedin.com/in/ada-lovelace',
          relation: 'colleague',
          mutualConnections: 12,
          connectionCount: 1234,
          timezone: 'Europe/London',
          tags: ['math', 'engines', 'poetry'],
          company: 'Babbage & Co',
          headline: 'Programmer',
          custom: { Event: 'PyCon', Nickname: 'Countess' },
        },
      },
      {
        ok: true,
        line: 3,
        value: {
          ...blank,
          profileUrl: 'https://www.linkedin.com/in/grace-hopper',
          relation: 'industry-peer',
          mutualConnections: 0,
          connectionCount: 500,
          timezone: 'America/New_York',
          tags: ['navy', 'cobol'],
          company: 'US Navy',
        },
      },
      {
        ok: true,
        line: 4,
        value: { ...blank, name: 'Alan Turing', relation: 'alumni', custom: { Event: 'Bletchley reunion' } },
      },
      {
        ok: true,
        line: 6,
        value: {
          ...blank,
          name: 'Barbara Liskov',
          profileUrl: 'https://www.linkedin.com/in/barbara-liskov',
          relation: 'other',
          mutualConnections: 3,
        },
      },
    ]);
  });

  it('the in-memory parser gives the same rows as the streamed reader', async () => {
    const text = await readFile(fixture('targets.csv'), 'utf8');
    expect(parseTargetsCsv(text, 'targets.csv').rows).toEqual(
      (await readTargetsCsv(fixture('targets.csv'))).rows,
    );
  });

  it('reports each bad row with its line and keeps the good ones', async () => {
    const { rows } = await readTargetsCsv(fixture('targets-bad.csv'));
    const errs = rows.flatMap((r) => (r.ok ? [] : [[r.error.line, r.error.message, r.error.partial]]));
    expect(errs).toEqual([
      [
        2,
        'relation "friend" is not one of colleague, alumni, industry-peer, other',
        { name: 'Ada Lovelace', profileUrl: 'https://www.linkedin.com/in/ada-lovelace' },
      ],
      [
        3,
        'profileUrl "https://example.com/grace" is not a LinkedIn profile link (expected like https://www.linkedin.com/in/<name>)',
        { name: 'Grace Hopper', profileUrl: null },
      ],
      [
        4,
        'mutualConnections "-3" is not a whole number of 0 or more; connectionCount "2.5" is not a whole number of 0 or more',
        { name: 'Alan Turing', profileUrl: null },
      ],
      [
        5,
        'timezone "Mars/Olympus_Mons" is not an IANA time zone (expected like Europe/Paris)',
        { name: 'Katherine Johnson', profileUrl: null },
      ],
      [6, 'the row has neither a name nor a profileUrl', { profileUrl: null }],
      [
        7,
        'timezone "UTC+2" is not an IANA time zone (expected like Europe/Paris)',
        { name: 'Edsger Dijkstra', profileUrl: null },
      ],
    ]);
    const good = rows.flatMap((r) => (r.ok ? [r.value] : []));
    expect(good).toEqual([
      {
        ...blank,
        name: 'Margaret Hamilton',
        relation: 'industry-peer',
        mutualConnections: 1234567,
        timezone: 'Etc/GMT+2',
      },
    ]);
  });

  it.each([
    ['colleague', 'colleague'],
    ['Colleague', 'colleague'],
    ['ALUMNI', 'alumni'],
    ['industry peer', 'industry-peer'],
    ['Industry-Peer', 'industry-peer'],
    ['industry_peer', 'industry-peer'],
    ['other', 'other'],
  ])('relation %j is %s', (text, relation) => {
    const { rows } = parseTargetsCsv(`name,relation\nAda,${text}\n`, 't.csv');
    expect(rows[0]).toMatchObject({ ok: true, value: { relation } });
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'relation %j is a row error, not a prototype property',
    (text) => {
      const { rows } = parseTargetsCsv(`name,relation\nAda,${text}\n`, 't.csv');
      expect(rows[0]).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('is not one of') },
      });
    },
  );
});

describe('targets CSV: header names, blank lines, tags, separators and refusals', () => {
  it.each([['Profile URL'], ['profile_url'], ['profileurl'], [' PROFILE-URL ']])(
    'header %j is the profileUrl column',
    (header) => {
      const { rows } = parseTargetsCsv(`${header}\nlinkedin.com/in/Ada\n`, 't.csv');
      expect(rows[0]).toMatchObject({ ok: true, value: { profileUrl: 'https://www.linkedin.com/in/ada' } });
    },
  );

  it('a custom column named __proto__ stays an ordinary field', () => {
    const { rows } = parseTargetsCsv('name,__proto__,constructor\nAda,x,y\n', 't.csv');
    const custom = rows[0]?.ok ? rows[0].value.custom : {};
    expect(Object.keys(custom)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(custom)).toBe(Object.prototype);
  });

  it('blank lines before the header and between rows are skipped, lines still counted', () => {
    const { rows } = parseTargetsCsv('\n\nname\n\nAda\n\n\nGrace\n', 't.csv');
    expect(rows.map((r) => r.ok && [r.line, r.value.name])).toEqual([
      [5, 'Ada'],
      [8, 'Grace'],
    ]);
  });

  it('tags split on ; | and , inside the quoted field', () => {
    const { rows } = parseTargetsCsv('name,tags\nAda,"a; b |c, d,,  "\n', 't.csv');
    expect(rows[0]).toMatchObject({ ok: true, value: { tags: ['a', 'b', 'c', 'd'] } });
  });

  it('reads a semicolon-separated file as spreadsheets in some locales write it', async () => {
    const { rows } = await readTargetsCsv(fixture('targets-semicolon.csv'));
    expect(rows[0]).toMatchObject({ ok: true, value: { name: 'Ada Lovelace', tags: ['math', 'engines'] } });
  });

  it.each([
    ['', /is empty/],
    ['company,headline\nAcme,CEO\n', /no name or profileUrl column/],
    ['name,Name\nAda,Ada\n', /say the same thing/],
    ['name,notes\nAda,"never closed\n', /line 2: a quoted field is never closed/],
  ])('%j is BAD_INPUT', (text, message) => {
    expect(() => parseTargetsCsv(text, 't.csv')).toThrow(message);
    try {
      parseTargetsCsv(text, 't.csv');
    } catch (err) {
      expect(err).toBeInstanceOf(InviteKeeperError);
      expect((err as InviteKeeperError).code).toBe('BAD_INPUT');
    }
  });

  it('refuses a missing file, a binary file and a Latin-1 file', async () => {
    const missing = await readTargetsCsv(join(dir, 'none.csv')).catch((e: unknown) => e);
    expect((missing as InviteKeeperError).code).toBe('FILE_NOT_FOUND');
    const latin1 = join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from('name\nRen\xe9\n', 'latin1'));
    const err = await readTargetsCsv(latin1).catch((e: unknown) => e);
    expect((err as InviteKeeperError).code).toBe('BAD_INPUT');
    expect((err as InviteKeeperError).message).toMatch(/latin1\.csv line 2: is not valid UTF-8/);
    const binary = join(dir, 'binary.csv');
    await writeFile(binary, Buffer.from([0x6e, 0, 0, 1]));
    expect(((await readTargetsCsv(binary).catch((e: unknown) => e)) as InviteKeeperError).code).toBe(
      'BAD_INPUT',
    );
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, InviteKeeperError, MINUTE_MS } from '../core/index.ts';
import {
  MAX_SENT_PAGE_LINES,
  parseSentPageHtml,
  parseSentPageText,
  readSentPage,
  SentPageHtmlReader,
  sentAgeRange,
} from './sent-page.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);
const asOf = Date.UTC(2026, 2, 10, 12, 0, 0);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ik-sent-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Age in whole days of an instant, as SPEC section 2 computes it. */
const ageDays = (t: number) => Math.floor((asOf - t) / DAY_MS);

describe('sentAgeRange', () => {
  it.each([
    ['Sent today', 0, 0],
    ['Sent yesterday', 1, 1],
    ['Sent 1 day ago', 1, 1],
    ['Sent 4 days ago', 4, 4],
    ['Sent 1 week ago', 7, 13],
    ['Sent 3 weeks ago', 21, 27],
    ['Sent 1 month ago', 30, 59],
    ['Sent 2 months ago', 60, 89],
    ['Sent a month ago', 30, 59],
    ['Sent 1 year ago', 365, 729],
    ['Sent 2 years ago', 730, 1094],
    ['Sent an year ago', 365, 729],
    ['Sent 3w ago', 21, 27],
    ['Sent 2mo ago', 60, 89],
    ['SENT 5 DAYS AGO', 5, 5],
  ])('%s is %i to %i days old', (text, min, max) => {
    const range = sentAgeRange(text, asOf)!;
    expect(ageDays(range.sentAtLatest)).toBe(min);
    expect(ageDays(range.sentAtEarliest)).toBe(max);
    // one millisecond earlier would be a day older than the range allows
    expect(ageDays(range.sentAtEarliest - 1)).toBe(max + 1);
  });

  it.each([
    ['Sent 1 minute ago', MINUTE_MS, 1],
    ['Sent 45 minutes ago', MINUTE_MS, 45],
    ['Sent an hour ago', HOUR_MS, 1],
    ['Sent 5 hours ago', HOUR_MS, 5],
    ['Sent 10m ago', MINUTE_MS, 10],
    ['Sent a moment ago', MINUTE_MS, 0],
    ['Sent just now', MINUTE_MS, 0],
  ])('%s is exactly that long before asOf', (text, unit, n) => {
    const range = sentAgeRange(text, asOf)!;
    expect(range.sentAtLatest).toBe(asOf - n * unit);
    expect(range.sentAtEarliest).toBe(asOf - (n + 1) * unit + 1);
  });

  it.each([
    'Sent 3 fortnights ago',
    'Sent 3 constructor ago',
    'Sent 2 __proto__ ago',
    'Sent',
    'Sent invitations',
    'Sent 3 weeks',
    'Withdraw',
  ])('%s is no age', (text) => {
    expect(sentAgeRange(text, asOf)).toBeNull();
  });

  it('property: the range is ordered and never after asOf, for every count and unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('minute', 'hour', 'day', 'week', 'month', 'year'),
        fc.boolean(),
        (n, unit, plural) => {
          const range = sentAgeRange(`Sent ${n} ${unit}${plural ? 's' : ''} ago`, asOf)!;
          expect(range.sentAtEarliest).toBeLessThanOrEqual(range.sentAtLatest);
          expect(range.sentAtLatest).toBeLessThanOrEqual(asOf);
          // the lower bound is what rules use: the age it gives never exceeds the stated count of units
          const unitDays = { minute: 1 / 1440, hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 }[unit];
          expect(ageDays(range.sentAtLatest)).toBe(Math.floor(n * unitDays + 1e-9));
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
  });
});

describe('pasted text', () => {
  it('reads rows among UI noise, pronouns, degree markers, blank lines, and sees "Load more"', async () => {
    const page = parseSentPageText(await readFile(fixture('sent-page.txt'), 'utf8'), asOf, 'sent.txt');
    expect(page.format).toBe('text');
    expect(page.rows.map((r) => [r.name, r.headline, r.ageText])).toEqual([
      ['Ada Lovelace', 'Analytical Engine Programmer at Babbage & Co', 'Sent today'],
      ['Grace Hopper', 'Rear Admiral, US Navy · COBOL', 'Sent yesterday'],
      ['Alan Turing', 'Mathematician, Bletchley Park', 'Sent 3 days ago'],
      ['Katherine Johnson', null, 'Sent 1 week ago'],
      [
        'Margaret Hamilton 🚀',
        'Director of Software Engineering, MIT Instrumentation Lab',
        'Sent 2 months ago',
      ],
      ['Edsger W. Dijkstra', 'Professor of Computer Science', 'Sent an hour ago'],
      ['Barbara Liskov', 'Institute Professor at MIT', 'Sent 1 year ago'],
    ]);
    expect(page.rows.every((r) => r.profileUrl === null)).toBe(true);
    expect(page.errors).toEqual([
      {
        file: 'sent.txt',
        line: 50,
        message: expect.stringContaining('"Sent 3 fortnights ago" is not an age'),
        partial: { name: 'John Backus', profileUrl: null },
      },
    ]);
    expect(page.truncated).toBe(true);
    expect(page.oldestEarliest).toBe(asOf - 730 * DAY_MS + 1);
  });

  it('reads the same with Windows line endings, tabs and extra spaces', async () => {
    const text = await readFile(fixture('sent-page.txt'), 'utf8');
    const lf = parseSentPageText(text, asOf, 'a.txt');
    const crlf = parseSentPageText(text.replace(/\n/g, '  \r\n\t'), asOf, 'a.txt');
    expect(crlf.rows).toEqual(lf.rows);
    expect(crlf.errors).toEqual(lf.errors);
  });

  it('a page without "Load more" is complete; an empty page has no rows', () => {
    const page = parseSentPageText('Ada Lovelace\nProgrammer\nSent 2 days ago\nWithdraw\n', asOf, 'a.txt');
    expect(page.truncated).toBe(false);
    expect(page.rows).toHaveLength(1);
    const empty = parseSentPageText('Manage invitations\nSent\nNo pending invitations\n', asOf, 'e.txt');
    expect(empty).toEqual({
      file: 'e.txt',
      format: 'text',
      rows: [],
      errors: [],
      truncated: false,
      oldestEarliest: null,
    });
  });

  it('an age with no name before it is a row error with its line', () => {
    const page = parseSentPageText('Manage invitations\nSent\n\nSent 3 weeks ago\nWithdraw\n', asOf, 'x.txt');
    expect(page.rows).toEqual([]);
    expect(page.errors).toEqual([{ file: 'x.txt', line: 4, message: 'no name before "Sent 3 weeks ago"' }]);
  });

  it.each([
    ['pronouns on their own line', 'Grace Hopper\n(She/Her)\nRear Admiral\nSent 2 days ago'],
    ['a degree marker on its own line', 'Grace Hopper\n· 2nd\nRear Admiral\nSent 2 days ago'],
    ['a degree marker in words', 'Grace Hopper\n2nd degree connection\nRear Admiral\nSent 2 days ago'],
    [
      'a picture caption and status',
      "Grace Hopper's profile picture\nStatus is online\nGrace Hopper\nRear Admiral\nSent 2 days ago",
    ],
    ['mutual connections', 'Grace Hopper\nRear Admiral\nAda and 3 other mutual connections\nSent 2 days ago'],
  ])('ignores %s', (_what, text) => {
    const page = parseSentPageText(text, asOf, 'n.txt');
    expect(page.rows.map((r) => [r.name, r.headline])).toEqual([['Grace Hopper', 'Rear Admiral']]);
  });

  it('splits an age glued to the headline and joins an age split over two lines', () => {
    const page = parseSentPageText(
      'Ada Lovelace\nProgrammer Sent 3 weeks ago Withdraw\nGrace Hopper\nAdmiral\nSent\n2 days ago\nWithdraw',
      asOf,
      'g.txt',
    );
    expect(page.rows.map((r) => [r.name, r.headline, r.ageText])).toEqual([
      ['Ada Lovelace', 'Programmer', 'Sent 3 weeks ago'],
      ['Grace Hopper', 'Admiral', 'Sent 2 days ago'],
    ]);
  });
});

describe('saved HTML', () => {
  it('takes each card: name, headline, age and profile link; ignores scripts, styles, templates, hidden rows', async () => {
    const page = parseSentPageHtml(await readFile(fixture('sent-page.html'), 'utf8'), asOf, 'sent.html');
    expect(page.format).toBe('html');
    expect(page.rows.map((r) => [r.name, r.headline, r.profileUrl, r.ageText])).toEqual([
      [
        'Ada Lovelace',
        'Analytical Engine Programmer at Babbage & Co',
        'https://www.linkedin.com/in/ada-lovelace',
        'Sent 3 weeks ago',
      ],
      [
        'Grace Hopper',
        'Rear Admiral, US Navy',
        'https://www.linkedin.com/in/grace-hopper-42',
        'Sent 2 months ago',
      ],
      ['Alan M. Turing', null, 'https://www.linkedin.com/in/alan-turing', 'Sent 5 minutes ago'],
    ]);
    expect(page.errors).toEqual([
      {
        file: 'sent.html',
        line: 72,
        message: expect.stringContaining('"Sent 3 eons ago" is not an age'),
        partial: { name: 'Katherine Johnson', profileUrl: 'https://www.linkedin.com/in/k-johnson' },
      },
    ]);
    expect(page.truncated).toBe(true);
    expect(page.oldestEarliest).toBe(asOf - 90 * DAY_MS + 1);
  });

  it('does not depend on class names: hashed markup, screen-reader text, an age split over two spans', async () => {
    const page = parseSentPageHtml(await readFile(fixture('sent-page-hashed.html'), 'utf8'), asOf, 'h.html');
    expect(page.rows.map((r) => [r.name, r.headline, r.profileUrl, r.ageText])).toEqual([
      [
        'Edsger W. Dijkstra',
        'Professor · Structured programming',
        'https://www.linkedin.com/in/edsger-dijkstra-8a1b2c',
        'Sent 2 weeks ago',
      ],
      ['Barbara Liskov', null, 'https://www.linkedin.com/in/barbara-liskov', 'Sent yesterday'],
    ]);
    expect(page.truncated).toBe(false);
  });

  it('falls back to the visible text when cards have no profile links', async () => {
    const page = parseSentPageHtml(
      await readFile(fixture('sent-page-no-links.html'), 'utf8'),
      asOf,
      'n.html',
    );
    expect(page.rows.map((r) => [r.name, r.headline, r.profileUrl, r.ageText])).toEqual([
      ['Ada Lovelace', 'Programmer', null, 'Sent 4 weeks ago'],
      ['Grace Hopper', 'Admiral', null, 'Sent 6 days ago'],
    ]);
  });

  it('reads a page nested 900 deep, refuses one nested 100,000 deep without parsing it', () => {
    const nest = (n: number) => `${'<div>'.repeat(n)}Ada Lovelace<br>Sent 2 days ago${'</div>'.repeat(n)}`;
    expect(parseSentPageHtml(nest(900), asOf, 'ok.html').rows.map((r) => r.name)).toEqual(['Ada Lovelace']);
    expect(() => parseSentPageHtml(nest(100_000), asOf, 'deep.html')).toThrow(
      /deep\.html: elements are nested more than 1000 deep/,
    );
  });
});

describe('reading in chunks', () => {
  const pages = ['sent-page.html', 'sent-page-hashed.html', 'sent-page-no-links.html'];

  it('gives the same page, line numbers included, wherever the chunks are cut', async () => {
    const sources = await Promise.all(pages.map((p) => readFile(fixture(p), 'utf8')));
    sources.push(await readFile(new URL('../../examples/sent-page.html', import.meta.url), 'utf8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 40 }),
        (which, sizes) => {
          const html = sources[which]!;
          const whole = parseSentPageHtml(html, asOf, 'p.html');
          const reader = new SentPageHtmlReader(asOf, 'p.html');
          let at = 0;
          for (let i = 0; at < html.length; i++) {
            const size = sizes[i % sizes.length]!;
            reader.write(html.slice(at, at + size));
            at += size;
          }
          expect(reader.end()).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a file of many chunks as it reads the same text whole (HTML and pasted text, CRLF)', async () => {
    const html = await readFile(new URL('../../examples/sent-page.html', import.meta.url), 'utf8');
    const start = html.indexOf('<li class="invitation-card');
    const end = html.indexOf('</ul>', start);
    // about 3 MiB: three chunks of the file reader
    const big = html.slice(0, start) + html.slice(start, end).repeat(34) + html.slice(end);
    const htmlPath = join(dir, 'big.html');
    await writeFile(htmlPath, big);
    const fromFile = await readSentPage(htmlPath, asOf);
    expect(fromFile).toEqual({ ...parseSentPageHtml(big, asOf, 'big.html'), file: 'big.html' });
    expect(fromFile.rows.length).toBeGreaterThan(3000);

    const text = (await readFile(fixture('sent-page.txt'), 'utf8')).replace(/\n/g, '\r\n').repeat(4000);
    const textPath = join(dir, 'big.txt');
    await writeFile(textPath, text);
    const page = await readSentPage(textPath, asOf);
    expect(page).toEqual(parseSentPageText(text, asOf, 'big.txt'));
    // line numbers count from the start of the file, not of a chunk
    expect(Math.max(...page.errors.map((e) => e.line))).toBeGreaterThan(100_000);
  });

  it('refuses a page of more lines than any Sent page has, naming the file', async () => {
    const path = join(dir, 'lines.txt');
    await writeFile(path, 'x\n'.repeat(MAX_SENT_PAGE_LINES + 1));
    const err = await readSentPage(path, asOf).catch((e: unknown) => e);
    expect((err as InviteKeeperError).code).toBe('TOO_LARGE');
    expect((err as InviteKeeperError).message).toMatch(/^lines\.txt: has more than 1,000,000 lines/);
  });

  it('finds a NUL byte far into the file', async () => {
    const path = join(dir, 'late-nul.txt');
    await writeFile(
      path,
      Buffer.concat([Buffer.from('Ada\nSent today\n'.repeat(200_000)), Buffer.from([0])]),
    );
    const err = await readSentPage(path, asOf).catch((e: unknown) => e);
    expect((err as InviteKeeperError).code).toBe('BAD_INPUT');
    expect((err as InviteKeeperError).message).toMatch(/late-nul\.txt: contains NUL bytes/);
  });
});

describe('readSentPage', () => {
  it.each([
    ['sent-page.txt', 'text', 7],
    ['sent-page.html', 'html', 3],
    ['sent-page-hashed.html', 'html', 2],
  ])('%s is read as %s by its content', async (name, format, rows) => {
    const page = await readSentPage(fixture(name), asOf);
    expect(page.format).toBe(format);
    expect(page.file).toBe(name);
    expect(page.rows).toHaveLength(rows);
  });

  it('reads UTF-16 text saved by Notepad and Windows-1252 text', async () => {
    const text = 'Ada Lovelace\r\nIngénieure\r\nSent 2 days ago\r\nWithdraw\r\n';
    const utf16 = join(dir, 'utf16.txt');
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const cp1252 = join(dir, 'cp1252.txt');
    await writeFile(cp1252, Buffer.from(text, 'latin1'));
    for (const path of [utf16, cp1252]) {
      const page = await readSentPage(path, asOf);
      expect(page.rows.map((r) => r.headline)).toEqual(['Ingénieure']);
    }
  });

  it.each([
    ['missing', null, 'FILE_NOT_FOUND'],
    ['binary.txt', Buffer.from([1, 2, 0, 3, 4]), 'BAD_INPUT'],
    ['page.mhtml', Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n'), 'BAD_INPUT'],
  ])('%s is refused with %s', async (name, bytes, code) => {
    const path = join(dir, name);
    if (bytes) await writeFile(path, bytes);
    const err = await readSentPage(path, asOf).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InviteKeeperError);
    expect((err as InviteKeeperError).code).toBe(code);
    expect((err as InviteKeeperError).message).toContain(name);
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/index.ts';
import { formatConnectedOn, formatSentAt, mojibake } from './export-formats.ts';
import {
  type ExportConnectionRecord,
  type ExportInvitationRecord,
  type ExportSnapshot,
  snapshotFromPlatform,
} from './export-snapshot.ts';
import {
  CONNECTIONS_HEADER,
  connectionsCsv,
  INVITATIONS_HEADER,
  invitationsCsv,
  renderExport,
} from './export-writer.ts';
import { renderSentPageHtml, sentAgeText, sentPageText } from './sent-page-writer.ts';
import { targetsCsv } from './targets-writer.ts';
import { ALWAYS_ACCEPTS, NEVER_ACCEPTS, T0, testMember, testPlatform } from './testing.ts';

const AS_OF = Date.UTC(2026, 10, 20, 17, 30);
const person = (first: string, last: string, slug: string, headline = 'Engineer at Contoso') => ({
  firstName: first,
  lastName: last,
  profileUrl: `https://www.linkedin.com/in/${slug}`,
  headline,
  company: 'Contoso',
  position: 'Senior Engineer',
  email: null,
});

const NOTES = [
  'Hi Zoé, we met at the "Grid & Growth" meetup, let\'s connect!',
  'Hello Ana,\nloved your talk 🙂',
  null,
];

function snapshot(): ExportSnapshot {
  const invitations: ExportInvitationRecord[] = [
    {
      direction: 'OUTGOING',
      other: person('Zoé', 'Lefèvre', 'zoe-lefevre'),
      sentAt: AS_OF - 3 * HOUR_MS,
      message: NOTES[0]!,
    },
    {
      direction: 'INCOMING',
      other: person('Seán', "O'Brien", 'seanobrien'),
      sentAt: AS_OF - 2 * DAY_MS,
      message: null,
    },
    {
      direction: 'OUTGOING',
      other: person('Ana', 'Smith, PhD', 'ana-smith'),
      sentAt: AS_OF - 20 * DAY_MS,
      message: NOTES[1]!,
    },
    {
      direction: 'OUTGOING',
      other: person('Robert "Bob"', 'Kim 🚀', 'bob-kim', 'A <b>bold</b> & "quoted" headline'),
      sentAt: AS_OF - 45 * DAY_MS,
      message: null,
    },
  ];
  const connections: ExportConnectionRecord[] = [
    {
      person: { ...person('Łukasz', 'Nowak', 'lukasz-nowak'), email: 'lukasz.nowak@example.com' },
      connectedOn: Date.UTC(2026, 10, 19, 22),
    },
    { person: person('Wei', 'Chen', 'weichen'), connectedOn: Date.UTC(2019, 2, 12, 8) },
  ];
  return {
    asOf: AS_OF,
    owner: {
      firstName: 'Morgan',
      lastName: 'Keller',
      profileUrl: 'https://www.linkedin.com/in/morgan-keller-demo',
      headline: 'Partnerships Lead, Lumen & Loom',
      summary: 'Summary',
      industry: 'Renewables',
      location: 'Berlin, Germany',
    },
    invitations,
    connections,
  };
}

const parseCsv = (text: string, fromLine = 1) =>
  parse(text, { bom: true, relax_column_count: false, from_line: fromLine }) as string[][];

describe('formats', () => {
  it.each([
    [Date.UTC(2026, 2, 5, 1, 45), 'us-short', '3/5/26, 1:45 AM'],
    [Date.UTC(2026, 2, 5, 1, 45), 'iso-utc', '2026-03-05 01:45:00 UTC'],
    [Date.UTC(2026, 2, 5, 1, 45), 'iso-naive', '2026-03-05 01:45:00'],
    [Date.UTC(2026, 2, 5, 1, 45), 'date-only', '05 Mar 2026'],
    [Date.UTC(2026, 11, 31, 0, 5), 'us-short', '12/31/26, 12:05 AM'],
    [Date.UTC(2026, 0, 1, 12, 30), 'us-short', '1/1/26, 12:30 PM'],
    [Date.UTC(2026, 0, 1, 23, 59, 59), 'us-short', '1/1/26, 11:59 PM'],
  ] as const)('Sent At %i as %s is %s', (t, format, text) => {
    expect(formatSentAt(t, format)).toBe(text);
  });

  it.each([
    [Date.UTC(2026, 10, 26, 23), 'current', '26 Nov 2026'],
    [Date.UTC(2019, 2, 12), 'old', '12 Mar 19'],
    [Date.UTC(2026, 1, 5), 'current', '05 Feb 2026'],
  ] as const)('Connected On %i (%s) is %s', (t, style, text) => {
    expect(formatConnectedOn(t, style)).toBe(text);
  });

  it.each([
    [0, {}, 'Sent 1 minute ago'],
    [5 * MINUTE_MS, {}, 'Sent 5 minutes ago'],
    [HOUR_MS, {}, 'Sent 1 hour ago'],
    [23 * HOUR_MS, {}, 'Sent 23 hours ago'],
    [23 * HOUR_MS, { today: true }, 'Sent today'],
    [DAY_MS, {}, 'Sent yesterday'],
    [2 * DAY_MS, {}, 'Sent 2 days ago'],
    [6 * DAY_MS + 23 * HOUR_MS, {}, 'Sent 6 days ago'],
    [7 * DAY_MS, {}, 'Sent 1 week ago'],
    [29 * DAY_MS, {}, 'Sent 4 weeks ago'],
    [30 * DAY_MS, {}, 'Sent 1 month ago'],
    [59 * DAY_MS, {}, 'Sent 1 month ago'],
    [60 * DAY_MS, {}, 'Sent 2 months ago'],
    [365 * DAY_MS, {}, 'Sent 1 year ago'],
  ])('age %i ms reads %s', (age, options, text) => {
    expect(sentAgeText(AS_OF - age, AS_OF, options)).toBe(text);
  });

  it('mis-decodes a non-breaking space as Â before a space, after a comma when there is one', () => {
    expect(mojibake('Hi Ana, great talk')).toBe('Hi Ana,\u00c2\u00a0great talk');
    expect(mojibake('Senior Engineer', true)).toBe('Senior\u00c2 Engineer');
    expect(mojibake('nospace')).toBe('nospace');
  });
});

describe('Invitations.csv', () => {
  it('has the real header, a BOM, CRLF records, and notes that survive commas, quotes, line breaks and emoji', () => {
    const text = [
      ...invitationsCsv(snapshot(), {
        bom: true,
        eol: '\r\n',
        sentAtFormat: 'us-short',
        mojibakeEvery: 0,
        incoming: true,
      }),
    ].join('');
    expect(text.startsWith('\ufeffFrom,To,Sent At,')).toBe(true);
    expect(text).toContain('"11/20/26, 2:30 PM"');
    expect(text).toContain('"Hello Ana,\nloved your talk 🙂"');
    expect(text.split('\r\n')).toHaveLength(6);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...INVITATIONS_HEADER]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['Morgan Keller', 'Zoé Lefèvre', NOTES[0], 'OUTGOING'],
      ["Seán O'Brien", 'Morgan Keller', '', 'INCOMING'],
      ['Morgan Keller', 'Ana Smith, PhD', NOTES[1], 'OUTGOING'],
      ['Morgan Keller', 'Robert "Bob" Kim 🚀', '', 'OUTGOING'],
    ]);
    expect(rows[2]!.slice(5)).toEqual([
      'https://www.linkedin.com/in/seanobrien',
      'https://www.linkedin.com/in/morgan-keller-demo',
    ]);
  });

  it('can leave out incoming rows, the BOM and CRLF, and mis-decode every n-th note', () => {
    const text = [
      ...invitationsCsv(snapshot(), {
        bom: false,
        eol: '\n',
        sentAtFormat: 'iso-utc',
        mojibakeEvery: 1,
        incoming: false,
      }),
    ].join('');
    expect(text.startsWith('From')).toBe(true);
    expect(text).not.toContain('\r');
    expect(text).not.toContain('INCOMING');
    expect(text).toContain('2026-11-20 14:30:00 UTC');
    expect(text.match(/\u00c2/g)).toHaveLength(2);
  });

  it('streams: the writer takes records one at a time from any iterable', () => {
    let produced = 0;
    const endless: Iterable<ExportInvitationRecord> = {
      *[Symbol.iterator]() {
        for (let i = 0; ; i++) {
          produced++;
          yield {
            direction: 'OUTGOING',
            other: person(`P${i}`, 'X', `p-${i}`),
            sentAt: AS_OF - i * MINUTE_MS,
            message: null,
          };
        }
      },
    };
    const lines = invitationsCsv(
      { ...snapshot(), invitations: endless },
      { bom: false, eol: '\n', sentAtFormat: 'iso-naive', mojibakeEvery: 0, incoming: true },
    );
    const first = [lines.next().value, lines.next().value, lines.next().value];
    expect(first[2]).toBe(
      'Morgan Keller,P1 X,2026-11-20 17:29:00,,OUTGOING,https://www.linkedin.com/in/morgan-keller-demo,https://www.linkedin.com/in/p-1\n',
    );
    expect(produced).toBe(2);
  });
});

describe('Connections.csv', () => {
  it.each([
    ['none', 1],
    ['short', 4],
    ['long', 5],
  ] as const)('with a %s preamble the header is on line %i', (preamble, line) => {
    const text = [
      ...connectionsCsv(snapshot(), { bom: true, eol: '\r\n', style: 'current', preamble, mojibakeEvery: 0 }),
    ].join('');
    const lines = text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[line - 1]).toBe(CONNECTIONS_HEADER.join(','));
    if (preamble !== 'none') expect(lines[0]).toBe('Notes:');
    const rows = parseCsv(
      text
        .replace(/^\ufeff/, '')
        .split('\r\n')
        .slice(line - 1)
        .join('\r\n'),
    );
    expect(rows[1]).toEqual([
      'Łukasz',
      'Nowak',
      'https://www.linkedin.com/in/lukasz-nowak',
      'lukasz.nowak@example.com',
      'Contoso',
      'Senior Engineer',
      '19 Nov 2026',
    ]);
  });

  it('old style: no URL column and two-digit years', () => {
    const text = [
      ...connectionsCsv(snapshot(), {
        bom: false,
        eol: '\n',
        style: 'old',
        preamble: 'none',
        mojibakeEvery: 0,
      }),
    ].join('');
    expect(text.split('\n')[0]).toBe('First Name,Last Name,Email Address,Company,Position,Connected On');
    expect(text).toContain('Wei,Chen,,Contoso,Senior Engineer,12 Mar 19');
    expect(text).not.toContain('linkedin.com');
  });
});

describe('renderExport', () => {
  it('writes the three files by default and the ignored extras on request', () => {
    expect(Object.keys(renderExport(snapshot())).sort()).toEqual([
      'Connections.csv',
      'Invitations.csv',
      'Profile.csv',
    ]);
    const files = renderExport(snapshot(), { extraFiles: true });
    expect(Object.keys(files).sort()).toEqual([
      'Connections.csv',
      'Invitations.csv',
      'Messages.csv',
      'Profile.csv',
      'Skills.csv',
    ]);
    const profile = parseCsv(files['Profile.csv']!);
    expect(profile[1]![5]).toBe('Partnerships Lead, Lumen & Loom');
    expect(files['Messages.csv']).not.toMatch(/@(?!example\.com)/);
  });
});

describe('the Sent page', () => {
  it('as pasted text: noise, People (N), rows newest first, Load more when truncated', () => {
    const text = [...sentPageText(snapshot(), { limit: 2 })].join('');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Skip to main content');
    expect(lines).toContain('People (3)');
    const start = lines.indexOf('Zoé Lefèvre');
    expect(lines.slice(start, start + 4)).toEqual([
      'Zoé Lefèvre',
      'Engineer at Contoso',
      'Sent today',
      'Withdraw',
    ]);
    expect(text).toContain('Ana Smith, PhD\nEngineer at Contoso\nSent 2 weeks ago\nWithdraw');
    expect(text).not.toContain('Bob');
    expect(text.trimEnd().endsWith('Load more')).toBe(true);
    expect([...sentPageText(snapshot(), { limit: 10 })].join('')).not.toContain('Load more');
  });

  it('as saved HTML: escaped text, /in/<slug>/ links, scripts that mention profiles, Load more', () => {
    const html = renderSentPageHtml(snapshot(), { limit: 3 });
    expect(html).toContain('href="/in/bob-kim/"');
    expect(html).toContain('Robert &quot;Bob&quot; Kim 🚀');
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; headline');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('Sent 1 month ago');
    expect(html).toContain('/in/template-only/');
    expect(html.match(/class="invitation-card artdeco-list__item"/g)).toHaveLength(3);
    expect(html).not.toContain('Load more');
    expect(renderSentPageHtml(snapshot(), { limit: 1 })).toContain('Load more');
  });
});

describe('targets CSV', () => {
  it('writes the SPEC header plus custom columns, quoting what needs it', () => {
    const text = [
      ...targetsCsv(
        [
          {
            name: '<img src=x onerror=alert(1)>',
            profileUrl: null,
            tags: ['a', 'b'],
            custom: { event: 'Dinner, Oct' },
          },
          { profileUrl: 'https://www.linkedin.com/in/x', mutualConnections: 3 },
        ],
        { bom: false, eol: '\n', customColumns: ['event'] },
      ),
    ].join('');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'name',
      'profileUrl',
      'relation',
      'mutualConnections',
      'connectionCount',
      'timezone',
      'tags',
      'company',
      'headline',
      'event',
    ]);
    expect(rows[1]).toEqual([
      '<img src=x onerror=alert(1)>',
      '',
      '',
      '',
      '',
      '',
      'a;b',
      '',
      '',
      'Dinner, Oct',
    ]);
    expect(rows[2]![3]).toBe('3');
  });
});

describe('snapshots from the platform', () => {
  it('an earlier as-of shows an invitation as pending that was accepted later; a later one lists it as accepted (a history)', () => {
    const p = testPlatform([testMember(0, ALWAYS_ACCEPTS), testMember(1, NEVER_ACCEPTS)], {
      incoming: [{ memberId: 1, sentAt: T0 + 2 * DAY_MS, note: 'Hi, fellow alum here' }],
      params: { incoming: { senderAcceptShare: 0 } },
    });
    p.send(testMember(0).profileUrl, 'Hi, great talk', T0);
    p.advanceTo(T0 + 40 * DAY_MS);
    const acceptedAt = p.invitations[0]!.statusAt!;
    const before = snapshotFromPlatform(p, acceptedAt - 1);
    const after = snapshotFromPlatform(p, T0 + 40 * DAY_MS);
    expect([...before.invitations].map((i) => [i.direction, i.accepted ?? false])).toContainEqual([
      'OUTGOING',
      false,
    ]);
    expect([...after.invitations].map((i) => [i.direction, i.accepted ?? false])).toEqual([
      ['INCOMING', false],
      ['OUTGOING', true],
    ]);
    // the Sent page lists pending invitations only
    expect([...sentPageText(after)].join('')).not.toContain(testMember(0).lastName);
    expect([...before.connections]).toHaveLength(0);
    expect([...after.connections].map((c) => c.person.profileUrl)).toEqual([testMember(0).profileUrl]);
    expect(() => snapshotFromPlatform(p, T0 + 41 * DAY_MS)).toThrow(/only run to/);
  });
});

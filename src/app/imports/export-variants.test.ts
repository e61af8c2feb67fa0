/**
 * Every variant of the export that real members' files show (SPEC 3.1), written by the project's own
 * generator (src/sim/export-writer.ts) from one synthetic snapshot, imports as it is and reads the same:
 * the invitations still pending are pending, the accepted ones accepted on their connection day. A
 * property test then shuffles, re-encodes and pads the files and asks for the very same ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, type Instant } from '../../core/index.ts';
import {
  type ConnectedOnFormat,
  type ConnectionsCsvOptions,
  connectionsCsv,
  type ExportInvitationRecord,
  type ExportPerson,
  type ExportSnapshot,
  type InvitationsCsvOptions,
  invitationsCsv,
  profileUrlOf,
  type SentAtFormat,
} from '../../sim/index.ts';
import { closingContexts } from '../testing/contexts.ts';
import { tempDir } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

const AS_OF = Date.UTC(2026, 10, 20, 17, 30);
const NOW = '2026-11-21T08:00:00Z';

function person(first: string, last: string, slug: string): ExportPerson {
  return {
    firstName: first,
    lastName: last,
    profileUrl: profileUrlOf(slug),
    company: 'Contoso',
    email: null,
  };
}

/**
 * A small member's export: accepted and pending invitations (slugs in Latin, accented, CJK and outside
 * the Basic Multilingual Plane), a note with a comma, quotes and a line break, an incoming invitation,
 * and connections that are not invitees. `namesakes` adds two invitees called John Smith, one
 * accepted and one pending (they can only be told apart by URL).
 */
function snapshot(namesakes: boolean): ExportSnapshot {
  const day = (d: number, h = 9) => AS_OF - d * DAY_MS + (h - 17) * HOUR_MS;
  const invitees: Array<{ p: ExportPerson; sentAt: Instant; acceptedAt?: Instant; note?: string }> = [
    { p: person('Ada', 'Lovelace', 'ada-lovelace'), sentAt: day(40), acceptedAt: day(39, 0) },
    { p: person('Zoë', 'Lefèvre', 'zoë-lefèvre'), sentAt: day(30), acceptedAt: day(30, 0) },
    { p: person('美玲', '陈', '美玲-陈'), sentAt: day(25), acceptedAt: day(20, 0) },
    { p: person('Mathilde', 'Ødegård', '𝒜-mathilde'), sentAt: day(22), acceptedAt: day(21, 0) },
    {
      p: person('Alan', 'Turing', 'alan-turing'),
      sentAt: day(20),
      note: 'Hi Alan, "great" talk,\nlet us connect',
    },
    { p: person('Grace', 'Hopper', 'grace-hopper-1a2b3c'), sentAt: day(16) },
    { p: person('Łukasz', 'Nowak', 'łukasz-nowak'), sentAt: day(3) },
    { p: person('Katherine', 'Johnson', 'kjohnson'), sentAt: day(1, 15) },
  ];
  if (namesakes) {
    invitees.push(
      { p: person('John', 'Smith', 'john-smith-1'), sentAt: day(12), acceptedAt: day(10, 0) },
      { p: person('John', 'Smith', 'john-smith-2'), sentAt: day(11) },
    );
  }
  const invitations: ExportInvitationRecord[] = invitees.map((i) => ({
    direction: 'OUTGOING',
    other: i.p,
    sentAt: i.sentAt,
    message: i.note ?? null,
    accepted: i.acceptedAt !== undefined,
  }));
  invitations.push({
    direction: 'INCOMING',
    other: person('Seán', "O'Brien", 'seanobrien'),
    sentAt: day(2),
    message: null,
  });
  invitations.sort((a, b) => b.sentAt - a.sentAt);
  const connections = [
    ...invitees.flatMap((i) =>
      i.acceptedAt === undefined ? [] : [{ person: i.p, connectedOn: i.acceptedAt }],
    ),
    { person: person('Barbara', 'Liskov', 'barbara-liskov'), connectedOn: Date.UTC(2019, 2, 12) },
    { person: person('Edsger', 'Dijkstra', 'edsger'), connectedOn: Date.UTC(2018, 0, 8) },
  ].sort((a, b) => b.connectedOn - a.connectedOn);
  return {
    asOf: AS_OF,
    owner: {
      firstName: 'Morgan',
      lastName: 'Keller',
      profileUrl: profileUrlOf('morgan-keller-demo'),
      headline: 'Partnerships',
      summary: '',
      industry: 'Energy',
      location: 'Berlin',
    },
    invitations,
    connections,
  };
}

interface Variant {
  invitations?: Partial<InvitationsCsvOptions>;
  connections?: Partial<ConnectionsCsvOptions>;
  /** No Connections.csv at all. */
  noConnections?: boolean;
}

const BASE_INV: InvitationsCsvOptions = {
  bom: true,
  eol: '\r\n',
  sentAtFormat: 'us-short',
  mojibakeEvery: 0,
  incoming: true,
};
const BASE_CON: ConnectionsCsvOptions = {
  bom: true,
  eol: '\r\n',
  style: 'current',
  preamble: 'short',
  mojibakeEvery: 0,
};

/** The two files as lines (header and preamble first), ready to be shuffled or re-encoded. */
function render(snap: ExportSnapshot, v: Variant): { invitations: string[]; connections: string[] | null } {
  return {
    invitations: [...invitationsCsv(snap, { ...BASE_INV, ...v.invitations })],
    connections: v.noConnections ? null : [...connectionsCsv(snap, { ...BASE_CON, ...v.connections })],
  };
}

function writeFolder(files: { invitations: string[]; connections: string[] | null }): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'Invitations.csv'), files.invitations.join(''));
  if (files.connections) fs.writeFileSync(path.join(dir, 'Connections.csv'), files.connections.join(''));
  return dir;
}

/** The ledger as plain values, in a fixed order. */
async function ledgerOf(ctx: Awaited<ReturnType<ReturnType<typeof closingContexts>>>) {
  const account = (await ctx.store.findAccount('default'))!;
  const rows = await ctx.store.listInvitations(account.id);
  return rows
    .map((i) => ({ person: i.personKey, sentAt: i.sentAt, status: i.status, statusAt: i.statusAt }))
    .sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : a.sentAt - b.sentAt));
}

const ctxAt = closingContexts();

describe('every export variant of SPEC 3.1 imports as it is', () => {
  const snap = snapshot(true);
  const pending = [...snap.invitations].filter((i) => i.direction === 'OUTGOING' && !i.accepted).length;
  const accepted = [...snap.invitations].filter((i) => i.accepted).length;

  it.each<[string, Variant]>([
    ['the current export', {}],
    [
      'no byte-order mark, LF',
      { invitations: { bom: false, eol: '\n' }, connections: { bom: false, eol: '\n' } },
    ],
    ...(['iso-utc', 'iso-naive'] as SentAtFormat[]).map((f): [string, Variant] => [
      `Sent At as ${f}`,
      { invitations: { sentAtFormat: f } },
    ]),
    ...(['old', 'us-time', 'resaved'] as ConnectedOnFormat[]).map((f): [string, Variant] => [
      `Connected On as ${f}`,
      { connections: { connectedOnFormat: f } },
    ]),
    ['Connections.csv without a preamble', { connections: { preamble: 'none' } }],
    [
      'Connections.csv with a BOM and blank lines before the header',
      { connections: { preamble: 'blank-lines' } },
    ],
    ['a long preamble with a quoted line break', { connections: { preamble: 'long' } }],
    ['nameless connection rows', { connections: { namelessEvery: 2 } }],
    ['raw UTF-8 slugs in Connections.csv', { connections: { rawSlugs: true } }],
    [
      'mis-decoded Â in notes and positions',
      { invitations: { mojibakeEvery: 1 }, connections: { mojibakeEvery: 1 } },
    ],
  ])('%s', async (_label, variant) => {
    const ctx = await ctxAt(NOW);
    const report = await importExport(ctx, writeFolder(render(snap, variant)), { asOf: AS_OF });
    expect(report.rowErrors).toEqual([]);
    expect(report.invitations.incomingIgnored).toBe(1);
    const ledger = await ledgerOf(ctx);
    expect(ledger.filter((i) => i.status === 'pending')).toHaveLength(pending);
    expect(ledger.filter((i) => i.status === 'accepted')).toHaveLength(accepted);
    if (variant.connections?.namelessEvery) expect(report.connections.nameless).toBeGreaterThan(0);
  });

  // Without URLs the invitees are matched by name: namesakes cannot be told apart, so the snapshot
  // here has none (the namesake rule has its own test in import.test.ts).
  it.each<[string, Variant]>([
    ['Invitations.csv with 5 columns (no profile links)', { invitations: { urls: 'none' } }],
    ['inviterProfileUrn,inviteeProfileUrn with member ids', { invitations: { urls: 'urn' } }],
    ['the bare https://www.linkedin.com/in in every row', { invitations: { urls: 'bare' } }],
    [
      'Sent At without a time (a spreadsheet re-save)',
      { invitations: { urls: 'none', sentAtFormat: 'us-date' } },
    ],
    ['Connections.csv without a URL column', { connections: { style: 'old' } }],
    ['Connections.csv with its URL column empty', { connections: { emptyUrls: true } }],
  ])('%s', async (_label, variant) => {
    const plain = snapshot(false);
    const ctx = await ctxAt(NOW);
    const report = await importExport(ctx, writeFolder(render(plain, variant)), { asOf: AS_OF });
    expect(report.rowErrors).toEqual([]);
    const ledger = await ledgerOf(ctx);
    const out = [...plain.invitations].filter((i) => i.direction === 'OUTGOING');
    expect(ledger.filter((i) => i.status === 'accepted')).toHaveLength(out.filter((i) => i.accepted).length);
    expect(ledger.filter((i) => i.status === 'pending')).toHaveLength(out.filter((i) => !i.accepted).length);
  });

  it('files a member stripped before publishing them: names removed, `Sent At` renamed', async () => {
    const ctx = await ctxAt(NOW);
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'Invitations.csv'),
      'From,Date Sent,Direction\n4f1c9e,"11/1/26, 9:00 AM",INCOMING\nThe Member,"11/2/26, 9:00 AM",OUTGOING\n',
    );
    fs.writeFileSync(
      path.join(dir, 'Connections.csv'),
      'Company,Position,Connected On\nContoso,Engineer,01 Nov 2026\nFabrikam,,02 Nov 2026\n',
    );
    const report = await importExport(ctx, dir, { asOf: AS_OF });
    expect(report.rowErrors).toEqual([]);
    expect(report.invitations).toMatchObject({ new: 0, incomingIgnored: 1, unidentified: 1 });
    expect(report.connections).toMatchObject({ new: 0, nameless: 2 });
  });

  it('Invitations.csv alone reads every outgoing row as pending and plans no withdrawal', async () => {
    const ctx = await ctxAt(NOW);
    await importExport(ctx, writeFolder(render(snap, { noConnections: true })), { asOf: AS_OF });
    const ledger = await ledgerOf(ctx);
    expect(ledger.filter((i) => i.status === 'pending')).toHaveLength(pending + accepted);
  });
});

describe('the same export, shuffled, re-encoded or padded with nameless rows, gives the same ledger', () => {
  const snap = snapshot(true);
  const base = render(snap, {});
  let expected: Awaited<ReturnType<typeof ledgerOf>> | null = null;

  /** Rows after the header (and the preamble) shuffled by `seed`; the header stays where it is. */
  function shuffled(lines: string[], headerAt: number, seed: number): string[] {
    const rows = lines.slice(headerAt + 1);
    let x = seed >>> 0 || 1;
    for (let i = rows.length - 1; i > 0; i--) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const j = (x >>> 0) % (i + 1);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    return [...lines.slice(0, headerAt + 1), ...rows];
  }

  it('(property)', async () => {
    const ctx = await ctxAt(NOW);
    await importExport(ctx, writeFolder(base), { asOf: AS_OF });
    expected = await ledgerOf(ctx);
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.integer(),
        fc.record({
          eol: fc.constantFrom('\r\n' as const, '\n' as const),
          bom: fc.boolean(),
          rawSlugs: fc.boolean(),
          encodeInvitations: fc.boolean(),
          namelessEvery: fc.constantFrom(0, 1, 3),
        }),
        async (invOrder, conOrder, o) => {
          let files = render(snap, {
            invitations: { eol: o.eol, bom: o.bom },
            connections: { eol: o.eol, bom: o.bom, rawSlugs: o.rawSlugs, namelessEvery: o.namelessEvery },
          });
          const conAt = files.connections!.findIndex((l) => l.includes('First Name'));
          files = {
            invitations: shuffled(files.invitations, 0, invOrder),
            connections: shuffled(files.connections!, conAt, conOrder),
          };
          if (o.encodeInvitations) {
            // the other way round: Invitations.csv with raw slugs, percent-encoded ones made raw
            files.invitations = files.invitations.map((l) =>
              l.replace(/https:\/\/www\.linkedin\.com\/in\/[^,\r\n"]+/g, (u) => decodeURI(u)),
            );
          }
          // a BOM stays at the very start of the file whatever the order
          for (const list of [files.invitations, files.connections!]) {
            const withBom = list.findIndex((l) => l.startsWith('\ufeff'));
            if (withBom > 0) {
              list[withBom] = list[withBom]!.slice(1);
              list[0] = `\ufeff${list[0]}`;
            }
          }
          const run = await ctxAt(NOW);
          const report = await importExport(run, writeFolder(files), { asOf: AS_OF });
          expect(report.rowErrors).toEqual([]);
          expect(await ledgerOf(run)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});

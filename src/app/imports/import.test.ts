import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTracked } from '../../core/index.ts';
import { makeZip } from '../../sources/test-zip.ts';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { recordSend } from '../invitations/sends.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport, importSentPageFile } from './import-snapshot.ts';

const NOW = '2026-11-26T12:00:00Z';

/** A small export: two invitations and one connection. */
function sampleDir(): string {
  return writeExport(tempDir(), {
    invitations: [
      { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' },
      { name: 'Alan Turing', sentAt: '2026-11-01T09:00:00Z' },
    ],
    connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
  });
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('importing a LinkedIn export', () => {
      it('builds the ledger, and status and plan follow it', async () => {
        const ctx = await ctxAt(NOW);
        const dir = writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' },
            {
              name: 'Grace Hopper',
              sentAt: '2026-11-20T09:00:00Z',
              message: 'Hi Grace, we met at the meetup, "great" talk',
            },
            { name: 'Alan Turing', sentAt: '2026-11-01T09:00:00Z' },
            { name: 'Katherine Johnson', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Edsger Dijkstra', sentAt: '2026-06-05T09:00:00Z' },
            { name: 'Incoming Person', sentAt: '2026-11-24T09:00:00Z', direction: 'INCOMING' },
          ],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        });
        const report = await importExport(ctx, dir);
        expect(report.invitations).toEqual({
          new: 5,
          refined: 0,
          unchanged: 0,
          incomingIgnored: 1,
          unidentified: 0,
        });
        expect(report.connections.new).toBe(1);
        expect(report.rowErrors).toEqual([]);

        const status = await getStatus(ctx);
        expect(status.pending).toEqual({ count: 5, stale: 3, oldestAgeDays: 174, expiringWithin14Days: 1 });
        expect(status.quota.sentLast7Days).toBe(2);
        expect(status.quota.sentToday).toBe(0);
        expect(status.notes.usedLast30Days).toBe(1);

        const plan = await getPlan(ctx);
        expect(plan.withdrawals.map((w) => [w.name, w.ageDays])).toEqual([
          ['Edsger Dijkstra', 174],
          ['Katherine Johnson', 56],
          ['Alan Turing', 25],
        ]);
        expect(plan.withdrawals[0]?.profileUrl).toBe('https://www.linkedin.com/in/edsger-dijkstra');
      });

      it.each([
        [
          'the same profile twice',
          [
            { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' },
            { name: 'Ada Lovelace', sentAt: '2026-11-24T09:00:00Z' },
          ],
          1,
        ],
        [
          // a name-only row whose every candidate is taken is another person (namesakes stay two)
          'a row without a URL after one with it, same name',
          [
            { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' },
            { name: 'Ada Lovelace', slug: null, sentAt: '2026-11-25T09:00:00Z' },
          ],
          2,
        ],
        [
          'a row with a URL after one without it, same name',
          [
            { name: 'Ada Lovelace', slug: null, sentAt: '2026-11-25T09:00:00Z' },
            { name: 'Ada Lovelace', slug: 'ada-lovelace-2', sentAt: '2026-11-25T09:00:00Z' },
          ],
          1,
        ],
        [
          'namesakes, both with their own URL',
          [
            { name: 'Ada Lovelace', slug: 'ada-1', sentAt: '2026-11-25T09:00:00Z' },
            { name: 'Ada Lovelace', slug: 'ada-2', sentAt: '2026-11-25T09:00:00Z' },
          ],
          2,
        ],
      ])('counts one invitation per person within one export: %s', async (_label, invitations, expected) => {
        const ctx = await ctxAt(NOW);
        const report = await importExport(ctx, writeExport(tempDir(), { invitations }));
        expect(report.invitations.new).toBe(expected);
        expect(report.invitations.unchanged).toBe(invitations.length - expected);
        expect(await ctx.store.listInvitations(1)).toHaveLength(expected);
      });

      it('remembers when an import first listed each invitation; an export is a history, so all it lists are tracked', async () => {
        const ctx = await ctxAt('2026-10-01T12:00:00Z');
        await importExport(
          ctx,
          writeExport(tempDir(), { invitations: [{ name: 'First Export', sentAt: '2026-09-01T09:00:00Z' }] }),
          { asOf: Date.parse('2026-10-01T12:00:00Z') },
        );
        // A month later: one sent the day before the export, one sent three weeks before it.
        await importExport(
          at(ctx, '2026-11-01T12:00:00Z'),
          writeExport(tempDir(), {
            invitations: [
              { name: 'First Export', sentAt: '2026-09-01T09:00:00Z' },
              { name: 'Seen Young', sentAt: '2026-10-31T09:00:00Z' },
              { name: 'Seen Late', sentAt: '2026-10-10T09:00:00Z' },
            ],
          }),
          { asOf: Date.parse('2026-11-01T08:00:00Z') },
        );
        await recordSend(at(ctx, '2026-11-02T10:00:00Z'), 'https://www.linkedin.com/in/by-hand');
        const later = at(ctx, '2026-11-03T12:00:00Z');
        const account = (await later.store.findAccount('default'))!;
        const invitations = await later.store.listInvitations(account.id);
        const seen = new Map(invitations.map((i) => [i.name, i.firstSeenAt]));
        expect(seen.get('First Export')).toBe(Date.parse('2026-10-01T12:00:00Z'));
        expect(seen.get('Seen Young')).toBe(Date.parse('2026-11-01T08:00:00Z'));
        expect(seen.get('Seen Late')).toBe(Date.parse('2026-11-01T08:00:00Z'));
        const facts = await later.store.listLedgerFacts(account.id);
        const byHand = facts.find((f) => f.source === 'manual')!;
        expect(byHand.firstSeenAt).toBeNull();
        const trackingSince = await later.store.trackingSince(account.id);
        const names = new Map(invitations.map((i) => [i.id, i.name]));
        // tracking reaches back to the first invitation an export listed
        expect(trackingSince).toBe(Date.parse('2026-09-01T09:00:00Z'));
        const tracked = facts.filter((f) => isTracked(f, trackingSince)).map((f) => names.get(f.id));
        expect(tracked).toHaveLength(4);
        expect(tracked).toContain('Seen Late');
        expect(tracked).toContain(names.get(byHand.id));
      });

      it('plans no withdrawal while Invitations.csv came without Connections.csv, then settles them once it comes', async () => {
        const ctx = await ctxAt(NOW);
        const dir = writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Alan Turing', sentAt: '2026-10-02T09:00:00Z' },
          ],
          connections: [{ first: 'Ada', last: 'Lovelace', slug: 'ada-lovelace', connectedOn: '2026-10-03' }],
        });
        await importExport(ctx, path.join(dir, 'Invitations.csv'));
        const blind = await getPlan(ctx);
        expect(blind.withdrawals).toEqual([]);
        expect(blind.warnings.map((w) => w.code)).toEqual(['ACCEPTED_UNKNOWN']);
        expect((await getStatus(ctx)).warnings.map((w) => w.code)).toContain('ACCEPTED_UNKNOWN');
        const report = await importExport(ctx, path.join(dir, 'Connections.csv'));
        expect(report.transitions.accepted).toBe(1);
        const plan = await getPlan(ctx);
        expect(plan.warnings).toEqual([]);
        expect(plan.withdrawals.map((w) => w.name)).toEqual(['Alan Turing']);
      });

      it('accepts by name only when exactly one connection of that name connected on or after the sending day', async () => {
        const ctx = await ctxAt(NOW);
        // an old export: no URLs on either side
        const dir = writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', slug: null, sentAt: '2026-10-01T09:00:00Z' },
            { name: 'John Smith', slug: null, sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Mary Jones', slug: null, sentAt: '2026-10-01T09:00:00Z' },
          ],
          connections: [
            { first: 'Ada', last: 'Lovelace', slug: null, connectedOn: '2026-10-01' },
            // two John Smiths connected since: which one accepted cannot be told
            { first: 'John', last: 'Smith', slug: null, connectedOn: '2026-10-04' },
            { first: 'John', last: 'Smith', slug: null, connectedOn: '2026-10-09' },
            // a Mary Jones connected long before, and one after: the later one accepted
            { first: 'Mary', last: 'Jones', slug: null, connectedOn: '2019-03-12' },
            { first: 'Mary', last: 'Jones', slug: null, connectedOn: '2026-10-02' },
          ],
        });
        const report = await importExport(ctx, dir);
        expect(report.connections.new).toBe(5);
        const account = (await ctx.store.findAccount('default'))!;
        const status = new Map(
          (await ctx.store.listInvitations(account.id)).map((i) => [i.name, [i.status, i.statusAt]]),
        );
        expect(status.get('Ada Lovelace')).toEqual(['accepted', Date.parse('2026-10-01T09:00:00Z')]);
        expect(status.get('John Smith')).toEqual(['pending', null]);
        expect(status.get('Mary Jones')).toEqual(['accepted', Date.parse('2026-10-02T00:00:00Z')]);
      });

      it('takes a connection as the answer to the newest invitation only: an earlier one to the same person was closed', async () => {
        const ctx = await ctxAt(NOW);
        const first = writeExport(tempDir(), {
          invitations: [{ name: 'Ada Lovelace', sentAt: '2026-09-01T09:00:00Z' }],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        });
        await importExport(ctx, first, { asOf: Date.parse('2026-09-20T12:00:00Z') });
        // Withdrawn on LinkedIn, invited again after the cooldown, and accepted the second time.
        const later = writeExport(tempDir(), {
          invitations: [{ name: 'Ada Lovelace', sentAt: '2026-10-20T09:00:00Z' }],
          connections: [
            { first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' },
            { first: 'Ada', last: 'Lovelace', connectedOn: '2026-10-22' },
          ],
        });
        const report = await importExport(ctx, later, { asOf: Date.parse('2026-11-01T12:00:00Z') });
        expect(report.transitions).toEqual({ accepted: 1, closed: 1, expired: 0 });
        const account = (await ctx.store.findAccount('default'))!;
        const ledger = (await ctx.store.listInvitations(account.id)).map((i) => [i.sentAt, i.status]);
        expect(ledger).toEqual([
          [Date.parse('2026-09-01T09:00:00Z'), 'closed'],
          [Date.parse('2026-10-20T09:00:00Z'), 'accepted'],
        ]);
      });

      it('refuses an Invitations.csv that lists no outgoing invitation while some are pending, unless told', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' },
              { name: 'Alan Turing', sentAt: '2026-11-02T09:00:00Z' },
            ],
            connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
          }),
        );
        const before = await ctx.store.dumpTables();
        const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n';
        const write = (name: string, text: string) => {
          const file = path.join(tempDir(), name);
          fs.writeFileSync(file, text);
          return file;
        };
        const onlyHeader = write('Invitations.csv', header);
        await expect(importExport(ctx, onlyHeader)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringMatching(/lists no outgoing invitation, but 2 are pending.*--allow-empty/),
        });
        // a row of nothing but commas is a bad row, not an empty invitation
        const commas = write('Invitations.csv', `${header},,,,,,\r\n${','.repeat(100_000)}\r\n`);
        await expect(importExport(ctx, commas)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringContaining('Invitations.csv:2: the row is empty'),
        });
        await expect(importExport(ctx, commas, { skipBadRows: true })).rejects.toMatchObject({
          message: expect.stringContaining('lists no outgoing invitation'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
        const told = await importExport(ctx, onlyHeader, { allowEmpty: true });
        expect(told.transitions.closed).toBe(2);
      });

      it('takes no snapshot time from the future, and refuses dates LinkedIn cannot have written', async () => {
        const ctx = await ctxAt(NOW);
        const dir = writeExport(tempDir(), {
          invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' }],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        });
        const before = await ctx.store.dumpTables();
        await expect(
          importExport(ctx, dir, { asOf: Date.parse('2099-01-01T00:00:00Z') }),
        ).rejects.toMatchObject({
          code: 'USAGE',
          message: expect.stringContaining('--as-of 2099-01-01T00:00:00.000Z is in the future'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
        // A ZIP whose entries are dated 2099: taken as of now, said so.
        const zip = path.join(tempDir(), 'export.zip');
        fs.writeFileSync(
          zip,
          makeZip(
            ['Invitations.csv', 'Connections.csv'].map((name) => ({
              name,
              data: fs.readFileSync(path.join(dir, name)),
              modified: new Date('2099-01-01T00:00:00Z'),
            })),
          ),
        );
        const report = await importExport(ctx, zip);
        expect(report.asOf).toBe(new Date(NOW).toISOString());
        expect(report.notes.join(' ')).toContain('dated in the future');
        // Rows dated before 2003 or after now are bad rows, with file and line.
        const odd = writeExport(tempDir(), {
          invitations: [
            { name: 'Alan Turing', sentAt: '1999-05-01T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2040-05-01T09:00:00Z' },
          ],
          connections: [{ first: 'Edsger', last: 'Dijkstra', connectedOn: '2098-01-10' }],
        });
        const refused = await importExport(ctx, odd).catch((e: unknown) => e);
        expect(refused).toMatchObject({ code: 'BAD_INPUT' });
        expect((refused as { problems: string[] }).problems).toEqual([
          'Connections.csv:5: Connected On 2098-01-10 is in the future (now is 2026-11-26T12:00:00.000Z)',
          'Invitations.csv:2: Sent At 1999-05-01 is before LinkedIn existed (2003)',
          'Invitations.csv:3: Sent At 2040-05-01 is in the future (now is 2026-11-26T12:00:00.000Z)',
        ]);
      });

      it('refuses a NUL byte anywhere in a file, with its line, far past the first MiB too', async () => {
        const ctx = await ctxAt(NOW);
        const rows = Array.from({ length: 20_000 }, (_, k) => ({
          name: `Person ${k} ${'x'.repeat(60)}`,
          slug: `p-${k}`,
          sentAt: '2026-11-01T09:00:00Z',
        }));
        const dir = writeExport(tempDir(), { invitations: rows });
        const file = path.join(dir, 'Invitations.csv');
        const text = fs.readFileSync(file, 'utf8');
        const at = text.indexOf('Person 19000 ');
        expect(at).toBeGreaterThan(1024 * 1024);
        fs.writeFileSync(file, `${text.slice(0, at)}Per\u0000son${text.slice(at + 'Person'.length)}`);
        const before = await ctx.store.dumpTables();
        await expect(importExport(ctx, file)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          line: 19_002,
          message: expect.stringContaining('line 19002: contains a NUL byte'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it('writes every time from the injected clock, never the wall clock', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(ctx, sampleDir());
        await recordSend(at(ctx, '2026-11-26T13:00:00Z'), 'https://www.linkedin.com/in/by-hand');
        const tables = (await ctx.store.dumpTables()) as Record<string, Array<Record<string, unknown>>>;
        const created = tables.invitations!.map((r) => Number(r.created_at));
        expect(new Set(created)).toEqual(new Set([Date.parse(NOW), Date.parse('2026-11-26T13:00:00Z')]));
      });

      it('changes nothing when the same export is imported twice', async () => {
        const ctx = await ctxAt(NOW);
        const dir = writeExport(tempDir(), {
          invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' }],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        });
        await importExport(ctx, dir);
        const before = await ctx.store.dumpTables();
        const again = await importExport(at(ctx, '2026-11-27T12:00:00Z'), dir);
        expect(again.alreadyImported).toBe(true);
        expect(await ctx.store.dumpTables()).toEqual(before);
        // every row of the file is unchanged (issue 14: the dashboard said "Unchanged 0")
        expect(again).toMatchObject({
          imported: 0,
          unchanged: 2,
          invitations: { new: 0, unchanged: 1 },
          connections: { new: 0, unchanged: 1 },
        });
      });

      it('a Sent page copied before a send closes nothing sent after it, and names each invitation it closes', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', slug: 'ada', sentAt: '2026-11-01T09:00:00Z' },
              { name: 'Alan Turing', slug: 'alan', sentAt: '2026-11-05T09:00:00Z' },
            ],
            connections: [],
          }),
        );
        // sent an hour ago; then an older copy of the page, from before that send, is imported
        await recordSend(at(ctx, '2026-11-26T11:00:00Z'), 'https://www.linkedin.com/in/grace');
        const file = path.join(tempDir(), 'sent.txt');
        fs.writeFileSync(file, 'Ada Lovelace\nAnalyst\nSent 3 weeks ago\nWithdraw\n');
        const report = await importSentPageFile(ctx, file);
        // Alan is gone from the page: closed, and named
        expect(report.transitions.closed).toBe(1);
        expect(report.closedInvitations).toEqual([
          {
            name: 'Alan Turing',
            profileUrl: 'https://www.linkedin.com/in/alan',
            sentAt: '2026-11-05T09:00:00.000Z',
          },
        ]);
        // Grace was sent an hour before: kept pending, and the report says why
        expect(report.notes.join(' ')).toMatch(/sent less than a day before it, so kept pending.*grace/);
        const grace = (await ctx.store.listInvitations(1)).find((i) => i.profileUrl?.endsWith('/grace'))!;
        expect(grace.status).toBe('pending');
        expect((await getStatus(ctx)).pending.count).toBe(2);
        // a later page without her settles it
        const later = at(ctx, '2026-11-28T12:00:00Z');
        fs.writeFileSync(file, 'Ada Lovelace\nAnalyst\nSent 3 weeks ago\nWithdraw\nSomeone\nSent today\n');
        const next = await importSentPageFile(later, file);
        expect(next.closedInvitations.map((c) => c.profileUrl)).toEqual([
          'https://www.linkedin.com/in/grace',
        ]);
      });

      it('reconciles a later export: accepted, closed, expired, still pending, new', async () => {
        const ctx = await ctxAt('2026-10-01T12:00:00Z');
        const first = writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-09-20T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2026-09-21T09:00:00Z' },
            { name: 'Alan Turing', sentAt: '2026-09-22T09:00:00Z' },
            { name: 'Old Timer', sentAt: '2026-04-15T09:00:00Z' },
          ],
          connections: [],
        });
        await importExport(ctx, first, { asOf: Date.parse('2026-10-01T12:00:00Z') });
        const later = at(ctx, '2026-11-01T12:00:00Z');
        const second = writeExport(tempDir(), {
          invitations: [
            { name: 'Alan Turing', sentAt: '2026-09-22T09:00:00Z' },
            { name: 'Linus Torvalds', sentAt: '2026-10-30T09:00:00Z' },
          ],
          connections: [{ first: 'Ada', last: 'Lovelace', connectedOn: '2026-09-25' }],
        });
        const report = await importExport(later, second, { asOf: Date.parse('2026-11-01T12:00:00Z') });
        expect(report.transitions).toEqual({ accepted: 1, closed: 1, expired: 1 });
        expect(report.invitations).toMatchObject({ new: 1, unchanged: 1 });

        const byName = new Map((await later.store.listInvitations(1)).map((i) => [i.name, i]));
        expect(byName.get('Ada Lovelace')).toMatchObject({
          status: 'accepted',
          statusAt: Date.parse('2026-09-25T00:00:00Z'),
        });
        expect(byName.get('Grace Hopper')).toMatchObject({
          status: 'closed',
          statusAt: Date.parse('2026-11-01T12:00:00Z'),
        });
        expect(byName.get('Old Timer')).toMatchObject({
          status: 'expired',
          statusAt: Date.parse('2026-10-15T09:00:00Z'),
        });
        expect(byName.get('Alan Turing')?.status).toBe('pending');

        const status = await getStatus(later);
        expect(status.cooldowns.active).toBe(1);
        expect(status.pending.count).toBe(2);
        expect(status.acceptance).toMatchObject({ sent: 5, accepted: 1 });

        // The first export imported again, late: nothing is reopened or closed.
        const before = await later.store.dumpTables();
        const replay = await importExport(at(later, '2026-11-02T12:00:00Z'), first, {
          asOf: Date.parse('2026-10-01T12:00:00Z'),
        });
        expect(replay.alreadyImported).toBe(true);
        expect(await later.store.dumpTables()).toEqual(before);
      });

      it('keeps a re-invitation after a withdrawal apart from the first invitation', async () => {
        const ctx = await ctxAt('2026-10-01T12:00:00Z');
        await importExport(
          ctx,
          writeExport(tempDir(), { invitations: [{ name: 'Ada Lovelace', sentAt: '2026-09-01T09:00:00Z' }] }),
        );
        await recordWithdrawals(ctx, ['https://www.linkedin.com/in/ada-lovelace']);
        const later = at(ctx, '2026-11-01T12:00:00Z');
        await importExport(
          later,
          writeExport(tempDir(), { invitations: [{ name: 'Ada Lovelace', sentAt: '2026-10-25T09:00:00Z' }] }),
        );
        const list = await later.store.listInvitations(1);
        expect(list.map((i) => i.status)).toEqual(['withdrawn', 'pending']);
      });

      it('matches connections without URLs by name (older exports)', async () => {
        const ctx = await ctxAt('2026-10-01T12:00:00Z');
        await importExport(
          ctx,
          writeExport(tempDir(), { invitations: [{ name: 'José Müller', sentAt: '2026-09-20T09:00:00Z' }] }),
        );
        const later = at(ctx, '2026-10-10T12:00:00Z');
        const report = await importExport(
          later,
          writeExport(tempDir(), {
            // an export is a history: the accepted invitation is still listed
            invitations: [{ name: 'José Müller', sentAt: '2026-09-20T09:00:00Z' }],
            connections: [{ first: 'José', last: 'Müller', slug: null, connectedOn: '2026-09-23' }],
          }),
        );
        expect(report.transitions.accepted).toBe(1);
      });
    });

    describe('bad input loses nothing', () => {
      async function seeded() {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), { invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-20T09:00:00Z' }] }),
        );
        return ctx;
      }

      it('refuses a CSV with one bad date, naming the file and line', async () => {
        const ctx = await seeded();
        const before = await ctx.store.dumpTables();
        const dir = tempDir();
        fs.writeFileSync(
          path.join(dir, 'Invitations.csv'),
          'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\nMe,Bob,"3/5/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/bob\r\nMe,Eve,"13/45/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/eve\r\n',
        );
        await expect(importExport(ctx, path.join(dir, 'Invitations.csv'))).rejects.toMatchObject({
          code: 'BAD_INPUT',
          line: 3,
          message: expect.stringContaining('Invitations.csv:3'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it.each([
        ['a missing path', (d: string) => path.join(d, 'nope.zip'), 'FILE_NOT_FOUND'],
        [
          'a file that is not a ZIP',
          (d: string) => {
            fs.writeFileSync(path.join(d, 'export.zip'), 'this is not a zip at all');
            return path.join(d, 'export.zip');
          },
          'BAD_INPUT',
        ],
        [
          'a binary file named .csv',
          (d: string) => {
            fs.writeFileSync(path.join(d, 'Invitations.csv'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
            return path.join(d, 'Invitations.csv');
          },
          'BAD_INPUT',
        ],
        [
          'a folder without Invitations.csv or Connections.csv',
          (d: string) => {
            fs.writeFileSync(path.join(d, 'Messages.csv'), 'a,b\n1,2\n');
            return d;
          },
          'BAD_INPUT',
        ],
      ])('refuses %s with a clear error and changes nothing', async (_t, make, code) => {
        const ctx = await seeded();
        const before = await ctx.store.dumpTables();
        await expect(importExport(ctx, make(tempDir()))).rejects.toMatchObject({ code });
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it('imports the good rows with skipBadRows, and does not close a person whose row was bad', async () => {
        const ctx = await seeded();
        const dir = tempDir();
        fs.writeFileSync(
          path.join(dir, 'Invitations.csv'),
          'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nMe,Ada Lovelace,not a date,,OUTGOING,,https://www.linkedin.com/in/ada-lovelace\nMe,Bob,"11/21/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/bob\n',
        );
        const report = await importExport(at(ctx, '2026-11-27T12:00:00Z'), dir, { skipBadRows: true });
        expect(report.rowErrors).toHaveLength(1);
        expect(report.transitions.closed).toBe(0);
        expect(report.invitations.new).toBe(1);
      });
    });

    describe('the Sent page', () => {
      it('imports age ranges and closes only what the page covered', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', sentAt: '2026-11-24T09:00:00Z' },
              { name: 'Grace Hopper', sentAt: '2026-11-10T09:00:00Z' },
              { name: 'Alan Turing', sentAt: '2026-08-01T09:00:00Z' },
            ],
          }),
          { asOf: Date.parse('2026-11-25T12:00:00Z') },
        );
        const file = path.join(tempDir(), 'sent.txt');
        fs.writeFileSync(
          file,
          [
            'Manage invitations',
            'Received',
            'Sent',
            '',
            'Linus Torvalds',
            'Kernel hacker',
            'Sent yesterday',
            'Withdraw',
            'Ada Lovelace',
            'Analyst',
            'Sent 2 days ago',
            'Withdraw',
            'Load more',
          ].join('\n'),
        );
        const report = await importSentPageFile(ctx, file);
        expect(report.invitations).toMatchObject({ new: 1, unchanged: 1 });
        // Grace (16 days) is older than the oldest row shown and "Load more" hid the rest: not closed.
        expect(report.transitions.closed).toBe(0);
        const linus = (await ctx.store.listInvitations(1)).find((i) => i.name === 'Linus Torvalds')!;
        expect(linus.sentAt - linus.sentAtEarliest).toBe(86_400_000 - 1);
        expect((await getStatus(ctx)).pending.count).toBe(4);
      });
    });

    describe('recording withdrawals', () => {
      it('takes the invitation out of pending and plans, starts the cooldown, counts against the cap', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: Array.from({ length: 25 }, (_, k) => ({
              name: `Person ${k}`,
              slug: `p-${k}`,
              sentAt: `2026-10-${String(k + 1).padStart(2, '0')}T09:00:00Z`,
            })),
            connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
          }),
        );
        const first = await getPlan(ctx);
        expect(first.withdrawals).toHaveLength(20);
        expect(first.withdrawalsDeferred).toBe(5);
        const result = await recordWithdrawals(ctx, [
          first.withdrawals[0]!.profileUrl!,
          'https://linkedin.com/in/P-1/',
        ]);
        expect(result.recorded.map((r) => r.cooldownUntil)).toEqual([
          '2026-12-17T12:00:00.000Z',
          '2026-12-17T12:00:00.000Z',
        ]);
        expect(result.withdrawnToday).toBe(2);
        const plan = await getPlan(ctx);
        expect(plan.withdrawals).toHaveLength(18);
        expect(plan.withdrawals.map((w) => w.profileUrl)).not.toContain('https://www.linkedin.com/in/p-0');
        expect(plan.withdrawalsDeferred).toBe(5);
        const status = await getStatus(ctx);
        expect(status.pending.count).toBe(23);
        expect(status.cooldowns.active).toBe(2);
      });

      it('records nothing when one of the people cannot be withdrawn', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), { invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' }] }),
        );
        const before = await ctx.store.dumpTables();
        await expect(
          recordWithdrawals(ctx, [
            'https://www.linkedin.com/in/ada-lovelace',
            'https://www.linkedin.com/in/nobody',
          ]),
        ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('nobody') });
        expect(await ctx.store.dumpTables()).toEqual(before);
        await recordWithdrawals(ctx, ['https://www.linkedin.com/in/ada-lovelace']);
        await expect(
          recordWithdrawals(ctx, ['https://www.linkedin.com/in/ada-lovelace']),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringContaining('withdrawn'),
        });
      });
    });
  });
}

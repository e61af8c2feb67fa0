import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

/**
 * Importing a LinkedIn export settles invitations by the connections it lists: by link, by name
 * where a record has none, and never an invitation the connection cannot answer.
 */

const NOW = '2026-11-26T12:00:00Z';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('importing a LinkedIn export', () => {
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
  });
}

import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getStatus } from '../answers/status.ts';
import { recordSend } from '../invitations/sends.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

/**
 * Importing again: the same export changes nothing, a later one reconciles the ledger, and every
 * time written comes from the injected clock.
 */

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
    });
  });
}

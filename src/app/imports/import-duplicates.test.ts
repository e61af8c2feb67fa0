import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, type ExportInvitationSpec, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';
import { BATCH } from './ledger-matcher.ts';

/**
 * An export that lists one person twice: the same profile link on two rows, and two namesakes
 * without a link. The rows are matched as core's matchSnapshotRow decides, and the outcome must
 * not depend on where the two rows fall in the import's batches (next to each other, or more than
 * a batch apart), on the first import and on the next. The figures below are those of the
 * matcher that held the whole ledger in memory, kept when reconciliation moved into the database.
 * - First import: the second row of the linked person is the invitation already listed (one
 *   invitation, the first row's); the namesakes are two invitations.
 * - Next import, rows reversed and one more of the linked person: the older row finds no
 *   invitation of its time (the ledger's was sent later) and is new, as is the third.
 */

const NOW = '2026-11-26T12:00:00Z';

/** People of filler rows, one invitation each, sent the day before `day`. */
function filler(n: number, day: string): ExportInvitationSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `Filler Person${i}`,
    slug: `filler-${i}`,
    sentAt: day,
  }));
}

const ada = (sentAt: string): ExportInvitationSpec => ({ name: 'Ada Lovelace', slug: 'ada', sentAt });
const noLink = (sentAt: string): ExportInvitationSpec => ({ name: 'Grace Hopper', slug: null, sentAt });

const summary = (list: { name: string; sentAt: number; status: string }[]) =>
  list
    .filter((i) => !i.name.startsWith('Filler'))
    .map((i) => `${i.name} ${new Date(i.sentAt).toISOString().slice(0, 10)} ${i.status}`)
    .sort();

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    for (const apart of [0, BATCH + 500]) {
      it(`matches a person listed twice the same way, ${apart} rows apart`, async () => {
        const ctx = await ctxAt(NOW);
        const rows = [
          ada('2026-11-20T09:00:00Z'),
          noLink('2026-11-19T09:00:00Z'),
          ...filler(apart, '2026-11-18T09:00:00Z'),
          ada('2026-10-01T09:00:00Z'),
          noLink('2026-10-02T09:00:00Z'),
        ];
        const first = await importExport(ctx, writeExport(tempDir(), { invitations: rows, connections: [] }));
        expect(first.invitations).toMatchObject({ new: apart + 3, unchanged: 1 });
        const ledger = await ctx.store.listInvitations(1);
        expect(ledger).toHaveLength(apart + 3);
        expect(summary(ledger)).toEqual([
          'Ada Lovelace 2026-11-20 pending',
          'Grace Hopper 2026-10-02 pending',
          'Grace Hopper 2026-11-19 pending',
        ]);

        // A week later the export lists the same rows, in another order, and one more of Ada.
        const later = at(ctx, '2026-12-03T12:00:00Z');
        const again = [...rows].reverse();
        again.splice(apart, 0, ada('2026-12-01T09:00:00Z'));
        const second = await importExport(
          later,
          writeExport(tempDir(), { invitations: again, connections: [] }),
          {
            asOf: Date.parse('2026-12-03T12:00:00Z'),
          },
        );
        expect(second.invitations).toMatchObject({ new: 2, unchanged: apart + 3 });
        expect(second.transitions).toEqual({ accepted: 0, closed: 0, expired: 0 });
        expect(summary(await later.store.listInvitations(1))).toEqual([
          'Ada Lovelace 2026-10-01 pending',
          'Ada Lovelace 2026-11-20 pending',
          'Ada Lovelace 2026-12-01 pending',
          'Grace Hopper 2026-10-02 pending',
          'Grace Hopper 2026-11-19 pending',
        ]);
      });
    }

    it('takes the second row of a linked person for the first, older row first too', async () => {
      const ctx = await ctxAt(NOW);
      const rows = [
        ada('2026-10-01T09:00:00Z'),
        ...filler(BATCH + 500, '2026-11-18T09:00:00Z'),
        ada('2026-11-20T09:00:00Z'),
      ];
      const report = await importExport(ctx, writeExport(tempDir(), { invitations: rows, connections: [] }));
      expect(report.invitations).toMatchObject({ new: BATCH + 501, unchanged: 1 });
      const ledger = await ctx.store.listInvitations(1);
      expect(ledger).toHaveLength(BATCH + 501);
      expect(summary(ledger)).toEqual(['Ada Lovelace 2026-10-01 pending']);
    });

    it('keeps two people whose keys share a fingerprint (the matcher asks the database)', async () => {
      // fp-576525 and fp-1020010 have the same 32-bit fingerprint in HashedKeySet (found by search):
      // the second row's "maybe" is checked in the database, and it is a new invitation.
      const ctx = await ctxAt(NOW);
      const pair = [
        { name: 'First Person', slug: 'fp-576525', sentAt: '2026-11-20T09:00:00Z' },
        { name: 'Second Person', slug: 'fp-1020010', sentAt: '2026-11-19T09:00:00Z' },
      ];
      const report = await importExport(ctx, writeExport(tempDir(), { invitations: pair, connections: [] }));
      expect(report.invitations).toMatchObject({ new: 2, unchanged: 0 });
      expect((await ctx.store.listInvitations(1)).map((i) => i.name).sort()).toEqual([
        'First Person',
        'Second Person',
      ]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { isTracked } from '../../core/index.ts';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { recordSend } from '../invitations/sends.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

/**
 * Importing a LinkedIn export builds the ledger: one invitation per person, the first import that
 * listed it remembered.
 */

const NOW = '2026-11-26T12:00:00Z';

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
    });
  });
}

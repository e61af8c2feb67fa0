import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { getPlan } from './plan.ts';
import { expectPlansAsFromWholeLedger, url } from './plan-reads.testing.ts';

/**
 * Today's withdrawals read only the part of the history their rules depend on, and pick exactly what
 * they would from the whole ledger (see plan-reads.test.ts).
 */

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    it("picks today's withdrawals from the oldest stale ones exactly as from the whole ledger: ties, the cap, expiry at month ends", async () => {
      // 28 February 2027: invitations of 28 to 31 August are in question (6 calendar months clamp
      // to 28 February, time of day kept), 30 are tied on one sending instant, more than the cap.
      const ctx = await ctxAt('2027-02-27T12:00:00Z');
      const slugs = Array.from({ length: 30 }, (_, i) => `tied-${((i * 17) % 30).toString(36)}-${i}`);
      const invitations = [
        { name: 'Long Expired', sentAt: '2026-07-01T09:00:00Z' },
        { name: 'Late Twenty Eighth', sentAt: '2026-08-28T23:00:00Z' },
        { name: 'Early Twenty Ninth', sentAt: '2026-08-29T00:00:00Z' },
        { name: 'Thirty First Morning', sentAt: '2026-08-31T09:00:00Z' },
        { name: 'Thirty First Noon', sentAt: '2026-08-31T11:00:00Z' },
        { name: 'First September', sentAt: '2026-09-01T09:00:00Z' },
        { name: 'No Link', slug: null, sentAt: '2026-12-01T09:00:00Z' },
        ...slugs.map((slug, i) => ({ name: `Tied ${i % 7}`, slug, sentAt: '2026-12-01T09:00:00Z' })),
        { name: 'Fresh Face', sentAt: '2027-02-25T09:00:00Z' },
      ];
      const connections = [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }];
      await importExport(ctx, writeExport(tempDir(), { invitations, connections }), {
        asOf: Date.parse('2027-02-27T12:00:00Z'),
      });
      // Some withdrawn today already (a smaller room), one of them tied with the rest.
      await recordWithdrawals(
        at(ctx, '2027-02-28T07:00:00Z'),
        [url(slugs[3]!), url('first-september')],
        Date.parse('2027-02-28T07:00:00Z'),
      );
      await expectPlansAsFromWholeLedger(ctx, [
        '2027-02-28T07:30:00Z',
        '2027-02-28T10:00:00Z',
        '2027-02-28T23:30:00Z',
        '2027-03-02T09:00:00Z',
      ]);
      const feb28 = await getPlan(at(ctx, '2027-02-28T10:00:00Z'));
      // 18 of the cap of 20 are left; the band's survivors come first, then the tied ones by link.
      expect(feb28.withdrawals.map((w) => w.name).slice(0, 3)).toEqual([
        'Late Twenty Eighth',
        'Thirty First Noon',
        'No Link',
      ]);
      expect(feb28.withdrawals).toHaveLength(18);
      expect(feb28.withdrawalsDeferred).toBe(3 + 29 - 18);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { closingContexts } from '../testing/contexts.ts';
import { tempDir, writeExport } from '../testing/fixtures.ts';
import { recordWithdrawals } from './withdrawals.ts';

/** Recording withdrawals: out of pending and plans, into the cooldown, all or nothing. */

const NOW = '2026-11-26T12:00:00Z';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

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

import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { NOW, url } from '../accounts/team.testing.ts';
import { getStatus } from '../answers/status.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at } from '../testing/fixtures.ts';
import { claimSend } from './claim-send.ts';

/** claimSend: a send recorded within the limits, or refused as a value. */

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const open = closingContexts(dialect);
    const fresh = (now = NOW) => open(now);

    describe('claimSend', () => {
      it('records within the limits and refuses, as a value, what a rule or a limit forbids', async () => {
        const ctx = await fresh('2026-11-26T10:00:00Z');
        await ctx.store.write(null, async (tx) => {
          const a = await tx.ensureAccount('default', ctx.now);
          await tx.lockAccount(a.id);
          await tx.saveAccountSettings(a.id, { dailyInviteLimit: 3, weeklyInviteLimit: 5 });
        });
        const results = [];
        for (let k = 0; k < 4; k++) results.push(await claimSend(ctx, url(`p-${k}`)));
        expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
        expect(results[3]).toMatchObject({
          reason: 'QUOTA',
          message: expect.stringContaining('daily limit is 3'),
        });
        expect(await claimSend(ctx, url('p-0'))).toMatchObject({ ok: false, reason: 'ALREADY_PENDING' });
        const tomorrow = at(ctx, '2026-11-27T10:00:00Z');
        expect((await claimSend(tomorrow, url('p-4'))).ok).toBe(true);
        expect((await claimSend(tomorrow, url('p-5'))).ok).toBe(true);
        expect(await claimSend(tomorrow, url('p-6'))).toMatchObject({ ok: false, reason: 'QUOTA' });
        // A send recorded earlier than one already recorded still may not overfill a later window.
        expect(
          await claimSend(tomorrow, url('p-7'), { at: Date.parse('2026-11-25T10:00:00Z') }),
        ).toMatchObject({ ok: false, reason: 'QUOTA' });
        const status = await getStatus(tomorrow);
        expect(status.quota).toMatchObject({ sentLast7Days: 5, sentToday: 2 });
      });
    });
  });
}

import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getStatus } from '../answers/status.ts';
import { NOW } from '../outreach/outreach.testing.ts';
import { closingContexts } from '../testing/contexts.ts';
import { getConfig, listConfig, setConfig, unsetConfig } from './settings.ts';

/** Settings per account: set, read back with their source, unset, and refused with the allowed values. */

// The store contract: every use case here runs on SQLite and on PostgreSQL (when a server is at hand).
for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('config', () => {
      it('sets, reads back with its source, and unsets a setting per account', async () => {
        const ctx = await ctxAt(NOW);
        const change = await setConfig(ctx, 'weeklyInviteLimit', '150');
        expect(change).toMatchObject({
          previous: { value: 100, source: 'default' },
          current: { value: 150, source: 'account' },
        });
        expect((await getConfig(ctx, 'weeklyInviteLimit')).settings[0]).toMatchObject({
          value: 150,
          source: 'account',
        });
        await setConfig(ctx, 'sendWindow', 'Mon,Wed 08:30-12:00');
        expect((await getConfig(ctx, 'sendWindow')).settings[0]).toMatchObject({
          value: { days: [1, 3], start: '08:30', end: '12:00' },
          text: 'Mon,Wed 08:30-12:00',
        });
        await setConfig(ctx, 'profile.photo', 'yes');
        await setConfig(ctx, 'lowAcceptanceRate', '25%');
        expect((await getStatus(ctx)).quota.weeklyLimit).toBe(150);
        await unsetConfig(ctx, 'weeklyInviteLimit');
        await unsetConfig(ctx, 'profile.photo');
        const all = await listConfig(ctx);
        expect(all.settings.find((s) => s.key === 'weeklyInviteLimit')).toMatchObject({
          value: 100,
          source: 'default',
        });
        expect(all.settings.find((s) => s.key === 'lowAcceptanceRate')).toMatchObject({
          value: 0.25,
          source: 'account',
        });
        expect(all.settings.map((s) => s.key)).toContain('profile.jobTitle');
        // Another account keeps its own settings.
        const other = { ...ctx, config: { ...ctx.config, account: 'agency-2' } };
        await setConfig(other, 'weeklyInviteLimit', '120');
        expect((await getConfig(ctx, 'weeklyInviteLimit')).settings[0]!.value).toBe(100);
      });

      it.each([
        ['weeklyInviteLimit', '-3', /0\.\.200/],
        ['weeklyInviteLimit', '5000', /0\.\.200/],
        ['weeklyInviteLimit', 'lots', /whole number/],
        ['staleAfterDays', '0', /1\.\.180/],
        ['pendingPauseAt', '100', /pendingWarnAt must not be above pendingPauseAt/],
        ['timezone', 'Mars/Base', /IANA/],
        ['sendWindow', 'Mon-Fri 17:00-09:00', /end after it starts/],
        ['accountTier', 'gold', /free or premium/],
      ])('refuses %s = %s with the allowed values, and keeps the old value', async (key, value, message) => {
        const ctx = await ctxAt(NOW);
        await expect(setConfig(ctx, key, value)).rejects.toMatchObject({
          code: 'INVALID_SETTING',
          message: expect.stringMatching(message),
        });
        expect((await getConfig(ctx, key)).settings[0]!.source).toBe('default');
      });

      it('refuses an unknown key as bad usage', async () => {
        const ctx = await ctxAt(NOW);
        await expect(setConfig(ctx, 'weeklyinvitelimit', '5')).rejects.toMatchObject({
          code: 'USAGE',
          message: expect.stringContaining('did you mean weeklyInviteLimit'),
        });
      });
    });
  });
}

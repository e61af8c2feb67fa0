import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_SETTINGS, isInsideWindow, toIso } from '../../core/index.ts';
import { dialects } from '../../store/testing/dialects.ts';
import { setConfig } from '../accounts/settings.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { recordSend } from '../invitations/sends.ts';
import { csv, NOW, TARGETS, url } from '../outreach/outreach.testing.ts';
import { importTargets } from '../outreach/targets.ts';
import { addTemplate, setDefaultTemplate } from '../outreach/templates.ts';
import { closingContexts } from '../testing/contexts.ts';
import { tempDir, writeExport } from '../testing/fixtures.ts';
import { getPlan } from './plan.ts';

/** The sends part of the plan: ranked, inside each recipient window, held back by the limits. */

// The store contract: every use case here runs on SQLite and on PostgreSQL (when a server is at hand).
for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('the sends part of the plan', () => {
      it('plans ranked sends inside each recipient window, with the default template and skip reasons', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [{ name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z' }],
            connections: [],
          }),
          { asOf: Date.parse('2026-11-25T12:00:00Z') },
        );
        await importTargets(ctx, csv(TARGETS));
        await addTemplate(ctx, { id: 'event', body: 'Hi {firstName}, great to meet you at {event}!' });
        const plan = await getPlan(ctx);
        expect(plan.sends.map((s) => [s.name, s.score, s.note])).toEqual([
          ['Ada Lovelace', 124_000, 'Hi Ada, great to meet you at PyCon!'],
          ['Alan Turing', 3_000, 'Hi Alan, great to meet you at Bletchley reunion!'],
        ]);
        expect(Object.keys(plan.sends[0]!)).toEqual(['name', 'profileUrl', 'note', 'sendAfter', 'score']);
        // Ada's window is 09:00 London; Alan has no zone, so the account's (UTC).
        expect(plan.sends[0]!.sendAfter).toBe('2026-11-26T09:00:00.000Z');
        for (const [i, send] of plan.sends.entries()) {
          const zone = plan.details.sending.sends[i]!.timezone;
          expect(isInsideWindow(Date.parse(send.sendAfter), DEFAULT_SETTINGS.sendWindow, zone)).toBe(true);
        }
        expect(plan.details.sending.sends.map((s) => s.timezone)).toEqual(['Europe/London', 'UTC']);
        expect(plan.skipped).toEqual([
          { name: 'Grace Hopper', profileUrl: url('grace-hopper'), reason: 'ALREADY_PENDING' },
        ]);
        expect(plan.details.template).toEqual({ id: 'event', name: 'event' });

        const plain = await getPlan(ctx, { templateId: 'event' });
        expect(plain.sends).toEqual(plan.sends);
        await expect(getPlan(ctx, { templateId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await setDefaultTemplate(ctx, null);
        expect((await getPlan(ctx)).sends.every((s) => s.note === null)).toBe(true);
      });

      it('holds sends back at the daily limit and while too many are pending', async () => {
        const ctx = await ctxAt(NOW);
        await importTargets(ctx, csv(TARGETS));
        await setConfig(ctx, 'dailyInviteLimit', '1');
        const plan = await getPlan(ctx);
        expect(plan.sends).toHaveLength(1);
        expect(plan.skipped.map((s) => s.reason)).toEqual(['QUOTA', 'QUOTA']);
        await setConfig(ctx, 'pendingWarnAt', '1');
        await setConfig(ctx, 'pendingPauseAt', '1');
        await recordSend(ctx, url('ada-lovelace'), { at: Date.parse(NOW) - DAY_MS });
        const paused = await getPlan(ctx);
        expect(paused.sends).toEqual([]);
        expect(paused.skipped.map((s) => s.reason).sort()).toEqual(['ALREADY_PENDING', 'PAUSED', 'PAUSED']);
        expect(toIso(Date.parse(paused.asOf))).toBe(paused.asOf);
      });
    });
  });
}

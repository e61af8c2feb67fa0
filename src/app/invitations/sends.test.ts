import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { csv, NOW, TARGETS, url } from '../outreach/outreach.testing.ts';
import { blockTarget, importTargets } from '../outreach/targets.ts';
import { addTemplate } from '../outreach/templates.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { recordAcceptance, recordReport, recordSend } from './sends.ts';
import { recordWithdrawals } from './withdrawals.ts';

/** Recording sends, acceptances and reports, and the rules that refuse a send. */

// The store contract: every use case here runs on SQLite and on PostgreSQL (when a server is at hand).
for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('recording sends, acceptances and reports', () => {
      async function seeded() {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Pending Person', sentAt: '2026-11-20T09:00:00Z' },
              { name: 'Withdrawn Person', sentAt: '2026-10-01T09:00:00Z' },
            ],
            connections: [{ first: 'Connected', last: 'Person', connectedOn: '2026-01-10' }],
          }),
          { asOf: Date.parse('2026-11-25T12:00:00Z') },
        );
        await recordWithdrawals(ctx, [url('withdrawn-person')], Date.parse('2026-11-20T10:00:00Z'));
        return ctx;
      }

      it.each([
        ['pending-person', 'ALREADY_PENDING', undefined],
        ['connected-person', 'ALREADY_CONNECTED', undefined],
        ['withdrawn-person', 'COOLDOWN', '2026-12-11T10:00:00.000Z'],
      ])(
        'refuses a send to %s with %s and the date it is allowed, changing nothing',
        async (slug, reason, until) => {
          const ctx = await seeded();
          const before = await ctx.store.dumpTables();
          const error = await recordSend(ctx, url(slug)).catch((e: unknown) => e);
          expect(error).toMatchObject({ code: 'CONFLICT', data: until ? { reason, until } : { reason } });
          expect((error as Error).message).toContain(reason);
          if (until) expect((error as Error).message).toContain(until);
          expect(await ctx.store.dumpTables()).toEqual(before);
        },
      );

      it('allows the send once the cooldown has passed', async () => {
        const ctx = await seeded();
        const later = at(ctx, '2026-12-11T10:00:00Z');
        expect((await recordSend(later, url('withdrawn-person'))).sentAt).toBe('2026-12-11T10:00:00.000Z');
      });

      it('refuses a blocked person and a reporter; a report leaves the pending invitation pending', async () => {
        const ctx = await seeded();
        await blockTarget(ctx, url('jane-doe'));
        await expect(recordSend(ctx, url('jane-doe'))).rejects.toMatchObject({
          data: { reason: 'DO_NOT_CONTACT' },
        });
        const report = await recordReport(ctx, url('pending-person'));
        expect(report).toMatchObject({
          alreadyReported: false,
          pendingInvitation: { sentAt: '2026-11-20T09:00:00.000Z' },
        });
        expect((await recordReport(ctx, url('pending-person'))).alreadyReported).toBe(true);
        const pending = (await ctx.store.listInvitations(1)).find((i) => i.name === 'Pending Person');
        expect(pending?.status).toBe('pending');
        await expect(recordSend(ctx, url('pending-person'))).rejects.toMatchObject({
          data: { reason: 'REPORTED' },
        });
        expect((await getStatus(ctx)).risk.reasons.join(' ')).toMatch(/report/i);
      });

      it('records a send with its template note, counts it in status, and refuses a time in the future', async () => {
        const ctx = await seeded();
        await importTargets(ctx, csv(TARGETS));
        await addTemplate(ctx, { id: 'event', body: 'Hi {firstName}, great to meet you at {event}!' });
        const sent = await recordSend(ctx, url('ada-lovelace'), {
          templateId: 'event',
          at: Date.parse('2026-11-26T06:30:00Z'),
        });
        expect(sent).toMatchObject({
          name: 'Ada Lovelace',
          note: 'Hi Ada, great to meet you at PyCon!',
          templateId: 'event',
          quota: { sentLast7Days: 2, sentToday: 1 },
          notes: { usedLast30Days: 1 },
          warnings: [],
        });
        await expect(
          recordSend(ctx, url('grace-hopper'), { at: Date.parse('2026-11-26T08:00:00Z') }),
        ).rejects.toMatchObject({ code: 'USAGE' });
        await expect(
          recordSend(ctx, url('grace-hopper'), { note: 'x', templateId: 'event' }),
        ).rejects.toMatchObject({
          code: 'USAGE',
        });
        const status = await getStatus(ctx);
        expect(status.quota).toEqual({
          weeklyLimit: 100,
          sentLast7Days: 2,
          remaining: 98,
          dailyLimit: 20,
          sentToday: 1,
        });
        expect(status.notes).toEqual({ maxChars: 200, monthlyLimit: 5, usedLast30Days: 1 });
        expect(status.cooldowns).toEqual({ active: 1 });
        const plan = await getPlan(ctx);
        expect(plan.skipped).toContainEqual({
          name: 'Ada Lovelace',
          profileUrl: url('ada-lovelace'),
          reason: 'ALREADY_PENDING',
        });
      });

      it("records a send named by a target's name under its profile URL", async () => {
        const ctx = await seeded();
        await importTargets(ctx, csv(TARGETS));
        const sent = await recordSend(ctx, 'ada lovelace');
        expect(sent).toMatchObject({ name: 'Ada Lovelace', profileUrl: url('ada-lovelace') });
        await expect(recordSend(ctx, url('ada-lovelace'))).rejects.toMatchObject({
          data: { reason: 'ALREADY_PENDING' },
        });
        expect((await recordAcceptance(ctx, 'Ada Lovelace')).profileUrl).toBe(url('ada-lovelace'));
      });

      it('records an acceptance: accepted at that time, a connection from then, never planned again', async () => {
        const ctx = await seeded();
        const accepted = await recordAcceptance(ctx, url('pending-person'), {
          at: Date.parse('2026-11-25T15:00:00Z'),
        });
        expect(accepted).toMatchObject({ acceptedAt: '2026-11-25T15:00:00.000Z', connectionRecorded: true });
        const inv = (await ctx.store.listInvitations(1)).find((i) => i.name === 'Pending Person');
        expect(inv).toMatchObject({ status: 'accepted', statusAt: Date.parse('2026-11-25T15:00:00Z') });
        expect(await ctx.store.countConnections(1)).toBe(2);
        await expect(recordAcceptance(ctx, url('pending-person'))).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        await expect(recordAcceptance(ctx, url('nobody-known'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(recordSend(ctx, url('pending-person'))).rejects.toMatchObject({
          data: { reason: 'ALREADY_CONNECTED' },
        });
      });
    });
  });
}

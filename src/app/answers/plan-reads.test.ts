import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerAt, planSends, planWithdrawals } from '../../core/index.ts';
import { dialects } from '../../store/testing/dialects.ts';
import { settingsFor } from '../config.ts';
import type { AppContext } from '../context.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { recordSend } from '../invitations/sends.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { importTargets } from '../outreach/targets.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { getPlan } from './plan.ts';

/**
 * The plan and a recorded send read only the part of the history their rules depend on (the
 * store's invitationsMatching, countSends, invitationsForPlan, connectionsOfTargets): these tests
 * pin that they decide exactly as they would from the whole ledger, matching people by link and,
 * where a record has no link, by name.
 */

/** Thursday 26 November 2026, before the 09:00 window opens in Europe. */
const NOW = '2026-11-26T07:00:00Z';
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

function csv(text: string, name = 'targets.csv'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

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

    it('matches the person as the plan does: by link, and by name where a record has no link', async () => {
      const ctx = await seeded();
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Pending Person', sentAt: '2026-11-20T09:00:00Z' },
            { name: 'Nora Name', slug: null, sentAt: '2026-11-24T09:00:00Z' },
          ],
        }),
        { asOf: Date.parse('2026-11-25T13:00:00Z') },
      );
      await importTargets(
        ctx,
        csv(
          'name,profileUrl\nNora Name,https://www.linkedin.com/in/nora-name\nPending Person,https://www.linkedin.com/in/pending-person-2\n',
        ),
      );
      // The export's Nora Name has no link: a send to the Nora Name of the list may be to her.
      await expect(recordSend(ctx, url('nora-name'))).rejects.toMatchObject({
        data: { reason: 'ALREADY_PENDING' },
      });
      // A namesake with another link is someone else: the invitation to /in/pending-person does not bar them.
      expect((await recordSend(ctx, url('pending-person-2'))).name).toBe('Pending Person');
      // Counts of the last 7 days and today come from every send, not only this person's.
      expect((await recordSend(ctx, url('ada-lovelace'))).quota).toEqual({
        weeklyLimit: 100,
        sentLast7Days: 4,
        dailyLimit: 20,
        sentToday: 2,
      });
    });

    it('reads only the history the plan depends on, yet plans exactly as from the whole ledger', async () => {
      // A year of history: invitations of people not in the queue, unanswered and accepted ones of
      // people who are, namesakes with and without links, connections with and without links.
      const ctx = await ctxAt('2026-06-01T07:00:00Z');
      const invitations = [];
      const connections = [];
      for (let i = 0; i < 40; i++) {
        const day = `2026-${String(1 + (i % 5)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
        invitations.push({
          name: `Old Person ${i}`,
          slug: i % 7 === 0 ? null : `old-person-${i}`,
          sentAt: `${day}T10:00:00Z`,
        });
        if (i % 3 === 0)
          connections.push({
            first: 'Old',
            last: `Person ${i + 1}`,
            slug: i % 2 ? null : `old-person-${i + 1}`,
            connectedOn: day,
          });
      }
      invitations.push({ name: 'Nora Name', slug: null, sentAt: '2026-05-20T10:00:00Z' });
      invitations.push({ name: 'Lin Link', sentAt: '2026-05-01T10:00:00Z' });
      await importExport(ctx, writeExport(tempDir(), { invitations, connections }), {
        asOf: Date.parse('2026-05-31T12:00:00Z'),
      });
      await recordWithdrawals(ctx, [url('lin-link')], Date.parse('2026-05-31T13:00:00Z'));
      await importTargets(
        ctx,
        csv(
          [
            'name,profileUrl,relation,mutualConnections',
            'Old Person 3,https://www.linkedin.com/in/old-person-3,colleague,4',
            'Old Person 7,,alumni,2',
            'Old Person 5,,other,1',
            'Nora Name,https://www.linkedin.com/in/nora-name,industry-peer,3',
            'Lin Link,https://www.linkedin.com/in/lin-link,other,9',
            'Fresh Face,https://www.linkedin.com/in/fresh-face,other,0',
            'Old Person 10,https://www.linkedin.com/in/old-person-10-other,other,5',
          ].join('\n'),
        ),
      );
      await recordWithdrawals(
        at(ctx, '2026-06-01T08:00:00Z'),
        [url('old-person-3')],
        Date.parse('2026-06-01T08:00:00Z'),
      );
      // Withdrawn by name (the record has no link) and by link (the target has none): matched by name.
      const june2 = at(ctx, '2026-06-02T08:00:00Z');
      await recordWithdrawals(june2, ['Nora Name', url('old-person-5')], Date.parse('2026-06-02T08:00:00Z'));
      await expectPlansAsFromWholeLedger(ctx, [
        '2026-06-01T09:00:00Z',
        '2026-06-10T09:00:00Z',
        '2026-07-15T09:00:00Z',
        '2026-12-01T09:00:00Z',
      ]);
      // The history did matter: a namesake's pending invitation, a withdrawal, a connection.
      const first = await getPlan(at(ctx, '2026-06-01T09:00:00Z'));
      expect(first.skipped.map((x) => `${x.name}:${x.reason}`)).toEqual(
        expect.arrayContaining([
          'Lin Link:COOLDOWN',
          'Old Person 3:COOLDOWN',
          'Nora Name:ALREADY_PENDING',
          'Old Person 7:ALREADY_CONNECTED',
        ]),
      );
      // A week on, only the match by name knows of these two withdrawals and their cooldowns.
      const june10 = await getPlan(at(ctx, '2026-06-10T09:00:00Z'));
      expect(june10.skipped.map((x) => `${x.name}:${x.reason}:${x.until}`)).toEqual(
        expect.arrayContaining([
          'Nora Name:COOLDOWN:2026-06-23T08:00:00.000Z',
          'Old Person 5:COOLDOWN:2026-06-23T08:00:00.000Z',
        ]),
      );
      // Once the cooldowns are over they may be invited again (SPEC section 4).
      const july = await getPlan(at(ctx, '2026-07-15T09:00:00Z'));
      expect(july.sends.map((x) => x.name)).toEqual(expect.arrayContaining(['Nora Name', 'Old Person 5']));
    });

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

/** At each of `nows`, the plan as read from the store is the plan computed from the whole ledger. */
async function expectPlansAsFromWholeLedger(ctx: AppContext, nows: readonly string[]) {
  for (const now of nows) {
    const later = at(ctx, now);
    const plan = await getPlan(later);
    const reference = await fullLedgerPlan(later);
    expect(plan.withdrawals, now).toEqual(reference.withdrawals);
    expect(plan.withdrawalsDeferred, now).toBe(reference.deferred);
    expect(plan.details.sending.pending, now).toBe(reference.pending);
    expect(plan.sends, now).toEqual(reference.sends);
    expect(plan.skipped, now).toEqual(reference.skipped);
    expect(plan.details.sending.quota, now).toEqual(reference.quota);
  }
}

/** The plan computed the long way, from every invitation and connection of the account. */
async function fullLedgerPlan(ctx: AppContext) {
  const account = (await ctx.store.findAccount(ctx.config.account))!;
  const settings = settingsFor(ctx.config, account.settings);
  const now = ctx.now;
  const all = await ctx.store.listInvitations(account.id);
  const templates = await ctx.store.listTemplates(account.id);
  const sending = planSends({
    now,
    settings,
    invitations: all,
    connections: await ctx.store.listConnectionRefs(account.id),
    reports: await ctx.store.listReports(account.id),
    targets: await ctx.store.listTargets(account.id),
    templates,
    templateId: await ctx.store.getDefaultTemplateId(account.id),
    connectionCount: await ctx.store.countConnections(account.id),
  });
  const ledger = ledgerAt(all, now);
  const withdrawal = planWithdrawals(ledger, now, settings);
  return {
    deferred: withdrawal.deferred,
    pending: ledger.filter((i) => i.status === 'pending').length,
    withdrawals: withdrawal.withdrawals.map(({ name, profileUrl, sentAt, ageDays }) => ({
      name,
      profileUrl,
      sentAt,
      ageDays,
    })),
    sends: sending.sends,
    skipped: sending.skipped,
    quota: sending.details.quota,
  };
}

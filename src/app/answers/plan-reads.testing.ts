import { expect } from 'vitest';
import { ledgerAt, planSends, planWithdrawals } from '../../core/index.ts';
import { settingsFor } from '../config.ts';
import type { AppContext } from '../context.ts';
import { at } from '../testing/fixtures.ts';
import { getPlan } from './plan.ts';

export const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

/** At each of `nows`, the plan as read from the store is the plan computed from the whole ledger. */
export async function expectPlansAsFromWholeLedger(ctx: AppContext, nows: readonly string[]) {
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
export async function fullLedgerPlan(ctx: AppContext) {
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

import { ledgerAt, planWithdrawals, toIso, type WithdrawalPlan } from '../core/index.ts';
import { type AppContext, requireAccount } from './accounts.ts';

/** One send of the plan (SPEC section 7). */
export interface PlannedSendOut {
  name: string;
  profileUrl: string | null;
  note: string | null;
  sendAfter: string;
  score: number;
}

/** One skipped target (SPEC section 7). */
export interface SkippedOut {
  name: string;
  profileUrl: string | null;
  reason: string;
  until?: string;
}

/** The `plan --json` document of SPEC section 7. */
export interface Plan {
  asOf: string;
  withdrawals: Array<{ name: string; profileUrl: string | null; sentAt: string; ageDays: number }>;
  withdrawalsDeferred: number;
  sends: PlannedSendOut[];
  skipped: SkippedOut[];
}

/** Details behind the plan that the JSON contract leaves out, for human output and the dashboard. */
export interface PlanDetails {
  account: string;
  withdrawal: Omit<WithdrawalPlan, 'withdrawals'> & { withdrawals: WithdrawalPlan['withdrawals'] };
}

/** Today's plan for the account: withdrawals first, then sends. */
export async function getPlan(ctx: AppContext): Promise<Plan & { details: PlanDetails }> {
  const { account, settings } = await requireAccount(ctx);
  const now = ctx.config.now;
  const invitations = ledgerAt(await ctx.store.listInvitations(account.id), now);
  const withdrawal = planWithdrawals(invitations, now, settings);
  return {
    asOf: toIso(now),
    withdrawals: withdrawal.withdrawals.map((w) => ({
      name: w.name,
      profileUrl: w.profileUrl,
      sentAt: w.sentAt,
      ageDays: w.ageDays,
    })),
    withdrawalsDeferred: withdrawal.deferred,
    sends: [],
    skipped: [],
    details: { account: account.name, withdrawal },
  };
}

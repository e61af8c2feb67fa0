import {
  DAY_MS,
  expiryBand,
  type Instant,
  type Invitation,
  isStale,
  ledgerAt,
  planSends,
  planWithdrawals,
  type SendPlanDetails,
  type Settings,
  type SkipReason,
  staleSentUpTo,
  startOfDayIn,
  todayWindowStart,
  toIso,
  type WithdrawalPlan,
  weekWindowStart,
} from '../core/index.ts';
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
  reason: SkipReason;
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
  /** The sends planner's details: quota, pause, notes budget, and per send its zone and note flags. */
  sending: SendPlanDetails;
  /** The template the notes came from, if any. */
  template: { id: string; name: string } | null;
  /** Targets in the queue. */
  targets: number;
  /** The account's time zone (for "today"). */
  timezone: string;
}

export interface PlanOptions {
  /** The template notes come from; default the account's default template, else none. */
  templateId?: string;
}

/** Today's plan for the account: withdrawals first, then sends. */
export async function getPlan(
  ctx: AppContext,
  options: PlanOptions = {},
): Promise<Plan & { details: PlanDetails }> {
  const { account, settings } = await requireAccount(ctx);
  const now = ctx.config.now;
  const store = ctx.store;
  // Only the part of the history the plan can depend on: the oldest stale invitations (see
  // pendingAt) and those of the people in the queue; the pending and stale totals, the quota, the
  // note allowance and today's withdrawals are counted in the store.
  const [
    pendingNow,
    theirs,
    counts,
    withdrawnToday,
    connections,
    reports,
    targets,
    templates,
    defaultTemplateId,
    connectionCount,
  ] = await Promise.all([
    pendingAt(ctx, account.id, now, settings),
    store.invitationsOfTargets(account.id),
    store.countSends(account.id, now, {
      week: weekWindowStart(now),
      today: todayWindowStart(now, settings),
      notes: now - 30 * DAY_MS,
    }),
    store.countWithdrawnBetween(account.id, startOfDayIn(now, settings.timezone), now),
    store.connectionsOfTargets(account.id),
    store.listReports(account.id),
    store.listTargets(account.id),
    store.listTemplates(account.id),
    store.getDefaultTemplateId(account.id),
    store.countConnections(account.id),
  ]);
  const withdrawal = planWithdrawals(pendingNow.oldestStale, now, settings, withdrawnToday, pendingNow.stale);
  const fallback = templates.some((t) => t.id === defaultTemplateId) ? defaultTemplateId : null;
  const templateId = options.templateId ?? fallback;
  const sending = planSends({
    now,
    settings,
    invitations: theirs,
    connections,
    reports,
    targets,
    templates,
    templateId,
    connectionCount,
    counts: {
      sentLast7Days: counts.week,
      sentToday: counts.today,
      notesLast30Days: counts.notes,
      pending: pendingNow.pending,
    },
  });
  const template = templates.find((t) => t.id === sending.details.templateId) ?? null;
  return {
    asOf: toIso(now),
    withdrawals: withdrawal.withdrawals.map((w) => ({
      name: w.name,
      profileUrl: w.profileUrl,
      sentAt: w.sentAt,
      ageDays: w.ageDays,
    })),
    withdrawalsDeferred: withdrawal.deferred,
    sends: sending.sends.map((s) => ({
      name: s.name,
      profileUrl: s.profileUrl,
      note: s.note,
      sendAfter: s.sendAfter,
      score: s.score,
    })),
    skipped: sending.skipped.map((s) => {
      const out: SkippedOut = { name: s.name, profileUrl: s.profileUrl, reason: s.reason };
      if (s.until !== undefined) out.until = s.until;
      return out;
    }),
    details: {
      account: account.name,
      withdrawal,
      sending: sending.details,
      template: template ? { id: template.id, name: template.name } : null,
      targets: targets.length,
      timezone: settings.timezone,
    },
  };
}

/**
 * The pending invitations at `now` as the plan needs them: how many are pending and how many stale,
 * and the oldest stale ones as they stand at `now` (at least the daily cap's worth, ties included:
 * today's withdrawals are among them). The store selects by sending time; where 6 calendar months
 * leave expiry in question (expiryBand), the rule itself decides on the few rows of that band.
 */
async function pendingAt(
  ctx: AppContext,
  accountId: number,
  now: Instant,
  settings: Settings,
): Promise<{ pending: number; stale: number; oldestStale: Invitation[] }> {
  const band = expiryBand(now);
  const staleUpTo = Math.max(band.liveAfter, staleSentUpTo(now, settings));
  const [undecided, staleRange, fresh] = await Promise.all([
    ctx.store.pendingSentBetween(accountId, {
      now,
      after: band.expiredUpTo,
      upTo: band.liveAfter,
      limit: Number.POSITIVE_INFINITY,
    }),
    ctx.store.pendingSentBetween(accountId, {
      now,
      after: band.liveAfter,
      upTo: staleUpTo,
      limit: settings.maxWithdrawalsPerDay,
    }),
    ctx.store.pendingSentBetween(accountId, { now, after: staleUpTo, upTo: now, limit: 0 }),
  ]);
  const live = ledgerAt(undecided.invitations, now).filter((inv) => inv.status === 'pending');
  const liveStale = live.filter((inv) => isStale(inv, now, settings));
  const stillPending = (invs: Invitation[]) => ledgerAt(invs, now).filter((i) => i.status === 'pending');
  return {
    pending: live.length + staleRange.count + fresh.count,
    stale: liveStale.length + staleRange.count,
    oldestStale: [...liveStale, ...stillPending(staleRange.invitations)],
  };
}

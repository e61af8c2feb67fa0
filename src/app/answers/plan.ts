import type { z } from 'zod';
import {
  DAY_MS,
  expiryBand,
  type Instant,
  type Invitation,
  isStale,
  ledgerAt,
  planSends,
  planStableUntil,
  planWithdrawals,
  type SendPlanDetails,
  type Settings,
  staleSentUpTo,
  startOfDayIn,
  todayWindowStart,
  toIso,
  type Warning,
  type WithdrawalPlan,
  weekWindowStart,
} from '../../core/index.ts';
import { type AppContext, requireAccount } from '../context.ts';
import type { AccountRecord } from '../ports.ts';
import type { PlanJsonSchema } from './plan.schema.ts';

/** One send of the plan (SPEC section 7). */
export type PlannedSendOut = Plan['sends'][number];

/** One skipped target (SPEC section 7). */
export type SkippedOut = Plan['skipped'][number];

/** The `plan --json` document of SPEC section 7, with the warnings that qualify it (added field). */
export type Plan = z.output<typeof PlanJsonSchema>;

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

/** The plan with the details behind it. */
export type PlanAnswer = Plan & { details: PlanDetails };

/** Today's plan for the account: withdrawals first, then sends. */
export async function getPlan(ctx: AppContext, options: PlanOptions = {}): Promise<PlanAnswer> {
  const known = await requireAccount(ctx);
  const kept = ctx.answers?.plan;
  if (!kept) return (await computePlan(ctx, known, options, false)).answer;
  return kept.answer(known.account, variantOf(known.settings, options), ctx.now, () =>
    computePlan(ctx, known, options, true),
  );
}

/**
 * Today's plan as JSON text through `view` (the server's response): kept, with its text, between
 * calls of the server (see KeptAnswers.json); `viewKey` names the view.
 */
export async function getPlanJson(
  ctx: AppContext,
  viewKey: string,
  view: (plan: PlanAnswer) => { asOf: string },
  options: PlanOptions = {},
): Promise<string> {
  const known = await requireAccount(ctx);
  const kept = ctx.answers?.plan;
  if (!kept) return JSON.stringify(view((await computePlan(ctx, known, options, false)).answer));
  return kept.json(
    known.account,
    variantOf(known.settings, options),
    ctx.now,
    () => computePlan(ctx, known, options, true),
    viewKey,
    view,
  );
}

/** What a plan depends on besides the data and the time: the settings and the template asked for. */
function variantOf(settings: Settings, options: PlanOptions): string {
  return `${JSON.stringify(settings)}\u0000${options.templateId ?? ''}`;
}

/**
 * Today's plan and the first instant after `now` at which it could come out otherwise with the
 * same data (planStableUntil below): what the server keeps it by.
 */
export async function getPlanAndHorizon(
  ctx: AppContext,
  options: PlanOptions = {},
): Promise<{ answer: PlanAnswer; until: Instant }> {
  return computePlan(ctx, await requireAccount(ctx), options, true);
}

/**
 * The plan at the context's `now`, and with `horizon` the first instant after it at which the plan
 * could change with time alone (planStableUntil below); otherwise `until` is `now`.
 */
async function computePlan(
  ctx: AppContext,
  { account, settings }: { account: AccountRecord; settings: Settings },
  options: PlanOptions,
  horizon: boolean,
): Promise<{ answer: PlanAnswer; until: Instant }> {
  const now = ctx.now;
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
    changes,
    fromExport,
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
    horizon
      ? store.nextLedgerChanges(account.id, now, { week: weekWindowStart(now), notes: now - 30 * DAY_MS })
      : null,
    store.hasInvitationsFrom(account.id, 'export'),
  ]);
  // Invitations.csv lists accepted invitations too; without a connection known, any "stale pending"
  // one may have been accepted long ago: withdraw nobody rather than people who accepted.
  const acceptedUnknown = fromExport && connectionCount === 0;
  const warnings: Warning[] = [];
  if (acceptedUnknown && pendingNow.stale > 0) {
    warnings.push({
      code: 'ACCEPTED_UNKNOWN',
      message: `no withdrawal is planned: Invitations.csv was imported without Connections.csv, so the ${pendingNow.stale} invitations that look stale include people who accepted. Import the whole export (the ZIP, or Connections.csv with it).`,
    });
  }
  const withdrawal = planWithdrawals(
    acceptedUnknown ? [] : pendingNow.oldestStale,
    now,
    settings,
    withdrawnToday,
    acceptedUnknown ? 0 : pendingNow.stale,
  );
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
  const until = !changes
    ? now
    : planStableUntil({
        now,
        settings,
        expiryBand: pendingNow.band,
        firstFreshSentAt: pendingNow.firstFresh,
        withdrawals: withdrawal.withdrawals,
        changes,
        theirs,
        connections,
        reports,
        targets,
        sends: sending.sends.length,
      });
  const answer: PlanAnswer = {
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
    warnings,
    details: {
      account: account.name,
      withdrawal,
      sending: sending.details,
      template: template ? { id: template.id, name: template.name } : null,
      targets: targets.length,
      timezone: settings.timezone,
    },
  };
  return { answer, until };
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
): Promise<PendingNow> {
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
    band: undecided.invitations,
    firstFresh: fresh.firstSentAt,
  };
}

interface PendingNow {
  /** Invitations pending at `now`. */
  pending: number;
  /** Of them, stale ones. */
  stale: number;
  /** The oldest stale ones (at least the daily cap's worth, ties included), as they stand at `now`. */
  oldestStale: Invitation[];
  /** The invitations pending at `now` whose expiry is in question (expiryBand), as stored. */
  band: Invitation[];
  /** The sending time of the oldest pending invitation not stale yet. */
  firstFresh: Instant | null;
}

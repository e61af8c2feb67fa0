import {
  type AnalyticsInvitation,
  type AnalyticsReport,
  acceptanceObservations,
  buildReport,
  estimateTimeToAccept,
  InviteKeeperError,
  parseWhatIfSpec,
  type Target,
  type TimeToAcceptConfidence,
  type WhatIfVariant,
} from '../../core/index.ts';
import { type SettingChange, setConfig } from '../accounts/settings.ts';
import type { AppContext } from '../context.ts';
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
  const now = ctx.now;
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
async function withTargetFacts(ctx: AppContext, state: AccountState): Promise<AnalyticsInvitation[]> {
  const targets = new Map<string, Pick<Target, 'mutualConnections' | 'relation'>>();
  for (const t of await ctx.store.listTargets(state.account.id)) targets.set(t.personKey, t);
  return state.invitations.map((inv) => {
    const t = targets.get(inv.personKey);
    return { ...inv, mutualConnections: t?.mutualConnections ?? null, relation: t?.relation ?? null };
  });
}

/** What `config set staleAfterDays --recommended` did. */
export interface RecommendedStaleAfter extends SettingChange {
  recommended: number;
  /** Whether the value in force changed (false: it already was the recommended one). */
  changed: boolean;
  confidence: TimeToAcceptConfidence;
}

/**
 * Sets the account's `staleAfterDays` to the recommended one, the day by which 90 % of the member's
 * eventual acceptances arrived (SPEC section 5), through `config set`. Refused (CONFLICT) while no
 * acceptance is known.
 */
export async function applyRecommendedStaleAfter(ctx: AppContext): Promise<RecommendedStaleAfter> {
  const state = await loadAccountState(ctx);
  const estimate = estimateTimeToAccept(
    acceptanceObservations(state.invitations, ctx.now, state.trackingSince),
    // The interval is not shown here; the bootstrap would only cost time.
    { replicates: 0 },
  );
  const recommended = estimate.recommendedStaleAfterDays;
  if (recommended === null) {
    throw new InviteKeeperError(
      'CONFLICT',
      `no recommended staleAfterDays yet: ${estimate.confidence.messages.join('; ') || 'no acceptance observed'}. Import newer exports as your invitations are answered.`,
    );
  }
  const change = await setConfig(ctx, 'staleAfterDays', String(recommended));
  return {
    ...change,
    recommended,
    changed: change.previous.value !== change.current.value,
    confidence: estimate.confidence,
  };
}

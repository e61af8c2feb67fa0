import type { Settings } from '../settings.ts';

export type RiskLevel = 'ok' | 'watch' | 'high';

/** One reason the account is at risk, with the figure and the threshold it crossed. */
export interface RiskFactor {
  code: 'PENDING_PAUSE' | 'PENDING_WARN' | 'LOW_ACCEPTANCE' | 'REPORTS' | 'NEAR_WEEKLY_LIMIT';
  level: Exclude<RiskLevel, 'ok'>;
  value: number;
  threshold: number;
  message: string;
}

export interface RiskInput {
  pending: number;
  /** Matured invitations sent since tracking began (their acceptance is fully observed). */
  trackedMaturedSent: number;
  trackedMaturedAccepted: number;
  reportsLast90Days: number;
  sentLast7Days: number;
}

/** Reports within this many days count towards risk. */
export const REPORT_WINDOW_DAYS = 90;
/** This many recent reports make the risk high (one already makes it worth watching). */
export const REPORTS_HIGH = 3;
/** Sends at this share of the weekly limit are "near the limit". */
export const NEAR_LIMIT_SHARE = 0.9;
/** Below this share of `lowAcceptanceRate` the risk is high rather than watch. */
export const ACCEPTANCE_HIGH_SHARE = 0.5;

/**
 * The account's risk (SPEC section 5): the highest level among its reasons. Documented in
 * docs/rules.md; the thresholds are the settings of SPEC section 1 and the constants above.
 */
export function assessRisk(
  input: RiskInput,
  settings: Pick<Settings, 'pendingWarnAt' | 'pendingPauseAt' | 'lowAcceptanceRate' | 'weeklyInviteLimit'>,
  minMatured: number,
): { level: RiskLevel; factors: RiskFactor[] } {
  const factors: RiskFactor[] = [];
  if (input.pending >= settings.pendingPauseAt) {
    factors.push({
      code: 'PENDING_PAUSE',
      level: 'high',
      value: input.pending,
      threshold: settings.pendingPauseAt,
      message: `${input.pending} pending invitations, at or over the pause threshold of ${settings.pendingPauseAt}: withdraw stale ones before sending more`,
    });
  } else if (input.pending >= settings.pendingWarnAt) {
    factors.push({
      code: 'PENDING_WARN',
      level: 'watch',
      value: input.pending,
      threshold: settings.pendingWarnAt,
      message: `${input.pending} pending invitations, at or over the warning threshold of ${settings.pendingWarnAt}`,
    });
  }
  if (input.trackedMaturedSent >= minMatured) {
    const rate = input.trackedMaturedAccepted / input.trackedMaturedSent;
    if (rate < settings.lowAcceptanceRate) {
      factors.push({
        code: 'LOW_ACCEPTANCE',
        level: rate < settings.lowAcceptanceRate * ACCEPTANCE_HIGH_SHARE ? 'high' : 'watch',
        value: rate,
        threshold: settings.lowAcceptanceRate,
        message: `acceptance rate ${pct(rate)} over ${input.trackedMaturedSent} matured invitations, below ${pct(settings.lowAcceptanceRate)}`,
      });
    }
  }
  if (input.reportsLast90Days > 0) {
    factors.push({
      code: 'REPORTS',
      level: input.reportsLast90Days >= REPORTS_HIGH ? 'high' : 'watch',
      value: input.reportsLast90Days,
      threshold: REPORTS_HIGH,
      message: `${input.reportsLast90Days} "I don't know this person" report${input.reportsLast90Days === 1 ? '' : 's'} in the last ${REPORT_WINDOW_DAYS} days`,
    });
  }
  const nearLimit = Math.ceil(settings.weeklyInviteLimit * NEAR_LIMIT_SHARE);
  if (settings.weeklyInviteLimit > 0 && input.sentLast7Days >= nearLimit) {
    factors.push({
      code: 'NEAR_WEEKLY_LIMIT',
      level: 'watch',
      value: input.sentLast7Days,
      threshold: settings.weeklyInviteLimit,
      message: `${input.sentLast7Days} invitations sent in the last 7 days, near the weekly limit of ${settings.weeklyInviteLimit}`,
    });
  }
  const level: RiskLevel = factors.some((f) => f.level === 'high')
    ? 'high'
    : factors.length > 0
      ? 'watch'
      : 'ok';
  return { level, factors };
}

/** A rate as a whole-number percentage, e.g. "27 %"-style without the space: "27%". */
export function pct(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

import {
  ACCEPTANCE_HIGH_SHARE,
  NEAR_LIMIT_SHARE,
  pct,
  REPORT_WINDOW_DAYS,
  REPORTS_HIGH,
  type RiskFactor,
} from '../policy/risk.ts';

/** One reason for the account's risk as a table row: the figure, the threshold it crossed, and what to do. */
export interface RiskRow {
  code: RiskFactor['code'];
  level: RiskFactor['level'];
  /** The factor's own sentence. */
  reason: string;
  value: number;
  threshold: number;
  /** The figure as shown, e.g. `412` or `18.5%`. */
  valueText: string;
  /** The threshold as shown, with where the level changes, e.g. `30% (high below 15%)`. */
  thresholdText: string;
  advice: string;
}

/**
 * The risk factors that `assessRisk` found (StatusDetails.riskFactors), as table rows with figures,
 * thresholds and advice, highest level first. It only explains: the rules stay in policy/risk.ts.
 */
export function explainRisk(factors: readonly RiskFactor[]): RiskRow[] {
  const rows = factors.map((f) => row(f));
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(b.r.level === 'high') - Number(a.r.level === 'high') || a.i - b.i)
    .map(({ r }) => r);
}

function row(f: RiskFactor): RiskRow {
  const base = { code: f.code, level: f.level, reason: f.message, value: f.value, threshold: f.threshold };
  switch (f.code) {
    case 'PENDING_PAUSE':
      return {
        ...base,
        valueText: `${f.value} pending`,
        thresholdText: `${f.threshold} (pause sending)`,
        advice: `withdraw stale invitations (\`invitekeeper plan\`); sending resumes below ${f.threshold} pending`,
      };
    case 'PENDING_WARN':
      return {
        ...base,
        valueText: `${f.value} pending`,
        thresholdText: `${f.threshold} (warning)`,
        advice: 'withdraw stale invitations every day before the pile reaches the pause threshold',
      };
    case 'LOW_ACCEPTANCE':
      return {
        ...base,
        valueText: pct(f.value),
        thresholdText: `${pct(f.threshold)} (high below ${pct(f.threshold * ACCEPTANCE_HIGH_SHARE)})`,
        advice:
          'invite people who share connections or a past with you, add a personal note, and complete your profile (see the report breakdowns)',
      };
    case 'REPORTS':
      return {
        ...base,
        valueText: `${f.value} in ${REPORT_WINDOW_DAYS} days`,
        thresholdText: `1 (watch), ${REPORTS_HIGH} (high)`,
        advice: 'send fewer invitations for a while and only to people who know you or share connections',
      };
    case 'NEAR_WEEKLY_LIMIT':
      return {
        ...base,
        valueText: `${f.value} in 7 days`,
        thresholdText: `${Math.ceil(f.threshold * NEAR_LIMIT_SHARE)} of the weekly limit ${f.threshold}`,
        advice: 'spread sends over the week instead of using the whole allowance',
      };
    default: {
      const unknown: never = f.code;
      return {
        ...base,
        valueText: String(f.value),
        thresholdText: String(f.threshold),
        advice: String(unknown),
      };
    }
  }
}

/**
 * Analytics: what the member's own history says. Acceptance rates broken down by week, template,
 * note, mutual connections, relation, weekday and hour; time to accept as a Kaplan–Meier curve
 * with censoring and delayed entry, and from it the recommended `staleAfterDays`; a what-if replay
 * of the history under other settings; the own-profile check and the risk explained; and
 * `buildReport`, which puts them into the `report --json` document (its zod schema in
 * report.schema.ts, REPORT_JSON_SCHEMA generated from it in report-schema.ts; neither is re-exported
 * here, so that no command's start-up loads zod in full for them). Pure like
 * the rest of the core: `now` and the data come in as arguments. Named exports only, since the
 * core's index re-exports this folder next to every other one.
 */
export {
  type AcceptanceBreakdowns,
  type AcceptanceCell,
  type AcceptanceFigures,
  acceptanceOfLedger,
  computeAcceptance,
  MUTUAL_BUCKETS,
  type MutualBucket,
  mutualBucket,
} from './acceptance.ts';
export type { AnalyticsInvitation } from './input.ts';
export {
  type KaplanMeierCurve,
  type KaplanMeierStep,
  kaplanMeier,
  type SurvivalObservation,
  survivalAt,
} from './kaplan-meier.ts';
export { createZoneClock, type LocalParts, type ZoneClock } from './local-time.ts';
export {
  checkOwnProfile,
  PROFILE_ITEMS,
  type ProfileCheck,
  type ProfileCheckItem,
  type ProfileFacts,
  type ProfileItem,
} from './profile.ts';
export {
  type ReplayCounts,
  type ReplayedInvitation,
  type ReplayHistory,
  type ReplayOptions,
  type ReplayRange,
  type ReplayResult,
  type ReplaySettings,
  type ReplayWeek,
  replayHistory,
} from './replay.ts';
export { type AnalyticsReport, buildReport, type ReportInput } from './report.ts';
export { explainRisk, type RiskRow } from './risk-explain.ts';
export {
  acceptanceObservations,
  CONFIDENCE_FLAGS,
  type ConfidenceFlag,
  estimateTimeToAccept,
  observationsOfLedger,
  RECOMMENDED_SHARE,
  type ThresholdInterval,
  type TimeToAccept,
  type TimeToAcceptConfidence,
  type TimeToAcceptDay,
  type TimeToAcceptOptions,
} from './survival.ts';
export {
  MAX_WHAT_IF_VARIANTS,
  parseWhatIfSpec,
  WHAT_IF_KEYS,
  type WhatIfKey,
  type WhatIfRow,
  type WhatIfVariant,
  whatIf,
} from './what-if.ts';

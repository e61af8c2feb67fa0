/**
 * Analytics: what the member's own history says. Acceptance rates broken down by week, template,
 * note, mutual connections, relation, weekday and hour; time to accept as a Kaplan–Meier curve
 * with censoring and delayed entry, and from it the recommended `staleAfterDays`; a what-if replay
 * of the history under other settings; the own-profile check and the risk explained; and
 * `buildReport`, which puts them into the `report --json` document (REPORT_JSON_SCHEMA). Pure like
 * the rest of the core: `now` and the data come in as arguments.
 */
export * from './acceptance.ts';
export * from './input.ts';
export { createZoneClock, type LocalParts, type ZoneClock } from './local-time.ts';
export * from './profile.ts';
export * from './report.ts';
export * from './report-schema.ts';
export * from './risk-explain.ts';
export * from './survival.ts';
export * from './what-if.ts';

/**
 * The platform model: LinkedIn's invitation system as an executable, deterministic simulation
 * (issue 8). Generated members with their habits, a platform that refuses, delivers, reminds,
 * expires and restricts as SPEC section 1 describes, members who use it through a narrow strategy
 * interface (naive, casual, and the member who follows invitekeeper's plan), strategies compared
 * side by side (`invitekeeper simulate`), and the writer of LinkedIn's export formats from the
 * model's state. The model is pure: no clock, no I/O, no Math.random; every number is a parameter
 * in PLATFORM_PARAMS, explained in docs/platform-model.md. The one exception is the plan-following
 * member (plan-member.ts), which uses the product itself: the app's use cases on a throwaway
 * SQLite database in memory, fed with files in a temporary folder.
 */
export * from './behaviour.ts';
export * from './casual-member.ts';
export * from './compare.ts';
export * from './export-formats.ts';
export * from './export-snapshot.ts';
export * from './export-writer.ts';
export * from './model.ts';
export * from './naive-member.ts';
export * from './params.ts';
export * from './plan-member.ts';
export * from './platform.ts';
export * from './platform-records.ts';
export * from './population.ts';
export * from './random.ts';
export * from './sent-page-writer.ts';
export * from './simulate.ts';
export * from './strategy.ts';
export * from './targets-writer.ts';
export { fromLocal, localTime, zoneOffsetMinutes } from './zones.ts';

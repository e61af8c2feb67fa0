/**
 * The platform model: LinkedIn's invitation system as an executable, deterministic simulation
 * (issue 8). Generated members with their habits, a platform that refuses, delivers, reminds,
 * expires and restricts as SPEC section 1 describes, members who use it through a narrow strategy
 * interface (naive, casual; the plan-following member lives with the app), and the writer of
 * LinkedIn's export formats from the model's state. Pure: no clock, no I/O, no Math.random; every
 * number is a parameter in PLATFORM_PARAMS, explained in docs/platform-model.md.
 */
export * from './behaviour.ts';
export * from './casual-member.ts';
export * from './export-writer.ts';
export * from './model.ts';
export * from './naive-member.ts';
export * from './params.ts';
export * from './platform.ts';
export * from './population.ts';
export * from './random.ts';
export * from './simulate.ts';
export * from './strategy.ts';
export { fromLocal, localTime, zoneOffsetMinutes } from './zones.ts';

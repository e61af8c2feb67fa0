/**
 * The core: pure rules of invitekeeper. The model and lifecycle of an invitation, the platform's
 * rules as settings and constants, the policies (staleness, expiry, cooldown, quota, risk), the
 * daily planner and the status. Nothing here reads the clock, the environment, a file or a
 * database: `now` and the data come in as arguments, plain values go out.
 */
export * from './analytics/index.ts';
export * from './errors.ts';
export * from './horizon.ts';
export * from './lifecycle.ts';
export * from './model.ts';
export * from './notes/index.ts';
export * from './outreach.ts';
export * from './people.ts';
export * from './planner/index.ts';
export * from './policy/cooldown.ts';
export * from './policy/expiry.ts';
export * from './policy/invite-quota.ts';
export * from './policy/note-quota.ts';
export * from './policy/observation.ts';
export * from './policy/risk.ts';
export * from './policy/send-window.ts';
export * from './policy/staleness.ts';
export * from './reconcile.ts';
export * from './settings.ts';
export * from './status.ts';
export * from './text.ts';
export * from './time.ts';

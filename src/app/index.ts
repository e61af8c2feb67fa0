/**
 * The use cases: the only layer that both reads sources and writes the store. Each takes an
 * AppContext (the store and the resolved configuration) and returns plain values; the CLI and the
 * server call these and nothing below them.
 */
export * from './account-settings.ts';
export * from './accounts.ts';
export * from './claim-send.ts';
export * from './config.ts';
export * from './import-job.ts';
export * from './import-snapshot.ts';
export * from './invitations.ts';
export * from './kept-answers.ts';
export * from './open-app.ts';
export * from './plan.ts';
export type * from './ports.ts';
export * from './record.ts';
export * from './record-outreach.ts';
export * from './report.ts';
export * from './status.ts';
export * from './targets.ts';
export * from './team.ts';
export * from './templates.ts';
export * from './undo.ts';

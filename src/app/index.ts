/**
 * The use cases: the only layer that both reads sources and writes the store. Each takes an
 * AppContext (the store, the resolved configuration and the moment it acts at) and returns plain
 * values; the CLI and the server call these and nothing below them. Use cases are grouped by the
 * noun they serve: accounts, imports, invitations, outreach, and the daily answers.
 */
export * from './accounts/index.ts';
export * from './answers/index.ts';
export * from './config.ts';
export * from './context.ts';
export * from './imports/index.ts';
export * from './invitations/index.ts';
export * from './names.ts';
export * from './open-app.ts';
export * from './outreach/index.ts';
export type * from './ports.ts';

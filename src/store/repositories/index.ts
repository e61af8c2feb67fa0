/** The repositories: every port of the app written once in Kysely for both dialects (see compose.ts). */
export { DEFAULT_WORKSPACE } from './accounts.ts';
export * from './compose.ts';
export type { WriteScope } from './scope.ts';
export { REFERENCE_TABLES } from './tables.ts';

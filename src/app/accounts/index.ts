/** Accounts: creating, listing and removing them, their settings, and the team's workspaces, users and tokens. */
export * from './accounts.ts';
export * from './settings.ts';
export * from './team.ts';

/** Outreach: the member's targets and note templates. */
export * from './targets.ts';
export * from './templates.ts';

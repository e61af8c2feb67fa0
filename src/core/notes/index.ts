/**
 * Notes: filling a template's variables for one recipient, fitting the result to the tier's length
 * the way LinkedIn counts it, and linting a note or template. Pure and free of Node-only modules,
 * because the dashboard bundles this folder for its note composer (live count and lint).
 */
export * from './fit.ts';
export * from './limits.ts';
export * from './lint.ts';
export * from './templates.ts';

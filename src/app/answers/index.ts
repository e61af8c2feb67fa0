/** The daily answers: status, plan and the analytics report, and the server's cache of them. */
export * from './kept.ts';
export * from './plan.ts';
export * from './report.ts';
export * from './status.ts';

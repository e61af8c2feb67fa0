/** The ledger's own events: sends, withdrawals, answers and their undoing, and the paged list. */
export * from './claim-send.ts';
export * from './list.ts';
export * from './sends.ts';
export * from './undo.ts';
export * from './withdrawals.ts';

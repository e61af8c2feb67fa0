/** Imports: an export or a Sent page matched into the ledger, in place or in a worker thread. */
export * from './import-snapshot.ts';
export * from './job.ts';

/**
 * An import run away from the caller's thread. A long-lived process (the server) hands each import
 * to a worker thread with its own connection to the same database, so its event loop keeps
 * answering other requests while a large file is read and written (SQLite's WAL lets the server's
 * connection read the last committed state meanwhile; PostgreSQL serves both connections). A
 * one-shot command, or a database in memory that no other connection can see, imports in place.
 */
import { Worker } from 'node:worker_threads';
import { type ErrorCode, type Instant, InviteKeeperError, isInviteKeeperError } from '../../core/index.ts';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import {
  type ImportOptions,
  type ImportReport,
  importExport,
  importSentPageFile,
} from './import-snapshot.ts';

export type ImportJob =
  | { kind: 'export'; bytes: Uint8Array; name: string; options: ImportOptions }
  | { kind: 'sent-page'; path: string; options: ImportOptions };

/** What the worker thread is given: everything plain, nothing it shares with the caller. */
export interface ImportWorkerInput {
  config: Config;
  now: Instant;
  workspaceId?: number;
  job: ImportJob;
}

export type ImportWorkerOutput =
  | { ok: true; report: ImportReport }
  | {
      ok: false;
      error: {
        known: boolean;
        code: string;
        message: string;
        file?: string;
        line?: number;
        problems?: readonly string[];
        data?: Record<string, unknown>;
        stack?: string;
      };
    };

/** Runs the import in this thread. */
export function runImportJob(ctx: AppContext, job: ImportJob): Promise<ImportReport> {
  return job.kind === 'export'
    ? importExport(ctx, { bytes: job.bytes, name: job.name }, job.options)
    : importSentPageFile(ctx, job.path, job.options);
}

/** Whether another connection sees the context's database (a file or a server, not `:memory:`). */
export function canImportElsewhere(ctx: AppContext): boolean {
  return ctx.config.db !== ':memory:' && ctx.store.location !== ':memory:';
}

/**
 * Runs the import in a worker thread when another connection can reach the database, else here.
 * The report, or the error with its code and message, comes back as the import gave it.
 */
export async function runImportJobAside(ctx: AppContext, job: ImportJob): Promise<ImportReport> {
  if (!canImportElsewhere(ctx)) return runImportJob(ctx, job);
  const { options, ...rest } = job;
  // a progress callback cannot cross threads; nothing in the server listens for one
  const { onProgress: _, ...plainOptions } = options;
  const input: ImportWorkerInput = {
    config: { ...ctx.config },
    now: ctx.now,
    ...(ctx.workspaceId === undefined ? {} : { workspaceId: ctx.workspaceId }),
    job: { ...rest, options: plainOptions } as ImportJob,
  };
  const output = await inWorker(input);
  if (output.ok) return output.report;
  const e = output.error;
  if (e.known) {
    throw new InviteKeeperError(e.code as ErrorCode, e.message, {
      ...(e.file === undefined ? {} : { file: e.file }),
      ...(e.line === undefined ? {} : { line: e.line }),
      ...(e.problems === undefined ? {} : { problems: e.problems }),
      ...(e.data === undefined ? {} : { data: e.data }),
    });
  }
  const error = new Error(e.message);
  if (e.stack) error.stack = e.stack;
  throw error;
}

/** The error of a failed import as plain data for the other thread. */
export function importErrorOutput(error: unknown): ImportWorkerOutput {
  if (isInviteKeeperError(error)) {
    return {
      ok: false,
      error: {
        known: true,
        code: error.code,
        message: error.message,
        ...(error.file === undefined ? {} : { file: error.file }),
        ...(error.line === undefined ? {} : { line: error.line }),
        problems: [...error.problems],
        ...(error.data === undefined ? {} : { data: error.data }),
      },
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    ok: false,
    error: { known: false, code: 'INTERNAL', message: e.message, ...(e.stack ? { stack: e.stack } : {}) },
  };
}

/**
 * Starts the worker: the bundled `import-worker.mjs` beside the CLI bundle, or, when running from
 * the TypeScript sources (tsx, the tests), `import-worker.ts` through tsx's loader.
 */
function inWorker(input: ImportWorkerInput): Promise<ImportWorkerOutput> {
  const here = import.meta.url;
  const transfer = input.job.kind === 'export' ? [input.job.bytes.buffer as ArrayBuffer] : [];
  const worker = here.endsWith('.ts')
    ? new Worker(
        `const { workerData } = require('node:worker_threads');
         import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`,
        {
          eval: true,
          workerData: {
            tsx: import.meta.resolve('tsx/esm/api'),
            entry: new URL('./worker.ts', here).href,
            input,
          },
          transferList: transfer,
        },
      )
    : new Worker(new URL('./import-worker.mjs', here), { workerData: { input }, transferList: transfer });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (output: ImportWorkerOutput) => {
      settled = true;
      resolve(output);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled)
        reject(
          new InviteKeeperError('INTERNAL', `the import stopped before it finished (worker exit ${code})`),
        );
    });
  });
}

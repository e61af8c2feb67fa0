/**
 * The worker thread of `runImportJobAside`: opens its own connection to the database, runs the one
 * import it was given and posts back the report or the error. Bundled as dist/import-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createStore } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import { type ImportWorkerInput, type ImportWorkerOutput, importErrorOutput, runImportJob } from './job.ts';

async function main(input: ImportWorkerInput): Promise<ImportWorkerOutput> {
  let store: AppContext['store'] | null = null;
  try {
    store = await createStore(input.config.db);
    const ctx: AppContext = {
      store,
      config: input.config,
      now: input.now,
      ...(input.workspaceId === undefined ? {} : { workspaceId: input.workspaceId }),
    };
    return { ok: true, report: await runImportJob(ctx, input.job) };
  } catch (error) {
    return importErrorOutput(error);
  } finally {
    await store?.close();
  }
}

const { input } = workerData as { input: ImportWorkerInput };
parentPort!.postMessage(await main(input));

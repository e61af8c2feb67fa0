import type { Instant } from '../core/index.ts';
import { createStore } from '../store/index.ts';
import { requireWorkspace } from './accounts/team.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';

// In its own file, not in index.ts: code in an index that re-exports everything would tie every
// module of the folder to whatever imports it (the CLI bundle could no longer leave out of a
// command's start the modules it does not use).

/**
 * Opens the configured database (migrating it) and returns the context the use cases take at `now`,
 * scoped to the configured workspace (--workspace) when there is one.
 */
export async function openApp(config: Config, now: Instant): Promise<AppContext> {
  const store = await createStore(config.db);
  const ctx: AppContext = { store, config, now };
  if (config.workspace === null) return ctx;
  try {
    return { ...ctx, workspaceId: (await requireWorkspace(ctx, config.workspace)).id };
  } catch (error) {
    await store.close();
    throw error;
  }
}

import { type Instant, InviteKeeperError, type Settings } from '../core/index.ts';
import { DEFAULT_WORKSPACE } from '../store/index.ts';
import { type Config, newAccountSettings, settingsFor } from './config.ts';
import type { AccountRecord, AccountStore } from './ports.ts';

/** What every use case works with: the store, the resolved configuration and the moment it acts at. */
export interface AppContext {
  store: import('./ports.ts').Store;
  config: Config;
  /** The moment the call acts at, read once at the edge: a command's start, a request, a simulated day. */
  now: Instant;
  /**
   * The workspace the caller may see (team mode: the token's, or --workspace); undefined for the
   * single-user default workspace. Every use case looks accounts up in this workspace only.
   */
  workspaceId?: number;
  /** Answers kept between calls (the server's; see KeptAnswers); none in a one-shot command. */
  answers?: {
    status: import('./answers/kept.ts').KeptAnswers<import('./answers/status.ts').StatusAnswer>;
    plan: import('./answers/kept.ts').KeptAnswers<import('./answers/plan.ts').PlanAnswer>;
  };
}

/** The id of the context's workspace (the default one, created on first use, when none is set). */
export async function workspaceIdOf(ctx: AppContext): Promise<number> {
  if (ctx.workspaceId !== undefined) return ctx.workspaceId;
  return (await ctx.store.ensureWorkspace(DEFAULT_WORKSPACE, ctx.now)).id;
}

/**
 * The account a write is about, created with the machine's defaults on its first import or record
 * (inside the write's transaction `tx`).
 */
export function ensureContextAccount(tx: AccountStore, ctx: AppContext): Promise<AccountRecord> {
  return tx.ensureAccount(ctx.config.account, ctx.now, ctx.workspaceId, newAccountSettings(ctx.config));
}

/**
 * The account a read command is about. The default account always exists (an empty one on a new
 * database); any other must have been created by an import or `accounts add`.
 */
export async function requireAccount(
  ctx: AppContext,
  name = ctx.config.account,
): Promise<{ account: AccountRecord; settings: Settings }> {
  const store: AccountStore = ctx.store;
  let account = await store.findAccount(name, ctx.workspaceId);
  if (!account && name === 'default' && ctx.workspaceId === undefined) {
    account = await store.ensureAccount(name, ctx.now, undefined, newAccountSettings(ctx.config));
  }
  if (!account) {
    const known = (await store.listAccounts(ctx.workspaceId)).map((a) => a.name);
    throw new InviteKeeperError(
      'NOT_FOUND',
      `no account named "${name}"${known.length ? ` (accounts: ${known.join(', ')})` : ''}; import an export with --account "${name}" to create it`,
    );
  }
  return { account, settings: settingsFor(ctx.config, account.settings) };
}

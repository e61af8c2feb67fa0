import { InviteKeeperError, type Settings } from '../core/index.ts';
import { DEFAULT_WORKSPACE } from '../store/index.ts';
import { type Config, newAccountSettings, settingsFor } from './config.ts';
import type { AccountRecord, AccountStore } from './ports.ts';

/** What every use case works with: the store and the resolved configuration. */
export interface AppContext {
  store: import('./ports.ts').Store;
  config: Config;
  /**
   * The workspace the caller may see (team mode: the token's, or --workspace); undefined for the
   * single-user default workspace. Every use case looks accounts up in this workspace only.
   */
  workspaceId?: number;
  /** Answers kept between calls (the server's; see KeptAnswers); none in a one-shot command. */
  answers?: {
    status: import('./kept-answers.ts').KeptAnswers<import('./status.ts').StatusAnswer>;
    plan: import('./kept-answers.ts').KeptAnswers<import('./plan.ts').PlanAnswer>;
  };
}

/** The id of the context's workspace (the default one, created on first use, when none is set). */
export async function workspaceIdOf(ctx: AppContext): Promise<number> {
  if (ctx.workspaceId !== undefined) return ctx.workspaceId;
  return (await ctx.store.ensureWorkspace(DEFAULT_WORKSPACE, ctx.config.now)).id;
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
    account = await store.ensureAccount(name, ctx.config.now, undefined, newAccountSettings(ctx.config));
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

/** An account as listed. */
export interface AccountOut {
  name: string;
  createdAt: string;
  /** Rows per table (invitations, connections, ...) the account holds. */
  rows: Record<string, number>;
}

/** Creates an account in the context's workspace; CONFLICT when it exists. */
export async function addAccount(ctx: AppContext, name: string): Promise<AccountOut> {
  const workspaceId = await workspaceIdOf(ctx);
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,99}$/u.test(name)) {
    throw new InviteKeeperError(
      'USAGE',
      `account name "${name}" is not usable: letters, digits, space, dot, dash, underscore or @, up to 100`,
    );
  }
  if (await ctx.store.findAccount(name, workspaceId)) {
    throw new InviteKeeperError('CONFLICT', `an account named "${name}" already exists in this workspace`);
  }
  const account = await ctx.store.ensureAccount(
    name,
    ctx.config.now,
    workspaceId,
    newAccountSettings(ctx.config),
  );
  return { name: account.name, createdAt: new Date(account.createdAt).toISOString(), rows: {} };
}

/** The accounts of the context's workspace, with how much each holds. */
export async function listAccounts(ctx: AppContext): Promise<AccountOut[]> {
  const out: AccountOut[] = [];
  for (const a of await ctx.store.listAccounts(await workspaceIdOf(ctx))) {
    out.push({
      name: a.name,
      createdAt: new Date(a.createdAt).toISOString(),
      rows: await ctx.store.countAccountRows(a.id),
    });
  }
  return out;
}

/**
 * Removes an account and every row it owns, in every table, under the account's write lock (so
 * no import or send of it is half-written when it goes). Without `purge` nothing is deleted: the
 * refusal says what would be.
 */
export async function removeAccount(
  ctx: AppContext,
  name: string,
  options: { purge?: boolean } = {},
): Promise<{ name: string; deleted: Record<string, number> }> {
  const account = await ctx.store.findAccount(name, await workspaceIdOf(ctx));
  if (!account) throw new InviteKeeperError('NOT_FOUND', `no account named "${name}" in this workspace`);
  if (!options.purge) {
    const rows = await ctx.store.countAccountRows(account.id);
    const held = Object.entries(rows)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ');
    throw new InviteKeeperError(
      'USAGE',
      `removing "${name}" deletes it and all its data${held ? ` (${held})` : ''} for good, on this database; nothing was deleted. Run again with --purge to confirm (take a backup first if in doubt).`,
    );
  }
  const deleted = await ctx.store.write(account.id, (tx) => tx.purgeAccount(account.id));
  return { name, deleted };
}

import { InviteKeeperError } from '../../core/index.ts';
import { newAccountSettings } from '../config.ts';
import { type AppContext, workspaceIdOf } from '../context.ts';
import { checkName } from '../names.ts';

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
  checkName(name, 'account');
  if (await ctx.store.findAccount(name, workspaceId)) {
    throw new InviteKeeperError('CONFLICT', `an account named "${name}" already exists in this workspace`);
  }
  const account = await ctx.store.ensureAccount(name, ctx.now, workspaceId, newAccountSettings(ctx.config));
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

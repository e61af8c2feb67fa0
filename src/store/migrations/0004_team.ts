import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Team mode: the users of a workspace, each with a role and an API token of which only the SHA-256
 * is kept. Users belong to a workspace, not to an account: like workspaces and accounts they are a
 * small reference table when the account-keyed tables are distributed (docs/scaling.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const big = dialect.bigint;
  await dialect
    .addAccountScopedId(db.schema.createTable('users'), { accountScoped: false })
    .addColumn('workspace_id', big, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'member', 'viewer')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('last_used_at', big)
    .addUniqueConstraint('users_workspace_name', ['workspace_id', 'name'])
    .execute();
}

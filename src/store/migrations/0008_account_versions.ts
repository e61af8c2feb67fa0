import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * The per-account data version (0007) moves to a table of its own, keyed by account_id: every
 * write transaction moves it, and on accounts, a reference table when the schema is distributed
 * (docs/scaling.md), each withdrawal or import would also be a write to every node. account_versions
 * is distributed by account_id and co-located with the ledger, so a write stays on its account's
 * shard. An account without a row is at version 0 (the row appears with its first write).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('account_versions')
    .addColumn('account_id', dialect.bigint, (c) => c.primaryKey())
    .addColumn('data_version', dialect.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into account_versions (account_id, data_version)
            select id, data_version from accounts where data_version <> 0`.execute(db);
  await db.schema.alterTable('accounts').dropColumn('data_version').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';

/** The account's data version (migration 0008): bookkeeping, not data of the member's; counted nowhere. */
export const VERSIONS_TABLE = 'account_versions';

/** Tables that are not keyed by account: reference tables when the schema is distributed. */
export const REFERENCE_TABLES = ['workspaces', 'accounts', 'users'] as const;

/** Tables with an account_id column, by introspection (so tables added by later migrations count). */
export async function accountKeyedTables(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  const tables = await dialect.ownTables(db);
  return tables
    .filter((t) => t.columns.some((c) => c.name === 'account_id'))
    .map((t) => t.name)
    .sort();
}

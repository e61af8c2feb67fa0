import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * A version per account, moved by every write transaction that changed something of the account
 * (Store.write). The server keeps an answer (a status) only while the version it was computed from
 * is the account's current one, whichever process wrote since.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * The member's own profile as the newest imported export's `Profile.csv` gave it, for the
 * own-profile check of `report` and `status`. Only the headline is kept: it is all the check uses
 * (the export carries no photo and no positions). One row per account; a missing row means no
 * export with a `Profile.csv` was imported, so the check falls back to the member's answers.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const big = dialect.bigint;
  await db.schema
    .createTable('own_profiles')
    .addColumn('account_id', big, (c) => c.notNull().primaryKey())
    .addColumn('headline', 'text')
    .addColumn('as_of', big, (c) => c.notNull())
    .addColumn('snapshot_id', big)
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
}

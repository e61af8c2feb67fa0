import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';
import { up as statusIndexes } from './0009_status_indexes.ts';

/**
 * A database that ran the first version of 0009 has an index (account_id, status, sent_at) that
 * SQLite, without statistics, takes for the import's join of connections to pending invitations by
 * person: one scan of the pending invitations per connection. It goes; the partial indexes 0009
 * now makes take its place (created here when missing).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  await db.schema.dropIndex('invitations_status_sent').ifExists().execute();
  await statusIndexes(db, dialect);
}

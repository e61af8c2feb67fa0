import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Fewer, smaller indexes, for imports of a million rows (issue 7). Every index is rewritten on each
 * insert, and random-order text keys cost a cache miss each once the index outgrows the cache:
 * - invitations (account_id, status, sent_at) goes: every query that filters by status reads the
 *   account's rows anyway, through (account_id, person_key).
 * - the name indexes of invitations and connections keep only the records without a profile URL,
 *   the only ones ever looked up by name; lookups by name that meet records with a URL are driven
 *   from the side without one (see pendingWithConnection).
 * - invitations recorded by hand get a small index of their own: the status asks for the first
 *   of them (when tracking began), which otherwise reads the account's whole ledger.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropIndex('invitations_status').execute();
  await db.schema.dropIndex('invitations_name').execute();
  await db.schema.dropIndex('connections_name').execute();
  await db.schema
    .createIndex('invitations_name_only')
    .on('invitations')
    .columns(['account_id', 'name_key'])
    .where(sql.ref('profile_url'), 'is', null)
    .execute();
  await db.schema
    .createIndex('invitations_manual')
    .on('invitations')
    .columns(['account_id', 'sent_at'])
    .where(sql.ref('source'), '=', 'manual')
    .execute();
  await db.schema
    .createIndex('connections_name_only')
    .on('connections')
    .columns(['account_id', 'name_key'])
    .where(sql.ref('profile_url'), 'is', null)
    .execute();
}

import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Indexes that let the status count instead of read (issue 17; app/status.ts, statusFigures): each
 * figure is then a count over a range of one index that holds every column the count looks at, so
 * neither SQLite nor PostgreSQL visits the invitations themselves (a visit per row, in an order
 * unrelated to the file's, is what made a status of 1,000,000 invitations take seconds).
 * - (account_id, status, sent_at): the pending ones by sending time (how many, stale, oldest,
 *   expiring), the accepted ones by sending time (acceptance, matured).
 * - (account_id, status_at) of answered invitations: the few answered after a past `now` (read as
 *   pending then), and the withdrawals and closings of the cooldown window.
 * - (account_id, sent_at) of invitations with a note: the notes of the rolling 30 days.
 * - (account_id, sent_at) of invitations not from an export: whether one was seen from its sending
 *   (an export's always is) needs each of these, read with its snapshot.
 * Each insert of an invitation now maintains up to three more index entries; the import benchmark
 * (docs/benchmarks.md) shows what that costs.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createIndex('invitations_status_sent')
    .on('invitations')
    .columns(['account_id', 'status', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('invitations_answered')
    .on('invitations')
    .columns(['account_id', 'status_at', 'status', 'sent_at'])
    .where(sql.ref('status_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('invitations_noted')
    .on('invitations')
    .columns(['account_id', 'sent_at'])
    .where(sql.ref('note'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('invitations_not_exported')
    .on('invitations')
    .columns(['account_id', 'sent_at'])
    .where(sql.ref('source'), '<>', sql.lit('export'))
    .execute();
}

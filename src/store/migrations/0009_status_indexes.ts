import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Indexes that let the status count instead of read (issue 17; app/answers/status.ts, statusFigures): each
 * figure is then a count over a range of one index that holds every column the count looks at, so
 * neither SQLite nor PostgreSQL visits the invitations themselves (a visit per row, in an order
 * unrelated to the file's, is what made a status of 1,000,000 invitations take seconds).
 * - (account_id, sent_at) of pending invitations (how many, stale, oldest, expiring) and of
 *   accepted ones (acceptance, matured). Partial, not one (account_id, status, sent_at): SQLite,
 *   without statistics, would take that one for the import's join of connections to pending
 *   invitations by person (it names account_id and status) and scan every pending invitation for
 *   each connection (an import of 20,000 took minutes; see 0010).
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
  for (const status of ['pending', 'accepted']) {
    await db.schema
      .createIndex(`invitations_${status}`)
      .ifNotExists()
      .on('invitations')
      .columns(['account_id', 'sent_at'])
      .where(sql.ref('status'), '=', sql.lit(status))
      .execute();
  }
  await db.schema
    .createIndex('invitations_answered')
    .ifNotExists()
    .on('invitations')
    .columns(['account_id', 'status_at', 'status', 'sent_at'])
    .where(sql.ref('status_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('invitations_noted')
    .ifNotExists()
    .on('invitations')
    .columns(['account_id', 'sent_at'])
    .where(sql.ref('note'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('invitations_not_exported')
    .ifNotExists()
    .on('invitations')
    .columns(['account_id', 'sent_at'])
    .where(sql.ref('source'), '<>', sql.lit('export'))
    .execute();
}

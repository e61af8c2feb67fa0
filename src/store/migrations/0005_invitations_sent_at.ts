import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Invitations by send time within an account: the quota (sends in the last 7 days, today) and the
 * note allowance (the last 30 days) count a recent slice of a ledger that only grows, so recording
 * a send stays as cheap with 50,000 invitations as with 50.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createIndex('invitations_sent_at')
    .on('invitations')
    .columns(['account_id', 'sent_at'])
    .execute();
}

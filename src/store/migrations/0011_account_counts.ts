import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Figures kept per account (issue 17): how many invitations the account has, how many of them are
 * pending and accepted, and how many connections it has, beside the data version in
 * account_versions, and moved by the same write transactions (Store.write adds what each write
 * changed). The status takes its totals from them and counts only the ranges near `now`
 * (src/store/repositories/status-counts.ts), so a status no longer steps through every index entry
 * of a ledger of a million invitations. Filled here from the rows already stored; an account
 * without a row has none.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  for (const column of ['invitations', 'pending', 'accepted', 'connections']) {
    await db.schema
      .alterTable('account_versions')
      .addColumn(column, dialect.bigint, (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await sql`insert into account_versions (account_id, data_version, invitations, pending, accepted)
            select account_id, 0, count(*),
                   sum(case when status = 'pending' then 1 else 0 end),
                   sum(case when status = 'accepted' then 1 else 0 end)
            from invitations where true group by account_id
            on conflict (account_id) do update set invitations = excluded.invitations,
              pending = excluded.pending, accepted = excluded.accepted`.execute(db);
  await sql`insert into account_versions (account_id, data_version, connections)
            select account_id, 0, count(*) from connections where true group by account_id
            on conflict (account_id) do update set connections = excluded.connections`.execute(db);
}

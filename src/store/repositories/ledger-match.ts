import { type Kysely, sql } from 'kysely';
import type { LedgerCandidate, LedgerMatchStore } from '../../app/ports.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { chunks, toIndexEntry } from './rows.ts';
import { lockCheck, type WriteScope } from './scope.ts';

/**
 * The invitations the snapshot being matched listed: a temporary table of ids (see
 * StoreDialect.createIdTable), private to the transaction's connection.
 */
const LISTED = 'import_listed';

/**
 * Keys or ids per `in (...)` list. Lists, not a temporary table of the batch's keys: each key is one
 * lookup in the index the ledger already has on it (person key; name key of the records without a
 * URL), with nothing to write first. 2,000 stays far under SQLite's 32,766 host parameters and
 * PostgreSQL's 65,535, and bounds the statement texts SQLite keeps prepared.
 */
const KEYS_PER_STATEMENT = 2000;

/** An invitation (alias i) beside its mark in the listed set (alias l): the columns of a LedgerCandidate. */
const CANDIDATE = `select i.id, i.person_key, i.name_key, i.profile_url, i.sent_at, i.sent_at_earliest, i.status,
         i.source, i.headline, l.id as listed, i.snapshot_id
  from invitations i left join ${LISTED} l on l.id = i.id
  where i.account_id = ?`;

/** Leaves out the invitations the snapshot added (one recorded by hand has no snapshot). */
const OF_THE_LEDGER = '(i.snapshot_id is null or i.snapshot_id <> ?)';

/** See LedgerMatchStore. */
export function ledgerMatchRepository(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null,
): LedgerMatchStore {
  const mustHold = lockCheck(scope);
  const read = async (snapshotId: number, where: string, params: readonly unknown[]) =>
    (await dialect.queryRows(db, `${CANDIDATE} and ${where}`, params)).map((r) => toCandidate(r, snapshotId));
  return {
    async beginLedgerMatch(accountId) {
      mustHold(accountId, 'beginLedgerMatch');
      await dialect.createIdTable(db, LISTED);
      const row = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return { pending: Number(row.n) };
    },
    async invitationsByKeys(accountId, snapshotId, keys) {
      const found = new Map<number, LedgerCandidate>();
      const lookups = [
        { values: keys.ids ?? [], where: 'i.id in' },
        { values: keys.personKeys ?? [], where: 'i.person_key in' },
        { values: keys.nameKeys ?? [], where: 'i.name_key in' },
        { values: keys.urlLessNameKeys ?? [], where: 'i.profile_url is null and i.name_key in' },
      ];
      for (const { values, where } of lookups)
        for (const part of chunks<unknown>(values, KEYS_PER_STATEMENT)) {
          const rows = await read(snapshotId, `${where} (${marks(part.length)})`, [accountId, ...part]);
          for (const c of rows) found.set(c.id, c);
        }
      return [...found.values()];
    },
    async markListed(accountId, ids) {
      mustHold(accountId, 'markListed');
      for (const part of chunks(ids, KEYS_PER_STATEMENT)) {
        await sql`insert into ${sql.table(LISTED)} (id) values ${sql.join(part.map((id) => sql`(${id})`))}`.execute(
          db,
        );
      }
    },
    async unsettledInvitations(accountId, snapshotId, q) {
      // Through the index of pending invitations by sending time, in its order: each page starts
      // where the last ended. The unlisted ones are an anti-join with the listed set.
      const after = q.after ? ' and (i.sent_at, i.id) > (?, ?)' : '';
      return read(
        snapshotId,
        `i.status = 'pending' and ${OF_THE_LEDGER} and i.sent_at <= ?
         and (${q.unlisted ? 'l.id is null or ' : ''}i.sent_at <= ?)${after}
         order by i.sent_at, i.id limit ?`,
        [
          accountId,
          snapshotId,
          q.asOf,
          q.sentUpTo,
          ...(q.after ? [q.after.sentAt, q.after.id] : []),
          q.limit,
        ],
      );
    },
    async endLedgerMatch(accountId) {
      mustHold(accountId, 'endLedgerMatch');
      await dialect.dropIdTable(db, LISTED);
    },
  };
}

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

function toCandidate(r: unknown[], snapshotId: number): LedgerCandidate {
  // Two fields set on the entry rather than a spread into a new object: a batch reads thousands.
  const c = toIndexEntry(r) as LedgerCandidate;
  c.listed = r[9] !== null;
  c.added = r[10] !== null && Number(r[10]) === snapshotId;
  return c;
}

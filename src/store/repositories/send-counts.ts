import type { Kysely } from 'kysely';
import type { InvitationStore } from '../../app/ports.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { INVITATION_READ_COLUMNS, toInstant, toInvitation } from './rows.ts';

type SendCounts = Pick<
  InvitationStore,
  'countSends' | 'countWithdrawnBetween' | 'pendingSentBetween' | 'nextLedgerChanges'
>;

/**
 * The reads behind the quota, the withdrawal plan and the pause: counts and the first instants of
 * a window of sends, without reading the ledger whole.
 */
export function sendCountRepository(db: Kysely<Database>, dialect: StoreDialect): SendCounts {
  return {
    async countSends(accountId, upTo, after) {
      // Two index ranges, neither visiting a row: sends by time (invitations_sent_at), and those
      // with a note (invitations_noted, migration 0009).
      const [sends, notes] = await Promise.all([
        dialect.queryRows(
          db,
          `select sum(case when sent_at > ? then 1 else 0 end) as week,
                  sum(case when sent_at > ? then 1 else 0 end) as today
           from invitations where account_id = ? and sent_at > ? and sent_at <= ?`,
          [after.week, after.today, accountId, Math.min(after.week, after.today), upTo],
        ),
        dialect.queryRows(
          db,
          `select count(*) as notes from invitations
           where account_id = ? and note is not null and sent_at > ? and sent_at <= ?`,
          [accountId, after.notes, upTo],
        ),
      ]);
      return {
        week: Number(sends[0]?.[0] ?? 0),
        today: Number(sends[0]?.[1] ?? 0),
        notes: Number(notes[0]?.[0] ?? 0),
      };
    },
    async countWithdrawnBetween(accountId, from, to) {
      const row = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('account_id', '=', accountId)
        .where('status', '=', 'withdrawn')
        .where('status_at', '>=', from)
        .where('status_at', '<=', to)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async pendingSentBetween(accountId, { now, after, upTo, limit }) {
      // Pending at `now`: pending still, or ended after `now` (ledgerAt reads it as pending then).
      const pendingIn = db
        .selectFrom('invitations')
        .where('account_id', '=', accountId)
        .where('sent_at', '>', after)
        .where('sent_at', '<=', Math.min(upTo, now))
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb('status_at', '>', now)]));
      const countRow = await pendingIn
        .select((eb) => [
          eb.fn.countAll<number | string | bigint>().as('n'),
          eb.fn.min<number | string | null>('sent_at').as('first'),
        ])
        .executeTakeFirst();
      const count = Number(countRow?.n ?? 0);
      const firstSentAt = toInstant(countRow?.first);
      if (limit <= 0 || count === 0) return { invitations: [], count, firstSentAt };
      // The sending time of the limit-th oldest; every row up to it, ties included, so that the
      // caller's exact order (sending time, then link, name and id) can pick among equals.
      let last = Math.min(upTo, now);
      if (count > limit) {
        const row = await pendingIn
          .select('sent_at')
          .orderBy('sent_at')
          .limit(1)
          .offset(limit - 1)
          .executeTakeFirst();
        if (row) last = Number(row.sent_at);
      }
      const rows = await pendingIn
        .where('sent_at', '<=', last)
        .select(INVITATION_READ_COLUMNS)
        .orderBy('sent_at')
        .orderBy('id')
        .execute();
      return { invitations: rows.map(toInvitation), count, firstSentAt };
    },
    async nextLedgerChanges(accountId, now, after) {
      const mine = db.selectFrom('invitations').where('account_id', '=', accountId);
      const [sent, status, week, notes] = await Promise.all([
        mine
          .where('sent_at', '>', now)
          .select((eb) => eb.fn.min<number>('sent_at').as('t'))
          .executeTakeFirst(),
        mine
          .where('status_at', '>', now)
          .select((eb) => eb.fn.min<number>('status_at').as('t'))
          .executeTakeFirst(),
        mine
          .where('sent_at', '>', after.week)
          .where('sent_at', '<=', now)
          .select((eb) => eb.fn.min<number>('sent_at').as('t'))
          .executeTakeFirst(),
        mine
          .where('sent_at', '>', after.notes)
          .where('sent_at', '<=', now)
          .where('note', 'is not', null)
          .select((eb) => eb.fn.min<number>('sent_at').as('t'))
          .executeTakeFirst(),
      ]);
      return {
        sentAfterNow: toInstant(sent?.t),
        statusAfterNow: toInstant(status?.t),
        firstInWeek: toInstant(week?.t),
        firstNoteInNotes: toInstant(notes?.t),
      };
    },
  };
}

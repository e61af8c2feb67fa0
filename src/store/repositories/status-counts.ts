import type { Kysely } from 'kysely';
import type { InvitationStore } from '../../app/ports.ts';
import type { Instant } from '../../core/index.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { toInstant } from './rows.ts';

// The reads behind app/answers/status.ts: each an aggregate over a range of one index of one
// account's ledger (migration 0009), bounded by the instants the rules give (core's statusBounds),
// and the account's kept totals (account_versions, migration 0011: invitations, pending, accepted,
// moved by every write) for what reaches back to the ledger's start. A status thus costs a few
// index ranges near `now`, not a pass over the ledger.

/**
 * One of the account's kept figures (account_versions, migration 0011) as an SQL expression, 0
 * before its first write. A figure made of a kept total less some counts is read in one statement,
 * so that a write committed in between cannot make it a figure of no state at all.
 */
const kept = (column: 'invitations' | 'pending' | 'accepted') =>
  `coalesce((select ${column} from account_versions where account_id = ?), 0)`;

const num = (v: unknown) => Number(v ?? 0);

type StatusCounts = Pick<InvitationStore, 'countPendingSent' | 'ledgerTotals' | 'countCooldownPeople'>;

/** Status from counts: the figures of the whole ledger as a few aggregates over index ranges. */
export function statusCountRepository(db: Kysely<Database>, dialect: StoreDialect): StatusCounts {
  // Every column is named: PostgreSQL's rows are objects, where two columns called `sum` would be one.
  const one = async (text: string, params: readonly unknown[]) =>
    (await dialect.queryRows(db, text, params))[0] ?? [];
  /** Invitations still pending sent in (after, upTo] (invitations_pending). */
  const countPending = async (accountId: number, after: Instant, upTo: Instant) => {
    const row = await one(
      `select count(*) as n from invitations
       where account_id = ? and status = 'pending' and sent_at > ? and sent_at <= ?`,
      [accountId, after, upTo],
    );
    return num(row[0]);
  };
  /** The same, as the account's kept pending less those sent up to `after` and after `upTo`. */
  const countPendingBesides = async (accountId: number, after: Instant, upTo: Instant) => {
    const row = await one(
      `select ${kept('pending')}
          - (select count(*) from invitations where account_id = ? and status = 'pending' and sent_at <= ?)
          - (select count(*) from invitations where account_id = ? and status = 'pending' and sent_at > ?) as n`,
      [accountId, accountId, after, accountId, upTo],
    );
    return num(row[0]);
  };
  return {
    async countPendingSent(accountId, now, ranges) {
      if (ranges.length === 0) return { counts: [], firstSentAt: null };
      const counts: number[] = [];
      let firstLater: Instant | null = null;
      for (const r of ranges) {
        const upTo = Math.min(r.upTo, now);
        if (upTo <= r.after) {
          counts.push(0);
          continue;
        }
        // Still pending, sent in (after, upTo]: counted over the range, or, when the range reaches
        // nearer to `now` than it is long (the pending ones sent before `after` are the few an
        // import has not expired yet), as the account's kept total less the rest: either way an
        // exact count, over the shorter stretch of the index.
        const still =
          now - upTo < upTo - r.after
            ? await countPendingBesides(accountId, r.after, upTo)
            : await countPending(accountId, r.after, upTo);
        // Answered only after `now`: read as pending then (invitations_answered, few rows if any).
        // With its earliest sending: min() beside count() keeps SQLite on invitations_answered (alone,
        // it would walk the sending index for the first match).
        const later = await one(
          `select count(*) as n, min(sent_at) as first from invitations
           where account_id = ? and status_at is not null and status_at > ? and status <> 'pending'
             and sent_at > ? and sent_at <= ?`,
          [accountId, now, r.after, upTo],
        );
        counts.push(still + num(later[0]));
        if (counts.length === 1) firstLater = toInstant(later[1]);
      }
      const [first] = ranges;
      const upTo = Math.min(first!.upTo, now);
      // The first still pending through its index, in its order.
      const still = await one(
        `select sent_at from invitations where account_id = ? and status = 'pending' and sent_at > ? and sent_at <= ?
         order by sent_at limit 1`,
        [accountId, first!.after, upTo],
      );
      const found = [toInstant(still[0]), firstLater].filter((t): t is Instant => t !== null);
      return { counts, firstSentAt: found.length ? Math.min(...found) : null };
    },
    async ledgerTotals(accountId, { now, maturedUpTo, trackingSince, seenWithinMs }) {
      // The account's kept totals (migration 0011) less the invitations sent after `now`, and after
      // `maturedUpTo` (a stretch of days before `now`, invitations_sent_at and invitations_accepted).
      // Each pair in one statement (see `kept`): [sent by now, sent by maturedUpTo].
      const less = async (column: 'invitations' | 'accepted') => {
        const row = await one(
          `select ${kept(column)} - coalesce(sum(case when sent_at > ? then 1 else 0 end), 0) as by_now,
                  ${kept(column)} - count(*) as matured
           from invitations
           where account_id = ?${column === 'accepted' ? " and status = 'accepted'" : ''} and sent_at > ?`,
          [accountId, now, accountId, accountId, maturedUpTo],
        );
        return [num(row[0]), num(row[1])];
      };
      const all = await less('invitations');
      const accepted = await less('accepted');
      const matured = 'case when sent_at <= ? then 1 else 0 end';
      // Of those, the ones accepted only after `now` (invitations_answered): ledgerAt reads these as
      // pending.
      const acceptedLater = await one(
        `select count(*) as n, sum(${matured}) as matured from invitations
         where account_id = ? and status_at is not null and status_at > ? and status = 'accepted' and sent_at <= ?`,
        [maturedUpTo, accountId, now, now],
      );
      // Those not from an export (invitations_not_exported), with the snapshot that first listed
      // each: isTracked in SQL (an export's invitation is always tracked: the rest of the count).
      const acceptedNow = `(i.status = 'accepted' and (i.status_at is null or i.status_at <= ?))`;
      const maturedI = 'i.sent_at <= ?';
      const tracked =
        trackingSince === null
          ? '1 = 0'
          : `(i.sent_at >= ? and (i.source = 'manual' or s.as_of is null or s.as_of - i.sent_at <= ?))`;
      const trackedParams = trackingSince === null ? [] : [trackingSince, seenWithinMs];
      const others = await one(
        `select count(*) as n,
                sum(case when ${maturedI} then 1 else 0 end) as matured,
                sum(case when ${maturedI} and ${acceptedNow} then 1 else 0 end) as matured_accepted,
                sum(case when ${maturedI} and ${tracked} then 1 else 0 end) as tracked,
                sum(case when ${maturedI} and ${tracked} and ${acceptedNow} then 1 else 0 end) as tracked_accepted
         from invitations i left join snapshots s on s.account_id = i.account_id and s.id = i.snapshot_id
         where i.account_id = ? and i.source <> 'export' and i.sent_at <= ?`,
        [
          maturedUpTo,
          maturedUpTo,
          now,
          maturedUpTo,
          ...trackedParams,
          maturedUpTo,
          ...trackedParams,
          now,
          accountId,
          now,
        ],
      );
      const sent = num(all[0]);
      const maturedSent = num(all[1]);
      const maturedAccepted = num(accepted[1]) - num(acceptedLater[1]);
      return {
        sent,
        accepted: num(accepted[0]) - num(acceptedLater[0]),
        fromExports: sent - num(others[0]),
        maturedSent,
        maturedAccepted,
        trackedMaturedSent: maturedSent - num(others[1]) + num(others[3]),
        trackedMaturedAccepted: maturedAccepted - num(others[2]) + num(others[4]),
      };
    },
    async countCooldownPeople(accountId, now, endedUpTo) {
      // The window of answers (invitations_answered), then the person of each withdrawal in it.
      const row = await one(
        `select count(distinct person_key) as people from invitations
         where account_id = ? and status_at is not null and status_at > ? and status_at <= ?
           and status in ('withdrawn', 'closed') and sent_at <= ?`,
        [accountId, endedUpTo, now, now],
      );
      return num(row[0]);
    },
  };
}

import type { Kysely } from 'kysely';
import type { InvitationStore } from '../../app/ports.ts';
import type { Instant } from '../../core/index.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { toInstant } from './rows.ts';

// The reads behind app/status.ts: each an aggregate over a range of one index of one account's
// ledger (migration 0009), bounded by the instants the rules give (core's statusBounds), so that a
// status costs a few index ranges, not a read of the ledger.

/**
 * The sending instants of the invitations pending at `?3` sent in (?1, ?2], as ledgerAt reads them:
 * still pending (invitations_pending), or answered only after `?3` (invitations_answered, where
 * the instant of the answer comes first: few rows, if any). Parameters: account, after, upTo, now,
 * account, now, after, upTo.
 */
const PENDING_SENT = `(select sent_at from invitations
    where account_id = ? and status = 'pending' and sent_at > ? and sent_at <= ?
  union all
  select sent_at from invitations
    where account_id = ? and status_at is not null and status_at > ? and status <> 'pending'
      and sent_at > ? and sent_at <= ?) p`;

function pendingSentParams(accountId: number, now: Instant, after: Instant, upTo: Instant): unknown[] {
  const last = Math.min(upTo, now);
  return [accountId, after, last, accountId, now, after, last];
}

type StatusCounts = Pick<
  InvitationStore,
  'countPendingSent' | 'pendingSendTimes' | 'ledgerTotals' | 'countCooldownPeople'
>;

/** Status from counts: the figures of the whole ledger as a few aggregates over index ranges. */
export function statusCountRepository(db: Kysely<Database>, dialect: StoreDialect): StatusCounts {
  const num = (v: unknown) => Number(v ?? 0);
  // Every column is named: PostgreSQL's rows are objects, where two columns called `sum` would be one.
  const one = async (text: string, params: readonly unknown[]) =>
    (await dialect.queryRows(db, text, params))[0] ?? [];
  return {
    async countPendingSent(accountId, now, ranges) {
      if (ranges.length === 0) return { counts: [], firstSentAt: null };
      const [first] = ranges;
      const columns = ranges.map(
        (_, i) => `sum(case when sent_at > ? and sent_at <= ? then 1 else 0 end) as n${i}`,
      );
      const row = await one(
        `select ${columns.join(', ')},
                min(case when sent_at > ? and sent_at <= ? then sent_at end) as first_sent
         from ${PENDING_SENT}`,
        [
          ...ranges.flatMap((r) => [r.after, r.upTo]),
          first!.after,
          first!.upTo,
          ...pendingSentParams(
            accountId,
            now,
            Math.min(...ranges.map((r) => r.after)),
            Math.max(...ranges.map((r) => r.upTo)),
          ),
        ],
      );
      return { counts: ranges.map((_, i) => num(row[i])), firstSentAt: toInstant(row[ranges.length]) };
    },
    async pendingSendTimes(accountId, now, range) {
      const rows = await dialect.queryRows(
        db,
        `select sent_at from ${PENDING_SENT} order by sent_at`,
        pendingSentParams(accountId, now, range.after, range.upTo),
      );
      return rows.map((r) => Number(r[0]));
    },
    async ledgerTotals(accountId, { now, maturedUpTo, trackingSince, seenWithinMs }) {
      const matured = 'case when sent_at <= ? then 1 else 0 end';
      // Every invitation, and the matured ones (invitations_sent_at).
      const all = await one(
        `select count(*) as n, sum(${matured}) as matured from invitations where account_id = ? and sent_at <= ?`,
        [maturedUpTo, accountId, now],
      );
      // The accepted ones (invitations_accepted), less those accepted only after `now`
      // (invitations_answered): ledgerAt reads these as pending.
      const accepted = await one(
        `select count(*) as n, sum(${matured}) as matured from invitations
         where account_id = ? and status = 'accepted' and sent_at <= ?`,
        [maturedUpTo, accountId, now],
      );
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

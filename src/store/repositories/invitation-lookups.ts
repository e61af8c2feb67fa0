import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { InvitationStore, PendingConnectionMatch } from '../../app/ports.ts';
import { isNameKey } from '../../core/index.ts';
import type { ConnectionsTable, Database, InvitationsTable } from '../schema.ts';
import { BATCH, INVITATION_READ_COLUMNS, toInvitation, uniqueBy } from './rows.ts';
import { targetKeys } from './targets.ts';

/** A pending invitation (alias i) and a connection (alias c) that may be its invitee. */
const PAIR_COLUMNS = [
  'i.id',
  'i.person_key as invitee',
  'i.sent_at',
  'i.sent_at_earliest',
  'c.connected_on',
  'c.person_key',
] as const;

type InvitationLookups = Pick<
  InvitationStore,
  | 'hasInvitationsFrom'
  | 'snapshotAddedInvitation'
  | 'headlinesOf'
  | 'namesOf'
  | 'invitationsOfPerson'
  | 'invitationsMatching'
  | 'invitationsOfTargets'
  | 'pendingWithConnection'
>;

/** Reads of some invitations: of one person, of the queued targets, by id, or met by a connection. */
export function invitationLookupRepository(db: Kysely<Database>): InvitationLookups {
  return {
    async hasInvitationsFrom(accountId, source) {
      const row = await db
        .selectFrom('invitations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('source', '=', source)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async snapshotAddedInvitation(accountId, snapshotId, who) {
      const base = db
        .selectFrom('invitations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('snapshot_id', '=', snapshotId)
        .limit(1);
      if ('personKey' in who) {
        return (await base.where('person_key', '=', who.personKey).executeTakeFirst()) !== undefined;
      }
      // Through the index of records without a URL first; the others have no name index (rare path).
      const named = base.where('name_key', '=', who.nameKey);
      if ((await named.where('profile_url', 'is', null).executeTakeFirst()) !== undefined) return true;
      return !who.withoutUrl && (await named.executeTakeFirst()) !== undefined;
    },
    async headlinesOf(accountId, invitationIds) {
      const out = new Map<number, string>();
      for (let i = 0; i < invitationIds.length; i += BATCH) {
        const rows = await db
          .selectFrom('invitations as i')
          .leftJoin('people as p', (j) =>
            j.onRef('p.account_id', '=', 'i.account_id').onRef('p.person_key', '=', 'i.person_key'),
          )
          .select(['i.id', 'i.headline', 'p.headline as person_headline'])
          .where('i.account_id', '=', accountId)
          .where('i.id', 'in', invitationIds.slice(i, i + BATCH))
          .execute();
        for (const r of rows) {
          const headline = r.headline ?? r.person_headline;
          if (headline) out.set(Number(r.id), headline);
        }
      }
      return out;
    },
    async namesOf(accountId, invitationIds) {
      const out = new Map<number, string>();
      for (let i = 0; i < invitationIds.length; i += BATCH) {
        const rows = await db
          .selectFrom('invitations')
          .select(['id', 'name'])
          .where('account_id', '=', accountId)
          .where('id', 'in', invitationIds.slice(i, i + BATCH))
          .execute();
        for (const r of rows) out.set(Number(r.id), r.name);
      }
      return out;
    },
    async invitationsOfPerson(accountId, personKey, nameKey) {
      const rows = db
        .selectFrom('invitations')
        .select(INVITATION_READ_COLUMNS)
        .where('account_id', '=', accountId);
      // Two indexed lookups in one statement rather than one `key = ? or (name = ? ...)`, which
      // SQLite answers by scanning every invitation of the account.
      const found = await rows
        .where('person_key', '=', personKey)
        .unionAll(rows.where('name_key', '=', nameKey).where('profile_url', 'is', null))
        .execute();
      return uniqueBy(found, (r) => Number(r.id))
        .map(toInvitation)
        .sort((a, b) => b.sentAt - a.sentAt || b.id - a.id);
    },
    async invitationsMatching(accountId, personKey, nameKey) {
      const rows = db
        .selectFrom('invitations')
        .select(INVITATION_READ_COLUMNS)
        .where('account_id', '=', accountId);
      const byName = isNameKey(personKey)
        ? rows.where('name_key', '=', nameKey)
        : rows.where('name_key', '=', nameKey).where('profile_url', 'is', null);
      const found = await rows.where('person_key', '=', personKey).unionAll(byName).execute();
      return uniqueBy(found, (r) => Number(r.id))
        .map(toInvitation)
        .sort((x, y) => x.sentAt - y.sentAt || x.id - y.id);
    },
    async invitationsOfTargets(accountId) {
      const own = db
        .selectFrom('invitations')
        .select(INVITATION_READ_COLUMNS)
        .where('account_id', '=', accountId);
      const of = targetKeys(db, accountId);
      const rows = await own
        .where('person_key', 'in', of.personKeys)
        .unionAll(own.where('name_key', 'in', of.urlLessNameKeys))
        .unionAll(own.where('profile_url', 'is', null).where('name_key', 'in', of.nameKeys))
        .execute();
      return uniqueBy(rows, (r) => Number(r.id))
        .map(toInvitation)
        .sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
    },
    pendingWithConnection: (accountId) => pendingWithConnection(db, accountId),
  };
}

/**
 * Pending invitations (alias i) beside connections (alias c) of the same account, `outside` walked
 * first: CROSS JOIN fixes that order in SQLite (PostgreSQL plans it freely, as an inner join).
 */
function pendingPairs(db: Kysely<Database>, accountId: number, outside: 'connections' | 'invitations') {
  const pairs: SelectQueryBuilder<
    Database & { c: ConnectionsTable; i: InvitationsTable },
    'c' | 'i',
    Record<never, never>
  > = outside === 'connections'
    ? db.selectFrom('connections as c').crossJoin('invitations as i')
    : db.selectFrom('invitations as i').crossJoin('connections as c');
  return pairs
    .whereRef('i.account_id', '=', 'c.account_id')
    .select(PAIR_COLUMNS)
    .where(outside === 'connections' ? 'c.account_id' : 'i.account_id', '=', accountId)
    .where('i.status', '=', 'pending');
}

/** See InvitationStore.pendingWithConnection. */
async function pendingWithConnection(
  db: Kysely<Database>,
  accountId: number,
): Promise<PendingConnectionMatch[]> {
  // Connections outside: both sides are walked in key order, and only a match reads the
  // invitation's row. URL-less connections have keys of their own (name and day), so this finds
  // matches by URL only.
  const byKey = await pendingPairs(db, accountId, 'connections')
    .whereRef('i.person_key', '=', 'c.person_key')
    .execute();
  // Records without a profile URL can only be matched by name, through the indexes of the records
  // without one. Each half scans the other side of the account once, so it runs only when there
  // is a record without a URL at all (rare: Sent-page text, old exports).
  const hasNameOnly = async (table: 'invitations' | 'connections') =>
    (await db
      .selectFrom(table)
      .select('account_id')
      .where('account_id', '=', accountId)
      .where('profile_url', 'is', null)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  // The scanned side outside.
  const nameOnlyInvitations = (await hasNameOnly('invitations'))
    ? await pendingPairs(db, accountId, 'connections')
        .whereRef('i.name_key', '=', 'c.name_key')
        .where('i.profile_url', 'is', null)
        .execute()
    : [];
  const nameOnlyConnections = (await hasNameOnly('connections'))
    ? await pendingPairs(db, accountId, 'invitations')
        .whereRef('c.name_key', '=', 'i.name_key')
        .where('c.profile_url', 'is', null)
        .execute()
    : [];
  const out: PendingConnectionMatch[] = [];
  const seen = new Set<string>();
  const add = (r: (typeof byKey)[number], byName: boolean) => {
    // a URL-less invitation and a URL-less connection meet in both halves
    const pair = `${r.id}\u0000${r.person_key}`;
    if (seen.has(pair)) return;
    seen.add(pair);
    out.push({
      invitationId: Number(r.id),
      personKey: r.invitee,
      sentAt: Number(r.sent_at),
      sentAtEarliest: Number(r.sent_at_earliest),
      connectedOn: Number(r.connected_on),
      byName,
    });
  };
  for (const r of byKey) add(r, false);
  if (nameOnlyInvitations.length + nameOnlyConnections.length > 0) {
    for (const r of [...nameOnlyInvitations, ...nameOnlyConnections]) add(r, true);
  }
  return out;
}

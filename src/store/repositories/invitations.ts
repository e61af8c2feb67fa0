import type { Kysely } from 'kysely';
import type { InvitationChange, InvitationStore, NewInvitation } from '../../app/ports.ts';
import type { Invitation, InvitationStatus, LedgerFact, SourceKind } from '../../core/index.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { chunks, insertInBatches, SENDING_COLUMNS } from './rows.ts';
import { countChange, lockCheck, type WriteScope } from './scope.ts';

/**
 * Invitations (alias i) with the snapshot that first listed each (alias s, none for a send recorded
 * by hand): s.as_of is an invitation's firstSeenAt.
 */
const INVITATIONS_SEEN =
  'invitations i left join snapshots s on s.account_id = i.account_id and s.id = i.snapshot_id';

/** The columns an invitation is inserted with, in the order of insertInvitations' values. */
const INVITATION_COLUMNS = [
  'account_id',
  'person_key',
  'name_key',
  'profile_url',
  'name',
  'headline',
  ...SENDING_COLUMNS,
  'snapshot_id',
  'created_at',
] as const;

type InvitationLedger = Pick<
  InvitationStore,
  'listInvitations' | 'listLedgerFacts' | 'insertInvitations' | 'insertInvitation' | 'updateInvitations'
>;

/** The ledger of invitations read whole (the server's kept status, exports of the data), and its writes. */
export function invitationRepository(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null,
): InvitationLedger {
  const mustHold = lockCheck(scope);
  return {
    async listInvitations(accountId) {
      // The hot read of status and plan: rows as arrays through the dialect, one object each.
      const rows = await dialect.queryRows(
        db,
        `select i.id, i.person_key, i.profile_url, i.name, i.sent_at, i.sent_at_earliest, i.note, i.template_id,
                i.source, i.status, i.status_at, s.as_of
         from ${INVITATIONS_SEEN}
         where i.account_id = ?`,
        [accountId],
      );
      // Sorted here: SQLite would copy every wide row into a sorter first.
      const list = rows.map(
        (r): Invitation => ({
          id: Number(r[0]),
          personKey: r[1] as string,
          profileUrl: r[2] as string | null,
          name: r[3] as string,
          sentAt: Number(r[4]),
          sentAtEarliest: Number(r[5]),
          note: r[6] as string | null,
          templateId: r[7] as string | null,
          source: r[8] as SourceKind,
          status: r[9] as InvitationStatus,
          statusAt: r[10] === null ? null : Number(r[10]),
          firstSeenAt: r[11] === null ? null : Number(r[11]),
        }),
      );
      return list.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
    },
    async listLedgerFacts(accountId) {
      const rows = await dialect.queryRows(
        db,
        `select i.id, i.person_key, i.sent_at, i.sent_at_earliest, i.note, i.status, i.status_at, i.source, s.as_of
         from ${INVITATIONS_SEEN}
         where i.account_id = ?`,
        [accountId],
      );
      return rows.map(
        (r): LedgerFact => ({
          id: Number(r[0]),
          personKey: r[1] as string,
          sentAt: Number(r[2]),
          sentAtEarliest: Number(r[3]),
          note: r[4] as string | null,
          status: r[5] as InvitationStatus,
          statusAt: r[6] === null ? null : Number(r[6]),
          source: r[7] as SourceKind,
          firstSeenAt: r[8] === null ? null : Number(r[8]),
        }),
      );
    },
    async insertInvitations(accountId, rows) {
      mustHold(accountId, 'insertInvitations');
      await insertInBatches(db, dialect, 'invitations', INVITATION_COLUMNS, rows, (r: NewInvitation) => [
        accountId,
        r.personKey,
        r.nameKey,
        r.profileUrl,
        r.name,
        r.headline,
        r.sentAt,
        r.sentAtEarliest,
        r.note,
        r.templateId,
        r.source,
        r.status,
        r.statusAt,
        r.snapshotId,
        r.recordedAt,
      ]);
      // Counted once written (a caller that caught a failed insert must not leave figures moved).
      const byStatus = new Map<string, number>();
      for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      for (const [status, n] of byStatus) countChange(scope, accountId, null, status, n);
    },
    async insertInvitation(accountId, r) {
      mustHold(accountId, 'insertInvitation');
      const row = await db
        .insertInto('invitations')
        .values({
          account_id: accountId,
          person_key: r.personKey,
          name_key: r.nameKey,
          profile_url: r.profileUrl,
          name: r.name,
          headline: r.headline,
          sent_at: r.sentAt,
          sent_at_earliest: r.sentAtEarliest,
          note: r.note,
          template_id: r.templateId,
          source: r.source,
          status: r.status,
          status_at: r.statusAt,
          snapshot_id: r.snapshotId,
          created_at: r.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      countChange(scope, accountId, null, r.status);
      return Number(row.id);
    },
    async updateInvitations(accountId, given) {
      mustHold(accountId, 'updateInvitations');
      await updateInvitationRows(db, dialect, scope, accountId, given);
    },
  };
}

/** See InvitationStore.updateInvitations: the rows changed, and the kept figures moved by them. */
async function updateInvitationRows(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null,
  accountId: number,
  given: readonly InvitationChange[],
): Promise<void> {
  // An invitation changed twice in one call takes both changes, the later winning a column: each
  // row once, so that no statement has to update one row twice (PostgreSQL's update from a list
  // of values takes one of them, which one unsaid).
  const merged = new Map<number, InvitationChange>();
  for (const c of given) merged.set(c.id, { ...merged.get(c.id), ...c });
  const changes = [...merged.values()];
  // The kept figures move by each change of status, from the one the invitation had.
  const moved = changes.filter((c) => c.status !== undefined);
  const was = new Map<number, string>();
  for (const ids of chunks(
    moved.map((c) => c.id),
    2000,
  )) {
    const rows = await dialect.queryRows(
      db,
      `select id, status from invitations where account_id = ? and id in (${ids.map(() => '?').join(', ')})`,
      [accountId, ...ids],
    );
    for (const r of rows) was.set(Number(r[0]), r[1] as string);
  }
  // One statement per set of columns changed, each row with its own values.
  const byColumns = new Map<string, { columns: string[]; rows: unknown[][] }>();
  for (const change of changes) {
    const set = invitationSet(change);
    const columns = Object.keys(set);
    if (columns.length === 0) continue;
    const id = columns.join(',');
    const group = byColumns.get(id) ?? { columns, rows: [] };
    group.rows.push([...columns.map((c) => set[c]), accountId, change.id]);
    byColumns.set(id, group);
  }
  for (const { columns, rows } of byColumns.values()) {
    await dialect.updateMany(db, 'invitations', columns, ['account_id', 'id'], rows);
  }
  for (const c of moved) {
    const from = was.get(c.id);
    if (from !== undefined) countChange(scope, accountId, from, c.status!);
  }
}

function invitationSet(c: InvitationChange): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (c.status !== undefined) set.status = c.status;
  if (c.statusAt !== undefined) set.status_at = c.statusAt;
  if (c.sentAt !== undefined) set.sent_at = c.sentAt;
  if (c.sentAtEarliest !== undefined) set.sent_at_earliest = c.sentAtEarliest;
  if (c.source !== undefined) set.source = c.source;
  if (c.personKey !== undefined) set.person_key = c.personKey;
  if (c.profileUrl !== undefined) set.profile_url = c.profileUrl;
  if (c.name !== undefined) set.name = c.name;
  if (c.headline !== undefined) set.headline = c.headline;
  return set;
}

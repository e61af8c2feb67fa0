import type { Kysely, Selectable } from 'kysely';
import type { SnapshotRecord, SnapshotStore } from '../../app/ports.ts';
import type { Database, SnapshotsTable } from '../schema.ts';
import { lockCheck, type WriteScope } from './scope.ts';

/** The imports: one snapshot a file (export or Sent page), known by its content hash. */
export function snapshotRepository(db: Kysely<Database>, scope: WriteScope | null): SnapshotStore {
  const mustHold = lockCheck(scope);
  return {
    async findSnapshotByHash(accountId, contentHash) {
      const row = await db
        .selectFrom('snapshots')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('content_hash', '=', contentHash)
        .executeTakeFirst();
      return row ? toSnapshot(row) : null;
    },
    async latestInvitationSnapshotAsOf(accountId) {
      const row = await db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.max('as_of').as('as_of'))
        .where('account_id', '=', accountId)
        .where('covers_invitations', '=', 1)
        .executeTakeFirst();
      return row?.as_of == null ? null : Number(row.as_of);
    },
    async createSnapshot(accountId, s) {
      mustHold(accountId, 'createSnapshot');
      const row = await db
        .insertInto('snapshots')
        .values({
          account_id: accountId,
          kind: s.kind,
          file: s.file,
          content_hash: s.contentHash,
          as_of: s.asOf,
          imported_at: s.importedAt,
          covers_invitations: s.coversInvitations ? 1 : 0,
          report: JSON.stringify(s.report),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async saveSnapshotReport(accountId, id, report) {
      mustHold(accountId, 'saveSnapshotReport');
      await db
        .updateTable('snapshots')
        .set({ report: JSON.stringify(report) })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },
    async listSnapshots(accountId) {
      const rows = await db
        .selectFrom('snapshots')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('as_of')
        .orderBy('id')
        .execute();
      return rows.map(toSnapshot);
    },
  };
}

function toSnapshot(r: Omit<Selectable<SnapshotsTable>, 'account_id'>): SnapshotRecord {
  return {
    id: Number(r.id),
    kind: r.kind as SnapshotRecord['kind'],
    file: r.file,
    contentHash: r.content_hash,
    asOf: Number(r.as_of),
    importedAt: Number(r.imported_at),
    coversInvitations: Number(r.covers_invitations) === 1,
    report: JSON.parse(r.report) as Record<string, unknown>,
  };
}

import { type Kysely, sql } from 'kysely';
import type { EventRecord, EventStore } from '../../app/ports.ts';
import type { Report } from '../../core/index.ts';
import type { Database } from '../schema.ts';
import { countChange, countConnections, lockCheck, type WriteScope } from './scope.ts';

/** The member's records (sent, withdrawn, accepted, reported) and the imports, as events. */
export function eventRepository(db: Kysely<Database>, scope: WriteScope | null): EventStore {
  const mustHold = lockCheck(scope);
  return {
    async addEvent(accountId, e: EventRecord) {
      mustHold(accountId, 'addEvent');
      await db
        .insertInto('events')
        .values({
          account_id: accountId,
          kind: e.kind,
          person_key: e.personKey,
          invitation_id: e.invitationId,
          at: e.at,
          data: JSON.stringify(e.data),
          recorded_at: e.recordedAt,
        })
        .execute();
    },
    async recordsSince(accountId, since) {
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', 'in', ['sent', 'withdrawn', 'accepted', 'reported'])
        .where('recorded_at', '>=', since)
        .orderBy('recorded_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind as EventRecord['kind'],
        personKey: r.person_key,
        invitationId: r.invitation_id === null ? null : Number(r.invitation_id),
        at: Number(r.at),
        data: JSON.parse(r.data) as Record<string, unknown>,
        recordedAt: Number(r.recorded_at),
      }));
    },
    async removeRecord(accountId, remove) {
      mustHold(accountId, 'removeRecord');
      await db
        .deleteFrom('events')
        .where('account_id', '=', accountId)
        .where('id', '=', remove.eventId)
        .execute();
      if (remove.invitationId !== undefined) {
        const gone = await db
          .deleteFrom('invitations')
          .where('account_id', '=', accountId)
          .where('id', '=', remove.invitationId)
          .returning('status')
          .executeTakeFirst();
        if (gone) countChange(scope, accountId, gone.status, null);
      }
      if (remove.connectionKey !== undefined) {
        const gone = await db
          .deleteFrom('connections')
          .where('account_id', '=', accountId)
          .where('person_key', '=', remove.connectionKey)
          .executeTakeFirst();
        countConnections(scope, accountId, -Number(gone.numDeletedRows));
      }
    },
    async listReports(accountId): Promise<Report[]> {
      const rows = await db
        .selectFrom('events')
        .select(['person_key', 'at'])
        .where('account_id', '=', accountId)
        .where('kind', '=', 'reported')
        .orderBy('at')
        .execute();
      return rows
        .filter((r) => r.person_key !== null)
        .map((r) => ({ personKey: r.person_key!, at: Number(r.at) }));
    },
    async trackingSince(accountId) {
      const snap = await db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.min('as_of').as('t'))
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      const manual = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.min('sent_at').as('t'))
        .where('account_id', '=', accountId)
        // a literal, so that SQLite can use the partial index of invitations recorded by hand
        .where('source', '=', sql.lit('manual'))
        .executeTakeFirst();
      // An export is a history: tracking reaches back to the first invitation one listed.
      const fromExport = await db
        .selectFrom('invitations')
        .select('sent_at as t')
        .where('account_id', '=', accountId)
        .where('source', '=', sql.lit('export'))
        .orderBy('sent_at')
        .limit(1)
        .executeTakeFirst();
      const values = [snap?.t, manual?.t, fromExport?.t].filter((v) => v != null).map(Number);
      return values.length ? Math.min(...values) : null;
    },
    async lastImportAt(accountId) {
      const row = await db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.max('as_of').as('t'))
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.t == null ? null : Number(row.t);
    },
  };
}

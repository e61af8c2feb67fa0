import type { Kysely } from 'kysely';
import type { ConnectionStore } from '../../app/ports.ts';
import { isNameKey } from '../../core/index.ts';
import type { StoreDialect, UpsertSpec } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { BATCH, dedupeBy, uniqueBy } from './rows.ts';
import { countConnections, lockCheck, type WriteScope } from './scope.ts';
import { targetKeys } from './targets.ts';

const CONNECTION_COLUMNS = [
  'account_id',
  'person_key',
  'name_key',
  'profile_url',
  'name',
  'connected_on',
  'snapshot_id',
] as const;

/** A connection is new by (account, person); it changes when its date or name does. */
const CONNECTION_UPSERT: UpsertSpec = {
  columns: CONNECTION_COLUMNS,
  key: ['account_id', 'person_key'],
  compare: ['connected_on', 'name'],
  update: ['connected_on', 'name', 'name_key', 'snapshot_id'],
};

/** The member's connections, as exports list them. */
export function connectionRepository(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null,
): ConnectionStore {
  const mustHold = lockCheck(scope);
  return {
    async upsertConnections(accountId, rows, snapshotId) {
      mustHold(accountId, 'upsertConnections');
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = dedupeBy(rows.slice(i, i + BATCH), (r) => r.personKey);
        const done = await dialect.upsertMany(
          db,
          'connections',
          CONNECTION_UPSERT,
          batch.map((r) => [
            accountId,
            r.personKey,
            r.nameKey,
            r.profileUrl,
            r.name,
            r.connectedOn,
            snapshotId,
          ]),
        );
        inserted += done.inserted;
        updated += done.updated;
      }
      countConnections(scope, accountId, inserted);
      return { inserted, updated };
    },
    async countConnections(accountId) {
      // Kept with the account (account_versions, migration 0011): a count of a million connections
      // would step through a million index entries. Inside a write, with what it added so far
      // (Store.write moves the kept figure only at its end).
      const row = await db
        .selectFrom('account_versions')
        .select('connections')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(row?.connections ?? 0) + (scope?.counts.get(accountId)?.connections ?? 0);
    },
    async findConnection(accountId, personKey, nameKey) {
      const rows = db.selectFrom('connections').selectAll().where('account_id', '=', accountId);
      const row =
        (await rows.where('person_key', '=', personKey).executeTakeFirst()) ??
        (await rows.where('name_key', '=', nameKey).where('profile_url', 'is', null).executeTakeFirst());
      return row
        ? {
            personKey: row.person_key,
            nameKey: row.name_key,
            profileUrl: row.profile_url,
            name: row.name,
            connectedOn: Number(row.connected_on),
          }
        : null;
    },
    async connectionsMatching(accountId, personKey, nameKey) {
      const rows = db
        .selectFrom('connections')
        .select(['person_key', 'name', 'connected_on'])
        .where('account_id', '=', accountId);
      const byName = isNameKey(personKey)
        ? rows.where('name_key', '=', nameKey)
        : rows.where('name_key', '=', nameKey).where('profile_url', 'is', null);
      const found = await rows.where('person_key', '=', personKey).unionAll(byName).execute();
      return uniqueBy(found, (r) => r.person_key).map(toConnectionRef);
    },
    async connectionsOfTargets(accountId) {
      const own = db
        .selectFrom('connections')
        .select(['person_key', 'name', 'connected_on'])
        .where('account_id', '=', accountId);
      const of = targetKeys(db, accountId);
      const found = await own
        .where('person_key', 'in', of.personKeys)
        .unionAll(own.where('name_key', 'in', of.urlLessNameKeys))
        .unionAll(own.where('profile_url', 'is', null).where('name_key', 'in', of.nameKeys))
        .execute();
      return uniqueBy(found, (r) => r.person_key).map(toConnectionRef);
    },
    async listConnectionRefs(accountId) {
      const rows = await db
        .selectFrom('connections')
        .select(['person_key', 'name', 'connected_on'])
        .where('account_id', '=', accountId)
        .execute();
      return rows.map(toConnectionRef);
    },
  };
}

function toConnectionRef(r: { person_key: string; name: string; connected_on: number }) {
  return { personKey: r.person_key, name: r.name, connectedOn: Number(r.connected_on) };
}

import type { Kysely, Selectable } from 'kysely';
import type { TargetRecord, TargetStore } from '../../app/ports.ts';
import { compareText, type Relation } from '../../core/index.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database, TargetsTable } from '../schema.ts';
import { BATCH, insertInBatches, uniqueBy } from './rows.ts';
import { lockCheck, type WriteScope } from './scope.ts';

const TARGET_COLUMNS = [
  'account_id',
  'person_key',
  'name',
  'name_key',
  'profile_url',
  'relation',
  'mutual_connections',
  'connection_count',
  'timezone',
  'tags',
  'company',
  'headline',
  'custom',
  'do_not_contact',
  'added_at',
  'updated_at',
] as const;

/** The queue of people the member means to invite. */
export function targetRepository(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null,
): TargetStore {
  const mustHold = lockCheck(scope);
  return {
    async listTargets(accountId) {
      const rows = await db
        .selectFrom('targets')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('added_at')
        .orderBy('person_key')
        .execute();
      return rows.map(toTarget);
    },
    async findTargets(accountId, personKey, nameKey) {
      const rows = db.selectFrom('targets').selectAll().where('account_id', '=', accountId);
      const found = await rows
        .where('person_key', '=', personKey)
        .unionAll(rows.where('name_key', '=', nameKey))
        .execute();
      return uniqueBy(found, (r) => r.person_key)
        .map(toTarget)
        .sort((a, b) => a.addedAt - b.addedAt || compareText(a.personKey, b.personKey));
    },
    async insertTargets(accountId, rows) {
      mustHold(accountId, 'insertTargets');
      await insertInBatches(db, dialect, 'targets', TARGET_COLUMNS, rows, (t: TargetRecord) => [
        accountId,
        ...targetValues(t),
      ]);
    },
    async updateTarget(accountId, personKey, t) {
      mustHold(accountId, 'updateTarget');
      const values = targetValues(t);
      const set: Record<string, unknown> = {};
      TARGET_COLUMNS.slice(1).forEach((column, i) => {
        set[column] = values[i];
      });
      await db
        .updateTable('targets')
        .set(set)
        .where('account_id', '=', accountId)
        .where('person_key', '=', personKey)
        .execute();
    },
    async deleteTargets(accountId, personKeys) {
      mustHold(accountId, 'deleteTargets');
      let deleted = 0;
      for (let i = 0; i < personKeys.length; i += BATCH) {
        const result = await db
          .deleteFrom('targets')
          .where('account_id', '=', accountId)
          .where('person_key', 'in', personKeys.slice(i, i + BATCH))
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    },
  };
}

/**
 * The queued targets' keys as subqueries, to find their people in another table as the eligibility
 * rules match people: by key, and by name where either side has no URL (each side's keys are looked
 * up in the other's name index: a join on the names would probe every row of the account).
 */
export function targetKeys(db: Kysely<Database>, accountId: number) {
  const targets = db.selectFrom('targets').where('account_id', '=', accountId);
  return {
    personKeys: targets.select('person_key'),
    nameKeys: targets.select('name_key'),
    urlLessNameKeys: targets.select('name_key').where('profile_url', 'is', null),
  };
}

/** A target's values in the order of TARGET_COLUMNS without account_id. */
function targetValues(t: TargetRecord): unknown[] {
  return [
    t.personKey,
    t.name,
    t.nameKey,
    t.profileUrl,
    t.relation,
    t.mutualConnections,
    t.connectionCount,
    t.timezone,
    JSON.stringify(t.tags),
    t.company,
    t.headline,
    JSON.stringify(t.custom),
    t.doNotContact ? 1 : 0,
    t.addedAt,
    t.updatedAt,
  ];
}

function toTarget(r: Omit<Selectable<TargetsTable>, 'account_id'>): TargetRecord {
  return {
    personKey: r.person_key,
    name: r.name,
    nameKey: r.name_key,
    profileUrl: r.profile_url,
    relation: r.relation as Relation | null,
    mutualConnections: r.mutual_connections === null ? null : Number(r.mutual_connections),
    connectionCount: r.connection_count === null ? null : Number(r.connection_count),
    timezone: r.timezone,
    tags: JSON.parse(r.tags) as string[],
    company: r.company,
    headline: r.headline,
    custom: JSON.parse(r.custom) as Record<string, string>,
    doNotContact: Number(r.do_not_contact) === 1,
    addedAt: Number(r.added_at),
    updatedAt: Number(r.updated_at),
  };
}

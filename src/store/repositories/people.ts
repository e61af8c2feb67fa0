import { type Kysely, sql } from 'kysely';
import type { OwnProfileRecord, OwnProfileStore, PeopleStore, PersonFacts } from '../../app/ports.ts';
import type { Database } from '../schema.ts';
import { dedupeBy } from './rows.ts';
import { lockCheck, type WriteScope } from './scope.ts';

/** What is known of people (their headlines, from the Sent page), and of the member's own profile. */
export function peopleRepository(
  db: Kysely<Database>,
  scope: WriteScope | null,
): PeopleStore & OwnProfileStore {
  const mustHold = lockCheck(scope);
  return {
    async upsertPeople(accountId, people: readonly PersonFacts[], now) {
      mustHold(accountId, 'upsertPeople');
      for (const p of dedupeBy(people, (x) => x.personKey)) {
        await db
          .insertInto('people')
          .values({
            account_id: accountId,
            person_key: p.personKey,
            profile_url: p.profileUrl,
            name: p.name,
            headline: p.headline,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['account_id', 'person_key']).doUpdateSet({
              name: p.name,
              headline: sql`coalesce(${p.headline}, people.headline)`,
              profile_url: sql`coalesce(${p.profileUrl}, people.profile_url)`,
              updated_at: now,
            }),
          )
          .execute();
      }
    },
    async saveOwnProfile(accountId, profile: OwnProfileRecord, now) {
      mustHold(accountId, 'saveOwnProfile');
      const existing = await db
        .selectFrom('own_profiles')
        .select('as_of')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (existing && Number(existing.as_of) > profile.asOf) return false;
      const values = {
        headline: profile.headline,
        as_of: profile.asOf,
        snapshot_id: profile.snapshotId,
        updated_at: now,
      };
      await db
        .insertInto('own_profiles')
        .values({ account_id: accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .execute();
      return true;
    },
    async loadOwnProfile(accountId) {
      const row = await db
        .selectFrom('own_profiles')
        .select(['headline', 'as_of', 'snapshot_id'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        headline: row.headline,
        asOf: Number(row.as_of),
        snapshotId: row.snapshot_id === null ? null : Number(row.snapshot_id),
      };
    },
  };
}

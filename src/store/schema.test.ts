/**
 * The schema as docs/scaling.md needs it on PostgreSQL: every key of an account-keyed table
 * includes account_id, and a foreign key may lead only to a reference table (none does).
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createStore, REFERENCE_TABLES } from './index.ts';
import { storesFor } from './testing/contract.ts';
import { dialects } from './testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { stores } = storesFor(dialect);

    it.runIf(dialect.name === 'postgres')(
      'every key of an account-keyed table includes account_id, as a distributed table needs (docs/scaling.md)',
      async () => {
        const location = await dialect.fresh();
        const store = await createStore(location);
        stores.push(store);
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          const { rows } = await client.query<{
            table: string;
            constraint: string;
            type: string;
            columns: string[];
          }>(`
            select c.relname as table, k.conname as constraint, k.contype as type,
                   array(select a.attname::text from unnest(k.conkey) n join pg_attribute a
                         on a.attrelid = k.conrelid and a.attnum = n order by a.attname) as columns
            from pg_constraint k join pg_class c on c.oid = k.conrelid
            join pg_namespace s on s.oid = c.relnamespace and s.nspname = current_schema()
            where k.contype in ('p', 'u', 'f') and c.relname not like 'kysely_%'
            order by 1, 2`);
          const keyed = (
            await client.query<{ table: string }>(`
            select table_name as table from information_schema.columns
            where table_schema = current_schema() and column_name = 'account_id' order by 1`)
          ).rows.map((r) => r.table);
          expect(keyed).toEqual(
            expect.arrayContaining(['connections', 'events', 'invitations', 'people', 'snapshots']),
          );
          for (const table of keyed) {
            const keys = rows.filter((r) => r.table === table && r.type !== 'f');
            expect(keys.length, `${table} has a primary key`).toBeGreaterThan(0);
            for (const k of keys) expect(k.columns, `${table}.${k.constraint}`).toContain('account_id');
            // Foreign keys from a distributed table may only point at reference tables.
            for (const f of rows.filter((r) => r.table === table && r.type === 'f')) {
              expect(f.constraint, `${table} has a foreign key`).toBe('allowed only to reference tables');
            }
          }
          // Reference tables never point at distributed ones.
          const reference = rows.filter((r) => (REFERENCE_TABLES as readonly string[]).includes(r.table));
          expect(reference.map((r) => r.table)).toEqual(
            expect.arrayContaining(['accounts', 'users', 'workspaces']),
          );
        } finally {
          await client.end();
        }
      },
    );
  });
}

import { CompiledQuery, type CreateTableBuilder, Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { InviteKeeperError } from '../../core/index.ts';
import type { StoreDialect, StoreOptions } from '../dialect.ts';
import type { Database } from '../schema.ts';

// Instants are bigint columns; their values (epoch ms) fit a double exactly, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Rows per multi-row INSERT: 14 columns x 2,000 rows stays under PostgreSQL's 65,535 parameters. */
const PG_INSERT_ROWS = 2000;

/**
 * PostgreSQL through node-postgres. Tables are keyed (account_id, id) so they can be distributed
 * by account; writers of one account are serialised by a transaction-scoped advisory lock.
 */
export function openPostgres(url: string, options: StoreOptions = {}): StoreDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    // An idle client lost its server; the next query reports it.
  });
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery
      ? {
          log: (e: LogEvent) => {
            if (e.level === 'query') onQuery(e.query.sql);
          },
        }
      : {}),
  });
  const lockAccount = async (trx: Kysely<Database>, accountId: number) => {
    // Two int4 keys: our namespace, and the account id (ids beyond int4 share a key, which only serialises more).
    await sql`select pg_advisory_xact_lock(${ADVISORY_NAMESPACE}::int4, (${accountId}::int8 % 2147483647)::int4)`.execute(
      trx,
    );
  };
  const location = redact(url);

  return {
    name: 'postgres',
    location,
    db,
    bigint: 'bigint',
    addAccountScopedId<T extends string, C extends string>(
      table: CreateTableBuilder<T, C>,
      opts: { accountScoped: boolean },
    ) {
      if (!opts.accountScoped) {
        return table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
      }
      return table
        .addColumn('id', 'bigint', (col) => col.notNull().generatedByDefaultAsIdentity())
        .addPrimaryKeyConstraint(`${tableName(table)}_pk`, ['account_id' as C, 'id']);
    },
    async insertMany(trx, table, columns, rows) {
      for (let i = 0; i < rows.length; i += PG_INSERT_ROWS) {
        const chunk = rows.slice(i, i + PG_INSERT_ROWS);
        const values = chunk.map((row) => sql`(${sql.join(row.map((v) => sql`${v}`))})`);
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
          trx,
        );
      }
    },
    async queryRows(db, text, params) {
      let n = 0;
      const numbered = text.replace(/\?/g, () => `$${++n}`);
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(numbered, [...params]));
      return result.rows.map((row) => Object.values(row));
    },
    async updateMany(trx, table, columns, key, rows) {
      // Rows that set the same values (every invitation a snapshot closed at its as-of) share one
      // statement; the others go one by one.
      const groups = new Map<string, { values: readonly unknown[]; keys: (readonly unknown[])[] }>();
      for (const row of rows) {
        const values = row.slice(0, columns.length);
        const id = JSON.stringify(values);
        const group = groups.get(id) ?? { values, keys: [] };
        group.keys.push(row.slice(columns.length));
        groups.set(id, group);
      }
      const set = (values: readonly unknown[]) =>
        sql.join(columns.map((c, i) => sql`${sql.ref(c)} = ${values[i]}`));
      for (const { values, keys } of groups.values()) {
        for (let i = 0; i < keys.length; i += PG_INSERT_ROWS) {
          const match = keys.slice(i, i + PG_INSERT_ROWS).map(
            (k) =>
              sql`(${sql.join(
                key.map((c, j) => sql`${sql.ref(c)} = ${k[j]}`),
                sql` and `,
              )})`,
          );
          await sql`update ${sql.table(table)} set ${set(values)} where ${sql.join(match, sql` or `)}`.execute(
            trx,
          );
        }
      }
    },
    async upsertMany(trx, table, spec, rows) {
      let inserted = 0;
      let updated = 0;
      const perStatement = Math.max(1, Math.floor((PG_INSERT_ROWS * 14) / spec.columns.length));
      const ref = (c: string) => sql.ref(c);
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        const values = chunk.map((row) => sql`(${sql.join(row.map((v) => sql`${v}`))})`);
        // xmax is 0 on a freshly inserted row version: how PostgreSQL tells an insert from an update.
        const result = await sql<{
          inserted: boolean;
        }>`insert into ${sql.table(table)} (${sql.join(spec.columns.map(ref))})
          values ${sql.join(values)}
          on conflict (${sql.join(spec.key.map(ref))}) do update
          set ${sql.join(spec.update.map((c) => sql`${ref(c)} = excluded.${ref(c)}`))}
          where (${sql.join(spec.compare.map((c) => sql`${sql.table(table)}.${ref(c)}`))})
            is distinct from (${sql.join(spec.compare.map((c) => sql`excluded.${ref(c)}`))})
          returning (xmax = 0) as inserted`.execute(trx);
        for (const r of result.rows) {
          if (r.inserted) inserted++;
          else updated++;
        }
      }
      return { inserted, updated };
    },
    async writeTransaction(lockKey, fn) {
      try {
        return await db.transaction().execute(async (trx) => {
          if (lockKey !== null) await lockAccount(trx, lockKey);
          return fn(trx);
        });
      } catch (error) {
        throw translate(error, location);
      }
    },
    lockAccount,
    async writeMarker(trx) {
      const r = await sql<{ x: string | null }>`select pg_current_xact_id_if_assigned()::text as x`.execute(
        trx,
      );
      return r.rows[0]?.x ?? '';
    },
    exclusively: (fn) => fn(),
    async createIdTable(trx, name) {
      await sql`create temp table if not exists ${sql.table(name)} (id bigint primary key) on commit drop`.execute(
        trx,
      );
      await sql`truncate ${sql.table(`pg_temp.${name}`)}`.execute(trx);
    },
    async dropIdTable(trx, name) {
      await sql`drop table if exists ${sql.table(`pg_temp.${name}`)}`.execute(trx);
    },
    async ownTables(db) {
      const tables = (await db.introspection.getTables()).filter((t) => !t.isView);
      const current = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
      return tables.filter((t) => t.schema === current);
    },
    translateError: (error) => translate(error, location),
    async close() {
      await db.destroy();
    },
  };
}

/** The first key of invitekeeper's advisory locks, so they never collide with another program's. */
const ADVISORY_NAMESPACE = 0x1c4e;

function tableName(table: CreateTableBuilder<string, string>): string {
  return (table.toOperationNode().table.table.identifier.name as string) ?? 'table';
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function translate(error: unknown, location: string): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: string }).code ?? '';
  if (
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'ETIMEDOUT',
      'ECONNRESET',
      '57P01',
      '57P03',
      '3D000',
      '28P01',
      '28000',
    ].includes(code)
  ) {
    return new InviteKeeperError(
      'DB_ERROR',
      `cannot use the PostgreSQL database ${location}: ${error.message}`,
    );
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return new InviteKeeperError('DB_BUSY', `the PostgreSQL database ${location} is busy: ${error.message}`);
  }
  return error;
}

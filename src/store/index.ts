/**
 * The store: the Kysely schema, its migrations, the SQLite and PostgreSQL dialects and the
 * repositories that implement the app's ports. `createStore` opens a database from a file path or
 * a postgres:// URL and brings its schema up to date before anything else touches it.
 */
import os from 'node:os';
import path from 'node:path';
import { type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Store } from '../app/ports.ts';
import { InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import type { StoreDialect, StoreOptions } from './dialect.ts';
import { openSqlite } from './dialects/sqlite.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { createRepositories, type WriteScope } from './repositories/index.ts';

export type { StoreDialect, StoreOptions } from './dialect.ts';
export { DEFAULT_WORKSPACE, REFERENCE_TABLES } from './repositories/index.ts';

/** Whether a --db value names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Where the database lives when neither --db nor INVITEKEEPER_DB says: the platform's per-user
 * data folder (XDG_DATA_HOME or ~/.local/share on Linux, ~/Library/Application Support on macOS,
 * %APPDATA% on Windows), in an `invitekeeper` folder.
 */
export function defaultDatabasePath(
  env: Readonly<Record<string, string | undefined>>,
  platform = process.platform,
): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  let base: string;
  if (platform === 'darwin') base = path.join(home, 'Library', 'Application Support');
  else if (platform === 'win32') base = env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  else base = env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  return path.join(base, 'invitekeeper', 'invitekeeper.db');
}

/** Opens the database at `location` (a file path, `:memory:` or a postgres:// URL) and migrates it. */
export async function createStore(location: string, options: StoreOptions = {}): Promise<Store> {
  const dialect = await openDialect(location, options);
  try {
    await migrate(dialect);
  } catch (error) {
    await dialect.close().catch(() => {});
    throw isInviteKeeperError(error) ? error : dialect.translateError(error);
  }
  return storeOn(dialect);
}

async function openDialect(location: string, options: StoreOptions): Promise<StoreDialect> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./dialects/postgres.ts');
    return openPostgres(location, options);
  }
  return openSqlite(location, options);
}

function storeOn(dialect: StoreDialect): Store {
  const repos = createRepositories(dialect.db, dialect);
  return {
    ...repos,
    dialect: dialect.name,
    location: dialect.location,
    write: (accountId, fn) =>
      dialect.writeTransaction(accountId, async (trx) => {
        const scope: WriteScope = {
          locked: new Set(accountId === null ? [] : [accountId]),
          purged: new Set<number>(),
          counts: new Map(),
        };
        const before = await dialect.writeMarker(trx);
        const result = await fn(createRepositories(trx, dialect, scope));
        // Whatever the transaction changed moves the version of each account it held (a purged
        // account has nothing left to move); a transaction that changed nothing moves none. The
        // version lives in account_versions, beside the account's data: not in accounts, which a
        // distributed schema copies to every node (docs/scaling.md). The account's kept figures
        // (migration 0011) move in the same statement, by what the writes recorded in the scope.
        if (scope.locked.size > 0 && (await dialect.writeMarker(trx)) !== before) {
          for (const id of scope.locked) {
            if (scope.purged.has(id)) continue;
            const d = scope.counts.get(id) ?? { invitations: 0, pending: 0, accepted: 0, connections: 0 };
            await trx
              .insertInto('account_versions')
              .values({ account_id: id, data_version: 1, ...d })
              .onConflict((oc) =>
                oc.column('account_id').doUpdateSet((eb) => ({
                  data_version: eb(eb.ref('account_versions.data_version'), '+', 1),
                  invitations: eb(eb.ref('account_versions.invitations'), '+', d.invitations),
                  pending: eb(eb.ref('account_versions.pending'), '+', d.pending),
                  accepted: eb(eb.ref('account_versions.accepted'), '+', d.accepted),
                  connections: eb(eb.ref('account_versions.connections'), '+', d.connections),
                })),
              )
              .execute();
          }
        }
        return result;
      }),
    async dumpTables() {
      const out: Record<string, unknown[]> = {};
      const tables = await dialect.ownTables(dialect.db);
      for (const t of tables.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const n = t.columns.length;
        const order = Array.from({ length: n }, (_, i) => sql.raw(String(i + 1)));
        const rows = (
          await sql`select * from ${sql.table(t.name)} order by ${sql.join(order)}`.execute(dialect.db)
        ).rows;
        // Sorted again in code-point order: text collations differ between servers.
        out[t.name] = rows.sort((a, b) => compareRows(a, b));
      }
      return out;
    },
    close: () => dialect.close(),
  };
}

async function migrate(dialect: StoreDialect): Promise<void> {
  // Every command opens the store; a database already up to date is only read here, so that a
  // `plan` never queues behind an import for the migrator's write lock.
  if (await upToDate(dialect)) return;
  const migrations: Record<string, Migration> = {};
  for (const m of MIGRATIONS) migrations[m.name] = { up: (db) => m.up(db, dialect) };
  const migrator = new Migrator({ db: dialect.db, provider: { getMigrations: async () => migrations } });
  let outcome: MigrationResultSet | undefined;
  try {
    // Two commands opening a new database at once: one migrates, the other then finds it done.
    await dialect.exclusively(async () => {
      outcome = await migrator.migrateToLatest();
      if (outcome.error) throw outcome.error;
    });
  } catch (error) {
    const failed = outcome?.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = dialect.translateError(error);
    if (isInviteKeeperError(cause)) throw cause;
    throw new InviteKeeperError(
      'DB_ERROR',
      `could not bring the database ${dialect.location} up to date${failed ? ` (migration ${failed})` : ''}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

async function upToDate(dialect: StoreDialect): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(dialect.db);
    const done = new Set(rows.map((r) => r.name));
    return MIGRATIONS.every((m) => done.has(m.name));
  } catch {
    return false;
  }
}

function compareRows(a: unknown, b: unknown): number {
  const x = JSON.stringify(Object.values(a as object));
  const y = JSON.stringify(Object.values(b as object));
  return x < y ? -1 : x > y ? 1 : 0;
}

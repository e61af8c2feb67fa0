/**
 * The store: the Kysely schema, its migrations, the SQLite and PostgreSQL dialects and the
 * repositories that implement the app's ports. `createStore` opens a database from a file path or
 * a postgres:// URL and brings its schema up to date before anything else touches it.
 */
import os from 'node:os';
import path from 'node:path';
import { type Migration, Migrator, sql } from 'kysely';
import type { Store } from '../app/ports.ts';
import { InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import type { StoreDialect } from './dialect.ts';
import { openSqlite } from './dialects/sqlite.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { createRepositories } from './repositories.ts';

export type { StoreDialect } from './dialect.ts';
export { DEFAULT_WORKSPACE } from './repositories.ts';

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
export async function createStore(location: string): Promise<Store> {
  const dialect = await openDialect(location);
  try {
    await migrate(dialect);
  } catch (error) {
    await dialect.close().catch(() => {});
    throw isInviteKeeperError(error) ? error : dialect.translateError(error);
  }
  return storeOn(dialect);
}

async function openDialect(location: string): Promise<StoreDialect> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./dialects/postgres.ts');
    return openPostgres(location);
  }
  return openSqlite(location);
}

/** Every table of the schema, for dumps and purges. */
export const TABLES = [
  'workspaces',
  'accounts',
  'invitations',
  'connections',
  'people',
  'snapshots',
  'events',
  'targets',
  'templates',
  'own_profiles',
] as const;

function storeOn(dialect: StoreDialect): Store {
  const repos = createRepositories(dialect.db, dialect);
  return {
    ...repos,
    dialect: dialect.name,
    location: dialect.location,
    write: (accountId, fn) =>
      dialect.writeTransaction(accountId, (trx) => fn(createRepositories(trx, dialect))),
    async dumpTables() {
      const out: Record<string, unknown[]> = {};
      for (const table of TABLES) {
        out[table] = (await sql`select * from ${sql.table(table)} order by 1, 2`.execute(dialect.db)).rows;
      }
      return out;
    },
    close: () => dialect.close(),
  };
}

async function migrate(dialect: StoreDialect): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const m of MIGRATIONS) migrations[m.name] = { up: (db) => m.up(db, dialect) };
  const migrator = new Migrator({ db: dialect.db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
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

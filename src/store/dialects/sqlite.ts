import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type CreateTableBuilder,
  type DatabaseConnection,
  Kysely,
  type LogEvent,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import { InviteKeeperError } from '../../core/index.ts';
import type { StoreDialect, StoreOptions, UpsertSpec } from '../dialect.ts';
import type { Database } from '../schema.ts';

/**
 * How long one attempt to take the write lock blocks in SQLite's busy handler. Short, because it
 * blocks the event loop: the wait for a long writer (an import of a million rows holds the lock
 * for its whole transaction) is made of attempts with asynchronous pauses between them.
 */
const SQLITE_BUSY_TIMEOUT_MS = 250;

/** How long a writer waits for another process's write to finish before giving up with DB_BUSY. */
export const SQLITE_WRITE_WAIT_MS = 10 * 60_000;

/** The page cache of a connection, in KiB. */
const SQLITE_CACHE_KIB = 64 * 1024;
/** The temporary database's page cache, in KiB (see createIdTable). */
const TEMP_CACHE_KIB = 2048;

/**
 * SQLite through better-sqlite3 (12.x: 13.x crashes on Node 20). WAL mode so readers never block
 * the writer; write transactions start with BEGIN IMMEDIATE so two writers queue on the busy
 * timeout instead of failing with a lock upgrade deadlock.
 */
export function openSqlite(file: string, options: StoreOptions = {}): StoreDialect {
  const location = file === ':memory:' ? ':memory:' : path.resolve(file);
  if (location !== ':memory:') {
    const dir = path.dirname(location);
    try {
      // The data is about other people: a folder made for it, and a new database file, are the
      // member's alone (SQLite gives its -wal and -shm files the database file's mode).
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!fs.existsSync(location)) createPrivately(location);
    } catch (error) {
      throw new InviteKeeperError(
        'DB_ERROR',
        `cannot create the folder ${dir} or the file ${location} for the database: ${String(error)}`,
      );
    }
  }
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(location, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    // A bigger page cache than the default 16 MB keeps a large import's indexes in memory instead of
    // spilling and re-reading them; SQLite allocates it only as pages are used.
    raw.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    if (options.maxPages !== undefined) raw.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
    // Touch the file so a non-database file is refused here with a clear message.
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw translate(error, location);
  }

  // Kysely's driver prepares every statement it runs; compiling the same SQL again costs about as
  // much as running a small query, so statements are kept by their text (bounded: `in (?, ...)`
  // lists make many texts). Reusing one is safe: the single connection runs one query at a time.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      stmt = raw.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    ...(onQuery
      ? {
          log: (e: LogEvent) => {
            if (e.level === 'query') onQuery(e.query.sql);
          },
        }
      : {}),
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new ImmediateSqliteDriver({ prepare: prepared, close: () => raw.close() }, raw),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  let writeDepth = 0;

  return {
    name: 'sqlite',
    location,
    db,
    bigint: 'integer',
    addAccountScopedId<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
      // SQLite's rowid alias is the fastest key; account_id gets its own indexes.
      return table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
    },
    async insertMany(_trx, table, columns, rows) {
      if (rows.length === 0) return;
      // The same single connection Kysely uses, so these rows join the open transaction.
      const stmt = prepared(
        `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      onQuery?.(stmt.source);
      for (const row of rows) stmt.run(row as unknown[]);
    },
    async queryRows(_db, text, params) {
      // The same single connection Kysely uses, so this reads inside an open transaction too.
      const stmt = prepared(text);
      onQuery?.(stmt.source);
      return stmt.raw(true).all(params as unknown[]) as unknown[][];
    },
    async updateMany(_trx, table, columns, key, rows) {
      if (rows.length === 0) return;
      const stmt = prepared(
        `update "${table}" set ${columns.map((c) => `"${c}" = ?`).join(', ')} where ${key.map((c) => `"${c}" = ?`).join(' and ')}`,
      );
      onQuery?.(stmt.source);
      for (const row of rows) stmt.run(row as unknown[]);
    },
    upsertMany: (_trx, table, spec, rows) => upsertRows(prepared, onQuery, table, spec, rows),
    async writeTransaction(_lockKey, fn) {
      if (writeDepth > 0) throw new InviteKeeperError('INTERNAL', 'nested write transaction');
      writeDepth++;
      try {
        // BEGIN IMMEDIATE waits for another process's write to end (see ImmediateSqliteDriver).
        return await db.transaction().execute(fn);
      } catch (error) {
        throw translate(error, location);
      } finally {
        writeDepth--;
      }
    },
    async writeMarker() {
      return String(raw.prepare('select total_changes()').pluck().get());
    },
    async lockAccount() {
      // BEGIN IMMEDIATE took the database's one write lock already.
    },
    async exclusively(fn) {
      // BEGIN IMMEDIATE waits for other writers (see ImmediateSqliteDriver); the migrator's statements
      // then run on this same connection, inside this transaction.
      await db.executeQuery(CompiledQuery.raw('begin immediate'));
      try {
        const result = await fn();
        await db.executeQuery(CompiledQuery.raw('commit'));
        return result;
      } catch (error) {
        if (raw.inTransaction) await db.executeQuery(CompiledQuery.raw('rollback'));
        throw error;
      }
    },
    async createIdTable(trx, name) {
      await sql`create temp table if not exists ${sql.table(name)} (id integer primary key)`.execute(trx);
      // The temporary database's own page cache (16 MB by default in this build): the ids of a
      // million listed invitations spill to its file instead (the OS caches it), which keeps the
      // reconciliation of a 1M ledger within its memory target at the same speed.
      await sql`pragma temp.cache_size = ${sql.raw(String(-TEMP_CACHE_KIB))}`.execute(trx);
      await sql`delete from ${sql.table(`temp.${name}`)}`.execute(trx);
    },
    async dropIdTable(trx, name) {
      await sql`drop table if exists ${sql.table(`temp.${name}`)}`.execute(trx);
    },
    async ownTables(db) {
      // One database file, one namespace: every table is the store's.
      return (await db.introspection.getTables()).filter((t) => !t.isView);
    },
    translateError: (error) => translate(error, location),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * StoreDialect.upsertMany on SQLite: each row inserted, or read and updated when its `compare`
 * columns differ, through statements prepared once (`prepared`, the connection's cache).
 */
async function upsertRows(
  prepared: (sql: string) => BetterSqlite3.Statement,
  onQuery: ((sql: string) => void) | undefined,
  table: string,
  spec: UpsertSpec,
  rows: readonly (readonly unknown[])[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const q = (c: string) => `"${c}"`;
  const at = (c: string) => spec.columns.indexOf(c);
  const keyAt = spec.key.map(at);
  const compareAt = spec.compare.map(at);
  const updateAt = spec.update.map(at);
  const where = spec.key.map((c) => `${q(c)} = ?`).join(' and ');
  const find = prepared(`select ${spec.compare.map(q).join(', ')} from "${table}" where ${where}`).raw();
  // Insert first: a new key costs one statement; only a key already there is read and compared.
  const insert = prepared(
    `insert into "${table}" (${spec.columns.map(q).join(', ')}) values (${spec.columns.map(() => '?').join(', ')}) on conflict (${spec.key.map(q).join(', ')}) do nothing`,
  );
  const update = prepared(
    `update "${table}" set ${spec.update.map((c) => `${q(c)} = ?`).join(', ')} where ${where}`,
  );
  for (const stmt of [insert, find, update]) onQuery?.(stmt.source);
  let inserted = 0;
  let updated = 0;
  const key: unknown[] = new Array(keyAt.length);
  for (const row of rows) {
    if (insert.run(row as unknown[]).changes === 1) {
      inserted++;
      continue;
    }
    for (let i = 0; i < keyAt.length; i++) key[i] = row[keyAt[i]!];
    const existing = find.get(key) as unknown[] | undefined;
    if (existing !== undefined && compareAt.some((c, i) => existing[i] !== row[c])) {
      update.run([...updateAt.map((c) => row[c]), ...key]);
      updated++;
    }
  }
  return { inserted, updated };
}

/** Creates an empty file only its owner may read; another process creating it first is fine. */
function createPrivately(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_LOCKED' ||
    (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'))
  );
}

/**
 * Runs `attempt` again while it fails because another process holds the database (each attempt
 * waits up to the busy timeout in SQLite), with growing pauses, until SQLITE_WRITE_WAIT_MS: two
 * imports and a plan at once simply take turns.
 */
async function whileBusy<R>(attempt: () => Promise<R>): Promise<R> {
  const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
  for (let round = 0; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** Math.min(round, 6))));
    }
  }
}

/** Prepared statements kept per database before the cache starts over. */
const MAX_CACHED_STATEMENTS = 256;

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    database: SqliteDatabase,
    private readonly raw: BetterSqlite3.Database,
  ) {
    super({ database });
  }

  /**
   * A statement outside a transaction (a write such as creating the default account, or the
   * BEGIN IMMEDIATE of a transaction) that meets another process's write lock is tried again
   * until that write ends: it is one atomic statement, so trying again is safe.
   */
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const raw = this.raw;
    return {
      executeQuery: (query) =>
        raw.inTransaction ? connection.executeQuery(query) : whileBusy(() => connection.executeQuery(query)),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite ends a transaction by itself on some errors (a full disk among them); a ROLLBACK then
   * fails with "no transaction is active" and would hide the error that matters.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.raw.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

function translate(error: unknown, location: string): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new InviteKeeperError(
      'DB_BUSY',
      `the database ${location} stayed locked by another invitekeeper process for ${SQLITE_WRITE_WAIT_MS / 60_000} minutes; try again when it has finished`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new InviteKeeperError(
      'DB_ERROR',
      `${location} is not an invitekeeper database (or is damaged): ${error.message}`,
    );
  }
  // SQLITE_IOERR comes with extended codes (SQLITE_IOERR_WRITE, _FSYNC, _SHMSIZE when the -shm file
  // cannot grow): all of them, like SQLITE_FULL, are the disk refusing to take more.
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    return new InviteKeeperError(
      'DB_ERROR',
      `the disk is full (or not writable): nothing was written to the database ${location}, which is as it was before (${error.message})`,
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) {
    return new InviteKeeperError('DB_ERROR', `cannot use the database ${location}: ${error.message}`);
  }
  return error;
}

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
} from 'kysely';
import { InviteKeeperError } from '../../core/index.ts';
import type { StoreDialect, StoreOptions } from '../dialect.ts';
import type { Database } from '../schema.ts';

/** How long a writer waits for another process's lock before giving up with DB_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

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
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new InviteKeeperError(
        'DB_ERROR',
        `cannot create the folder ${dir} for the database: ${String(error)}`,
      );
    }
  }
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(location, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
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
      createDriver: () => new ImmediateSqliteDriver({ prepare: prepared, close: () => raw.close() }),
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
    async writeTransaction(_lockKey, fn) {
      if (writeDepth > 0) throw new InviteKeeperError('INTERNAL', 'nested write transaction');
      writeDepth++;
      try {
        return await db.transaction().execute(fn);
      } catch (error) {
        throw translate(error, location);
      } finally {
        writeDepth--;
      }
    },
    async lockAccount() {
      // BEGIN IMMEDIATE took the database's one write lock already.
    },
    translateError: (error) => translate(error, location),
    async close() {
      await db.destroy();
    },
  };
}

/** Prepared statements kept per database before the cache starts over. */
const MAX_CACHED_STATEMENTS = 256;

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(database: SqliteDatabase) {
    super({ database });
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function translate(error: unknown, location: string): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new InviteKeeperError(
      'DB_BUSY',
      `the database ${location} stayed locked by another invitekeeper process for ${SQLITE_BUSY_TIMEOUT_MS / 1000} s; try again when it has finished`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new InviteKeeperError(
      'DB_ERROR',
      `${location} is not an invitekeeper database (or is damaged): ${error.message}`,
    );
  }
  if (
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_IOERR' ||
    code === 'SQLITE_FULL'
  ) {
    return new InviteKeeperError('DB_ERROR', `cannot use the database ${location}: ${error.message}`);
  }
  return error;
}

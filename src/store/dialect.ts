import type { CreateTableBuilder, Kysely, TableMetadata } from 'kysely';
import type { Database } from './schema.ts';

/**
 * What differs between SQLite and PostgreSQL, and nothing else. Each dialect file implements this;
 * migrations and repositories are written once against Kysely and ask the dialect only for these.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Where the data lives, for messages (a file path or a URL without its password). */
  readonly location: string;
  readonly db: Kysely<Database>;
  /** Type name for instants and other 64-bit integers. */
  readonly bigint: 'integer' | 'bigint';
  /** Adds the generated `id` column and the primary key (account_id, id) or its SQLite equivalent. */
  addAccountScopedId<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
    opts: { accountScoped: boolean },
  ): CreateTableBuilder<T, C | 'id'>;
  /** Inserts many rows fast inside the current transaction (prepared statement or multi-row). */
  insertMany<T extends keyof Database & string>(
    db: Kysely<Database>,
    table: T,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  /**
   * Runs one read of many rows and returns them as arrays, columns in the order selected: for the
   * hot reads (a whole ledger), without an object per row. `text` is portable SQL with `?`
   * placeholders; SQLite caches the prepared statement.
   */
  queryRows(db: Kysely<Database>, text: string, params: readonly unknown[]): Promise<unknown[][]>;
  /**
   * Updates many rows of `table` by key inside the current transaction, each row setting the same
   * `columns` to its own values: `rows` hold the new values then the key values, in that order.
   */
  updateMany<T extends keyof Database & string>(
    db: Kysely<Database>,
    table: T,
    columns: readonly string[],
    key: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  /**
   * Inserts rows whose key is new and updates those whose `compare` columns differ, inside the
   * current transaction; rows of one call must have distinct keys. Returns how many were inserted
   * and how many updated (the rest were unchanged).
   */
  upsertMany<T extends keyof Database & string>(
    db: Kysely<Database>,
    table: T,
    spec: UpsertSpec,
    rows: readonly (readonly unknown[])[],
  ): Promise<{ inserted: number; updated: number }>;
  /**
   * Runs `fn` in a write transaction that serialises writers of the same account: BEGIN IMMEDIATE on
   * SQLite, a transaction-scoped advisory lock on PostgreSQL.
   */
  writeTransaction<R>(accountLockKey: number | null, fn: (trx: Kysely<Database>) => Promise<R>): Promise<R>;
  /**
   * Inside a write transaction: a value that differs once the transaction has changed a row (the
   * connection's change count on SQLite, the transaction id PostgreSQL assigns at the first write).
   */
  writeMarker(trx: Kysely<Database>): Promise<string>;
  /** Inside a write transaction: serialises it with every other writer of the account until it ends. */
  lockAccount(trx: Kysely<Database>, accountId: number): Promise<void>;
  /**
   * Runs `fn` (the migrator) so that no other process migrates the same database meanwhile. On
   * SQLite, whose migrations Kysely runs outside a transaction, it holds the write lock (waiting
   * for it like any writer); PostgreSQL's migrator takes its own lock.
   */
  exclusively<R>(fn: () => Promise<R>): Promise<R>;
  /**
   * The store's own tables (views left out), found by introspection so that tables added by later
   * migrations count. On PostgreSQL only those of the current schema (the one unqualified names
   * resolve to): another schema's tables that share the database are never listed, dumped or purged.
   */
  ownTables(db: Kysely<Database>): Promise<TableMetadata[]>;
  /**
   * Inside a write transaction: creates an empty temporary table `name` of ids (`id` its primary
   * key), private to this connection and gone when the transaction ends at the latest: SQLite's
   * temporary schema belongs to the connection (its DDL rolls back with the transaction; the
   * table is emptied if one was left), PostgreSQL's table is created ON COMMIT DROP in the
   * session's own temporary schema, so transactions on other connections never see each other's.
   */
  createIdTable(trx: Kysely<Database>, name: string): Promise<void>;
  /** Drops the temporary table `name` of createIdTable, if it is there. */
  dropIdTable(trx: Kysely<Database>, name: string): Promise<void>;
  /** Maps a driver error to an InviteKeeperError where it has a meaning for the member (busy, corrupt). */
  translateError(error: unknown): unknown;
  close(): Promise<void>;
}

/** The shape of an upsert: every row holds `columns` in that order. */
export interface UpsertSpec {
  columns: readonly string[];
  /** The columns that identify a row (a unique key of the table). */
  key: readonly string[];
  /** An existing row is updated only when one of these differs. */
  compare: readonly string[];
  /** The columns an update sets. */
  update: readonly string[];
}

/** How a store is opened, beyond its location. */
export interface StoreOptions {
  /** Called with the SQL of every statement sent (tests and benchmarks count and inspect them). */
  onQuery?: (sql: string) => void;
  /**
   * SQLite only: the most pages the database file may grow to (`PRAGMA max_page_count`), so a test
   * can fill a small "disk" and check what a full disk does.
   */
  maxPages?: number;
}

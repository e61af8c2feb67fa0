import type { CreateTableBuilder, Kysely } from 'kysely';
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
   * Runs `fn` in a write transaction that serialises writers of the same account: BEGIN IMMEDIATE on
   * SQLite, a transaction-scoped advisory lock on PostgreSQL.
   */
  writeTransaction<R>(accountLockKey: number | null, fn: (trx: Kysely<Database>) => Promise<R>): Promise<R>;
  /** Inside a write transaction: serialises it with every other writer of the account until it ends. */
  lockAccount(trx: Kysely<Database>, accountId: number): Promise<void>;
  /** Maps a driver error to an InviteKeeperError where it has a meaning for the member (busy, corrupt). */
  translateError(error: unknown): unknown;
  close(): Promise<void>;
}

/** How a store is opened, beyond its location. */
export interface StoreOptions {
  /** Called with the SQL of every statement sent (tests and benchmarks count and inspect them). */
  onQuery?: (sql: string) => void;
}

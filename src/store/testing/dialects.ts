/**
 * The dialects the store contract suite runs on (DESIGN convention 3): SQLite always, PostgreSQL
 * when the global setup found a server (CI's, or an embedded throwaway cluster). A test file does
 *
 *   for (const dialect of dialects) describe.skipIf(dialect.skip)(dialect.label, () => { ... });
 *
 * and asks `dialect.fresh()` for a new, empty database for each test: a SQLite file in a temporary
 * folder, or a database created on the PostgreSQL server (CREATE DATABASE takes milliseconds) and
 * dropped when the file's tests are done, so test files run in parallel without meeting.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

export interface TestDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The describe block's title, saying why it is skipped when it is. */
  readonly label: string;
  /** Why this dialect is skipped (no server), or false. */
  readonly skip: string | false;
  /** A new empty database: a SQLite file path or a postgres:// URL for createStore. */
  fresh(): Promise<string>;
}

const pgUrl = safeInject('pgUrl') ?? process.env.INVITEKEEPER_TEST_PG_URL ?? null;
const pgSkipReason =
  safeInject('pgSkipReason') ?? (pgUrl ? null : 'no PostgreSQL server (run through vitest to get one)');

function safeInject<K extends 'pgUrl' | 'pgSkipReason'>(key: K): string | null | undefined {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}

const sqlite: TestDialect = {
  name: 'sqlite',
  label: 'sqlite',
  skip: false,
  async fresh() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-contract-'));
    return path.join(dir, 'test.db');
  },
};

const created: string[] = [];

/** The URL of the server's admin database with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database on the test server and returns its URL. */
export async function createPgDatabase(adminUrl: string): Promise<string> {
  const name = `ik_test_${process.pid}_${created.length}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  created.push(name);
  return withDatabase(adminUrl, name);
}

async function dropCreated(adminUrl: string): Promise<void> {
  if (created.length === 0) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of created.splice(0))
      await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

const postgres: TestDialect = {
  name: 'postgres',
  label: pgUrl ? 'postgres' : `postgres (SKIPPED: ${pgSkipReason})`,
  skip: pgUrl ? false : (pgSkipReason ?? 'no PostgreSQL server'),
  async fresh() {
    if (!pgUrl) throw new Error(`PostgreSQL is not available: ${pgSkipReason}`);
    return createPgDatabase(pgUrl);
  },
};

if (pgUrl) {
  afterAll(async () => {
    await dropCreated(pgUrl);
  });
}

/** Every dialect, PostgreSQL marked skipped when no server is at hand. */
export const dialects: readonly TestDialect[] = [sqlite, postgres];

/** The PostgreSQL test dialect, for tests that only mean something there (concurrency). */
export const postgresDialect: TestDialect = postgres;

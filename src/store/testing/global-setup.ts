/**
 * Vitest global setup: decides once per test run which PostgreSQL server the contract suite uses,
 * and hands its URL to every test file (`inject('pgUrl')`).
 *
 * 1. INVITEKEEPER_TEST_PG_URL, when set (CI starts a server and sets it);
 * 2. else an embedded throwaway cluster, when PostgreSQL's binaries are on the machine, stopped
 *    after the run;
 * 3. else nothing, and a loud banner says the PostgreSQL half of the suite was skipped.
 */
import type { TestProject } from 'vitest/node';
import { type EmbeddedPostgres, findPostgresBin, startEmbeddedPostgres } from './embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The admin URL of the PostgreSQL server tests create their databases on, or null. */
    pgUrl: string | null;
    /** Why PostgreSQL is not tested, when it is not. */
    pgSkipReason: string | null;
  }
}

let embedded: EmbeddedPostgres | null = null;

export default async function setup(project: TestProject): Promise<() => void> {
  const fromEnv = process.env.INVITEKEEPER_TEST_PG_URL;
  if (fromEnv) {
    project.provide('pgUrl', fromEnv);
    project.provide('pgSkipReason', null);
    return () => {};
  }
  if (process.env.INVITEKEEPER_TEST_PG === 'off') {
    skip(project, 'INVITEKEEPER_TEST_PG=off');
    return () => {};
  }
  const bin = findPostgresBin();
  if (!bin) {
    skip(
      project,
      'no PostgreSQL server binaries (initdb, pg_ctl) were found and INVITEKEEPER_TEST_PG_URL is not set',
    );
    return () => {};
  }
  try {
    embedded = await startEmbeddedPostgres(bin);
  } catch (error) {
    skip(project, `the embedded PostgreSQL from ${bin} did not start: ${(error as Error).message}`);
    return () => {};
  }
  project.provide('pgUrl', embedded.url);
  project.provide('pgSkipReason', null);
  return () => embedded?.stop();
}

function skip(project: TestProject, reason: string): void {
  project.provide('pgUrl', null);
  project.provide('pgSkipReason', reason);
  // for the summary at the end of the run (test/skipped-suites-reporter.ts, in this process)
  process.env.INVITEKEEPER_TEST_PG_SKIPPED = reason;
  const line = '!'.repeat(100);
  console.warn(
    [
      '',
      line,
      '!!  THE POSTGRESQL HALF OF THE STORE CONTRACT SUITE IS SKIPPED',
      `!!  ${reason}.`,
      '!!  Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql)',
      '!!  or point INVITEKEEPER_TEST_PG_URL at a server you may create databases on, e.g.',
      '!!  INVITEKEEPER_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm test',
      line,
      '',
    ].join('\n'),
  );
}

/** Runs the CLI in-process with captured output, for end-to-end tests. Test-only. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './program.ts';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = unknown>(): T;
}

export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { HOME: '/nonexistent-home', ...env },
    packageRoot: PACKAGE_ROOT,
    clock: () => Date.parse('2026-11-26T12:00:00Z'),
  });
  return {
    code,
    stdout,
    stderr,
    json<T>() {
      return JSON.parse(stdout) as T;
    },
  };
}

/** A LinkedIn profile URL from its slug. */
export const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

/** What `plan --json` prints, as the end-to-end tests read it. */
export interface PlanJson {
  asOf: string;
  withdrawals: unknown[];
  withdrawalsDeferred: number;
  sends: Array<{
    name: string;
    profileUrl: string | null;
    note: string | null;
    sendAfter: string;
    score: number;
  }>;
  skipped: Array<{ name: string; profileUrl: string | null; reason: string; until?: string }>;
}

/**
 * The last lines of `npm test` (issue 14): which suites did not run on this machine, why, and the
 * command that enables each. The PostgreSQL half and the browser tests skip themselves when their
 * server or browser is missing (their banners at the top are easy to miss in a long run); this
 * reporter runs after the default one and repeats it at the end, with the count of skipped tests.
 */
import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** The Chromium the browser tests use: $CHROMIUM_PATH, else Debian's. */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  for (const candidate of [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

interface Skipped {
  suite: string;
  why: string;
  enable: string;
  tests: number;
}

export default class SkippedSuitesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let browser = 0;
    let postgres = 0;
    for (const m of modules) {
      const isBrowser = /[\\/]test[\\/](browser|extension)[\\/]/.test(m.moduleId);
      for (const t of m.children.allTests()) {
        if (t.result().state !== 'skipped') continue;
        if (isBrowser) browser++;
        else if (/\bpostgres\b/i.test(t.fullName)) postgres++;
      }
    }
    const skipped: Skipped[] = [];
    const pgReason = process.env.INVITEKEEPER_TEST_PG_SKIPPED;
    if (pgReason && postgres > 0) {
      skipped.push({
        suite: 'PostgreSQL (store contract, team mode, API on PostgreSQL)',
        why: pgReason,
        enable:
          'apt-get install postgresql (or brew install postgresql), or INVITEKEEPER_TEST_PG_URL=postgres://user@host:port/db npm test',
        tests: postgres,
      });
    }
    if (!findChromium() && browser > 0) {
      skipped.push({
        suite: 'browser (dashboard and Sent-page companion in Chromium)',
        why: 'no Chromium at $CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser',
        enable: 'apt-get install chromium, or CHROMIUM_PATH=/path/to/chromium npm test',
        tests: browser,
      });
    }
    if (skipped.length === 0) return;
    const lines = ['', 'Suites this machine could not run (named so that a skip is never silent):'];
    for (const s of skipped) {
      lines.push(`  - ${s.suite}: ${s.tests} tests skipped, ${s.why}.`, `    To run them: ${s.enable}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

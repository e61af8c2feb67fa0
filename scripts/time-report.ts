/**
 * Times `invitekeeper report` on the bundled sample in-process, without the start-up of node and
 * tsx: imports the sample as `npm run demo` does into a throwaway database, then runs the command
 * (open the database, read, compute, render, close) several times and prints each run.
 *
 *   npx tsx scripts/time-report.ts [--json] [--what-if staleAfterDays=7,14,21 ...]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSample, testContext } from '../src/app/testing/fixtures.ts';
import { runCli } from '../src/cli/program.ts';

const RUNS = 7;
const NOW = '2026-11-21T08:30:00Z';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitekeeper-time-'));
try {
  const db = path.join(dir, 'sample.db');
  const ctx = await testContext({ now: NOW, db });
  await importSample(ctx);
  await ctx.store.close();

  const args = ['report', '--db', db, '--now', NOW, ...process.argv.slice(2)];
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let bytes = 0;
    const started = performance.now();
    const code = await runCli(args, {
      stdout: { write: (s: string) => (bytes += s.length) },
      stderr: { write: () => true },
      env: { HOME: dir },
      packageRoot: root,
    });
    times.push(performance.now() - started);
    if (code !== 0) throw new Error(`invitekeeper ${args.join(' ')} exited with ${code}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `invitekeeper ${args.slice(0, 1).concat(process.argv.slice(2)).join(' ')} on the sample, ${RUNS} runs in-process`,
  );
  console.log(`  each (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(
    `  first ${times[0]!.toFixed(0)} ms (cold), median ${sorted[RUNS >> 1]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A child process for the fault tests (test-only): loads the app, says `loaded`, then reads one
 * JSON line from stdin `{ db, dir, account, now, asOf }`, says `importing`, imports the export and
 * prints the report as JSON. Loading before the line arrives lets a test start the next child while
 * it checks the last one, and the `importing` line lets it time a SIGKILL inside the import.
 */
import { createInterface } from 'node:readline';
import { createStore } from '../../store/index.ts';
import { loadConfig } from '../config.ts';
import { importExport } from '../imports/import-snapshot.ts';

interface Job {
  db: string;
  dir: string;
  account: string;
  now: string;
  asOf: number;
}

process.stdout.write('loaded\n');
const lines = createInterface({ input: process.stdin });
const job = await new Promise<Job>((resolve) => lines.once('line', (l) => resolve(JSON.parse(l) as Job)));
lines.close();
process.stdin.destroy();
const config = loadConfig({ db: job.db, account: job.account }, { HOME: '/nonexistent' });
const store = await createStore(config.db);
process.stdout.write('importing\n');
const started = performance.now();
const report = await importExport({ store, config, now: Date.parse(job.now) }, job.dir, { asOf: job.asOf });
await store.close();
process.stdout.write(
  `${JSON.stringify({ ms: performance.now() - started, invitations: report.invitations })}\n`,
);

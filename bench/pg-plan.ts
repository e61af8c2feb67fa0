/**
 * Benchmark: `plan` for 1,000 accounts with 1,000 invitations each on PostgreSQL (issue 6).
 *
 * Seeds a fresh database on the server (through the product's own repositories: accounts, then
 * each account's invitations in multi-row inserts), then times getPlan once for every account,
 * first one account after another, then 8 at a time (as a server with several users would). The
 * database is dropped afterwards.
 *
 * The server: `--url` (or INVITEKEEPER_BENCH_PG_URL), an admin URL on which databases may be
 * created; else a throwaway cluster from the PostgreSQL binaries on the machine (as in the tests).
 *
 *   npx tsx bench/pg-plan.ts [--url postgres://...] [--accounts 1000] [--invitations 1000] [--json]
 *
 * The bench runner calls `runPgPlanBench(options)` and writes `renderPgPlanBench(result)` (a
 * Markdown table) into docs/benchmarks.md.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { getPlan, loadConfig, type NewInvitation } from '../src/app/index.ts';
import { createStore } from '../src/store/index.ts';
import { findPostgresBin, startEmbeddedPostgres } from '../src/store/testing/embedded-postgres.ts';

export interface PgPlanBenchOptions {
  /** Admin URL of a PostgreSQL server; when absent an embedded throwaway cluster is started. */
  url?: string;
  accounts?: number;
  invitationsPerAccount?: number;
  /** Accounts planned at once in the second pass. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface PgPlanBenchResult {
  server: string;
  postgres: string;
  machine: string;
  accounts: number;
  invitationsPerAccount: number;
  invitations: number;
  seedMs: number;
  sequential: { totalMs: number; medianMs: number; p95Ms: number; maxMs: number };
  concurrent: { concurrency: number; totalMs: number; medianMs: number; p95Ms: number };
  /** Withdrawals planned over all accounts, a check that the plans did real work. */
  withdrawalsPlanned: number;
}

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T09:00:00Z');

export async function runPgPlanBench(options: PgPlanBenchOptions = {}): Promise<PgPlanBenchResult> {
  const accounts = options.accounts ?? 1000;
  const perAccount = options.invitationsPerAccount ?? 1000;
  const concurrency = options.concurrency ?? 8;
  const log = options.log ?? (() => {});
  let adminUrl = options.url;
  let server = 'the server given';
  let stop = () => {};
  if (!adminUrl) {
    const bin = findPostgresBin();
    if (!bin)
      throw new Error('no PostgreSQL server: pass --url or install PostgreSQL (apt-get install postgresql)');
    const embedded = await startEmbeddedPostgres(bin);
    adminUrl = embedded.url;
    server = `an embedded cluster (${bin}, fsync off)`;
    stop = () => embedded.stop();
  }
  const database = `ik_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = String((await admin.query('show server_version')).rows[0]?.server_version);
  await admin.query(`create database "${database}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  const url = u.toString();
  try {
    const store = await createStore(url);
    const config = loadConfig({ db: url }, {});
    try {
      const seedStart = performance.now();
      let random = 2463534242;
      const next = () => {
        random ^= random << 13;
        random ^= random >>> 17;
        random ^= random << 5;
        return (random >>> 0) / 0x1_0000_0000;
      };
      for (let a = 0; a < accounts; a++) {
        const account = await store.ensureAccount(`account-${a}`, NOW);
        const rows: NewInvitation[] = [];
        for (let k = 0; k < perAccount; k++) {
          const sentAt = NOW - Math.floor(next() * 240 * DAY);
          const dice = next();
          const status =
            dice < 0.45 ? 'pending' : dice < 0.8 ? 'accepted' : dice < 0.95 ? 'withdrawn' : 'closed';
          const slug = `a${a}-p${k}`;
          rows.push({
            personKey: `https://www.linkedin.com/in/${slug}`,
            nameKey: `person ${slug}`,
            profileUrl: `https://www.linkedin.com/in/${slug}`,
            name: `Person ${slug}`,
            headline: null,
            sentAt,
            sentAtEarliest: sentAt,
            note: next() < 0.3 ? 'Hello, we met at the meetup' : null,
            templateId: null,
            source: 'export',
            status: status === 'pending' && sentAt < NOW - 180 * DAY ? 'expired' : status,
            statusAt: status === 'pending' ? null : Math.min(NOW, sentAt + Math.floor(next() * 20 * DAY)),
            snapshotId: null,
            recordedAt: NOW,
          });
        }
        await store.write(account.id, (tx) => tx.insertInvitations(account.id, rows));
        if ((a + 1) % 100 === 0) log(`seeded ${a + 1} of ${accounts} accounts`);
      }
      const seedMs = performance.now() - seedStart;
      const admin2 = new pg.Client({ connectionString: url });
      await admin2.connect();
      await admin2.query('analyze');
      await admin2.end();

      let withdrawalsPlanned = 0;
      const planOne = async (a: number) => {
        const started = performance.now();
        const plan = await getPlan({ store, config: { ...config, account: `account-${a}` }, now: NOW });
        withdrawalsPlanned += plan.withdrawals.length;
        return performance.now() - started;
      };
      const seqStart = performance.now();
      const sequential: number[] = [];
      for (let a = 0; a < accounts; a++) sequential.push(await planOne(a));
      const seqTotal = performance.now() - seqStart;
      log(`planned ${accounts} accounts one after another in ${(seqTotal / 1000).toFixed(1)} s`);
      const seqWithdrawals = withdrawalsPlanned;

      const concStart = performance.now();
      const concurrent: number[] = [];
      let nextAccount = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (nextAccount < accounts) concurrent.push(await planOne(nextAccount++));
        }),
      );
      const concTotal = performance.now() - concStart;
      log(`planned ${accounts} accounts ${concurrency} at a time in ${(concTotal / 1000).toFixed(1)} s`);

      return {
        server,
        postgres: version,
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
        accounts,
        invitationsPerAccount: perAccount,
        invitations: accounts * perAccount,
        seedMs,
        sequential: { totalMs: seqTotal, ...stats(sequential) },
        concurrent: {
          concurrency,
          totalMs: concTotal,
          medianMs: stats(concurrent).medianMs,
          p95Ms: stats(concurrent).p95Ms,
        },
        withdrawalsPlanned: seqWithdrawals,
      };
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`drop database if exists "${database}" with (force)`).catch(() => {});
    await admin.end();
    stop();
  }
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? 0 };
}

/** The result as a Markdown section for docs/benchmarks.md. */
export function renderPgPlanBench(r: PgPlanBenchResult): string {
  const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
  return [
    `### plan on PostgreSQL: ${r.accounts.toLocaleString('en-US')} accounts × ${r.invitationsPerAccount.toLocaleString('en-US')} invitations`,
    '',
    `PostgreSQL ${r.postgres} on ${r.server}; ${r.machine}. Command: \`npx tsx bench/pg-plan.ts\`.`,
    '',
    '| what | total | per account: median | p95 |',
    '|---|---:|---:|---:|',
    `| seed ${r.invitations.toLocaleString('en-US')} invitations (repositories, multi-row inserts) | ${f(r.seedMs)} | | |`,
    `| \`plan\` for every account, one after another | ${f(r.sequential.totalMs)} | ${f(r.sequential.medianMs)} | ${f(r.sequential.p95Ms)} |`,
    `| \`plan\` for every account, ${r.concurrent.concurrency} at a time | ${f(r.concurrent.totalMs)} | ${f(r.concurrent.medianMs)} | ${f(r.concurrent.p95Ms)} |`,
    '',
    `The plans held ${r.withdrawalsPlanned.toLocaleString('en-US')} withdrawals in all.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const result = await runPgPlanBench({
    url: flag('url') ?? process.env.INVITEKEEPER_BENCH_PG_URL,
    accounts: flag('accounts') ? Number(flag('accounts')) : undefined,
    invitationsPerAccount: flag('invitations') ? Number(flag('invitations')) : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    argv.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${renderPgPlanBench(result)}\n`,
  );
}

/**
 * One measured task of the benchmark, run in its own process so that its peak memory (maxRSS) is
 * its own: `node --import tsx bench/child.ts <task> <json>`. Prints one JSON line with the result.
 *
 * - import: the product's import use case (importExport) into a SQLite file.
 * - floor: the same CSV files read by the fastest correct CSV parser on npm (udsv, see the table of
 *   bench/csv-parsers.ts in docs/benchmarks.md) with no post-processing, and written by one prepared
 *   INSERT per row, in one transaction, into bare tables: what any importer must at least spend.
 * - status-plan: getStatus and getPlan for one account, timed call by call.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import * as udsv from 'udsv';
import {
  addTemplate,
  getPlan,
  getStatus,
  importExport,
  importTargets,
  loadConfig,
} from '../src/app/index.ts';
import { createStore } from '../src/store/index.ts';
import { CSV_READERS, FLOOR_PARSER } from './csv-readers.ts';

type Args = Record<string, unknown>;

/** CPU time (user + system) of this process so far, in ms: steadier than wall time on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function rssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function configFor(db: string, account: string) {
  return loadConfig({ db, account }, { HOME: path.dirname(db) });
}

/** Peaks of the process's memory figures, sampled while a task runs (where the RSS goes). */
function sampleMemory() {
  const peak = { heapUsedMb: 0, heapTotalMb: 0, externalMb: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsed / 1048576);
    peak.heapTotalMb = Math.max(peak.heapTotalMb, m.heapTotal / 1048576);
    peak.externalMb = Math.max(peak.externalMb, m.external / 1048576);
  }, 200);
  timer.unref();
  return () => {
    clearInterval(timer);
    return peak;
  };
}

async function runImport(args: Args) {
  const db = String(args.db);
  const config = configFor(db, String(args.account ?? 'default'));
  const store = await createStore(config.db);
  const baseline = rssMb();
  const started = performance.now();
  const cpu = cpuMs();
  const memory = sampleMemory();
  const report = await importExport({ store, config, now: Number(args.now) }, String(args.dir), {
    asOf: Number(args.asOf),
  });
  const peaks = memory();
  const ms = performance.now() - started;
  const cpuUsed = cpuMs() - cpu;
  await store.close();
  return {
    ms,
    cpuMs: cpuUsed,
    maxRssMb: rssMb(),
    baselineRssMb: baseline,
    ...peaks,
    invitations: report.invitations,
    transitions: report.transitions,
    connections: report.connections,
    rowErrors: report.rowErrors.length,
  };
}

/** The floor's parser: the fastest that reads every variant as the product does (bench/csv-parsers.ts). */
const FLOOR_READER = CSV_READERS.find((r) => r.name === FLOOR_PARSER)!;

/**
 * Hands the data rows of a CSV file to `onRow` as the parser makes them, from its header row on (the
 * preamble of Connections.csv and the byte-order mark are skipped by where the reading starts).
 */
async function readRows(file: string, header: string, onRow: (r: string[]) => void): Promise<void> {
  const head = Buffer.alloc(64 * 1024);
  const fd = fs.openSync(file, 'r');
  const length = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const at = head.subarray(0, length).indexOf(header);
  let first = true;
  await FLOOR_READER.read(udsv, file, Math.max(0, at), (r) => {
    if (first) first = false;
    else onRow(r as string[]);
  });
}

async function runFloor(args: Args) {
  const db = String(args.db);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const raw = new BetterSqlite3(db);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec(`create table invitations (c0 text, c1 text, c2 text, c3 text, c4 text, c5 text, c6 text);
    create table connections (c0 text, c1 text, c2 text, c3 text, c4 text, c5 text)`);
  const baseline = rssMb();
  const started = performance.now();
  const cpu = cpuMs();
  const inv = raw.prepare('insert into invitations values (?, ?, ?, ?, ?, ?, ?)');
  // Email Address (column 3) is not kept, as in the product.
  const con = raw.prepare('insert into connections values (?, ?, ?, ?, ?, ?)');
  let rows = 0;
  raw.exec('begin');
  await readRows(path.join(String(args.dir), 'Connections.csv'), 'First Name,', (r) => {
    con.run(r[0], r[1], r[2], r[4], r[5], r[6]);
    rows++;
  });
  await readRows(path.join(String(args.dir), 'Invitations.csv'), 'From,', (r) => {
    inv.run(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
    rows++;
  });
  raw.exec('commit');
  const ms = performance.now() - started;
  const cpuUsed = cpuMs() - cpu;
  raw.close();
  return { ms, cpuMs: cpuUsed, rows, maxRssMb: rssMb(), baselineRssMb: baseline };
}

async function runStatusPlan(args: Args) {
  const db = String(args.db);
  const config = configFor(db, String(args.account));
  const store = await createStore(config.db);
  const ctx = { store, config, now: Number(args.now) };
  const iterations = Number(args.iterations ?? 30);
  const timings: { status: number[]; plan: number[] } = { status: [], plan: [] };
  let figures: unknown = null;
  // Warm-up: the first calls compile code and fill SQLite's cache.
  for (let i = 0; i < Number(args.warmup ?? 3); i++) {
    await getStatus(ctx);
    await getPlan(ctx);
  }
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const status = await getStatus(ctx);
    timings.status.push(performance.now() - t);
    t = performance.now();
    const plan = await getPlan(ctx);
    timings.plan.push(performance.now() - t);
    figures = {
      invitations: status.acceptance.sent,
      pending: status.pending.count,
      withdrawals: plan.withdrawals.length,
      deferred: plan.withdrawalsDeferred,
      sends: plan.sends.length,
      skipped: plan.skipped.length,
    };
  }
  await store.close();
  return { ...timings, figures, maxRssMb: rssMb() };
}

/**
 * The database of the status and plan benchmark: `accounts` accounts with the same history. The
 * first is built through the product (snapshot a, then b a week later, a targets file, a default
 * template); the others are copies of its rows made in SQL, in blocks of 1,000 invitations taken
 * in turn, so that each account's rows lie spread over the file as weekly imports would leave them.
 */
async function runBuildAccounts(args: Args) {
  const db = String(args.db);
  const accounts = Number(args.accounts);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const name = (k: number) => `acct-${String(k).padStart(3, '0')}`;
  const started = performance.now();
  const first = configFor(db, name(1));
  const store = await createStore(first.db);
  const ctx = { store, config: first, now: Number(args.asOfB) };
  await importExport({ ...ctx, now: Number(args.asOfA) }, String(args.a), {
    asOf: Number(args.asOfA),
  });
  await importExport(ctx, String(args.b), { asOf: Number(args.asOfB) });
  await importTargets(ctx, String(args.targets));
  await addTemplate(ctx, {
    id: 'intro',
    name: 'Introduction',
    body: 'Hi {firstName}, I work on partnerships in climate tech and follow what {company} does. Happy to connect!',
    makeDefault: true,
  });
  await store.close();

  const raw = new BetterSqlite3(db);
  const tables = (
    raw.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) =>
      (raw.pragma(`table_info("${t}")`) as { name: string }[]).some((c) => c.name === 'account_id'),
    );
  const columnsOf = (t: string) =>
    (raw.pragma(`table_info("${t}")`) as { name: string; pk: number; type: string }[])
      // an INTEGER PRIMARY KEY is the rowid: let each copy get its own
      .filter((c) => !(c.name === 'id' && c.pk === 1 && c.type.toLowerCase() === 'integer'))
      .map((c) => c.name);
  const account = raw.prepare('select * from accounts where id = 1').get() as Record<string, unknown>;
  raw.exec('begin');
  const addAccount = raw.prepare(
    'insert into accounts (workspace_id, name, settings, created_at) values (?, ?, ?, ?)',
  );
  const ids: number[] = [];
  for (let k = 2; k <= accounts; k++) {
    ids.push(
      Number(
        addAccount.run(account.workspace_id, name(k), account.settings, account.created_at).lastInsertRowid,
      ),
    );
  }
  for (const table of tables) {
    const cols = columnsOf(table);
    const list = cols.map((c) => `"${c}"`).join(', ');
    const select = cols.map((c) => (c === 'account_id' ? '?' : `"${c}"`)).join(', ');
    if (table === 'invitations') {
      const copy = raw.prepare(
        `insert into invitations (${list}) select ${select} from invitations where account_id = 1 and id > ? and id <= ? order by id`,
      );
      const max = Number(
        (raw.prepare('select max(id) as m from invitations where account_id = 1').get() as { m: number }).m,
      );
      for (let from = 0; from < max; from += 1000) for (const id of ids) copy.run(id, from, from + 1000);
    } else {
      const copy = raw.prepare(
        `insert into "${table}" (${list}) select ${select} from "${table}" where account_id = 1`,
      );
      for (const id of ids) copy.run(id);
    }
  }
  raw.exec('commit');
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const count = (raw.prepare('select count(*) as n from invitations').get() as { n: number }).n;
  raw.close();
  return { ms: performance.now() - started, invitations: count, accounts };
}

const TASKS: Record<string, (args: Args) => Promise<unknown>> = {
  import: runImport,
  floor: runFloor,
  'status-plan': runStatusPlan,
  'build-accounts': runBuildAccounts,
};

const [task, json] = process.argv.slice(2);
const run = task ? TASKS[task] : undefined;
if (!run) {
  console.error(`usage: bench/child.ts <${Object.keys(TASKS).join('|')}> <json arguments>`);
  process.exit(2);
}
const result = await run(JSON.parse(json ?? '{}') as Args);
process.stdout.write(`${JSON.stringify(result)}\n`);

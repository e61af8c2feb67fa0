/**
 * Command start (issue 17, point 2): whole `invitekeeper` processes timed against `node -e 0` in the
 * same run, in turns (so a busy moment of the machine falls on all alike), several runs each:
 * without database work (`--version`, `status --help`) and with it (`status` on the demo database,
 * human and --json). Wall time from the parent's clock; CPU time and peak memory from GNU time
 * (`/usr/bin/time`) when the machine has it. Run from bench/run.ts (`startupBench`), or alone:
 * `tsx bench/startup.ts [runs]`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GNU_TIME = '/usr/bin/time';

interface Run {
  ms: number;
  cpuMs: number | null;
  maxRssMb: number | null;
}

export interface Startup {
  rows: StartupRow[];
  /** Whether bin/invitekeeper.js ran the bundle throughout (no source newer than it meanwhile). */
  binRanBundle: boolean;
}

export interface StartupRow {
  label: string;
  command: string;
  wallMs: number;
  cpuMs: number | null;
  maxRssMb: number | null;
  /** Median wall time over the median of `node -e 0`. */
  ratio: number;
}

/** One process run of `args` (node's arguments), timed. */
function runOnce(args: string[]): Run {
  const withTime = fs.existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const r = withTime
    ? spawnSync(GNU_TIME, ['-f', '@@ %U %S %M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const m = withTime ? /@@ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr) : null;
  return {
    ms,
    cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null,
    maxRssMb: m ? Number(m[3]) / 1024 : null,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The demo database: the bundled sample export and targets, imported by the CLI itself. */
function demoDatabase(dir: string): string {
  const db = path.join(dir, 'startup-demo.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const cli = path.join(ROOT, 'bin', 'invitekeeper.js');
  const examples = path.join(ROOT, 'examples');
  for (const args of [
    ['import', path.join(examples, 'linkedin-export.zip')],
    ['targets', 'import', path.join(examples, 'targets.csv')],
  ]) {
    const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`invitekeeper ${args.join(' ')} failed:\n${r.stderr}`);
  }
  return db;
}

/** Whether dist/cli.mjs is newer than every source file (bin/invitekeeper.js then runs it, not tsx). */
function bundleIsFresh(): boolean {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...fs
        .readdirSync(dir, { withFileTypes: true })
        .map((e) =>
          e.isDirectory()
            ? newest(path.join(dir, e.name))
            : e.name.endsWith('.ts')
              ? fs.statSync(path.join(dir, e.name)).mtimeMs
              : 0,
        ),
    );
  return fs.statSync(path.join(ROOT, 'dist', 'cli.mjs')).mtimeMs >= newest(path.join(ROOT, 'src'));
}

/** Times each command `runs` times, in turns with `node -e 0`. */
export function measureStartup(outDir: string, runs = 15): Startup {
  // The bundle as `npm ci` builds it: bin/invitekeeper.js runs it when it is newer than src/.
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`scripts/build-cli.mjs failed:\n${build.stderr}`);
  fs.mkdirSync(outDir, { recursive: true });
  const db = demoDatabase(outDir);
  // The bundle itself (what an installed package runs), and once through bin/invitekeeper.js,
  // which first checks that no source is newer (else it would run the sources through tsx).
  const cli = 'dist/cli.mjs';
  const commands: Array<{ label: string; args: string[] }> = [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: '--version (loads no command)', args: [cli, '--version'] },
    { label: 'status --help (status loaded, no database)', args: [cli, 'status', '--help'] },
    { label: 'status on the demo database', args: [cli, 'status', '--db', db] },
    { label: 'status --json on the demo database', args: [cli, 'status', '--json', '--db', db] },
    { label: 'status through bin/invitekeeper.js', args: ['bin/invitekeeper.js', 'status', '--db', db] },
  ];
  let binRanBundle = bundleIsFresh();
  const results = commands.map(() => [] as Run[]);
  for (const c of commands) runOnce(c.args); // warm the file cache
  for (let r = 0; r < runs; r++) for (const [i, c] of commands.entries()) results[i]!.push(runOnce(c.args));
  binRanBundle &&= bundleIsFresh();
  const base = median(results[0]!.map((x) => x.ms));
  const rows = commands.map((c, i) => {
    const rs = results[i]!;
    const cpus = rs.map((x) => x.cpuMs).filter((x): x is number => x !== null);
    const rss = rs.map((x) => x.maxRssMb).filter((x): x is number => x !== null);
    const wallMs = median(rs.map((x) => x.ms));
    return {
      label: c.label,
      command: ['node', ...c.args.map((a) => (a === db ? '<demo.db>' : a))].join(' '),
      wallMs,
      cpuMs: cpus.length ? median(cpus) : null,
      maxRssMb: rss.length ? Math.max(...rss) : null,
      ratio: wallMs / base,
    };
  });
  return { rows, binRanBundle };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { rows, binRanBundle } = measureStartup(
    path.join(ROOT, 'bench', 'out'),
    Number(process.argv[2] ?? 15),
  );
  if (!binRanBundle) console.log('(a source changed during the runs: bin/invitekeeper.js ran tsx)');
  for (const r of rows)
    console.log(
      `${r.wallMs.toFixed(0).padStart(5)} ms  ${r.ratio.toFixed(2)}x  cpu ${r.cpuMs?.toFixed(0) ?? '-'} ms  ${r.maxRssMb?.toFixed(0) ?? '-'} MB  ${r.label}`,
    );
}

/** Where one `status` process spends its time: a CPU profile, its samples put in a few bins. */
export function profileStatus(outDir: string, db: string): Array<{ part: string; ms: number }> {
  const dir = path.join(outDir, 'startup-profile');
  fs.rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      '--cpu-prof-interval',
      '100',
      'dist/cli.mjs',
      'status',
      '--db',
      db,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`profiling status failed:\n${r.stderr}`);
  const file = fs.readdirSync(dir).map((f) => path.join(dir, f))[0]!;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bins = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const stack: Array<{ functionName: string; url: string }> = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      stack.push(byId.get(at)!.callFrame);
    const top = stack[0]!;
    const part =
      top.functionName === '(garbage collector)'
        ? 'garbage collection'
        : stack.some(
              (f) => f.functionName === 'compileSourceTextModule' || f.url === 'node:internal/encoding',
            )
          ? "reading and compiling the bundle's modules"
          : stack.some(
                (f) =>
                  f.url.includes('node_modules/better-sqlite3') || f.url.includes('node_modules/bindings'),
              )
            ? 'better-sqlite3 (loading the native module, queries)'
            : stack.some((f) => f.url.includes('/dist/'))
              ? "running the bundle's code (module top levels, config, queries, rules, output)"
              : top.functionName === '(idle)'
                ? 'idle (waiting for I/O)'
                : 'Node itself (start-up, module loader, built-in modules)';
    bins.set(part, (bins.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...bins].map(([part, ms]) => ({ part, ms })).sort((a, b) => b.ms - a.ms);
}

/** The section of docs/benchmarks.md (bench/run.ts): the table and the two targets of issue 17. */
export async function startupBench(ctx: { outDir: string }): Promise<{
  title: string;
  table: string[][];
  notes: string[];
  targets: Array<{ target: string; measured: string; met: boolean | null; note?: string }>;
}> {
  const runs = 15;
  const { rows, binRanBundle } = measureStartup(ctx.outDir, runs);
  const profile = profileStatus(ctx.outDir, path.join(ctx.outDir, 'startup-demo.db'));
  const profiled = profile.reduce((sum, p) => sum + p.ms, 0);
  const status = rows.find((r) => r.label === 'status on the demo database')!;
  const base = rows[0]!;
  const ms = (x: number | null) => (x === null ? '–' : `${x.toFixed(0)} ms`);
  const mb = (x: number | null) => (x === null ? '–' : `${x.toFixed(0)} MB`);
  const limit = 2.5 * base.wallMs;
  return {
    title: 'Command start',
    table: [
      ['command', 'wall (median)', '× node -e 0', 'CPU (median)', 'peak memory'],
      ...rows.map((r) => [
        `${r.label}: \`${r.command}\``,
        ms(r.wallMs),
        `${r.ratio.toFixed(2)}×`,
        ms(r.cpuMs),
        mb(r.maxRssMb),
      ]),
    ],
    notes: [
      `Whole processes, ${runs} runs of each in turns (bench/startup.ts), wall time from the parent's clock, CPU time and peak memory from GNU time. The demo database is the bundled sample export and targets, imported by the CLI. \`--version\` and \`status --help\` start without database work; \`status\` adds opening the database, the migrations' check and the status reads.`,
      binRanBundle
        ? 'bin/invitekeeper.js ran the bundle on every run (it first checks that no source under src/ is newer: about 9 ms for its 220 files).'
        : 'A source file changed during the runs (another session at work), so some runs of bin/invitekeeper.js ran the sources through tsx: its row is not the bundle.',
      `Where one \`status\` process spends its time (\`node --cpu-prof\`, ${profiled.toFixed(0)} ms of samples): ${profile
        .map((p) => `${p.part} ${p.ms.toFixed(0)} ms`)
        .join('; ')}.`,
    ],
    targets: [
      {
        target: '`status` start ≤ 2.5× `node -e 0`',
        measured: `${status.ratio.toFixed(2)}× (${ms(status.wallMs)} against ${ms(base.wallMs)})`,
        met: status.wallMs <= limit,
        note: status.wallMs <= limit ? undefined : `missed by ${ms(status.wallMs - limit)}`,
      },
      {
        target: '`status` peak memory < 70 MB',
        measured: status.maxRssMb === null ? '–' : `${status.maxRssMb.toFixed(1)} MB`,
        met: status.maxRssMb === null ? null : status.maxRssMb < 70,
        note:
          status.maxRssMb !== null && status.maxRssMb >= 70
            ? `missed by ${(status.maxRssMb - 70).toFixed(1)} MB`
            : undefined,
      },
    ],
  };
}

/**
 * CSV parsers from npm against csv-parse (issue 17 point 1): which reads every variant of the LinkedIn
 * export as the product's reader does, and how fast each reads the benchmark exports with nothing
 * else to do. `npx tsx bench/csv-parsers.ts [--modules <node_modules>] [--sizes 100000,1000000]
 * [--runs 5] [--runs-1m 3] [--only name,name]`.
 *
 * The parsers are not all dependencies of the project: install them in a scratch folder and point
 * `--modules` at its node_modules (`npm install --prefix /tmp/csvbench csv-parse papaparse csv-parser
 * @fast-csv/parse udsv d3-dsv csv-simple-parser @vanillaes/csv`); without it the project's own
 * node_modules is used and a parser missing there is reported as such.
 *
 * 1. Correctness: each parser reads the files of every variant (the project's export writer, with the
 *    options of src/app/imports/export-variants.test.ts; the fixtures of src/sources; the 100k
 *    benchmark export) from the header row the product's scan finds, streamed parsers in 64 KiB
 *    chunks and again in 7-byte chunks; its records must equal the product's reader's (csvRecords of
 *    src/sources/csv-stream.ts), blank records dropped on both sides and the line breaks inside a
 *    field compared as `\n` (the product's reader normalises them; a parser that keeps the file's own
 *    `\r\n` in a note has read it right).
 * 2. Throughput: each parser, in a fresh process per run, reads Invitations.csv and Connections.csv of
 *    snapshot a from disk and only counts the records; runs go in turns over the parsers so that a
 *    busy moment of the machine falls on all alike; the median is reported with the load average.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ConnectionsCsvOptions,
  connectionsCsv,
  type ExportInvitationRecord,
  type ExportPerson,
  type ExportSnapshot,
  type InvitationsCsvOptions,
  invitationsCsv,
  profileUrlOf,
} from '../src/sim/index.ts';
import { csvRecords } from '../src/sources/csv-stream.ts';
import { fileSource, scanFile } from '../src/sources/linkedin-export-scan.ts';
import { CSV_READERS, type CsvReader, type OnRecord, type ParserModule } from './csv-readers.ts';
import { ensureExport } from './generate.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const MODULES = path.resolve(option('modules') ?? path.join(ROOT, 'node_modules'));

/** The entry file a package's `exports` (or `module`/`main`) gives for `import`. */
function entryOf(pkgDir: string, subpath: string): string {
  const meta = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      for (const k of ['node', 'import', 'default', 'module', 'require']) {
        const r = k in o ? pick(o[k]) : undefined;
        if (r) return r;
      }
    }
    return undefined;
  };
  let rel: string | undefined;
  if (meta.exports) {
    const exp = meta.exports as Record<string, unknown>;
    const key = subpath ? `./${subpath}` : '.';
    rel =
      typeof exp === 'string' || !Object.keys(exp).some((k) => k.startsWith('.'))
        ? pick(exp)
        : pick(exp[key]);
  } else rel = subpath ? `${subpath}.js` : (meta.module ?? meta.main ?? 'index.js');
  if (!rel) throw new Error(`${pkgDir}: no entry for ${subpath || '.'}`);
  return path.join(pkgDir, rel);
}

function packageDir(pkg: string): { dir: string; subpath: string } {
  const parts = pkg.split('/');
  const n = pkg.startsWith('@') ? 2 : 1;
  return { dir: path.join(MODULES, ...parts.slice(0, n)), subpath: parts.slice(n).join('/') };
}

function versionOf(pkg: string): string | null {
  const { dir } = packageDir(pkg);
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

async function load(pkg: string): Promise<ParserModule> {
  const { dir, subpath } = packageDir(pkg);
  return import(pathToFileURL(entryOf(dir, subpath)).href);
}

/** Where the product's scan puts the header row: past the preamble, and past a byte-order mark. */
async function headerStart(file: string): Promise<number> {
  const scanned = await scanFile(fileSource(path.basename(file), file), null);
  const at = scanned.header.byteOffset;
  const fd = fs.openSync(file, 'r');
  const bom = Buffer.alloc(3);
  fs.readSync(fd, bom, 0, 3, at);
  fs.closeSync(fd);
  return bom.equals(Buffer.from([0xef, 0xbb, 0xbf])) ? at + 3 : at;
}

// ---------------------------------------------------------------- correctness

function person(first: string, last: string, slug: string, position = 'Engineer'): ExportPerson {
  return {
    firstName: first,
    lastName: last,
    profileUrl: profileUrlOf(slug),
    company: 'Contoso, Ltd',
    email: null,
    position,
  } as ExportPerson;
}

/** A small export with the quirks the readers meet: notes with commas, quotes and line breaks, emoji, CJK. */
function snapshot(): ExportSnapshot {
  const asOf = Date.UTC(2026, 10, 20, 17, 30);
  const day = 86_400_000;
  const people = [
    person('Ada', 'Lovelace', 'ada-lovelace', 'Head of "Engines"'),
    person('Zoë', 'Lefèvre', 'zoë-lefèvre', 'Brand Strategist'),
    person('美玲', '陈', '美玲-陈'),
    person('Mathilde', 'Ødegård', '𝒜-mathilde'),
    person('Alan', 'Turing', 'alan-turing'),
    person('Alexander "Sasha"', 'Becker', 'alexanderbecker'),
    person('Łukasz', 'Nowak, PhD', 'łukasz-nowak'),
  ];
  const notes = [
    'Hi Alan, "great" talk,\nlet us connect',
    'Dear Ada,\n\nthanks for the talk yesterday ("Scaling"). Best, Morgan',
    'Hello 🙂, a note with a trailing comma,',
    '',
    '"quoted from the start"',
  ];
  const invitations: ExportInvitationRecord[] = people.map((p, i) => ({
    direction: 'OUTGOING',
    other: p,
    sentAt: asOf - (i + 1) * day,
    message: notes[i % notes.length] || null,
    accepted: i % 2 === 0,
  }));
  invitations.push({
    direction: 'INCOMING',
    other: person('Seán', "O'Brien", 'seanobrien'),
    sentAt: asOf - 2 * day,
    message: 'Hello, Morgan',
    accepted: false,
  });
  return {
    asOf,
    owner: {
      firstName: 'Morgan',
      lastName: 'Keller',
      profileUrl: profileUrlOf('morgan-keller-demo'),
      headline: 'Partnerships',
      summary: '',
      industry: 'Energy',
      location: 'Berlin',
    },
    invitations,
    connections: people
      .filter((_, i) => i % 2 === 0)
      .map((p, i) => ({ person: p, connectedOn: asOf - i * day })),
  } as ExportSnapshot;
}

const BASE_INV: InvitationsCsvOptions = {
  bom: true,
  eol: '\r\n',
  sentAtFormat: 'us-short',
  mojibakeEvery: 0,
  incoming: true,
};
const BASE_CON: ConnectionsCsvOptions = {
  bom: true,
  eol: '\r\n',
  style: 'current',
  preamble: 'short',
  mojibakeEvery: 0,
};

/** The variants of src/app/imports/export-variants.test.ts, as files. */
function variantFiles(dir: string): Array<{ label: string; file: string }> {
  const snap = snapshot();
  const variants: Array<[string, Partial<InvitationsCsvOptions>, Partial<ConnectionsCsvOptions>]> = [
    ['the current export (BOM, CRLF, short preamble)', {}, {}],
    ['no BOM, LF', { bom: false, eol: '\n' }, { bom: false, eol: '\n' }],
    ['Sent At as iso-utc, iso-naive', { sentAtFormat: 'iso-utc' }, {}],
    ['Connected On old, us-time, resaved', {}, { connectedOnFormat: 'us-time' }],
    ['no preamble', {}, { preamble: 'none' }],
    ['BOM and blank lines before the header', {}, { preamble: 'blank-lines' }],
    ['long preamble with a quoted line break', {}, { preamble: 'long' }],
    ['nameless connection rows', {}, { namelessEvery: 2 }],
    ['raw UTF-8 slugs', {}, { rawSlugs: true }],
    ['mis-decoded Â', { mojibakeEvery: 1 }, { mojibakeEvery: 1 }],
    ['5 columns (no profile links)', { urls: 'none' }, {}],
    ['member URNs', { urls: 'urn' }, {}],
    ['bare profile URL', { urls: 'bare' }, {}],
    ['Sent At without a time', { urls: 'none', sentAtFormat: 'us-date' }, {}],
    ['Connections.csv without a URL column', {}, { style: 'old' }],
    ['Connections.csv with empty URLs', {}, { emptyUrls: true }],
  ];
  const files: Array<{ label: string; file: string }> = [];
  variants.forEach(([label, inv, con], i) => {
    const invFile = path.join(dir, `v${i}-Invitations.csv`);
    const conFile = path.join(dir, `v${i}-Connections.csv`);
    fs.writeFileSync(invFile, [...invitationsCsv(snap, { ...BASE_INV, ...inv })].join(''));
    fs.writeFileSync(conFile, [...connectionsCsv(snap, { ...BASE_CON, ...con })].join(''));
    files.push({ label: `${label}: Invitations.csv`, file: invFile });
    files.push({ label: `${label}: Connections.csv`, file: conFile });
  });
  const fixtures = path.join(ROOT, 'src', 'sources', 'fixtures');
  for (const name of [
    'invitations.csv',
    'invitations-bad-rows.csv',
    'invitations-reordered.csv',
    'connections.csv',
    'connections-old.csv',
    'connections-long-preamble.csv',
  ])
    files.push({ label: `fixture ${name}`, file: path.join(fixtures, name) });
  // Not variants of the export: damaged files the product must not misread silently.
  const malformed: Array<[string, string]> = [
    ['a row short of columns', `${H}Sam,Ada\r\n${R}`],
    ['a row with a column too many', `${H}Sam,Ada,"3/5/26, 1:45 AM",,OUTGOING,x\r\n${R}`],
    ['a quote inside an unquoted field', `${H}Sam,He said "hi,"3/5/26, 1:45 AM",,OUTGOING\r\n${R}`],
  ];
  malformed.forEach(([label, text], i) => {
    const file = path.join(dir, `m${i}-Invitations.csv`);
    fs.writeFileSync(file, text);
    files.push({ label: `${MALFORMED}${label}`, file });
  });
  return files;
}

const MALFORMED = 'malformed input: ';
const H = 'From,To,Sent At,Message,Direction\r\n';
const R = 'Sam,Grace,"3/5/26, 1:45 AM",,OUTGOING\r\n';

const isBlank = (r: string[]) => r.every((c) => c === '');

function normalise(record: ArrayLike<string> | Record<string, string>): string[] {
  const cells = Array.isArray(record)
    ? (record as string[])
    : 'length' in record
      ? Array.from(record as ArrayLike<string>)
      : Object.keys(record)
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => (record as Record<string, string>)[k]!);
  return cells.map((c) => String(c ?? '').replace(/\r\n?/g, '\n'));
}

async function referenceRecords(file: string): Promise<string[][]> {
  const scanned = await scanFile(fileSource(path.basename(file), file), null);
  const out: string[][] = [];
  for await (const r of csvRecords(fs.createReadStream(file), {
    file,
    skipBytes: scanned.header.byteOffset,
    firstLine: scanned.header.line,
  }))
    if (!isBlank(r.fields)) out.push(r.fields.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c)));
  return out;
}

function firstDifference(want: string[][], got: string[][]): string | null {
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const a = JSON.stringify(want[i]);
    const b = JSON.stringify(got[i]);
    if (a !== b) {
      const cut = (s: string | undefined) => (s && s.length > 160 ? `${s.slice(0, 160)}…` : s);
      return `record ${i}: want ${cut(a)}, got ${cut(b)} (${want.length} records wanted, ${got.length} read)`;
    }
  }
  return null;
}

interface CheckResult {
  ok: boolean;
  failures: string[];
}

/** The table's cell: failures that only 7-byte chunks show are told apart (a first chunk without a whole line). */
function verdict(c: CheckResult): string {
  const variants = c.failures.filter((f) => !f.startsWith(MALFORMED));
  if (variants.length === 0) return 'yes';
  const real = variants.filter((f) => !f.includes('(7-byte chunks)'));
  const first = (real[0] ?? variants[0]!).replaceAll('|', '\\|');
  if (real.length === 0)
    return `yes in 64 KiB chunks; no in 7-byte chunks (${variants.length} reads), e.g. ${first}`;
  return `no: ${real.length} reads differ, e.g. ${first}`;
}

/** Damaged files read otherwise than the product's reader reads them (labels only). */
function malformedVerdict(c: CheckResult): string {
  const bad = [
    ...new Set(
      c.failures
        .filter((f) => f.startsWith(MALFORMED) && !f.includes('(7-byte chunks)'))
        .map((f) => f.slice(MALFORMED.length).split(':')[0]!.replace(' (7-byte chunks)', '')),
    ),
  ];
  return bad.length === 0 ? 'same' : `differs: ${bad.join('; ')}`;
}

async function check(
  reader: CsvReader,
  mod: ParserModule,
  files: Array<{ label: string; file: string }>,
): Promise<CheckResult> {
  const failures: string[] = [];
  for (const { label, file } of files) {
    // 7-byte chunks put a chunk boundary everywhere: in a quote, between \r and \n (small files only)
    const small = fs.statSync(file).size < 1024 * 1024;
    const chunkings = reader.mode === 'stream' ? (small ? [64 * 1024, 7] : [64 * 1024]) : [0];
    const want = await referenceRecords(file);
    const start = await headerStart(file);
    for (const hwm of chunkings) {
      const got: string[][] = [];
      try {
        await reader.read(mod, file, start, (r) => got.push(normalise(r)), hwm || undefined);
      } catch (error) {
        failures.push(`${label}${hwm === 7 ? ' (7-byte chunks)' : ''}: threw ${String(error).slice(0, 160)}`);
        continue;
      }
      const diff = firstDifference(
        want,
        got.filter((r) => !isBlank(r)),
      );
      if (diff) failures.push(`${label}${hwm === 7 ? ' (7-byte chunks)' : ''}: ${diff}`);
    }
  }
  return { ok: failures.length === 0, failures };
}

// ---------------------------------------------------------------- throughput

/** One timed run in this process: both files of `dir`, records counted, nothing else. */
async function timeOne(name: string, dir: string): Promise<void> {
  const reader = CSV_READERS.find((r) => r.name === name)!;
  const mod = await load(reader.pkg);
  const files = ['Invitations.csv', 'Connections.csv'].map((f) => path.join(dir, f));
  const starts = await Promise.all(files.map(headerStart));
  let rows = 0;
  const count: OnRecord = () => {
    rows++;
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < files.length; i++) await reader.read(mod, files[i]!, starts[i]!, count);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

interface Timing {
  ms: number;
  cpuMs: number;
  rows: number;
  maxRssMb: number;
}

async function timeInChild(name: string, dir: string): Promise<Timing> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--time', name, dir, '--modules', MODULES],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${name} failed (exit ${code}): ${err.slice(0, 400)}`);
  return JSON.parse(out.trim().split('\n').pop()!) as Timing;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const load1 = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function main() {
  const sizes = (option('sizes') ?? '100000,1000000').split(',').map(Number);
  const runs = Number(option('runs') ?? 5);
  const runs1m = Number(option('runs-1m') ?? 3);
  const only = option('only')?.split(',');
  const readers = CSV_READERS.filter((r) => !only || only.includes(r.name));
  console.log(`node ${process.version}, ${os.availableParallelism()} cores, load ${load1()}`);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-variants-'));
  const exports = Object.fromEntries(
    await Promise.all(sizes.map(async (s) => [s, await ensureExport(path.join(OUT, 'exports'), s)])),
  );
  const smallest = exports[Math.min(...sizes)]!;
  const files = [
    ...variantFiles(scratch),
    {
      label: `bench export ${smallest.size}: Invitations.csv`,
      file: path.join(smallest.a, 'Invitations.csv'),
    },
    {
      label: `bench export ${smallest.size}: Connections.csv`,
      file: path.join(smallest.a, 'Connections.csv'),
    },
  ];

  const loaded = new Map<string, ParserModule>();
  const checks = new Map<string, CheckResult>();
  for (const r of readers) {
    if (!versionOf(r.pkg.replace(/\/sync$/, ''))) {
      console.log(`${r.name}: not installed in ${MODULES}`);
      continue;
    }
    loaded.set(r.name, await load(r.pkg));
    const c = await check(r, loaded.get(r.name), files);
    checks.set(r.name, c);
    console.log(`${r.name}: ${verdict(c)}; damaged rows: ${malformedVerdict(c)}`);
    for (const f of c.failures) console.log(`  ${f}`);
  }
  fs.rmSync(scratch, { recursive: true, force: true });

  const timings = new Map<string, Map<number, Timing[]>>();
  for (const size of sizes) {
    const n = size >= 1_000_000 ? runs1m : runs;
    for (let run = 0; run < n; run++) {
      // turns: each run visits the parsers in a different order
      const order = [...loaded.keys()];
      for (let k = 0; k < run % order.length; k++) order.push(order.shift()!);
      for (const name of order) {
        const t = await timeInChild(name, exports[size]!.a);
        const bySize = timings.get(name) ?? new Map<number, Timing[]>();
        timings.set(name, bySize);
        bySize.set(size, [...(bySize.get(size) ?? []), t]);
        console.log(
          `n=${size} run ${run + 1}/${n} ${name}: ${(t.ms / 1000).toFixed(2)} s, ${Math.round(t.rows / (t.ms / 1000) / 1000)}k rows/s, peak ${t.maxRssMb.toFixed(0)} MB (load ${load1()})`,
        );
      }
    }
  }

  const head = [
    'parser',
    'version',
    'mode',
    ...sizes.flatMap((s) => [`rows/s ${s / 1000}k (median)`, `peak ${s / 1000}k`]),
    'reads every variant as the product',
    'damaged rows as the product',
  ];
  const rows = [...loaded.keys()].map((name) => {
    const r = readers.find((x) => x.name === name)!;
    const c = checks.get(name)!;
    return [
      name,
      versionOf(r.pkg.replace(/\/sync$/, '')) ?? '?',
      r.mode,
      ...sizes.flatMap((s) => {
        const ts = timings.get(name)?.get(s) ?? [];
        if (ts.length === 0) return ['–', '–'];
        const rate = median(ts.map((t) => t.rows / (t.ms / 1000)));
        return [
          `${Math.round(rate / 1000)}k (${ts.length} runs, ${(median(ts.map((t) => t.ms)) / 1000).toFixed(2)} s)`,
          `${Math.max(...ts.map((t) => t.maxRssMb)).toFixed(0)} MB`,
        ];
      }),
      verdict(c),
      malformedVerdict(c),
    ];
  });
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  console.log(`\nload at the end ${load1()}\n`);
  console.log([line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n'));
}

if (process.argv[2] === '--time') await timeOne(process.argv[3]!, process.argv[4]!);
else await main();

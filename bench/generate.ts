/**
 * The benchmark exports, written from the platform model's state (issue 8: one generator).
 *
 * A naive member is simulated for a year on the model (src/sim); two moments a week apart give the
 * template: which outgoing invitations are pending and how old, which of them the week accepts,
 * withdraws or expires, which arrive new, how many incoming invitations wait, how old the
 * connections are. An export of N outgoing invitations repeats that template over freshly generated
 * members (the model's population: names with emoji, credentials, nicknames, native scripts) with
 * the casual member's notes (commas, quotes, line breaks, emoji), and hands the records to the
 * model's export writer (src/sim/export-writer.ts), which writes every quirk of SPEC 3.1:
 * byte-order mark, CRLF, the long `Notes:` preamble with a quoted line break, mis-decoded `Â`,
 * INCOMING rows, files the reader ignores, and the four `Sent At` formats (in blocks: 70 % as
 * `3/5/26, 1:45 AM`, then 10 % each as `2026-03-05 01:45:00 UTC`, `2026-03-05 01:45:00` and
 * `05 Mar 2026`).
 *
 * Snapshot `a` is the export at the first moment, `b` the one a week later (for reconciliation).
 * Records are produced lazily, newest first, so a million rows never sit in memory, and the output
 * is deterministic: the same size gives byte-identical files on every machine.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY_MS, type Instant } from '../src/core/index.ts';
import {
  CASUAL_NOTES,
  connectionsCsv,
  createNaiveMember,
  createRng,
  type ExportConnectionRecord,
  type ExportInvitationRecord,
  type ExportPerson,
  type ExportSnapshot,
  extraFiles,
  generateMembers,
  generateWorld,
  invitationsCsv,
  type Member,
  type Platform,
  profileCsv,
  type SentAtFormat,
  simulate,
  type TargetCsvRow,
  targetsCsv,
  toTarget,
} from '../src/sim/index.ts';

/** Bumped whenever the output changes, so exports cached in bench/out are written again. */
export const GENERATOR_VERSION = 3;

const SEED = 20261126;
const WEEK = 7 * DAY_MS;
/** Members are generated in chunks; each chunk's stream depends only on (seed, kind, chunk). */
const CHUNK = 5000;
/** Share of outgoing invitations with a note, in thousandths (the casual member's habit, 35 %). */
const NOTE_PER_MILLE = 350;
/** The `Sent At` formats in blocks of the file, with their shares. */
const SENT_AT_BLOCKS: readonly (readonly [SentAtFormat, number])[] = [
  ['us-short', 0.7],
  ['iso-utc', 0.1],
  ['iso-naive', 0.1],
  ['date-only', 0.1],
];
/** The moment of snapshot a. */
export const AS_OF_A: Instant = Date.UTC(2026, 10, 19, 8, 0, 0);

export interface SnapshotCounts {
  outgoing: number;
  incoming: number;
  connections: number;
  /** Bytes of Invitations.csv and Connections.csv. */
  bytes: number;
}

export interface BenchExport {
  size: number;
  /** The folder of snapshot a, and of b a week later (written for sizes up to MAX_B_SIZE). */
  a: string;
  b: string | null;
  asOfA: Instant;
  asOfB: Instant;
  counts: {
    a: SnapshotCounts;
    b: SnapshotCounts | null;
    /** What b does to a's outgoing invitations, and how many it adds. */
    fates: { pending: number; accepted: number; withdrawn: number; expired: number; new: number };
  };
}

/** Snapshot b is needed for the reconciliation and status benchmarks only (1M: the reconciliation's memory target). */
export const MAX_B_SIZE = 1_000_000;

type Fate = 'pending' | 'accepted' | 'withdrawn' | 'expired';

interface TemplateInvitation {
  /** Age at the first moment. */
  age: number;
  fate: Fate;
  /** When it ended, after the first moment (accepted: when the connection was made). */
  endedAfter: number;
}

interface Template {
  /** Pending at the first moment, youngest first. */
  outgoing: TemplateInvitation[];
  /** Sent between the two moments: age at the second, youngest first. */
  fresh: number[];
  /** Incoming pending at the first moment: ages, youngest first. */
  incoming: number[];
  /** Connections at the first moment: ages, youngest first. */
  connections: number[];
}

/** Runs the model for a year and reads the template off one week of it. */
async function buildTemplate(): Promise<Template> {
  const world = generateWorld({ seed: SEED, recipients: 4000, connections: 600, incoming: 300 });
  const { platform } = await simulate({
    days: 365,
    seed: SEED,
    strategy: createNaiveMember(),
    recipients: world.recipients,
    others: world.others,
    connections: world.connections,
    incoming: world.incoming,
  });
  return templateOf(platform);
}

/**
 * The template is read off the week of the year's second half in which the most happens
 * (acceptances, expiries, withdrawals and new invitations): the naive member spends whole weeks
 * restricted, and a week of nothing would make a poor reconciliation benchmark.
 */
function templateOf(platform: Platform): Template {
  const start = platform.now - 365 * DAY_MS;
  let best = { changes: -1, asOfA: 0 };
  for (let day = 182; day <= 358; day++) {
    const a = start + day * DAY_MS;
    const b = a + WEEK;
    let changes = platform.pendingAt(b).filter((inv) => inv.sentAt > a).length;
    for (const inv of platform.pendingAt(a)) if (inv.statusAt !== null && inv.statusAt <= b) changes++;
    if (changes > best.changes) best = { changes, asOfA: a };
  }
  const asOfA = best.asOfA;
  const asOfB = asOfA + WEEK;
  const outgoing = platform.pendingAt(asOfA).map((inv): TemplateInvitation => {
    const ended = inv.statusAt !== null && inv.statusAt <= asOfB;
    return {
      age: asOfA - inv.sentAt,
      fate: ended ? (inv.status as Fate) : 'pending',
      endedAfter: ended ? inv.statusAt! - asOfA : 0,
    };
  });
  outgoing.sort((x, y) => x.age - y.age);
  const ages = (xs: number[]) => xs.sort((x, y) => x - y);
  return {
    outgoing,
    fresh: ages(
      platform
        .pendingAt(asOfB)
        .filter((inv) => inv.sentAt > asOfA)
        .map((inv) => asOfB - inv.sentAt),
    ),
    incoming: ages(platform.incomingPendingAt(asOfA).map((inv) => asOfA - inv.sentAt)),
    connections: ages(platform.connectionsAt(asOfA).map((c) => asOfA - c.connectedOn)),
  };
}

/** Generated members of one kind, read in increasing index order, a chunk at a time. */
class People {
  private chunk = -1;
  private members: Member[] = [];
  constructor(
    private readonly kind: string,
    private readonly used: Set<string>,
  ) {}

  at(i: number): Member {
    const c = Math.floor(i / CHUNK);
    if (c !== this.chunk) {
      this.chunk = c;
      this.members = generateMembers(createRng(SEED).fork('bench', this.kind, c), CHUNK, {
        idStart: c * CHUNK,
        usedSlugs: this.used,
      });
    }
    return this.members[i - c * CHUNK]!;
  }
}

/**
 * A member as an export row shows them. Each kind of people is generated on its own stream, so
 * kinds other than the invitees get a prefix on their profile slug to stay distinct from them.
 */
function personOf(m: Member, prefix = ''): ExportPerson {
  return {
    firstName: m.firstName,
    lastName: m.lastName,
    profileUrl: prefix ? m.profileUrl.replace('/in/', `/in/${prefix}-`) : m.profileUrl,
    headline: m.headline,
    company: m.company,
    position: m.position,
    email: m.email,
  };
}

/** A well-mixed 32-bit hash of an index (murmur3's finaliser), for per-record choices. */
function mix(i: number, salt: number): number {
  let h = (i ^ salt) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The casual member's note for invitee `i`, or none; the same in both snapshots. */
function noteFor(i: number, m: Member): string | null {
  const h = mix(i, 0x5eed);
  if (h % 1000 >= NOTE_PER_MILLE) return null;
  return CASUAL_NOTES[(h >>> 10) % CASUAL_NOTES.length]!(toTarget(m), m.firstName);
}

/** How many copies template record `g` of `t` gets so that they add up to `size`. */
function copiesOf(g: number, t: number, size: number): number {
  return Math.floor(size / t) + (g < size % t ? 1 : 0);
}

function byUrl(x: { other: ExportPerson }, y: { other: ExportPerson }): number {
  return cmp(x.other.profileUrl ?? '', y.other.profileUrl ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const OWNER_SLUG = 'morgan-keller-demo';
const OWNER = {
  firstName: 'Morgan',
  lastName: 'Keller',
  profileUrl: `https://www.linkedin.com/in/${OWNER_SLUG}`,
  headline: 'Partnerships Lead at Lumen & Loom | B2B partnerships, climate tech',
  summary: 'I connect climate-tech start-ups with the partners who help them grow.',
  industry: 'Renewables & Environment',
  location: 'Berlin, Germany',
};

/** The state of one export of `size`, with lazy, re-iterable records, newest first. */
function scaledSnapshot(size: number, template: Template, which: 'a' | 'b') {
  const asOfA = AS_OF_A;
  const asOfB = asOfA + WEEK;
  const T = template.outgoing.length;
  const fates = { pending: 0, accepted: 0, withdrawn: 0, expired: 0, new: 0 };
  for (let g = 0; g < T; g++) fates[template.outgoing[g]!.fate] += copiesOf(g, T, size);
  const freshCount = which === 'b' ? Math.round((size * template.fresh.length) / T) : 0;
  fates.new = Math.round((size * template.fresh.length) / T);
  const incomingCount = Math.round((size * template.incoming.length) / T);
  const counts = { outgoing: 0, incoming: incomingCount, connections: 0 };
  counts.outgoing = which === 'a' ? size : fates.pending + freshCount;
  counts.connections = size + (which === 'b' ? fates.accepted : 0);

  // Groups of identical template records, youngest first; each group sorted by profile URL.
  function* outgoingGroups(): Generator<ExportInvitationRecord[]> {
    const newcomers = new People('newcomer', new Set());
    if (freshCount > 0) {
      const F = template.fresh.length;
      let i = 0;
      for (let g = 0; g < F; g++) {
        const group: ExportInvitationRecord[] = [];
        for (let c = copiesOf(g, F, freshCount); c > 0; c--, i++) {
          const m = newcomers.at(i);
          group.push({
            direction: 'OUTGOING',
            other: personOf(m, 'n'),
            sentAt: asOfB - template.fresh[g]!,
            message: noteFor(i + 0x40000000, m),
          });
        }
        yield group.sort(byUrl);
      }
    }
    const invitees = new People('invitee', new Set([OWNER_SLUG]));
    let i = 0;
    for (let g = 0; g < T; g++) {
      const t = template.outgoing[g]!;
      const group: ExportInvitationRecord[] = [];
      for (let c = copiesOf(g, T, size); c > 0; c--, i++) {
        const m = invitees.at(i);
        if (which === 'b' && t.fate !== 'pending') continue;
        group.push({
          direction: 'OUTGOING',
          other: personOf(m),
          sentAt: asOfA - t.age,
          message: noteFor(i, m),
        });
      }
      yield group.sort(byUrl);
    }
  }

  function* incoming(): Generator<ExportInvitationRecord> {
    const inviters = new People('inviter', new Set());
    const I = template.incoming.length;
    let i = 0;
    for (let g = 0; g < I; g++) {
      const group: ExportInvitationRecord[] = [];
      for (let c = copiesOf(g, I, incomingCount); c > 0; c--, i++) {
        const m = inviters.at(i);
        group.push({
          direction: 'INCOMING',
          other: personOf(m, 'i'),
          sentAt: asOfA - template.incoming[g]!,
          message: i % 3 === 0 ? 'Hello, fellow alum here. Happy to connect!' : null,
        });
      }
      yield* group.sort(byUrl);
    }
  }

  const invitations: Iterable<ExportInvitationRecord> = {
    *[Symbol.iterator]() {
      // Merge outgoing and incoming, newest first.
      const inc = incoming()[Symbol.iterator]();
      let nextIn = inc.next();
      for (const group of outgoingGroups()) {
        for (const r of group) {
          while (!nextIn.done && nextIn.value.sentAt > r.sentAt) {
            yield nextIn.value;
            nextIn = inc.next();
          }
          yield r;
        }
      }
      while (!nextIn.done) {
        yield nextIn.value;
        nextIn = inc.next();
      }
    },
  };

  const connections: Iterable<ExportConnectionRecord> = {
    *[Symbol.iterator]() {
      // In b, the week's acceptances are the newest connections.
      if (which === 'b') {
        const accepted: ExportConnectionRecord[] = [];
        const invitees = new People('invitee', new Set([OWNER_SLUG]));
        let i = 0;
        for (let g = 0; g < T; g++) {
          const t = template.outgoing[g]!;
          for (let c = copiesOf(g, T, size); c > 0; c--, i++) {
            if (t.fate !== 'accepted') continue;
            const m = invitees.at(i);
            accepted.push({ person: personOf(m), connectedOn: asOfA + t.endedAfter });
          }
        }
        accepted.sort(
          (x, y) =>
            y.connectedOn - x.connectedOn || cmp(x.person.profileUrl ?? '', y.person.profileUrl ?? ''),
        );
        yield* accepted;
      }
      const people = new People('connection', new Set());
      const C = template.connections.length;
      let i = 0;
      for (let g = 0; g < C; g++) {
        const group: ExportConnectionRecord[] = [];
        for (let c = copiesOf(g, C, size); c > 0; c--, i++) {
          const m = people.at(i);
          group.push({
            person: personOf(m, 'c'),
            connectedOn: asOfA - template.connections[g]!,
          });
        }
        yield* group.sort((x, y) => cmp(x.person.profileUrl ?? '', y.person.profileUrl ?? ''));
      }
    },
  };

  const snapshot: ExportSnapshot = {
    asOf: which === 'a' ? asOfA : asOfB,
    owner: OWNER,
    invitations,
    connections,
  };
  return { snapshot, counts, fates };
}

/** Invitations.csv in blocks of the four `Sent At` formats, under one header. */
function* invitationLines(snapshot: ExportSnapshot, total: number): Generator<string> {
  const records = snapshot.invitations[Symbol.iterator]();
  for (const [index, [format, share]] of SENT_AT_BLOCKS.entries()) {
    const count = index === SENT_AT_BLOCKS.length - 1 ? Number.POSITIVE_INFINITY : Math.round(total * share);
    const block: Iterable<ExportInvitationRecord> = {
      *[Symbol.iterator]() {
        for (let n = 0; n < count; n++) {
          const r = records.next();
          if (r.done) return;
          yield r.value;
        }
      },
    };
    let header = true;
    for (const line of invitationsCsv(
      { ...snapshot, invitations: block },
      { bom: true, eol: '\r\n', sentAtFormat: format, mojibakeEvery: 53, incoming: true },
    )) {
      // One header (with the byte-order mark), at the top.
      if (header) {
        header = false;
        if (index > 0) continue;
      }
      yield line;
    }
  }
}

/** Writes a generator's strings to a file with backpressure; returns the bytes written. */
async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffer = '';
  let bytes = 0;
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= 1 << 16) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return bytes;
}

/**
 * A targets CSV (SPEC 3.3) for the plan benchmark, from the model's members: `count` people to
 * invite, of whom one in ten is already invited in snapshot a and one in twenty already connected,
 * so the plan skips some as it would for a real member.
 */
export function writeTargets(file: string, count: number): void {
  const rows: TargetCsvRow[] = [];
  const fresh = new People('target', new Set());
  const invitees = new People('invitee', new Set([OWNER_SLUG]));
  const connected = new People('connection', new Set());
  for (let i = 0; i < count; i++) {
    const m = i % 10 === 3 ? invitees.at(i) : i % 20 === 7 ? connected.at(i) : fresh.at(i);
    const person = personOf(m, i % 10 === 3 ? '' : i % 20 === 7 ? 'c' : 't');
    rows.push({
      name: m.name,
      profileUrl: person.profileUrl,
      relation: m.relation,
      mutualConnections: m.mutualConnections,
      connectionCount: m.connectionCount,
      timezone: m.timezone,
      tags: i % 4 === 0 ? ['climate', 'partners'] : [],
      company: m.company,
      headline: m.headline,
    });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, [...targetsCsv(rows, { ...CSV_STYLE, customColumns: [] })].join(''));
}

type FileJob = { dir: string; size: number; which: 'a' | 'b'; file: 'invitations' | 'connections' };

const CSV_STYLE = { bom: true, eol: '\r\n' as const };

/** Writes one of the two big files of one snapshot; returns its bytes. */
async function writeFile(job: FileJob, template: Template): Promise<number> {
  const { snapshot, counts } = scaledSnapshot(job.size, template, job.which);
  if (job.file === 'invitations') {
    return writeLines(
      path.join(job.dir, 'Invitations.csv'),
      invitationLines(snapshot, counts.outgoing + counts.incoming),
    );
  }
  return writeLines(
    path.join(job.dir, 'Connections.csv'),
    connectionsCsv(snapshot, { ...CSV_STYLE, style: 'current', preamble: 'long', mojibakeEvery: 97 }),
  );
}

/** Runs file jobs in child processes, as many at a time as there are cores. */
async function runJobs(jobs: FileJob[], templateFile: string): Promise<number[]> {
  const bytes: number[] = new Array(jobs.length).fill(0);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--job', JSON.stringify(jobs[i]), templateFile],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const [code] = (await once(child, 'close')) as [number | null];
      if (code !== 0) throw new Error(`writing ${jobs[i]!.file} of ${jobs[i]!.dir} failed (exit ${code})`);
      bytes[i] = Number(out.trim());
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, os.availableParallelism()) }, worker));
  return bytes;
}

async function templateFileIn(root: string): Promise<string> {
  const file = path.join(root, `template-v${GENERATOR_VERSION}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(await buildTemplate()));
  }
  return file;
}

/**
 * The exports of `size` outgoing invitations (and as many connections) under `root`, written
 * unless an earlier run left them there with the same generator version. The big files are written
 * by child processes side by side.
 */
export async function ensureExport(
  root: string,
  size: number,
): Promise<BenchExport & { generatedMs: number }> {
  const dir = path.join(root, `n${size}`);
  const manifestFile = path.join(dir, 'manifest.json');
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BenchExport & { version: number };
    // A folder written when b stopped at a smaller size is written again with it.
    const complete = manifest.b !== null || size > MAX_B_SIZE;
    if (manifest.version === GENERATOR_VERSION && complete) return { ...manifest, generatedMs: 0 };
  } catch {
    // not written yet
  }
  const started = performance.now();
  const templateFile = await templateFileIn(root);
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as Template;
  const snapshots: ('a' | 'b')[] = size <= MAX_B_SIZE ? ['a', 'b'] : ['a'];
  const jobs: FileJob[] = [];
  for (const which of snapshots) {
    const sub = path.join(dir, which);
    fs.rmSync(sub, { recursive: true, force: true });
    fs.mkdirSync(sub, { recursive: true });
    // The small files here; the big ones by the jobs.
    const { snapshot } = scaledSnapshot(size, template, which);
    fs.writeFileSync(path.join(sub, 'Profile.csv'), profileCsv(snapshot, CSV_STYLE));
    for (const [name, text] of Object.entries(extraFiles(snapshot, CSV_STYLE))) {
      fs.writeFileSync(path.join(sub, name), text);
    }
    for (const file of ['invitations', 'connections'] as const) jobs.push({ dir: sub, size, which, file });
  }
  const bytes = await runJobs(jobs, templateFile);
  const countsOf = (which: 'a' | 'b'): SnapshotCounts => ({
    ...scaledSnapshot(size, template, which).counts,
    bytes: jobs.reduce((sum, job, i) => sum + (job.which === which ? bytes[i]! : 0), 0),
  });
  const result: BenchExport = {
    size,
    a: path.join(dir, 'a'),
    b: snapshots.includes('b') ? path.join(dir, 'b') : null,
    asOfA: AS_OF_A,
    asOfB: AS_OF_A + WEEK,
    counts: {
      a: countsOf('a'),
      b: snapshots.includes('b') ? countsOf('b') : null,
      fates: scaledSnapshot(size, template, 'a').fates,
    },
  };
  const generatedMs = performance.now() - started;
  fs.writeFileSync(manifestFile, `${JSON.stringify({ ...result, version: GENERATOR_VERSION }, null, 2)}\n`);
  return { ...result, generatedMs };
}

// `npx tsx bench/generate.ts [--out <folder>] 10000 100000` writes exports on their own;
// `--job <json> <template file>` is one file job of ensureExport, in its own process.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  if (args[0] === '--job') {
    const template = JSON.parse(fs.readFileSync(args[2]!, 'utf8')) as Template;
    process.stdout.write(`${await writeFile(JSON.parse(args[1]!) as FileJob, template)}\n`);
  } else {
    const out = args[0] === '--out' ? args.splice(0, 2)[1]! : 'bench/out/exports';
    for (const arg of args) {
      const e = await ensureExport(path.resolve(out), Number(arg));
      console.log(`n=${e.size}: ${(e.generatedMs / 1000).toFixed(1)} s`, JSON.stringify(e.counts));
    }
  }
}

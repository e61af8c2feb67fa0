/**
 * Fault injection for every reader (issue 7): thousands of malformed inputs per reader family, generated
 * from a fixed seed. Each input must end in valid output (records and row errors) or a thrown
 * InviteKeeperError with a code (not INTERNAL): never another exception, never a hang. The counts go to
 * .tmp/reliability/sources-fuzz.json for the reliability docs.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInviteKeeperError } from '../core/index.ts';
import { type LinkedInExport, openLinkedInExport, openLinkedInExportFromBytes } from './linkedin-export.ts';
import type { RowError, SentPageRow } from './records.ts';
import { parseSentPageHtml, parseSentPageText, readSentPage, type SentPage } from './sent-page.ts';
import { parseTargetsCsv, readTargetsCsv } from './targets-csv.ts';
import { makeZip } from './test-zip.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260305);
const PER_FAMILY = 10_000;
const HANG_MS = 15_000;
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const asOf = Date.UTC(2026, 2, 10, 12);

// ---------------------------------------------------------------------------------------------------------
// A seeded generator (mulberry32): the same inputs on every run, so a failure can be replayed.

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

const NASTY = [
  ',',
  '"',
  '""',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ';',
  '|',
  '\u00c2 ',
  '\u00c2\u00a0',
  '\u00a0',
  '\ufeff',
  '🚀',
  '\u0000',
  'é',
  '\u202e',
  '\\',
  "'",
  'Sent 3 weeks ago',
  'Sent today',
  'Sent 99999 years ago',
  'Sent -1 days ago',
  'Load more',
  'Withdraw',
  '3/5/26, 1:45 AM',
  '31/31/26',
  '2026-03-05 01:45:00 UTC',
  '05 Mar 2026',
  'OUTGOING',
  'INCOMING',
  'https://www.linkedin.com/in/ada',
  'https://evil.example/in/x',
  'linkedin.com/in/%E0%A4%A',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n',
  'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n',
  '<div>',
  '</div>',
  '<a href="/in/x">',
  '</a>',
  '<script>',
  '<!--',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '<br>',
  'colleague',
  'Europe/Paris',
  '1,234',
  '-1',
  '__proto__',
  'constructor',
  'toString',
  'Sent 3 constructor ago',
  'Sent 1 __proto__ ago',
];

type Mutator = (rng: Rng, input: Buffer) => Buffer;

const MUTATORS: Mutator[] = [
  // truncation of a valid file at a random point
  (rng, b) => b.subarray(0, rng.int(b.length + 1)),
  // byte flips
  (rng, b) => {
    const c = Buffer.from(b);
    for (let i = 0, n = 1 + rng.int(8); i < n && c.length > 0; i++) c[rng.int(c.length)] = rng.int(256);
    return c;
  },
  // nasty tokens inserted
  (rng, b) => {
    let s = b.toString('utf8');
    for (let i = 0, n = 1 + rng.int(6); i < n; i++) {
      const at = rng.int(s.length + 1);
      s = s.slice(0, at) + rng.pick(NASTY) + s.slice(at);
    }
    return Buffer.from(s);
  },
  // a range deleted
  (rng, b) => {
    const from = rng.int(b.length + 1);
    return Buffer.concat([b.subarray(0, from), b.subarray(from + rng.int(200))]);
  },
  // lines shuffled and duplicated
  (rng, b) => {
    const lines = b.toString('utf8').split('\n');
    const out: string[] = [];
    for (let i = 0, n = lines.length + rng.int(4); i < n; i++) out.push(rng.pick(lines));
    return Buffer.from(out.join(rng.chance(0.5) ? '\n' : '\r\n'));
  },
  // wrong encodings
  (rng, b) => {
    const s = b.toString('utf8');
    const which = rng.int(4);
    if (which === 0) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    if (which === 1) return Buffer.from(s, 'utf16le');
    if (which === 2) return Buffer.from(s.replace(/e/g, 'é'), 'latin1');
    return Buffer.from(s.replace(/a/g, 'Ã¤'), 'utf8');
  },
  // random bytes, sometimes behind a plausible start
  (rng, b) => {
    const junk = rng.bytes(rng.int(600));
    return rng.chance(0.5)
      ? junk
      : Buffer.concat([b.subarray(0, rng.int(Math.min(200, b.length + 1))), junk]);
  },
  // a huge field or a very wide row (kept modest: the dedicated big cases run once below)
  (rng, b) => {
    const s = b.toString('utf8');
    const at = s.indexOf('\n') + 1;
    const big = rng.chance(0.5)
      ? `"${'x'.repeat(1_000 + rng.int(5_000))}"`
      : 'a,'.repeat(200 + rng.int(1000));
    return Buffer.from(`${s.slice(0, at)}${big}\n${s.slice(at)}`);
  },
];

function mutate(rng: Rng, input: Buffer): Buffer {
  let out = input;
  for (let i = 0, n = 1 + rng.int(3); i < n; i++) out = rng.pick(MUTATORS)(rng, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes

interface FamilyStats {
  inputs: number;
  valid: number;
  refused: number;
  failures: number;
  rowErrors: number;
  records: number;
  refusedByCode: Record<string, number>;
  failureExamples: string[];
  /** CPU time spent, for the record (nothing asserts on it). */
  cpuMs: number;
}

const stats: Record<string, FamilyStats> = {};

function family(name: string): FamilyStats {
  stats[name] ??= {
    inputs: 0,
    valid: 0,
    refused: 0,
    failures: 0,
    rowErrors: 0,
    records: 0,
    refusedByCode: {},
    failureExamples: [],
    cpuMs: 0,
  };
  return stats[name]!;
}

function fail(s: FamilyStats, what: string): void {
  s.failures++;
  if (s.failureExamples.length < 10) s.failureExamples.push(what.slice(0, 500));
}

function checkRowError(e: RowError): string | null {
  if (typeof e.file !== 'string' || !Number.isInteger(e.line) || e.line < 1)
    return `bad row error ${JSON.stringify(e)}`;
  if (typeof e.message !== 'string' || e.message === '') return 'row error without message';
  return null;
}

/** Runs one input; classifies the outcome; a wrong outcome is recorded with the input's description. */
async function attempt(s: FamilyStats, describeInput: () => string, run: () => Promise<string | null>) {
  s.inputs++;
  const cpu = process.cpuUsage();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), HANG_MS);
  });
  try {
    const result = await Promise.race([run(), hang]);
    if (result === 'hang') fail(s, `hang: ${describeInput()}`);
    else if (result !== null) fail(s, `${result}: ${describeInput()}`);
    else s.valid++;
  } catch (err) {
    if (isInviteKeeperError(err) && err.code !== 'INTERNAL' && err.message !== '') {
      s.refused++;
      s.refusedByCode[err.code] = (s.refusedByCode[err.code] ?? 0) + 1;
    } else {
      fail(s, `${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}: ${describeInput()}`);
    }
  } finally {
    clearTimeout(timer);
    const used = process.cpuUsage(cpu);
    s.cpuMs += (used.user + used.system) / 1000;
  }
}

async function drainExport(s: FamilyStats, exp: LinkedInExport): Promise<string | null> {
  try {
    if (!/^[0-9a-f]{64}$/.test(exp.contentHash)) return 'bad content hash';
    for (const reader of [exp.invitations, exp.connections]) {
      if (!reader) continue;
      for await (const row of reader.rows()) {
        if (row.ok) {
          s.records++;
          const v = row.value as {
            name?: unknown;
            sentAt?: unknown;
            connectedOn?: unknown;
            direction?: unknown;
          };
          const t = (v.sentAt ?? v.connectedOn) as number;
          // An incoming row is only counted, so an unreadable date in it is no reason to refuse.
          const incoming = v.direction === 'INCOMING';
          if (
            (!incoming && !Number.isFinite(t)) ||
            (incoming && v.sentAt !== null && !Number.isFinite(t)) ||
            typeof v.name !== 'string' ||
            !Number.isInteger(row.line) ||
            row.line < 1
          ) {
            return `bad record ${JSON.stringify(row)}`;
          }
        } else {
          s.rowErrors++;
          const bad = checkRowError(row.error);
          if (bad) return bad;
        }
      }
    }
    return null;
  } finally {
    await exp.close();
  }
}

function checkSentPage(s: FamilyStats, page: SentPage): string | null {
  for (const r of page.rows as SentPageRow[]) {
    s.records++;
    if (
      !(r.sentAtEarliest <= r.sentAtLatest && r.sentAtLatest <= asOf) ||
      !Number.isFinite(r.sentAtEarliest)
    ) {
      return `bad range ${JSON.stringify(r)}`;
    }
    if (typeof r.name !== 'string' || r.name === '') return `row without name ${JSON.stringify(r)}`;
  }
  for (const e of page.errors) {
    s.rowErrors++;
    const bad = checkRowError(e);
    if (bad) return bad;
  }
  return null;
}

function sample(b: Buffer): string {
  return `${b.length} bytes: ${JSON.stringify(b.subarray(0, 120).toString('latin1'))}`;
}

// ---------------------------------------------------------------------------------------------------------

let dir: string;
const fixtures: Record<string, Buffer> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ik-fuzz-'));
  for (const name of [
    'invitations.csv',
    'invitations-bad-rows.csv',
    'connections.csv',
    'connections-old.csv',
    'profile.csv',
    'sent-page.txt',
    'sent-page.html',
    'sent-page-hashed.html',
    'targets.csv',
    'targets-bad.csv',
  ]) {
    fixtures[name] = await readFile(join(FIXTURES, name));
  }
});

/** The reader families of issue 7, each fed at least PER_FAMILY inputs in total. */
const FAMILIES: Record<string, string[]> = {
  'linkedin-export CSVs (Invitations, Connections, Profile)': ['export-csv', 'export-csv-big'],
  'linkedin-export ZIP': ['zip'],
  'Sent page (text and HTML)': ['sent-text', 'sent-html'],
  'targets CSV': ['targets'],
};

function familyTotals() {
  return Object.fromEntries(
    Object.entries(FAMILIES).map(([name, readers]) => {
      const parts = readers.map((r) => stats[r]).filter((x): x is FamilyStats => x !== undefined);
      const sum = (k: 'inputs' | 'valid' | 'refused' | 'failures') => parts.reduce((n, p) => n + p[k], 0);
      return [
        name,
        {
          inputs: sum('inputs'),
          valid: sum('valid'),
          refused: sum('refused'),
          failures: sum('failures'),
          readers,
        },
      ];
    }),
  );
}

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  const out = join(process.cwd(), '.tmp', 'reliability');
  await mkdir(out, { recursive: true });
  const total = Object.values(stats).reduce((n, f) => n + f.inputs, 0);
  const failures = Object.values(stats).reduce((n, f) => n + f.failures, 0);
  const families = familyTotals();
  await writeFile(
    join(out, 'sources-fuzz.json'),
    `${JSON.stringify({ seed: SEED, perFamilyTarget: PER_FAMILY, total, failures, families, readers: stats }, null, 2)}\n`,
  );
  const parts = Object.entries(families).map(
    ([k, f]) => `${k}: ${f.inputs} (${f.valid} valid, ${f.refused} refused, ${f.failures} failed)`,
  );
  console.log(`sources fuzz, seed ${SEED}, ${total} inputs, ${failures} failures; ${parts.join('; ')}`);
});

// generous: the suite may share a loaded 2-core machine; no test here asserts a time
describe('fault injection', { timeout: 300_000 }, () => {
  it('export CSVs (Invitations, Connections, Profile) via openLinkedInExport', async () => {
    const s = family('export-csv');
    const rng = new Rng(SEED);
    const bases = [
      'invitations.csv',
      'invitations-bad-rows.csv',
      'connections.csv',
      'connections-old.csv',
      'profile.csv',
    ];
    // a few dozen through real files on disk, the rest from memory (the same code past the first read)
    for (let i = 0; i < PER_FAMILY; i++) {
      const input = mutate(rng, fixtures[rng.pick(bases)]!);
      if (i % 250 === 0) {
        const path = join(dir, `export-${i}.csv`);
        await writeFile(path, input);
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExport(path)),
        );
      } else {
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExportFromBytes(input, 'f.csv')),
        );
      }
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('export CSVs: the big cases, streamed through temp files', async () => {
    const s = family('export-csv-big');
    const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n';
    const writeStreamed = async (name: string, start: string, chunks: number, chunk: string) => {
      const path = join(dir, name);
      const out = createWriteStream(path);
      out.write(start);
      for (let i = 0; i < chunks; i++) if (!out.write(chunk)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
      return path;
    };
    const mib = 'a'.repeat(1024 * 1024);
    const cases: Array<[string, () => Promise<string>]> = [
      ['100 MB single line', () => writeStreamed('line.csv', '', 100, mib)],
      ['header then a 100 MB line', () => writeStreamed('header-line.csv', header, 100, mib)],
      [
        'a row with a million columns',
        () => writeStreamed('wide.csv', header, 1, `${'a,'.repeat(1_000_000)}\n`),
      ],
      [
        'a 2 MiB quoted field',
        () => writeStreamed('field.csv', header, 1, `a,b,"${'x'.repeat(2 * 1024 * 1024)}",,\n`),
      ],
      ['a 20 MB unclosed quote', () => writeStreamed('quote.csv', `${header}a,"`, 20, mib)],
    ];
    for (const [what, make] of cases) {
      const path = await make();
      await attempt(
        s,
        () => what,
        async () => drainExport(s, await openLinkedInExport(path)),
      );
      await rm(path, { force: true });
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('ZIP archives via openLinkedInExport', async () => {
    const s = family('zip');
    const rng = new Rng(SEED + 1);
    const good = makeZip([
      { name: 'Invitations.csv', data: fixtures['invitations.csv']! },
      { name: 'Connections.csv', data: fixtures['connections.csv']!, method: 0 },
      { name: 'Profile.csv', data: fixtures['profile.csv']! },
      { name: 'Rich_Media.csv', data: 'a,b\n' },
    ]);
    const names = [
      'Invitations.csv',
      'Connections.csv',
      'Profile.csv',
      'x/../y.csv',
      '/abs.csv',
      'in.zip',
      'a\\b.csv',
    ];
    const randomZip = () =>
      makeZip(
        Array.from({ length: 1 + rng.int(4) }, () => ({
          name: rng.chance(0.8) ? rng.pick(names) : rng.bytes(1 + rng.int(20)),
          data: mutate(rng, fixtures[rng.pick(['invitations.csv', 'connections.csv', 'profile.csv'])]!),
          method: rng.chance(0.3) ? (0 as const) : (8 as const),
          flags: rng.chance(0.1) ? rng.int(0x10000) : 0x800,
          ...(rng.chance(0.2) ? { declaredSize: rng.int(2 ** 32) } : {}),
          ...(rng.chance(0.1) ? { declaredCompressedSize: rng.int(2 ** 32) } : {}),
        })),
      );
    for (let i = 0; i < PER_FAMILY; i++) {
      let input: Buffer;
      const kind = rng.int(5);
      if (kind === 0) input = good.subarray(0, rng.int(good.length + 1));
      else if (kind === 1) {
        input = Buffer.from(good);
        // flip bytes, most of them in the central directory and end record where the sizes live
        for (let j = 0, n = 1 + rng.int(6); j < n; j++) {
          const at = rng.chance(0.7)
            ? good.length - 1 - rng.int(Math.min(400, good.length))
            : rng.int(good.length);
          input[at] = rng.int(256);
        }
      } else if (kind === 2) input = randomZip();
      else if (kind === 3)
        input = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), rng.bytes(rng.int(2000))]);
      else {
        input = Buffer.from(good);
        const at = good.length - 22 - rng.int(200);
        if (at > 0) input.writeUInt32LE(rng.pick([0, 0xffffffff, rng.int(2 ** 32), 0x7fffffff]), at);
      }
      if (i % 500 === 0) {
        const path = join(dir, `archive-${i}.zip`);
        await writeFile(path, input);
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExport(path)),
        );
      } else {
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExportFromBytes(input, 'a.zip')),
        );
      }
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('Sent page, pasted text', async () => {
    const s = family('sent-text');
    const rng = new Rng(SEED + 2);
    for (let i = 0; i < PER_FAMILY / 2; i++) {
      const input = mutate(rng, fixtures['sent-page.txt']!);
      const text = input.toString('utf8');
      await attempt(
        s,
        () => sample(input),
        async () => checkSentPage(s, parseSentPageText(text, asOf, 's.txt')),
      );
    }
    for (let i = 0; i < 20; i++) {
      const input = mutate(rng, fixtures['sent-page.txt']!);
      const path = join(dir, `sent-${i}.txt`);
      await writeFile(path, input);
      await attempt(
        s,
        () => sample(input),
        async () => checkSentPage(s, await readSentPage(path, asOf)),
      );
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('Sent page, saved HTML', async () => {
    const s = family('sent-html');
    const rng = new Rng(SEED + 3);
    const tags = ['div', 'li', 'span', 'a', 'p', 'time', 'script', 'style', 'template', 'button', 'b', 'ul'];
    const soup = () => {
      let out = '';
      for (let i = 0, n = rng.int(200); i < n; i++) {
        const t = rng.pick(tags);
        const r = rng.int(5);
        if (r === 0)
          out += `<${t}${rng.chance(0.3) ? ` href="${rng.pick(['/in/ada', 'https://www.linkedin.com/in/Bob/', 'javascript:x', '/in/'])}"` : ''}${rng.chance(0.1) ? ' hidden' : ''}>`;
        else if (r === 1) out += `</${t}>`;
        else out += rng.pick(NASTY);
      }
      return Buffer.from(out);
    };
    for (let i = 0; i < PER_FAMILY / 2; i++) {
      const input = rng.chance(0.2)
        ? soup()
        : mutate(rng, fixtures[rng.pick(['sent-page.html', 'sent-page-hashed.html'])]!);
      const html = input.toString('utf8');
      await attempt(
        s,
        () => sample(input),
        async () => checkSentPage(s, parseSentPageHtml(html, asOf, 's.html')),
      );
    }
    const deep = `${'<div><span>'.repeat(50_000)}Ada<br>Sent today`;
    await attempt(
      s,
      () => 'deep nesting',
      async () => checkSentPage(s, parseSentPageHtml(deep, asOf, 'deep.html')),
    );
    expect(s.failureExamples).toEqual([]);
  });

  it('targets CSV', async () => {
    const s = family('targets');
    const rng = new Rng(SEED + 4);
    for (let i = 0; i < PER_FAMILY; i++) {
      const input = mutate(rng, fixtures[rng.pick(['targets.csv', 'targets-bad.csv'])]!);
      const check = (rows: ReturnType<typeof parseTargetsCsv>['rows']) => {
        for (const r of rows) {
          if (r.ok) {
            s.records++;
            if (r.value.name === null && r.value.profileUrl === null) return `row with neither name nor URL`;
          } else {
            s.rowErrors++;
            const bad = checkRowError(r.error);
            if (bad) return bad;
          }
        }
        return null;
      };
      if (i % 200 === 0) {
        const path = join(dir, `targets-${i}.csv`);
        await writeFile(path, input);
        await attempt(
          s,
          () => sample(input),
          async () => check((await readTargetsCsv(path)).rows),
        );
      } else {
        const text = input.toString('utf8');
        await attempt(
          s,
          () => sample(input),
          async () => check(parseTargetsCsv(text, 't.csv').rows),
        );
      }
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('every reader family was fed at least 10,000 inputs', () => {
    for (const [name, f] of Object.entries(familyTotals())) {
      expect(f.inputs, name).toBeGreaterThanOrEqual(PER_FAMILY);
      expect(f.failures, name).toBe(0);
    }
  });
});

import { isInviteKeeperError } from '../core/index.ts';
import type { LinkedInExport } from './linkedin-export.ts';
import type { RowError, SentPageRow } from './records.ts';
import type { SentPage } from './sent-page.ts';

/**
 * The fault-injection harness of fuzz.test.ts: a seeded generator of malformed inputs (mutations of
 * the fixtures) and the outcome of each input, tallied per reader family for the reliability docs.
 */

export const SEED = Number(process.env.FUZZ_SEED ?? 20260305);
export const PER_FAMILY = 10_000;
const HANG_MS = 15_000;
export const asOf = Date.UTC(2026, 2, 10, 12);

// ---------------------------------------------------------------------------------------------------------
// A seeded generator (mulberry32): the same inputs on every run, so a failure can be replayed.

export class Rng {
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

export const NASTY = [
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

export type Mutator = (rng: Rng, input: Buffer) => Buffer;

export const MUTATORS: Mutator[] = [
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

export function mutate(rng: Rng, input: Buffer): Buffer {
  let out = input;
  for (let i = 0, n = 1 + rng.int(3); i < n; i++) out = rng.pick(MUTATORS)(rng, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes

export interface FamilyStats {
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

export const stats: Record<string, FamilyStats> = {};

export function family(name: string): FamilyStats {
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

export function checkRowError(e: RowError): string | null {
  if (typeof e.file !== 'string' || !Number.isInteger(e.line) || e.line < 1)
    return `bad row error ${JSON.stringify(e)}`;
  if (typeof e.message !== 'string' || e.message === '') return 'row error without message';
  return null;
}

/** Runs one input; classifies the outcome; a wrong outcome is recorded with the input's description. */
export async function attempt(
  s: FamilyStats,
  describeInput: () => string,
  run: () => Promise<string | null>,
) {
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

export async function drainExport(s: FamilyStats, exp: LinkedInExport): Promise<string | null> {
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

export function checkSentPage(s: FamilyStats, page: SentPage): string | null {
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

export function sample(b: Buffer): string {
  return `${b.length} bytes: ${JSON.stringify(b.subarray(0, 120).toString('latin1'))}`;
}

/** The reader families of issue 7, each fed at least PER_FAMILY inputs in total. */
export const FAMILIES: Record<string, string[]> = {
  'linkedin-export CSVs (Invitations, Connections, Profile)': ['export-csv', 'export-csv-big'],
  'linkedin-export ZIP': ['zip'],
  'Sent page (text and HTML)': ['sent-text', 'sent-html'],
  'targets CSV': ['targets'],
};

export function familyTotals() {
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

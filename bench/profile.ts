/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by function and by part of the
 * program, so the benchmark can say which part dominates.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by part of the program, largest first. */
  parts: { part: string; ms: number; share: number }[];
  /** Self time by function, largest first. */
  functions: { fn: string; where: string; part: string; ms: number; share: number }[];
}

/** Which part of the program a function belongs to, from its file. */
function partOf(fn: string, url: string): string {
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(idle)' || fn === '(program)' || fn === '(root)') return 'idle / VM';
  if (url.includes('/node_modules/csv-parse/')) return 'CSV parsing (csv-parse)';
  if (url.includes('/node_modules/better-sqlite3/') || url.includes('/src/store/dialects/'))
    return 'SQLite (better-sqlite3, native)';
  if (url.includes('/node_modules/kysely/')) return 'SQLite via Kysely';
  if (url.includes('/src/sources/')) return 'reading and cleaning rows (src/sources)';
  if (url.includes('/src/core/')) return 'rules and keys (src/core)';
  if (url.includes('/src/app/')) return 'matching and batching (src/app)';
  if (url.includes('/src/store/')) return 'store (src/store)';
  if (url.startsWith('node:') || url === '') return 'Node.js internals (streams, promises, I/O)';
  if (url.includes('/node_modules/'))
    return `other libraries (${url.replace(/.*\/node_modules\/([^/]+)\/.*/, '$1')})`;
  return 'other';
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/.*\/(node_modules\/[^/]+|src|bench)\//, '$1/');
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fns = new Map<string, { fn: string; where: string; part: string; us: number }>();
  const parts = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = functionName || '(anonymous)';
    const part = partOf(fn, url);
    total += us;
    parts.set(part, (parts.get(part) ?? 0) + us);
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${fn} ${where}`;
    const entry = fns.get(key) ?? { fn, where, part, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const share = (us: number) => (total > 0 ? us / total : 0);
  return {
    totalMs: total / 1000,
    parts: [...parts.entries()]
      .map(([part, us]) => ({ part, ms: us / 1000, share: share(us) }))
      .sort((a, b) => b.ms - a.ms),
    functions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, part: f.part, ms: f.us / 1000, share: share(f.us) })),
  };
}

// `npx tsx bench/profile.ts <file.cpuprofile>` prints the summary.
if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  const s = summariseProfile(process.argv[2], 30);
  for (const p of s.parts)
    console.log(`${p.ms.toFixed(0).padStart(8)} ms ${(100 * p.share).toFixed(1).padStart(5)}%  ${p.part}`);
  console.log('');
  for (const f of s.functions)
    console.log(
      `${f.ms.toFixed(0).padStart(8)} ms ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.fn}  ${f.where}`,
    );
}

/**
 * A Sent page near the size limit (issue 13): a 60 MB saved page (the bundled sample's cards
 * repeated under new profile links, about 67,000 invitations), imported
 *  1. by the CLI (`invitekeeper import --sent-page`), whole process: wall time and peak memory;
 *  2. through `invitekeeper serve` (imports in a worker thread): the upload's time, the server's peak
 *     memory, and how long GET /api/status takes, asked every 200 ms while the upload runs.
 * The bench runner calls sentPageBench(); `npx tsx bench/sent-page.ts` prints the section alone.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Section, SectionContext } from './run.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE_MB = 60;
const NOW = '2026-12-01T12:00:00Z';
/** Prints the process's peak memory when it exits (Linux and macOS report it in KiB). */
const REPORT_PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('PEAK_KB '+process.resourceUsage().maxRSS+'\\n'))`;

/** The bundled sample page with its cards repeated under new profile links, to `mb` MiB. */
export function writeBigSentPage(file: string, mb: number): number {
  const html = fs.readFileSync(path.join(ROOT, 'examples', 'sent-page.html'), 'utf8');
  const start = html.indexOf('<li class="invitation-card');
  const end = html.indexOf('</ul>', start);
  const cards = html.slice(start, end);
  const out = fs.openSync(file, 'w');
  let size = fs.writeSync(out, html.slice(0, start));
  let copies = 0;
  while (size < mb * 1024 * 1024) {
    const k = copies++;
    size += fs.writeSync(
      out,
      cards.replace(/\/in\/([^/"?]+)/g, (_, slug) => `/in/${slug}-b${k}`),
    );
  }
  fs.writeSync(out, html.slice(end));
  fs.closeSync(out);
  return copies * (cards.match(/class="time-badge/g)?.length ?? 0);
}

function cli(args: string[]): Promise<{ ms: number; peakMb: number; stdout: string; code: number | null }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', REPORT_PEAK, path.join(ROOT, 'bin', 'invitekeeper.js'), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return once(child, 'exit').then(([code]) => ({
    ms: performance.now() - started,
    peakMb: Number(/PEAK_KB (\d+)/.exec(stderr)?.[1] ?? 0) / 1024,
    stdout,
    code: code as number | null,
  }));
}

function peakOf(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function throughServer(page: string, dir: string) {
  const db = path.join(dir, 'serve.db');
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'invitekeeper.js'), 'serve', '--db', db, '--port', '0', '--now', NOW],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dir } },
  );
  let out = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.once('exit', () => reject(new Error(`serve stopped: ${out}`)));
  });
  try {
    const token = url.hash.slice('#token='.length);
    const headers = { authorization: `Bearer ${token}` };
    const base = `${url.protocol}//${url.host}`;
    await (await fetch(`${base}/api/status`, { headers })).text();
    const form = new FormData();
    form.set('file', new File([fs.readFileSync(page)], 'sent-page.html'));
    form.set('allowEmpty', 'true');
    const started = performance.now();
    let done = false;
    const upload = fetch(`${base}/api/import`, { method: 'POST', body: form, headers }).then(async (r) => {
      const body = (await r.json()) as { imported?: number };
      done = true;
      return { ms: performance.now() - started, status: r.status, imported: body.imported ?? 0 };
    });
    const waits: number[] = [];
    while (!done) {
      const s = performance.now();
      await (await fetch(`${base}/api/status`, { headers })).text();
      waits.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = await upload;
    waits.sort((a, b) => a - b);
    return {
      ...result,
      peakMb: peakOf(child.pid!),
      statusCount: waits.length,
      statusMedian: waits[waits.length >> 1] ?? Number.NaN,
      statusMax: waits.at(-1) ?? Number.NaN,
    };
  } finally {
    child.kill('SIGINT');
    await once(child, 'exit');
  }
}

export async function sentPageBench(_ctx?: SectionContext): Promise<Section> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-bench-sent-'));
  try {
    // the CLI as a member runs it: the bundle, rebuilt from the sources
    const build = spawn(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], {
      stdio: 'inherit',
    });
    await once(build, 'exit');
    const page = path.join(dir, 'sent-page.html');
    const rows = writeBigSentPage(page, SIZE_MB);
    const mb = fs.statSync(page).size / 1024 / 1024;
    const c = await cli([
      'import',
      '--sent-page',
      page,
      '--db',
      path.join(dir, 'cli.db'),
      '--now',
      NOW,
      '--allow-empty',
    ]);
    if (c.code !== 0) throw new Error(`the CLI import failed: ${c.stdout}`);
    const s = await throughServer(page, dir);
    const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return {
      title: `Sent page of ${mb.toFixed(0)} MB (${rows.toLocaleString('en-US')} invitations)`,
      table: [
        ['what', 'time', 'peak memory', 'status while importing'],
        ['CLI `import --sent-page`, whole process', secs(c.ms), `${c.peakMb.toFixed(0)} MB`, '–'],
        [
          '`serve`: upload and import (worker thread)',
          secs(s.ms),
          `${s.peakMb.toFixed(0)} MB (server process)`,
          `${s.statusCount} requests: median ${s.statusMedian.toFixed(0)} ms, max ${s.statusMax.toFixed(0)} ms`,
        ],
      ],
      notes: [
        "The page is read as a stream (htmlparser2's SAX parser, 1 MiB at a time) into lines of visible text; no tree of the page is built. Pages above 64 MiB or 1,000,000 lines of text are refused with a message naming the file.",
        'Before the streaming reader and the worker thread (commit e1450a4), the same page took 10.3 s and 1,060 MB from the CLI on this machine (`/usr/bin/time`); the page of issue 13 took 79 s and 2.1 GB, and through the server `/api/status` waited 27 to 30 s.',
        "What still holds the server's thread up to about 1.5 s once is reading the 60 MB multipart body of the upload itself (before the worker starts).",
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const s = await sentPageBench();
  console.log(`## ${s.title}\n`);
  for (const row of s.table) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n${s.notes.map((n) => `- ${n}`).join('\n')}`);
}

/**
 * The HTTP API under load (issue 7): /api/status and /api/plan of one account of the 100-account
 * database, 50 connections for 10 seconds each, with autocannon. The server runs in its own
 * process (`--serve`: the product's startServer on a free port) so that the load generator does
 * not share its event loop; the bench runner calls apiBench().
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Section, SectionContext } from './run.ts';

const TOKEN = 'bench-token-0123456789abcdefghijklmnopqrstuvwxyz';
const CONNECTIONS = 50;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** Serves the database given on stdout's first line's port; stops when stdin closes. */
async function serve(db: string, account: string, now: number) {
  const { loadConfig } = await import('../src/app/index.ts');
  const { createStore } = await import('../src/store/index.ts');
  const { startServer } = await import('../src/server/index.ts');
  const config = loadConfig({ db, account }, { HOME: path.dirname(db) });
  // The server's clock runs in real time from the data's as-of, as `invitekeeper serve` reads the
  // clock on every request: a kept status is given again only until its figures could change.
  const started = Date.now();
  const store = await createStore(config.db);
  const server = await startServer({
    app: { store, config, now },
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    dashboardDir: null,
    clock: () => now + (Date.now() - started),
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.stdin.resume();
  await once(process.stdin, 'end');
  await server.close();
  await store.close();
}

interface Load {
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  port: number,
  urlPath: string,
  seconds: number,
  connections = CONNECTIONS,
): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${TOKEN}`, host: `127.0.0.1:${port}` },
  });
  return {
    path: urlPath,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function apiBench(ctx: SectionContext): Promise<Section> {
  const title = 'HTTP API';
  const small = ctx.exports[10_000];
  if (!ctx.accountsDb || !small) return { title, table: [], notes: ['Not measured: no accounts database.'] };
  const seconds = option('api-seconds', 10);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--serve',
      ctx.accountsDb,
      'acct-050',
      String(small.asOfB),
    ],
    { cwd: ctx.root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  try {
    const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
    const { port } = JSON.parse(String(first.value)) as { port: number };
    const runs: Load[] = [];
    for (const p of ['/api/status?account=acct-050', '/api/plan?account=acct-050']) {
      // Warm-up on one connection (code compiled, SQLite's cache filled), not counted: with 50 it
      // would leave a queue of requests that the measured run would wait behind.
      await load(port, p, 2, 1);
      runs.push(await load(port, p, seconds));
    }
    const table = [
      ['route', 'requests', 'requests/s', 'p50', 'p99', 'errors', 'non-2xx'],
      ...runs.map((r) => [
        `\`GET ${r.path}\``,
        r.requests.toLocaleString('en-US'),
        r.rps.toFixed(0),
        `${r.p50} ms`,
        `${r.p99} ms`,
        String(r.errors),
        String(r.non2xx),
      ]),
    ];
    return {
      title,
      table,
      notes: [
        `autocannon in the bench runner's process, ${CONNECTIONS} connections for ${seconds} s per route (after 2 s of warm-up on one connection), against the server of \`invitekeeper serve\` (startServer in its own process, token and Host checks on) on the 100-account database, account acct-050 (about 11k invitations). Load generator and server share the machine's cores.`,
      ],
      targets: runs.map((r) => ({
        target: `GET ${r.path.replace(/\?.*/, '')} p99 < 25 ms`,
        measured: `${r.p99} ms (${r.rps.toFixed(0)} req/s)`,
        met: r.p99 < 25 && r.errors === 0 && r.non2xx === 0,
        note: r.p99 < 25 ? undefined : `missed by ${r.p99 - 25} ms`,
      })),
    };
  } finally {
    child.stdin.end();
    await once(child, 'close');
  }
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3]!, process.argv[4]!, Number(process.argv[5]));
}

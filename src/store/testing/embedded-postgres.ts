/**
 * A throwaway PostgreSQL cluster for tests and benchmarks, made from the server binaries installed
 * on the machine (Debian's `postgresql` package puts them in /usr/lib/postgresql/<version>/bin).
 * PostgreSQL refuses to run as root, so when we are root the cluster belongs to the `postgres`
 * user and every server command runs through `runuser`. Test-only: never used by the product.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The folder of the server binaries used. */
  bin: string;
  dataDir: string;
  stop(): void;
}

/** The newest folder of PostgreSQL server binaries on this machine, or null when there is none. */
export function findPostgresBin(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const candidates: string[] = [];
  if (env.INVITEKEEPER_TEST_PG_BIN) candidates.push(env.INVITEKEEPER_TEST_PG_BIN);
  for (const root of ['/usr/lib/postgresql', '/usr/local/lib/postgresql']) {
    try {
      const versions = fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a));
      for (const v of versions) candidates.push(path.join(root, v, 'bin'));
    } catch {
      // not installed there
    }
  }
  candidates.push('/usr/local/pgsql/bin', '/opt/homebrew/bin', '/usr/local/bin', '/usr/bin');
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Starts a fresh cluster in a temporary folder on a free local port (trust authentication, no
 * fsync: it is thrown away) and returns its URL. `stop()` shuts it down and deletes the folder.
 */
export async function startEmbeddedPostgres(bin: string): Promise<EmbeddedPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'invitekeeper-pg-'));
  fs.chmodSync(root, 0o755);
  const asPostgres = isRoot();
  if (asPostgres) execFileSync('chown', ['postgres:postgres', root]);
  const run = (cmd: string, args: string[]) => {
    const argv = asPostgres ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args;
    const result = spawnSync(asPostgres ? 'runuser' : path.join(bin, cmd), argv, {
      encoding: 'utf8',
      cwd: root,
    });
    if (result.status !== 0) {
      throw new Error(
        `${cmd} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error?.message}`,
      );
    }
  };
  const dataDir = path.join(root, 'data');
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(root, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    bin,
    dataDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

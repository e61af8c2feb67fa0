import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { tempDir, testContext } from '../app/testing/fixtures.ts';
import { runCli } from '../cli/program.ts';
import { allowedHostsFor, isLoopbackHost, loadOrCreateToken, tokenFileFor } from './security.ts';
import { startServer } from './serve.ts';

/** A GET over the socket with any Host header (fetch would not let a test choose it). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the token file', () => {
  it('is created once, random, readable by its owner only, and read back after', () => {
    const file = path.join(tempDir(), 'sub', 'serve-token');
    const first = loadOrCreateToken(file);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateToken(file);
    expect(again).toMatchObject({ token: first.token, created: false, repaired: false });
    expect(loadOrCreateToken(path.join(tempDir(), 'serve-token')).token).not.toBe(first.token);
  });

  it('narrows a file others could read to 0600', () => {
    const file = path.join(tempDir(), 'serve-token');
    const { token } = loadOrCreateToken(file);
    fs.chmodSync(file, 0o644);
    expect(loadOrCreateToken(file)).toMatchObject({ token, repaired: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['/data/ik/invitekeeper.db', '/data/ik/serve-token'],
    [':memory:', null],
  ])('for the database %s lives at %s', (db, expected) => {
    expect(tokenFileFor(loadConfig({ db }, { HOME: '/home/m' }))).toBe(expected);
  });

  it('for a PostgreSQL database lives beside the default SQLite file', () => {
    expect(
      tokenFileFor(loadConfig({ db: 'postgres://u@h/db' }, { HOME: '/home/m', XDG_DATA_HOME: '/x' })),
    ).toBe('/x/invitekeeper/serve-token');
  });
});

describe('hosts', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.20', false],
    ['example.com', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('a loopback server answers to the loopback names on its port only', () => {
    expect(allowedHostsFor('127.0.0.1', 7755)).toEqual(['127.0.0.1:7755', 'localhost:7755', '[::1]:7755']);
    expect(allowedHostsFor('192.168.1.20', 80, ['box.lan'])).toEqual([
      '192.168.1.20:80',
      '192.168.1.20',
      'box.lan:80',
      'box.lan',
    ]);
  });
});

describe('startServer', () => {
  it('serves over a real socket on 127.0.0.1 and applies the same checks', async () => {
    const ctx = await testContext({ now: '2026-11-26T12:00:00Z' });
    cleanups.push(() => ctx.store.close());
    const server = await startServer({
      app: ctx,
      clock: () => ctx.now,
      port: 0,
      token: 'a'.repeat(43),
      dashboardDir: null,
    });
    cleanups.push(() => server.close());
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${'a'.repeat(43)}`);
    const auth = { authorization: `Bearer ${'a'.repeat(43)}` };
    expect((await get(`${server.origin}/api/status`, auth)).status).toBe(200);
    expect((await get(`${server.origin}/api/status`)).status).toBe(401);
    const rebound = await get(`${server.origin}/api/status`, {
      ...auth,
      host: `attacker.example:${server.port}`,
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe('FORBIDDEN');
  });
});

describe('invitekeeper serve', () => {
  /** Runs `serve` in-process until the test has seen it answer, then interrupts it. */
  async function serve(args: string[]) {
    const root = tempDir('ik-pkg-');
    // A built page and no sources: nothing to (re)build.
    fs.mkdirSync(path.join(root, 'web', 'dist'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'web', 'dist', 'index.html'),
      '<!doctype html><title>invitekeeper</title>',
    );
    const dataDir = tempDir();
    let stdout = '';
    let stderr = '';
    let interrupt = () => {};
    const interrupted = new Promise<void>((resolve) => {
      interrupt = resolve;
    });
    const done = runCli(['serve', '--db', path.join(dataDir, 'ik.db'), '--port', '0', ...args], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { HOME: dataDir },
      packageRoot: root,
      untilInterrupted: () => interrupted,
    });
    await expect.poll(() => stdout, { timeout: 10_000 }).toMatch(/Open http:\/\/\S+#token=\S+/);
    const url = /Open (http:\/\/\S+)/.exec(stdout)![1]!;
    const stop = async () => {
      interrupt();
      return done;
    };
    return { url, dataDir, stderr: () => stderr, stop };
  }

  it('prints the address with the token, keeps the token beside the database, serves the page, stops on interrupt', async () => {
    const s = await serve([]);
    const { origin, hash } = new URL(s.url);
    const token = hash.replace('#token=', '');
    expect(new URL(s.url).hostname).toBe('127.0.0.1');
    expect(fs.readFileSync(path.join(s.dataDir, 'serve-token'), 'utf8').trim()).toBe(token);
    const page = await get(`${origin}/withdrawals`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>invitekeeper</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get(`${origin}/api/plan`, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(s.stderr()).not.toContain('WARNING');
    expect(await s.stop()).toBe(0);
  });

  it('warns loudly when listening beyond the loopback', async () => {
    const s = await serve(['--host', '0.0.0.0']);
    expect(s.stderr()).toContain('WARNING: listening on 0.0.0.0');
    expect(await s.stop()).toBe(0);
  });

  it('refuses a bad port as bad usage', async () => {
    const code = await runCli(['serve', '--port', '99999'], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: { HOME: tempDir() },
      packageRoot: tempDir(),
    });
    expect(code).toBe(2);
  });
});

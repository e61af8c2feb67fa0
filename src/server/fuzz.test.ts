/**
 * Random and malformed requests to every route of the OpenAPI document, on every dialect the
 * environment offers: bodies of random shape and broken JSON, wrong and missing content types,
 * query strings with NUL, lone surrogates and huge numbers, odd path parameters. None may answer
 * 5xx or log a stack trace, and a refused request may write nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importExport } from '../app/imports/import-snapshot.ts';
import { tempDir, testContext, writeExport } from '../app/testing/fixtures.ts';
import { dialects } from '../store/testing/dialects.ts';
import { createApp, OPENAPI_PATH } from './app.ts';
import { allowedHostsFor, createLocalTokenAuth } from './security.ts';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const TOKEN = 'fuzz-token-0123456789abcdefghijklmnopqrstuvwxyz';
const HOST = '127.0.0.1:7755';
const REQUESTS = 10_000;

/** A small deterministic generator (xorshift32), so a failure can be replayed from its seed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const NASTY_STRINGS = [
  '',
  ' ',
  'x',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '😀',
  '\u202e',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '../../etc/passwd',
  'https://www.linkedin.com/in/ada-lovelace',
  'https://evil.example/in/x',
  'x'.repeat(5000),
  '9'.repeat(400),
  'default',
  'Ada Lovelace',
  '2026-11-26T12:00:00Z',
  '2099-01-01T00:00:00Z',
  'NaN',
  '-1',
  'true',
];
const NASTY_NUMBERS = [0, -1, 1, 1e308, -1e308, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER];

function randomValue(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 2 ? 4 : 7);
  switch (k) {
    case 0:
      return r.pick(NASTY_STRINGS);
    case 1:
      return r.pick(NASTY_NUMBERS);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return r.pick(NASTY_STRINGS) + r.pick(NASTY_STRINGS);
    case 4:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = [
        'person',
        'people',
        'name',
        'text',
        'id',
        'note',
        'at',
        'asOf',
        'templateId',
        'settings',
        'value',
        'role',
        r.pick(NASTY_STRINGS),
      ];
      return Object.fromEntries(
        Array.from({ length: r.int(5) }, () => [r.pick(keys), randomValue(r, depth + 1)]),
      );
    }
  }
}

function randomBody(r: Rng): { body: string | undefined; type: string | null } {
  const type = r.pick([
    'application/json',
    'application/json',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    null,
  ]);
  const kind = r.int(5);
  if (kind === 0) return { body: undefined, type };
  if (kind === 1)
    return {
      body: r.pick(['{', '{"a":', '[1,', 'nul', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '--x\r\n']),
      type,
    };
  return { body: JSON.stringify(randomValue(r)), type };
}

function encodeQueryValue(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate as UTF-8 bytes
  }
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    it(`${REQUESTS.toLocaleString('en')} random and malformed requests to every route: no 5xx, no stack trace, nothing written by a refusal`, async () => {
      const ctx = await testContext({ now: '2026-11-26T12:00:00Z', db: await dialect.fresh() });
      try {
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' },
              { name: 'Alan Turing', sentAt: '2026-10-01T09:00:00Z' },
            ],
            connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
          }),
        );
        const logged: string[] = [];
        const app = createApp({
          app: ctx,
          clock: () => ctx.now,
          auth: createLocalTokenAuth(TOKEN),
          allowedHosts: allowedHostsFor('127.0.0.1', 7755),
          dashboardDir: null,
          log: (m) => logged.push(m),
        });
        const doc = (await (
          await app.request(`http://${HOST}${OPENAPI_PATH}`, { headers: { host: HOST } })
        ).json()) as {
          paths: Record<string, Record<string, unknown>>;
        };
        const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
          Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: p })),
        );
        expect(operations.length).toBeGreaterThanOrEqual(18);
        const r = rng(0x5eed_f022);
        const statuses = new Map<number, number>();
        const failures: string[] = [];
        let state = await ctx.store.dumpTables();
        for (let i = 0; i < REQUESTS; i++) {
          const op = r.pick(operations);
          const url = op.path.replace(/\{[^}]+\}/g, () => encodeQueryValue(r.pick(NASTY_STRINGS)));
          const query = Array.from(
            { length: r.int(3) },
            () =>
              `${r.pick(['account', 'limit', 'status', 'whatIf', 'x', 'asOf', 'kind'])}=${encodeQueryValue(r.pick(NASTY_STRINGS))}`,
          ).join('&');
          const { body, type } = randomBody(r);
          const headers: Record<string, string> = { host: HOST, authorization: `Bearer ${TOKEN}` };
          if (type) headers['content-type'] = type;
          const hasBody = op.method !== 'GET' && op.method !== 'HEAD';
          const res = await app.request(`http://${HOST}${url}${query ? `?${query}` : ''}`, {
            method: op.method,
            headers,
            ...(hasBody && body !== undefined ? { body } : {}),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          await res.arrayBuffer();
          if (res.status >= 500)
            failures.push(`${res.status} ${op.method} ${url}?${query} ${type} ${body?.slice(0, 80)}`);
          // A refused write leaves every table as it was; an accepted one moves the reference on.
          if (hasBody) {
            const now = await ctx.store.dumpTables();
            if (res.status >= 400 && JSON.stringify(now) !== JSON.stringify(state))
              failures.push(`a refused ${op.method} ${url} (${res.status}) wrote to the database`);
            state = now;
          }
        }
        // Figures for docs/reliability.md (npm run docs:reliability).
        const out = path.join(PACKAGE_ROOT, '.tmp', 'reliability');
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(
          path.join(out, `api-fuzz-${dialect.name}.json`),
          `${JSON.stringify(
            {
              test: 'src/server/fuzz.test.ts',
              dialect: dialect.name,
              requests: REQUESTS,
              operations: operations.length,
              byStatus: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
              failures: failures.length,
              stackTraces: logged.filter((m) => /\n\s+at /.test(m)).length,
            },
            null,
            2,
          )}\n`,
        );
        expect(failures.slice(0, 10)).toEqual([]);
        expect(logged.filter((m) => /\n\s+at /.test(m))).toEqual([]);
        // the requests reached the routes (not all stopped at the door)
        expect([...statuses.keys()].some((s) => s === 400 || s === 422)).toBe(true);
        expect([...statuses.keys()].some((s) => s === 404)).toBe(true);
      } finally {
        await ctx.store.close();
      }
    }, 600_000);
  });
}

/**
 * Helpers for the API tests: an app on a throwaway database, and requests that carry the Host header
 * and the token a browser on the dashboard would send. Test-only.
 */
import type { AppContext } from '../app/index.ts';
import { testContext } from '../app/testing/fixtures.ts';
import { type Api, createApp } from './index.ts';
import { allowedHostsFor, createLocalTokenAuth } from './security.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
export const TEST_HOST = '127.0.0.1:7755';

/** A response whose JSON the tests read freely (each test asserts the shape it relies on). */
export interface TestResponse extends Response {
  // biome-ignore lint/suspicious/noExplicitAny: test assertions check the shape
  json(): Promise<any>;
}

export interface TestServer {
  app: Api;
  ctx: AppContext;
  /** A request as the dashboard sends it: bound Host, bearer token (unless `token: null`). */
  request(path: string, init?: RequestInit & { token?: string | null; host?: string }): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function createTestServer(
  opts: { now: string; maxUploadBytes?: number; dashboardDir?: string | null; account?: string } = {
    now: '2026-11-26T12:00:00Z',
  },
): Promise<TestServer> {
  const ctx = await testContext({ now: opts.now, account: opts.account });
  const app = createApp({
    app: ctx,
    clock: () => ctx.now,
    auth: createLocalTokenAuth(TEST_TOKEN),
    allowedHosts: allowedHostsFor('127.0.0.1', 7755),
    dashboardDir: opts.dashboardDir ?? null,
    ...(opts.maxUploadBytes === undefined ? {} : { maxUploadBytes: opts.maxUploadBytes }),
  });
  return {
    app,
    ctx,
    request(path, init = {}) {
      const { token = TEST_TOKEN, host = TEST_HOST, headers, ...rest } = init;
      const h = new Headers(headers);
      h.set('host', host);
      if (token !== null) h.set('authorization', `Bearer ${token}`);
      return Promise.resolve(
        app.request(`http://${TEST_HOST}${path}`, { ...rest, headers: h }),
      ) as Promise<TestResponse>;
    },
    close: () => ctx.store.close(),
  };
}

/** A multipart body with one file under `file`, plus text fields. */
export function uploadForm(
  name: string,
  content: Uint8Array | string,
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  form.set('file', new File([content], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

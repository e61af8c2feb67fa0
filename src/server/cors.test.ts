import { afterEach, describe, expect, it } from 'vitest';
import { isExtensionOrigin } from './security.ts';
import { createTestServer, type TestServer } from './testing.ts';

/**
 * CORS for the Sent-page companion: an extension's origin may read the API's answers, but only to a
 * request that carried the valid token; a web page's origin never may; the Host check still comes
 * first. The preflight (which never carries a token) is answered for extension origins only.
 */

const CHROME = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
const FIREFOX = 'moz-extension://0f4c8a5e-3b1d-4c2e-9a7f-1e2d3c4b5a69';
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(): Promise<TestServer> {
  const s = await createTestServer({ now: '2026-11-26T12:00:00Z' });
  servers.push(s);
  return s;
}

function preflight(s: TestServer, origin: string, host?: string) {
  return s.request('/api/plan', {
    method: 'OPTIONS',
    token: null,
    ...(host ? { host } : {}),
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    },
  });
}

describe('CORS for the browser extension', () => {
  it.each([
    [CHROME, true],
    [FIREFOX, true],
    ['https://www.linkedin.com', false],
    ['http://127.0.0.1:7755', false],
    ['chrome-extension://not-an-id', false],
    [`${CHROME}.evil.example`, false],
    ['null', false],
  ])('knows an extension origin: %s -> %s', (origin, expected) => {
    expect(isExtensionOrigin(origin)).toBe(expected);
  });

  it.each([CHROME, FIREFOX])(
    'answers the preflight of %s without a token, allowing the token header',
    async (origin) => {
      const s = await server();
      const res = await preflight(s, origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  it('lets an extension read an answer only when the request carries the valid token', async () => {
    const s = await server();
    const ok = await s.request('/api/plan', { headers: { origin: CHROME } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CHROME);
    expect(ok.headers.get('vary')).toContain('Origin');

    const wrong = await s.request('/api/plan', { token: 'x'.repeat(43), headers: { origin: CHROME } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('access-control-allow-origin')).toBeNull();
    const none = await s.request('/api/plan', { token: null, headers: { origin: CHROME } });
    expect(none.status).toBe(401);
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    // The OpenAPI document needs no token, and so is not opened to extensions either.
    const doc = await s.request('/api/openapi.json', { token: null, headers: { origin: CHROME } });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an authenticated extension read the refusals of the routes (their message says what to do)', async () => {
    const s = await server();
    const res = await s.request('/api/withdrawals', {
      method: 'POST',
      headers: { origin: FIREFOX, 'content-type': 'application/json' },
      body: JSON.stringify({ people: ['https://www.linkedin.com/in/nobody-known'] }),
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(FIREFOX);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('never opens the API to a web page, token or not', async () => {
    const s = await server();
    for (const origin of ['https://www.linkedin.com', 'https://evil.example', 'null']) {
      const res = await s.request('/api/plan', { headers: { origin } });
      expect(res.status).toBe(200); // a same-machine client with the token works as before
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await preflight(s, origin);
      expect(pre.status).toBe(401);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('checks the Host before anything, for extensions too', async () => {
    const s = await server();
    const pre = await preflight(s, CHROME, 'evil.example:7755');
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await s.request('/api/plan', { host: 'evil.example:7755', headers: { origin: CHROME } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { getStatus } from '../app/index.ts';
import { createApp } from './app.ts';
import { createLocalTokenAuth } from './security.ts';
import { TEST_HOST, TEST_TOKEN, uploadForm } from './testing.ts';
import { closeServersAfterEach, invitationsCsv, server } from './testing-api.ts';

closeServersAfterEach();

describe('security', () => {
  it('refuses a write without the token with 401, and a wrong token too', async () => {
    const s = await server();
    const body = JSON.stringify({ people: ['https://www.linkedin.com/in/alan-turing'] });
    const headers = { 'content-type': 'application/json' };
    const none = await s.request('/api/withdrawals', { method: 'POST', body, headers, token: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const wrong = await s.request('/api/withdrawals', {
      method: 'POST',
      body,
      headers,
      token: 'x'.repeat(43),
    });
    expect(wrong.status).toBe(401);
    // and nothing was recorded
    expect((await getStatus(s.ctx)).cooldowns.active).toBe(0);
  });

  it('refuses reads without the token too: names of people are personal data', async () => {
    const s = await server();
    expect((await s.request('/api/status', { token: null })).status).toBe(401);
    expect((await s.request('/api/invitations', { token: null })).status).toBe(401);
    // The API's description is public.
    expect((await s.request('/api/openapi.json', { token: null })).status).toBe(200);
  });

  it.each([
    ['an attacker domain rebound to 127.0.0.1', 'evil.example:7755'],
    ['the right address on another port', '127.0.0.1:8080'],
    ['no port', '127.0.0.1'],
  ])('refuses a foreign Host (%s) with 403, even with the token', async (_what, host) => {
    const s = await server();
    const res = await s.request('/api/status', { host });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await s.request('/', { host })).status).toBe(403);
  });

  it.each(['127.0.0.1:7755', 'localhost:7755', 'LOCALHOST:7755', '[::1]:7755'])(
    'accepts the loopback Host %s',
    async (host) => {
      const s = await server();
      expect((await s.request('/api/status', { host })).status).toBe(200);
    },
  );

  it('refuses an upload over the limit with 413 and imports nothing', async () => {
    const s = await server({ maxUploadBytes: 1024 });
    const csv = invitationsCsv(
      Array.from({ length: 40 }, (_, i) => ({ name: `Person ${i}`, sentAt: '2026-11-02T09:00:00Z' })),
    );
    expect(csv.length).toBeGreaterThan(1024);
    const res = await s.request('/api/import', { method: 'POST', body: uploadForm('Invitations.csv', csv) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
    expect((await getStatus(s.ctx)).pending.count).toBe(0);
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const s = await server();
    const res = await s.request('/api/status');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('callers other than the local member (team mode plugs in here)', () => {
  it('lets a read-only caller read and lint, and refuses its writes with 403', async () => {
    const s = await server();
    const app = createApp({
      app: s.ctx,
      clock: () => s.ctx.now,
      auth: { mode: 'team', authenticate: async (t) => (t === 'viewer-token' ? { canWrite: false } : null) },
      allowedHosts: [TEST_HOST],
      dashboardDir: null,
    });
    const call = (path: string, init: RequestInit = {}) =>
      app.request(`http://${TEST_HOST}${path}`, {
        ...init,
        headers: {
          host: TEST_HOST,
          authorization: 'Bearer viewer-token',
          'content-type': 'application/json',
        },
      });
    expect((await call('/api/status')).status).toBe(200);
    expect(
      (await call('/api/templates/lint', { method: 'POST', body: JSON.stringify({ text: 'Hi there' }) }))
        .status,
    ).toBe(200);
    const write = await call('/api/withdrawals', { method: 'POST', body: JSON.stringify({ people: ['x'] }) });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('bodies the API cannot read', () => {
  it('answers 400 or 415 with the error shape, never 500, and logs no stack trace', async () => {
    const s = await server();
    const logged: string[] = [];
    const app = createApp({
      app: s.ctx,
      clock: () => s.ctx.now,
      auth: createLocalTokenAuth(TEST_TOKEN),
      allowedHosts: [TEST_HOST],
      dashboardDir: null,
      log: (m) => logged.push(m),
    });
    const send = (body: string, type: string | null) => {
      const headers: Record<string, string> = { host: TEST_HOST, authorization: `Bearer ${TEST_TOKEN}` };
      if (type) headers['content-type'] = type;
      return app.request(`http://${TEST_HOST}/api/withdrawals`, { method: 'POST', headers, body });
    };
    const cases: Array<[string, string | null, number, string]> = [
      ['{bad json', 'application/json', 400, 'USAGE'],
      ['{"people":["x"]}', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['people=x', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['{"people":["x"]}', null, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [body, type, status, code] of cases) {
      const res = await send(body, type);
      expect(res.status, `${type}: ${body}`).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    }
    expect(logged).toEqual([]);
  });

  it('refuses a NUL or a lone surrogate anywhere, before the store, and the same request again alike', async () => {
    const s = await server();
    const post = (path: string, body: unknown) =>
      s.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const before = await s.ctx.store.dumpTables();
    for (const name of ['Ada \ud800 Lovelace', 'Ada \u0000 Lovelace', 'Ada \udc00']) {
      for (let round = 0; round < 2; round++) {
        const res = await post('/api/targets', { person: 'https://www.linkedin.com/in/ada', name });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          error: { code: 'USAGE', message: expect.stringContaining('name') },
        });
      }
    }
    const query = await s.request('/api/status?account=%00');
    expect(query.status).toBe(400);
    expect(await s.ctx.store.dumpTables()).toEqual(before);
    // a whole character outside the Basic Multilingual Plane is fine
    const ok = await post('/api/targets', {
      person: 'https://www.linkedin.com/in/ada',
      name: 'Ada 𝒜 Lovelace',
    });
    expect(ok.status).toBe(200);
  });
});

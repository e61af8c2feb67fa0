import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getPlan, getStatus, recordWithdrawals } from '../app/index.ts';
import { at, tempDir, testContext, writeExport } from '../app/testing/fixtures.ts';
import { ERROR_CODES, type ErrorCode } from '../core/index.ts';
import { createApp } from './app.ts';
import { httpStatusFor } from './errors.ts';
import { allowedHostsFor, createLocalTokenAuth } from './security.ts';
import { createTestServer, TEST_HOST, TEST_TOKEN, type TestServer, uploadForm } from './testing.ts';

const NOW = '2026-11-26T12:00:00Z';
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(opts: { maxUploadBytes?: number } = {}) {
  const s = await createTestServer({ now: NOW, ...opts });
  servers.push(s);
  return s;
}

/** An export with five outgoing invitations (three stale) as Invitations.csv bytes. */
function invitationsCsv(extra: Array<{ name: string; sentAt: string; slug?: string | null }> = []): Buffer {
  const dir = writeExport(tempDir(), {
    invitations: [
      { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' },
      { name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z', message: 'Hi Grace, "great" talk' },
      { name: 'Alan Turing', sentAt: '2026-11-01T09:00:00Z' },
      { name: 'Katherine Johnson', sentAt: '2026-10-01T09:00:00Z' },
      { name: 'Edsger Dijkstra', sentAt: '2026-06-05T09:00:00Z' },
      ...extra,
    ],
  });
  return fs.readFileSync(path.join(dir, 'Invitations.csv'));
}

/**
 * A Connections.csv of one person invited nowhere: Invitations.csv lists accepted invitations too, so
 * the plan withdraws nobody until some connection is known.
 */
function connectionsCsv(): Buffer {
  const dir = writeExport(tempDir(), {
    connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
  });
  return fs.readFileSync(path.join(dir, 'Connections.csv'));
}

async function withSample(s: TestServer) {
  const first = await s.request('/api/import', {
    method: 'POST',
    body: uploadForm('Connections.csv', connectionsCsv()),
  });
  expect(first.status).toBe(200);
  const res = await s.request('/api/import', {
    method: 'POST',
    body: uploadForm('Invitations.csv', invitationsCsv()),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('httpStatusFor', () => {
  const expected: Record<ErrorCode, number> = {
    USAGE: 400,
    BAD_INPUT: 422,
    FILE_NOT_FOUND: 400,
    UNSAFE_ARCHIVE: 422,
    TOO_LARGE: 413,
    UNSUPPORTED_MEDIA_TYPE: 415,
    INVALID_SETTING: 422,
    NOT_FOUND: 404,
    CONFLICT: 409,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    DB_BUSY: 503,
    DB_ERROR: 500,
    INTERNAL: 500,
  };
  it.each(ERROR_CODES.map((code) => [code, expected[code]] as const))('%s -> %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });
});

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

describe('the API', () => {
  it('keeps a status between requests only while it is the one computing afresh gives', async () => {
    const base = await testContext({ now: NOW });
    let clock = Date.parse(NOW);
    let ledgerReads = 0;
    const counting = new Proxy(base.store, {
      get(target, prop, receiver) {
        if (prop === 'listLedgerFacts') ledgerReads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const ctx = { ...base, store: counting };
    const app = createApp({
      app: ctx,
      clock: () => clock,
      auth: createLocalTokenAuth(TEST_TOKEN),
      allowedHosts: allowedHostsFor('127.0.0.1', 7755),
      dashboardDir: null,
    });
    const get = async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('host', TEST_HOST);
      headers.set('authorization', `Bearer ${TEST_TOKEN}`);
      return app.request(`http://${TEST_HOST}${url}`, { ...init, headers });
    };
    // Another process on the same database: the command line recording a withdrawal meanwhile.
    const other = await testContext({ now: NOW, db: base.store.location });
    try {
      const fresh = async () => {
        const { details: _d, ...contract } = await getStatus(at(base, new Date(clock).toISOString()));
        return contract;
      };
      const status = async () => (await (await get('/api/status')).json()) as Record<string, unknown>;
      await get('/api/import', { method: 'POST', body: uploadForm('Invitations.csv', invitationsCsv()) });

      const first = await status();
      expect(first).toEqual(await fresh());
      const reads = ledgerReads;
      clock += 60_000;
      const again = await status();
      expect(again).toEqual(await fresh());
      expect(again.asOf).toBe('2026-11-26T12:01:00.000Z');
      expect(reads).toBeGreaterThan(0);
      expect(ledgerReads).toBe(reads); // the second answer was the kept one

      // A write by another process is seen at once.
      await recordWithdrawals(at(other, '2026-11-26T12:01:00Z'), ['https://www.linkedin.com/in/alan-turing']);
      const afterWithdrawal = await status();
      expect(afterWithdrawal).toEqual(await fresh());
      expect(ledgerReads).toBe(reads + 1);
      expect((afterWithdrawal.pending as { count: number }).count).toBe(
        (first.pending as { count: number }).count - 1,
      );

      // Time alone: Grace Hopper's invitation (20 November, 09:00) turns stale after 14 days.
      clock = Date.parse('2026-12-04T08:59:59.999Z');
      const before = await status();
      expect(before).toEqual(await fresh());
      clock += 1;
      const stale = await status();
      expect(stale).toEqual(await fresh());
      expect((stale.pending as { stale: number }).stale).toBe(
        (before.pending as { stale: number }).stale + 1,
      );
    } finally {
      await other.store.close();
      await base.store.close();
    }
  });

  it('answers status with the same document as getStatus (status --json)', async () => {
    const s = await server();
    await withSample(s);
    const res = await s.request('/api/status');
    expect(res.status).toBe(200);
    const { details: _d, ...contract } = await getStatus(s.ctx);
    expect(await res.json()).toEqual(contract);
  });

  it('answers the plan with its withdrawals in order and the cap', async () => {
    const s = await server();
    await withSample(s);
    const body = await (await s.request('/api/plan')).json();
    const { details: _d, ...contract } = await getPlan(s.ctx);
    expect(body).toMatchObject(contract);
    expect(body.withdrawals.map((w: { name: string }) => w.name)).toEqual([
      'Edsger Dijkstra',
      'Katherine Johnson',
      'Alan Turing',
    ]);
    expect(body.details).toMatchObject({ withdrawnToday: 0, cap: 20 });
  });

  it('imports an uploaded CSV once: the second upload changes nothing', async () => {
    const s = await server();
    const first = await withSample(s);
    expect(first).toMatchObject({ kind: 'export', file: 'Invitations.csv', imported: 5, rowErrors: [] });
    const again = await withSample(s);
    // the file's rows are all unchanged, not 0 (issue 14)
    expect(again).toMatchObject({
      alreadyImported: true,
      imported: 0,
      unchanged: first.imported + first.unchanged,
    });
    expect(again.unchanged).toBeGreaterThan(0);
  });

  it('points a targets list dropped on the import to the targets, in a line, not a wall of headers', async () => {
    const s = await server();
    const csv =
      'name,profileUrl,relation,headline\nAda Lovelace,https://www.linkedin.com/in/ada,colleague,Engineer\n';
    const res = await s.request('/api/import', { method: 'POST', body: uploadForm('people.csv', csv) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.data).toEqual({ importAs: 'targets' });
    expect(body.error.message).toBe(
      'people.csv line 1: is a list of people to invite (it has a profileUrl column), not a LinkedIn export file: import it as targets',
    );
  });

  it('refuses a bad upload with 422 and the row errors, and imports nothing', async () => {
    const s = await server();
    const csv = Buffer.concat([
      invitationsCsv(),
      Buffer.from('The Member,Bad Row,not a date,,OUTGOING,,\r\n'),
    ]);
    const res = await s.request('/api/import', { method: 'POST', body: uploadForm('Invitations.csv', csv) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('BAD_INPUT');
    expect(body.error.line).toBe(7);
    expect((await getStatus(s.ctx)).pending.count).toBe(0);
    const skipped = await s.request('/api/import', {
      method: 'POST',
      body: uploadForm('Invitations.csv', csv, { skipBadRows: 'true' }),
    });
    expect(skipped.status).toBe(200);
    expect((await skipped.json()).rowErrors).toHaveLength(1);
  });

  it('imports a pasted Sent page, reporting its bad row', async () => {
    const s = await server();
    const text = fs.readFileSync(new URL('../sources/fixtures/sent-page.txt', import.meta.url), 'utf8');
    const res = await s.request('/api/import/sent-page', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, skipBadRows: true }),
    });
    const report = await res.json();
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report.kind).toBe('sent-page');
    expect(report.invitations.new).toBeGreaterThan(0);
    expect(report.rowErrors).toMatchObject([{ file: 'pasted Sent page.txt', line: 50 }]);
  });

  it('lists invitations filtered by status, age and name, a page at a time', async () => {
    const s = await server();
    await withSample(s);
    const page = async (q: string) => (await s.request(`/api/invitations?${q}`)).json();
    const all = await page('limit=2');
    expect(all.total).toBe(5);
    expect(all.invitations.map((i: { name: string }) => i.name)).toEqual([
      'Edsger Dijkstra',
      'Katherine Johnson',
    ]);
    expect(all.nextOffset).toBe(2);
    const last = await page('limit=2&offset=4');
    expect(last.invitations.map((i: { name: string }) => i.name)).toEqual(['Ada Lovelace']);
    expect(last.nextOffset).toBeNull();
    expect((await page('minAgeDays=14')).total).toBe(3);
    expect((await page('minAgeDays=14&maxAgeDays=30')).invitations[0].name).toBe('Alan Turing');
    expect((await page('q=GRACE')).invitations[0].note).toBe('Hi Grace, "great" talk');
    expect((await page('status=withdrawn,accepted')).total).toBe(0);
    const newest = await page('order=newest&limit=1');
    expect(newest.invitations[0]).toMatchObject({ name: 'Ada Lovelace', stale: false, ageDays: 1 });
  });

  it('refuses a malformed query with 400 and says what is wrong', async () => {
    const s = await server();
    const res = await s.request('/api/invitations?status=lost&limit=0');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toContain('"lost" is not one of');
    expect(body.error.problems.length).toBeGreaterThanOrEqual(2);
  });

  it('records withdrawals, counts them against the cap, and refuses a second withdrawal with 409', async () => {
    const s = await server();
    await withSample(s);
    const post = (people: string[]) =>
      s.request('/api/withdrawals', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ people }),
      });
    const res = await post(['https://www.linkedin.com/in/edsger-dijkstra']);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      withdrawnToday: 1,
      cap: 20,
      recorded: [{ name: 'Edsger Dijkstra' }],
    });
    const plan = await (await s.request('/api/plan')).json();
    expect(plan.details.withdrawnToday).toBe(1);
    expect(plan.withdrawals[0].name).toBe('Katherine Johnson');
    const again = await post(['https://www.linkedin.com/in/edsger-dijkstra']);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('CONFLICT');
    expect((await post(['https://www.linkedin.com/in/nobody-known'])).status).toBe(404);
  });

  it('takes the account from the query, and 404s an unknown one', async () => {
    const s = await server();
    await s.request('/api/import?account=agency%20client', {
      method: 'POST',
      body: uploadForm('Invitations.csv', invitationsCsv()),
    });
    expect((await (await s.request('/api/status?account=agency%20client')).json()).pending.count).toBe(5);
    expect((await (await s.request('/api/status')).json()).pending.count).toBe(0);
    const unknown = await s.request('/api/status?account=nobody');
    expect(unknown.status).toBe(404);
    const accounts = await (await s.request('/api/accounts')).json();
    expect(accounts.accounts.map((a: { name: string }) => a.name).sort()).toEqual([
      'agency client',
      'default',
    ]);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const s = await server();
    const res = await s.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('counts pending invitations by week of age, with the stale threshold', async () => {
    const s = await server();
    await withSample(s);
    const h = await (await s.request('/api/invitations/ages')).json();
    expect(h.staleAfterDays).toBe(14);
    expect(h.pending).toBe(5);
    expect(h.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(5);
    expect(h.buckets[0]).toEqual({ fromDays: 0, toDays: 6, count: 2 });
    expect(h.buckets.at(-1).toDays).toBeNull();
  });

  it('keeps the Host check in front of everything, the static page included', async () => {
    const s = await server();
    const res = await s.request('/', {});
    expect(res.status).toBe(503); // no dashboard built into this app
    expect(TEST_HOST).toContain(':');
  });
});

describe('the outreach API', () => {
  const TARGETS = [
    'name,profileUrl,relation,mutualConnections,timezone,company,tags,event',
    'Jane Doe,https://www.linkedin.com/in/jane-doe,colleague,12,Europe/Berlin,Acme,fintech,Web Summit',
    'Alan Turing,https://www.linkedin.com/in/alan-turing,alumni,3,Europe/London,Bletchley,,',
    'Joan Clarke,https://www.linkedin.com/in/joan-clarke,industry-peer,0,,Hut 8,,',
  ].join('\n');
  const post = (s: TestServer, path: string, body: unknown) =>
    s.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('imports, lists, adds and blocks targets, and the plan sends to the ready ones', async () => {
    const s = await server();
    await withSample(s); // Alan Turing is already pending
    const imported = await s.request('/api/targets/import', {
      method: 'POST',
      body: uploadForm('targets.csv', TARGETS),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ file: 'targets.csv', targets: { new: 3 }, rowErrors: [] });

    const added = await post(s, '/api/targets', {
      person: 'https://www.linkedin.com/in/ada-byron',
      name: 'Ada Byron',
      company: 'Analytical Engines',
      mutualConnections: 30,
    });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({
      created: true,
      target: { name: 'Ada Byron', status: 'ready' },
    });

    const blocked = await post(s, '/api/targets/block', {
      person: 'https://www.linkedin.com/in/joan-clarke',
    });
    expect(await blocked.json()).toMatchObject({
      changed: true,
      target: { doNotContact: true, status: 'DO_NOT_CONTACT' },
    });

    const list = await (await s.request('/api/targets')).json();
    expect(list.targets.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['Ada Byron', 'ready'],
      ['Jane Doe', 'ready'],
      ['Alan Turing', 'ALREADY_PENDING'],
      ['Joan Clarke', 'DO_NOT_CONTACT'],
    ]);
    expect((await (await s.request('/api/targets?status=ready')).json()).targets).toHaveLength(2);

    const plan = await (await s.request('/api/plan')).json();
    expect(plan.sends.map((x: { name: string }) => x.name)).toEqual(['Ada Byron', 'Jane Doe']);
    expect(plan.skipped.map((x: { reason: string }) => x.reason).sort()).toEqual([
      'ALREADY_PENDING',
      'DO_NOT_CONTACT',
    ]);
    expect(plan.details.sending).toMatchObject({ targets: 4, paused: false });
    expect(plan.details.sending.sends).toHaveLength(2);
  });

  it("adds, lists and lints templates with the CLI's lint", async () => {
    const s = await server();
    await s.request('/api/targets/import', { method: 'POST', body: uploadForm('targets.csv', TARGETS) });
    const body = 'Hi {firstName}, we met at {event}. Would be glad to connect.';
    const added = await post(s, '/api/templates', { id: 'met-at-event', body });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({
      created: true,
      template: { id: 'met-at-event', isDefault: true },
    });
    expect((await post(s, '/api/templates', { id: 'met-at-event', body })).status).toBe(409);
    const list = await (await s.request('/api/templates')).json();
    expect(list).toMatchObject({
      defaultTemplate: 'met-at-event',
      templates: [{ variables: ['firstName', 'event'] }],
    });

    const long = await (await post(s, '/api/templates/lint', { text: 'x '.repeat(150) })).json();
    expect(long).toMatchObject({ tier: 'free', maxChars: 200, errors: 1 });
    expect(long.issues.map((i: { code: string }) => i.code)).toContain('TOO_LONG');

    const forTargets = await (
      await post(s, '/api/templates/lint', {
        id: 'met-at-event',
        targets: ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/alan-turing'],
      })
    ).json();
    expect(forTargets.targets[0]).toMatchObject({
      note: 'Hi Jane, we met at Web Summit. Would be glad to connect.',
    });
    expect(forTargets.targets[1].unfilled).toEqual(['event']);
  });

  it('records a send, and refuses a second one with 409 and the reason', async () => {
    const s = await server();
    const ok = await post(s, '/api/sends', {
      person: 'https://www.linkedin.com/in/jane-doe',
      note: 'Hi Jane!',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ name: 'jane-doe', note: 'Hi Jane!', quota: { sentToday: 1 } });
    const again = await post(s, '/api/sends', { person: 'https://www.linkedin.com/in/jane-doe' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: { code: 'CONFLICT', data: { reason: 'ALREADY_PENDING' } },
    });
    expect((await post(s, '/api/sends', { person: 'x', templateId: 'a', note: 'b' })).status).toBe(400);
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

describe('POST /api/settings/stale-after-days/recommended (issue 14: a button, not a command line)', () => {
  it('refuses while no acceptance is known, then sets the recommended threshold', async () => {
    const s = await server();
    const empty = await s.request('/api/settings/stale-after-days/recommended', { method: 'POST' });
    expect(empty.status).toBe(409);
    expect((await empty.json()).error.code).toBe('CONFLICT');
    const history = fs.readdirSync(new URL('../../examples/history/', import.meta.url)).sort();
    for (const f of history) {
      const bytes = fs.readFileSync(new URL(`../../examples/history/${f}`, import.meta.url));
      expect((await s.request('/api/import', { method: 'POST', body: uploadForm(f, bytes) })).status).toBe(
        200,
      );
    }
    const report = await (await s.request('/api/report')).json();
    const res = await s.request('/api/settings/stale-after-days/recommended', { method: 'POST' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      key: 'staleAfterDays',
      recommended: report.timeToAccept.recommendedStaleAfterDays,
    });
    expect((await (await s.request('/api/settings')).json()).staleAfterDays).toBe(body.recommended);
  });
});

describe('GET /api/plan keeps its answer small (issue 17)', () => {
  it('lists the first skipped targets with every one counted by reason; skipped=all lists them all', async () => {
    const s = await server();
    const people = Array.from({ length: 60 }, (_, k) => ({
      first: 'Known',
      last: `Person ${k}`,
      slug: `known-${k}`,
    }));
    const dir = writeExport(tempDir(), {
      invitations: [{ name: 'Ada Lovelace', slug: 'ada', sentAt: '2026-11-20T09:00:00Z' }],
      connections: people.map((p) => ({ ...p, connectedOn: '2026-01-10' })),
    });
    for (const f of ['Connections.csv', 'Invitations.csv']) {
      const res = await s.request('/api/import', {
        method: 'POST',
        body: uploadForm(f, fs.readFileSync(path.join(dir, f))),
      });
      expect(res.status).toBe(200);
    }
    const csv = `name,profileUrl\n${people.map((p) => `${p.first} ${p.last},https://www.linkedin.com/in/${p.slug}`).join('\n')}\n`;
    expect(
      (await s.request('/api/targets/import', { method: 'POST', body: uploadForm('t.csv', csv) })).status,
    ).toBe(200);
    const page = await (await s.request('/api/plan')).json();
    expect(page.skipped).toHaveLength(50);
    expect(page.skippedCount).toEqual({ total: 60, byReason: { ALREADY_CONNECTED: 60 } });
    const all = await (await s.request('/api/plan?skipped=all')).json();
    expect(all.skipped).toEqual((await getPlan(s.ctx)).skipped);
    expect(all.skipped.slice(0, 50)).toEqual(page.skipped);
  });
});

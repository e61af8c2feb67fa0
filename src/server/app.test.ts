import { describe, expect, it } from 'vitest';
import { getPlan, getStatus, recordWithdrawals } from '../app/index.ts';
import { at, testContext } from '../app/testing/fixtures.ts';
import { ERROR_CODES, type ErrorCode } from '../core/index.ts';
import { createApp } from './app.ts';
import { httpStatusFor } from './errors.ts';
import { allowedHostsFor, createLocalTokenAuth } from './security.ts';
import { TEST_HOST, TEST_TOKEN, uploadForm } from './testing.ts';
import { closeServersAfterEach, invitationsCsv, NOW, server, withSample } from './testing-api.ts';

closeServersAfterEach();

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

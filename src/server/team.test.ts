import { describe, expect, it } from 'vitest';
import { addUser, addWorkspace, importExport, recordSend } from '../app/index.ts';
import { closingContexts } from '../app/testing/contexts.ts';
import { tempDir, testContext, writeExport } from '../app/testing/fixtures.ts';
import { dialects } from '../store/testing/dialects.ts';
import { type Api, createApp } from './index.ts';
import { createTeamAuth } from './security.ts';

/**
 * Team mode through the API: every request needs a user's token, sees only the accounts of that
 * user's workspace (another workspace's account is NOT_FOUND, never FORBIDDEN), and a viewer reads
 * but does not write. On every dialect the environment offers.
 */

const NOW = '2026-11-26T12:00:00Z';
const HOST = '127.0.0.1:7755';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    async function teamServer() {
      const root = await ctxAt(NOW);
      const a = await addWorkspace(root, 'Agency A');
      const b = await addWorkspace(root, 'Agency B');
      const inA = { ...root, workspaceId: a.id };
      const inB = { ...root, workspaceId: b.id };
      const tokens = {
        aMember: (await addUser(inA, 'a-member', 'member')).token,
        aViewer: (await addUser(inA, 'a-viewer', 'viewer')).token,
        bOwner: (await addUser(inB, 'b-owner', 'owner')).token,
      };
      const csv = writeExport(tempDir(), {
        invitations: [{ name: 'Ada Lovelace', sentAt: '2026-10-01T09:00:00Z' }],
      });
      await importExport({ ...inA, config: { ...root.config, account: 'Alice A' } }, csv);
      await importExport({ ...inB, config: { ...root.config, account: 'Bob B' } }, csv);
      const app: Api = createApp({
        app: root,
        clock: () => root.now,
        auth: createTeamAuth(root, () => root.now),
        allowedHosts: [HOST],
        dashboardDir: null,
      });
      const call = (path: string, token: string | null, init: { method?: string; body?: unknown } = {}) =>
        app.request(`http://${HOST}${path}`, {
          method: init.method ?? 'GET',
          headers: {
            host: HOST,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        });
      return { call, tokens };
    }

    it('needs a user token: none, a made-up one or a local-style one is 401', async () => {
      const { call } = await teamServer();
      expect((await call('/api/status?account=Alice%20A', null)).status).toBe(401);
      expect((await call('/api/status?account=Alice%20A', `ik_${'x'.repeat(43)}`)).status).toBe(401);
      const local = await call('/api/status?account=Alice%20A', 'a'.repeat(43));
      expect(local.status).toBe(401);
      // the message points to a user token, not to the local mode's `serve` token
      const message = ((await local.json()) as { error: { message: string } }).error.message;
      expect(message).toContain('`invitekeeper users add`');
      expect(message).not.toContain('invitekeeper serve');
    });

    it('shows a user only the accounts of their workspace', async () => {
      const { call, tokens } = await teamServer();
      const accounts = (await (await call('/api/accounts', tokens.aMember)).json()) as {
        defaultAccount: string;
        accounts: { name: string }[];
      };
      expect(accounts).toEqual({
        defaultAccount: 'Alice A',
        accounts: [{ name: 'Alice A' }],
        caller: { user: 'a-member', role: 'member', canWrite: true },
      });
      const own = await call('/api/status?account=Alice%20A', tokens.aMember);
      expect(own.status).toBe(200);
      expect(((await own.json()) as { pending: { count: number } }).pending.count).toBe(1);
      // Another workspace's account reads exactly like one that exists nowhere.
      const foreign = await call('/api/status?account=Bob%20B', tokens.aMember);
      const nowhere = await call('/api/status?account=Nobody', tokens.aMember);
      expect([foreign.status, nowhere.status]).toEqual([404, 404]);
      expect((await call('/api/invitations?account=Alice%20A', tokens.bOwner)).status).toBe(404);
      // And a write cannot create an account in someone else's workspace, or a new one in one's own.
      const write = await call('/api/withdrawals?account=Bob%20B', tokens.aMember, {
        method: 'POST',
        body: { people: ['https://www.linkedin.com/in/ada-lovelace'] },
      });
      expect(write.status).toBe(404);
    });

    it('lets a viewer read and lint but not write; a member writes', async () => {
      const { call, tokens } = await teamServer();
      const body = { people: ['https://www.linkedin.com/in/ada-lovelace'] };
      expect((await call('/api/plan?account=Alice%20A', tokens.aViewer)).status).toBe(200);
      expect(
        (
          await call('/api/templates/lint?account=Alice%20A', tokens.aViewer, {
            method: 'POST',
            body: { text: 'Hi' },
          })
        ).status,
      ).toBe(200);
      const refused = await call('/api/withdrawals?account=Alice%20A', tokens.aViewer, {
        method: 'POST',
        body,
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect(
        (await call('/api/withdrawals?account=Alice%20A', tokens.aMember, { method: 'POST', body })).status,
      ).toBe(200);
    });
  });
}

/**
 * Issue 6: a token of workspace A gets 404 for every URL of workspace B's accounts, on every route.
 * The routes come from the OpenAPI document, so a new route cannot be left out: each one needs a
 * valid request below (a body that would succeed on A's own account), or the test fails.
 */
const VALID_REQUEST: Record<string, () => { body?: NonNullable<RequestInit['body']>; type?: string }> = {
  'GET /api/status': () => ({}),
  'GET /api/plan': () => ({}),
  'GET /api/settings': () => ({}),
  'POST /api/settings/stale-after-days/recommended': () => ({}),
  'GET /api/invitations': () => ({}),
  'GET /api/invitations/ages': () => ({}),
  'GET /api/invitations/acceptance': () => ({}),
  'GET /api/targets': () => ({}),
  'GET /api/templates': () => ({}),
  'GET /api/report': () => ({}),
  'POST /api/withdrawals': () => json({ people: ['https://www.linkedin.com/in/ada-lovelace'] }),
  'POST /api/import/sent-page': () => json({ text: 'Ada Lovelace\nAnalyst\nSent 2 days ago\nWithdraw\n' }),
  'POST /api/targets': () => json({ person: 'https://www.linkedin.com/in/grace-hopper' }),
  'POST /api/targets/block': () => json({ person: 'https://www.linkedin.com/in/grace-hopper' }),
  'POST /api/templates': () => json({ id: 'hello', body: 'Hi {firstName}, good to meet you at the meetup.' }),
  'POST /api/templates/lint': () => json({ text: 'Hi {firstName}' }),
  'POST /api/sends': () => json({ person: 'https://www.linkedin.com/in/linus-torvalds' }),
  // the send recorded for it below, before the requests
  'POST /api/undo': () => json({ kind: 'sent', person: 'https://www.linkedin.com/in/undo-me' }),
  'POST /api/import': () =>
    form(
      'Invitations.csv',
      'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nMe,Alan Turing,"11/20/26, 9:00 AM",,OUTGOING,,https://www.linkedin.com/in/alan-turing\n',
    ),
  'POST /api/targets/import': () =>
    form('targets.csv', 'name,profileUrl\nAlan Turing,https://www.linkedin.com/in/alan-turing\n'),
};
/** Routes that are not about one account. */
const NOT_PER_ACCOUNT = new Set(['GET /api/openapi.json', 'GET /api/accounts']);

function json(value: unknown) {
  return { body: JSON.stringify(value), type: 'application/json' };
}
function form(name: string, text: string) {
  const data = new FormData();
  data.set('file', new Blob([text], { type: 'text/csv' }), name);
  return { body: data };
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`${dialect.label}: tenant isolation on every route`, () => {
    it("answers 404 to workspace A's token for every URL of workspace B's account, and works on A's own", async () => {
      const root = await testContext({ now: NOW, db: await dialect.fresh() });
      try {
        const a = await addWorkspace(root, 'Agency A');
        const b = await addWorkspace(root, 'Agency B');
        const inA = { ...root, workspaceId: a.id };
        const inB = { ...root, workspaceId: b.id };
        const token = (await addUser(inA, 'a-member', 'member')).token;
        // one accepted invitation, so that every route has something to work on (a recommended
        // threshold needs an acceptance to learn from)
        const csv = writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2026-10-02T09:00:00Z' },
          ],
          connections: [{ first: 'Grace', last: 'Hopper', connectedOn: '2026-10-04' }],
        });
        await importExport({ ...inB, config: { ...root.config, account: 'Bob B' } }, csv);
        const app: Api = createApp({
          app: root,
          clock: () => root.now,
          auth: createTeamAuth(root, () => root.now),
          allowedHosts: [HOST],
          dashboardDir: null,
        });
        const doc = (await (
          await app.request(`http://${HOST}/api/openapi.json`, { headers: { host: HOST } })
        ).json()) as {
          paths: Record<string, Record<string, unknown>>;
        };
        const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
        );
        expect(routes.length).toBeGreaterThan(15);
        const call = async (route: string, account: string) => {
          const [method, path] = route.split(' ') as [string, string];
          const make = VALID_REQUEST[route];
          if (!make) throw new Error(`no valid request written for ${route}: add one to VALID_REQUEST`);
          const { body, type } = make();
          return app.request(`http://${HOST}${path}?account=${encodeURIComponent(account)}`, {
            method,
            headers: {
              host: HOST,
              authorization: `Bearer ${token}`,
              ...(type ? { 'content-type': type } : {}),
            },
            ...(body === undefined ? {} : { body }),
          });
        };
        // A's own account exists only once it is imported; the requests are valid there.
        await importExport({ ...inA, config: { ...root.config, account: 'Alice A' } }, csv);
        await recordSend(
          { ...inA, config: { ...root.config, account: 'Alice A' } },
          'https://www.linkedin.com/in/undo-me',
        );
        // Authentication notes when a token was last used; nothing else may change.
        const dump = async () => ({ ...(await root.store.dumpTables()), users: [] });
        const before = await dump();
        for (const route of routes) {
          if (NOT_PER_ACCOUNT.has(route)) continue;
          const foreign = await call(route, 'Bob B');
          expect([route, foreign.status]).toEqual([route, 404]);
        }
        // Nothing was written anywhere by the refused requests.
        expect(await dump()).toEqual(before);
        // The same requests are valid: on A's own account they succeed.
        for (const route of routes) {
          if (NOT_PER_ACCOUNT.has(route)) continue;
          const own = await call(route, 'Alice A');
          expect([route, own.status < 300]).toEqual([route, true]);
        }
      } finally {
        await root.store.close();
      }
    });
  });
}

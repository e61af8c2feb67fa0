import { afterEach, describe, expect, it } from 'vitest';
import { type AppContext, addUser, addWorkspace, importExport } from '../app/index.ts';
import { tempDir, testContext, writeExport } from '../app/testing.ts';
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
    const contexts: AppContext[] = [];
    afterEach(async () => {
      for (const c of contexts.splice(0)) await c.store.close();
    });

    async function teamServer() {
      const root = await testContext({ now: NOW, db: await dialect.fresh() });
      contexts.push(root);
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
        auth: createTeamAuth(root),
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
      expect((await call('/api/status?account=Alice%20A', 'a'.repeat(43))).status).toBe(401);
    });

    it('shows a user only the accounts of their workspace', async () => {
      const { call, tokens } = await teamServer();
      const accounts = (await (await call('/api/accounts', tokens.aMember)).json()) as {
        defaultAccount: string;
        accounts: { name: string }[];
      };
      expect(accounts).toEqual({ defaultAccount: 'Alice A', accounts: [{ name: 'Alice A' }] });
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

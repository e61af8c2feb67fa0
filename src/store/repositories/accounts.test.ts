/**
 * The store contract for accounts (AccountStore, the account lock, the data version) on every
 * dialect; and that a purge stays within the store's own schema.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createStore } from '../index.ts';
import { invitation, storesFor, T } from '../testing/contract.ts';
import { dialects } from '../testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open, stores } = storesFor(dialect);

    it('accounts and workspaces', async () => {
      const store = await open();
      expect(await store.findAccount('default')).toBeNull();
      const a = await store.ensureAccount('default', T);
      expect(a).toEqual({
        id: a.id,
        workspaceId: a.workspaceId,
        name: 'default',
        settings: {},
        createdAt: T,
        dataVersion: 0,
      });
      expect(await store.ensureAccount('default', T + 1)).toEqual(a);
      const ws = await store.ensureWorkspace('Team', T);
      const b = await store.ensureAccount('default', T, ws.id);
      expect(b.id).not.toBe(a.id);
      await store.ensureAccount('Zed', T);
      await store.ensureAccount('alpha', T);
      expect((await store.listAccounts()).map((x) => x.name)).toEqual(['Zed', 'alpha', 'default']);
      expect((await store.listAccounts(ws.id)).map((x) => x.id)).toEqual([b.id]);
      expect(await store.findAccount('default', ws.id)).toEqual(b);
      await store.write(a.id, (tx) => tx.saveAccountSettings(a.id, { weeklyInviteLimit: 150 }));
      expect((await store.findAccount('default'))?.settings).toEqual({ weeklyInviteLimit: 150 });
      expect((await store.listWorkspaces()).map((w) => w.name)).toEqual(['Team', 'default']);
      expect(await store.findWorkspace('nope')).toBeNull();
    });

    it('the data version moves with every write that changed the account, and with nothing else', async () => {
      const store = await open();
      const a = await store.ensureAccount('default', T);
      const b = await store.ensureAccount('other', T);
      const version = async (id: number) =>
        (await store.listAccounts()).find((x) => x.id === id)!.dataVersion;
      expect(await version(a.id)).toBe(0);
      await store.write(a.id, (tx) => tx.saveAccountSettings(a.id, { weeklyInviteLimit: 150 }));
      expect(await version(a.id)).toBe(1);
      expect(await version(b.id)).toBe(0);
      // A transaction that only read, and one that failed, leave it as it was.
      await store.write(a.id, (tx) => tx.listInvitations(a.id));
      await expect(
        store.write(a.id, async (tx) => {
          await tx.saveAccountSettings(a.id, { weeklyInviteLimit: 90 });
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await version(a.id)).toBe(1);
      await store.write(a.id, (tx) => tx.insertInvitations(a.id, [invitation('ada', 'Ada Lovelace', T)]));
      expect(await version(a.id)).toBe(2);
      // An account locked inside a transaction opened without one moves too.
      await store.write(null, async (tx) => {
        await tx.lockAccount(b.id);
        await tx.saveAccountSettings(b.id, { dailyInviteLimit: 10 });
      });
      expect([await version(a.id), await version(b.id)]).toEqual([2, 1]);
    });

    it.runIf(dialect.name === 'postgres')(
      "a purge never touches another schema's tables in the same database",
      async () => {
        const location = await dialect.fresh();
        const store = await createStore(location);
        stores.push(store);
        const account = await store.ensureAccount('default', T);
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          await client.query('create schema other; create table other.notes (account_id bigint not null)');
          await client.query('insert into other.notes values ($1)', [account.id]);
          expect(Object.keys(await store.dumpTables())).not.toContain('notes');
          await store.write(account.id, (tx) => tx.purgeAccount(account.id));
          expect((await client.query('select count(*)::int as n from other.notes')).rows[0].n).toBe(1);
        } finally {
          await client.end();
        }
      },
    );
  });
}

/** The store contract for team mode's users (TeamStore) on every dialect. */
import { describe, expect, it } from 'vitest';
import { storesFor, T } from '../testing/contract.ts';
import { dialects } from '../testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('users: create, find by name and token hash, touch, list, remove', async () => {
      const store = await open();
      const ws = await store.ensureWorkspace('w', T);
      const u = await store.createUser({
        workspaceId: ws.id,
        name: 'ann',
        role: 'viewer',
        tokenHash: 'h1',
        createdAt: T,
      });
      expect(u).toEqual({
        id: u.id,
        workspaceId: ws.id,
        name: 'ann',
        role: 'viewer',
        createdAt: T,
        lastUsedAt: null,
      });
      await expect(
        store.createUser({ workspaceId: ws.id, name: 'ann', role: 'owner', tokenHash: 'h2', createdAt: T }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await store.touchUser(u.id, T + 5);
      expect(await store.findUserByTokenHash('h1')).toEqual({ ...u, lastUsedAt: T + 5 });
      expect(await store.findUser(ws.id, 'ann')).toEqual({ ...u, lastUsedAt: T + 5 });
      expect((await store.listUsers(ws.id)).map((x) => x.name)).toEqual(['ann']);
      await store.removeUser(u.id);
      expect(await store.findUserByTokenHash('h1')).toBeNull();
    });
  });
}

/** The store contract for connections (ConnectionStore) and their pending matches on every dialect. */
import { describe, expect, it } from 'vitest';
import { DAY, invitation, storesFor, T, url } from '../testing/contract.ts';
import { dialects } from '../testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('connections: upsert counts, find, and pending matches by URL and by name', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('default', T);
      await store.write(id, (tx) =>
        tx.insertInvitations(id, [
          invitation('ada', 'Ada Lovelace', T - 3 * DAY),
          invitation(null, 'Grace Hopper', T - 2 * DAY),
          invitation('alan', 'Alan Turing', T - 2 * DAY),
        ]),
      );
      const conns = [
        {
          personKey: url('ada'),
          nameKey: 'ada lovelace',
          profileUrl: url('ada'),
          name: 'Ada Lovelace',
          connectedOn: T - DAY,
        },
        {
          personKey: url('grace'),
          nameKey: 'grace hopper',
          profileUrl: url('grace'),
          name: 'Grace Hopper',
          connectedOn: T,
        },
      ];
      expect(await store.write(id, (tx) => tx.upsertConnections(id, conns, null))).toEqual({
        inserted: 2,
        updated: 0,
      });
      expect(
        await store.write(id, (tx) =>
          tx.upsertConnections(id, [{ ...conns[0]!, connectedOn: T - 2 * DAY }, conns[1]!, conns[1]!], null),
        ),
      ).toEqual({ inserted: 0, updated: 1 });
      expect(await store.countConnections(id)).toBe(2);
      expect(await store.findConnection(id, url('ada'), 'ada lovelace')).toEqual({
        ...conns[0],
        connectedOn: T - 2 * DAY,
      });
      expect(await store.findConnection(id, url('nobody'), 'nobody')).toBeNull();
      const matches = await store.pendingWithConnection(id);
      expect(matches.map((m) => m.connectedOn).sort()).toEqual([T - 2 * DAY, T].sort());
    });
  });
}

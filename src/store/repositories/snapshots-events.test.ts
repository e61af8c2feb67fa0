/**
 * The store contract for snapshots, events and people (SnapshotStore, EventStore, PeopleStore), and
 * the account's row counts, on every dialect.
 */
import { describe, expect, it } from 'vitest';
import { DAY, invitation, storesFor, T, url } from '../testing/contract.ts';
import { dialects } from '../testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('snapshots, events, people, row counts', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('default', T);
      expect(await store.latestInvitationSnapshotAsOf(id)).toBeNull();
      expect(await store.trackingSince(id)).toBeNull();
      const snap = {
        kind: 'export' as const,
        file: 'x.zip',
        contentHash: 'abc',
        asOf: T - DAY,
        importedAt: T,
        coversInvitations: true,
        report: {},
      };
      const sid = await store.write(id, (tx) => tx.createSnapshot(id, snap));
      await store.write(id, (tx) =>
        tx.createSnapshot(id, { ...snap, contentHash: 'def', asOf: T, coversInvitations: false }),
      );
      await store.write(id, (tx) => tx.saveSnapshotReport(id, sid, { imported: 3 }));
      expect(await store.findSnapshotByHash(id, 'abc')).toEqual({
        ...snap,
        id: sid,
        report: { imported: 3 },
      });
      expect(await store.latestInvitationSnapshotAsOf(id)).toBe(T - DAY);
      expect(await store.lastImportAt(id)).toBe(T);
      expect((await store.listSnapshots(id)).map((s) => s.contentHash)).toEqual(['abc', 'def']);
      await store.write(id, async (tx) => {
        await tx.addEvent(id, {
          kind: 'reported',
          personKey: url('eve'),
          invitationId: null,
          at: T,
          data: { a: 1 },
          recordedAt: T,
        });
        await tx.insertInvitations(id, [invitation('bob', 'Bob', T - 9 * DAY, { source: 'manual' })]);
        await tx.upsertPeople(
          id,
          [{ personKey: url('bob'), profileUrl: url('bob'), name: 'Bob', headline: 'CTO' }],
          T,
        );
        await tx.upsertPeople(
          id,
          [{ personKey: url('bob'), profileUrl: null, name: 'Bob B', headline: null }],
          T + 1,
        );
      });
      expect(await store.listReports(id)).toEqual([{ personKey: url('eve'), at: T }]);
      expect(await store.trackingSince(id)).toBe(T - 9 * DAY);
      const people = (await store.dumpTables()).people as Array<Record<string, unknown>>;
      expect(people).toEqual([
        {
          account_id: id,
          person_key: url('bob'),
          profile_url: url('bob'),
          name: 'Bob B',
          headline: 'CTO',
          updated_at: T + 1,
        },
      ]);
      expect(await store.countAccountRows(id)).toEqual({
        events: 1,
        invitations: 1,
        people: 1,
        snapshots: 2,
      });
    });
  });
}

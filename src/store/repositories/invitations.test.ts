/** The store contract for the ledger of invitations (InvitationStore) on every dialect. */
import { describe, expect, it } from 'vitest';
import { DAY, invitation, storesFor, T, url } from '../testing/contract.ts';
import { dialects } from '../testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('invitations: insert, list, index, update, match by person and by name', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('default', T);
      const other = (await store.ensureAccount('other', T)).id;
      const rows = [
        invitation('ada', 'Ada Lovelace', T - 3 * DAY, { note: 'Hi Ada', templateId: 'intro' }),
        invitation(null, 'Grace Hopper', T - 2 * DAY, { sentAtEarliest: T - 3 * DAY, source: 'sent-page' }),
        invitation('alan', 'Alan Turing', T - 10 * DAY, { status: 'accepted', statusAt: T - 5 * DAY }),
      ];
      await store.write(id, (tx) => tx.insertInvitations(id, rows));
      await store.write(other, (tx) => tx.insertInvitations(other, [invitation('ada', 'Ada Lovelace', T)]));
      const list = await store.listInvitations(id);
      expect(
        list.map((i) => [i.name, i.sentAt, i.status, i.statusAt, i.note, i.templateId, i.source]),
      ).toEqual([
        ['Alan Turing', T - 10 * DAY, 'accepted', T - 5 * DAY, null, null, 'export'],
        ['Ada Lovelace', T - 3 * DAY, 'pending', null, 'Hi Ada', 'intro', 'export'],
        ['Grace Hopper', T - 2 * DAY, 'pending', null, null, null, 'sent-page'],
      ]);
      expect(list.every((i) => typeof i.id === 'number' && typeof i.sentAt === 'number')).toBe(true);
      expect(list.map((i) => [i.name, i.sentAtEarliest])).toEqual([
        ['Alan Turing', T - 10 * DAY],
        ['Ada Lovelace', T - 3 * DAY],
        ['Grace Hopper', T - 3 * DAY],
      ]);
      const grace = list.find((i) => i.name === 'Grace Hopper')!;
      await store.write(id, (tx) =>
        tx.updateInvitations(id, [
          { id: grace.id, profileUrl: url('grace'), personKey: url('grace'), headline: 'Admiral' },
          { id: list[1]!.id, status: 'withdrawn', statusAt: T },
        ]),
      );
      expect(
        (await store.invitationsOfPerson(id, url('grace'), 'grace hopper')).map((i) => i.profileUrl),
      ).toEqual([url('grace')]);
      expect((await store.invitationsOfPerson(id, url('ada'), 'ada lovelace')).map((i) => i.status)).toEqual([
        'withdrawn',
      ]);
      // A name-only record is found by name.
      await store.write(id, (tx) => tx.insertInvitations(id, [invitation(null, 'Linus Torvalds', T - DAY)]));
      expect(await store.invitationsOfPerson(id, url('linus'), 'linus torvalds')).toHaveLength(1);
      // The other account is untouched.
      expect((await store.listInvitations(other)).map((i) => i.status)).toEqual(['pending']);
    });
  });
}

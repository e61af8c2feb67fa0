import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at } from '../testing/fixtures.ts';
import { csv, NOW, TARGETS, url } from './outreach.testing.ts';
import { addTarget, blockTarget, importTargets, listTargets, removeTargets } from './targets.ts';

/** Targets: importing a list, merging namesakes, adding, blocking and removing people. */

// The store contract: every use case here runs on SQLite and on PostgreSQL (when a server is at hand).
for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('targets', () => {
      it('imports a list; importing it again changes nothing; a changed list updates without duplicating', async () => {
        const ctx = await ctxAt(NOW);
        const first = await importTargets(ctx, csv(TARGETS));
        expect(first).toMatchObject({ imported: 3, unchanged: 0, rowErrors: [], targets: { new: 3 } });
        const before = await ctx.store.dumpTables();

        const again = await importTargets(at(ctx, '2026-11-27T07:00:00Z'), csv(TARGETS));
        expect(again).toMatchObject({
          imported: 0,
          unchanged: 3,
          targets: { new: 0, updated: 0, unchanged: 3 },
        });
        expect(await ctx.store.dumpTables()).toEqual(before);

        // Ada's mutuals change; Alan is now known by URL; a new person joins.
        const changed = TARGETS.replace('colleague,12,', 'colleague,14,').replace(
          'Alan Turing,,alumni',
          'Alan Turing,https://www.linkedin.com/in/alan-turing,alumni',
        );
        const update = await importTargets(
          at(ctx, '2026-11-28T07:00:00Z'),
          csv(`${changed}Barbara Liskov,https://www.linkedin.com/in/barbara-liskov,other,1,,,,,,\n`),
        );
        expect(update.targets).toEqual({ new: 1, updated: 2, unchanged: 1 });
        const list = await ctx.store.listTargets(1);
        expect(list.map((t) => t.personKey).sort()).toEqual(
          [url('ada-lovelace'), url('alan-turing'), url('barbara-liskov'), url('grace-hopper')].sort(),
        );
        const ada = list.find((t) => t.name === 'Ada Lovelace')!;
        expect(ada).toMatchObject({
          mutualConnections: 14,
          tags: ['math', 'engines'],
          custom: { event: 'PyCon' },
          addedAt: Date.parse(NOW),
          updatedAt: Date.parse('2026-11-28T07:00:00Z'),
        });
        // Alan keeps his place in the queue and his custom field.
        expect(list.find((t) => t.name === 'Alan Turing')).toMatchObject({
          addedAt: Date.parse(NOW),
          custom: { event: 'Bletchley reunion' },
        });
      });

      it('refuses a list with bad rows unless told to skip them, and then leaves the database as it was', async () => {
        const ctx = await ctxAt(NOW);
        await importTargets(ctx, csv(TARGETS));
        const before = await ctx.store.dumpTables();
        const bad = csv(`${TARGETS}Eve,https://example.com/eve,colleague,1,,,,,,\nMallory,,friend,1,,,,,,\n`);
        await expect(importTargets(ctx, bad)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          line: 5,
          message: expect.stringContaining('targets.csv:6'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
        const skipped = await importTargets(ctx, bad, { skipBadRows: true });
        expect(skipped.rowErrors.map((e) => e.line)).toEqual([5, 6]);
        expect(skipped.unchanged).toBe(3);
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it('merges rows that name the same person twice into one target', async () => {
        const ctx = await ctxAt(NOW);
        const report = await importTargets(
          ctx,
          csv(`name,profileUrl,relation,mutualConnections
Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,colleague,1
Ada Lovelace,https://uk.linkedin.com/in/Ada-Lovelace/,,5
Grace Hopper,,other,2
grace  HOPPER,https://www.linkedin.com/in/grace-hopper,,
`),
        );
        expect(report.targets).toEqual({ new: 2, updated: 2, unchanged: 0 });
        expect(report.notes).toHaveLength(1);
        const list = await ctx.store.listTargets(1);
        expect(list.map((t) => [t.personKey, t.relation, t.mutualConnections])).toEqual([
          [url('ada-lovelace'), 'colleague', 5],
          [url('grace-hopper'), 'other', 2],
        ]);
      });

      it('adds, lists with status and score, removes, and blocks people who are not targets yet', async () => {
        const ctx = await ctxAt(NOW);
        const added = await addTarget(ctx, {
          person: 'https://www.linkedin.com/in/Ada-Lovelace?trk=x',
          name: 'Ada Lovelace',
          relation: 'alumni',
          mutualConnections: '7',
          timezone: 'Europe/London',
          custom: { event: 'PyCon' },
        });
        expect(added).toMatchObject({ created: true, target: { status: 'ready', score: 73_000 } });
        const again = await addTarget(ctx, { person: url('ada-lovelace'), mutualConnections: 8 });
        expect(again).toMatchObject({
          created: false,
          changed: true,
          target: { mutualConnections: 8, name: 'Ada Lovelace' },
        });
        await expect(addTarget(ctx, { person: 'Bob', relation: 'friend' })).rejects.toMatchObject({
          code: 'USAGE',
        });
        await expect(addTarget(ctx, { person: 'Bob', timezone: 'Mars/Base' })).rejects.toMatchObject({
          code: 'USAGE',
        });

        const blocked = await blockTarget(ctx, url('john-roe'));
        expect(blocked).toMatchObject({
          created: true,
          target: { status: 'DO_NOT_CONTACT', doNotContact: true },
        });
        const list = await listTargets(ctx);
        expect(list.targets.map((t) => [t.profileUrl, t.status])).toEqual([
          [url('ada-lovelace'), 'ready'],
          [url('john-roe'), 'DO_NOT_CONTACT'],
        ]);
        expect((await listTargets(ctx, { status: 'ready' })).targets).toHaveLength(1);

        await expect(removeTargets(ctx, [url('ada-lovelace'), url('nobody')])).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        expect((await listTargets(ctx)).targets).toHaveLength(2);
        expect((await removeTargets(ctx, [url('ada-lovelace')])).removed).toHaveLength(1);
        expect((await blockTarget(ctx, url('john-roe'), { block: false })).target.status).toBe('ready');
      });
    });
  });
}

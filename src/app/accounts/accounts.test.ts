import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getStatus } from '../answers/status.ts';
import { importSentPageFile } from '../imports/import-snapshot.ts';
import { closingContexts } from '../testing/contexts.ts';
import { addAccount, listAccounts, removeAccount } from './accounts.ts';
import { NOW, twoWorkspaces, url, writeSentPage } from './team.testing.ts';
import { listWorkspaces } from './team.ts';

/** Accounts: adding, listing, removing with --purge, and writes only under the account lock. */

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const open = closingContexts(dialect);
    const fresh = (now = NOW) => open(now);

    describe('accounts', () => {
      it('adds, lists and refuses a duplicate', async () => {
        const ctx = await fresh();
        await addAccount(ctx, 'Jane');
        await expect(addAccount(ctx, 'Jane')).rejects.toMatchObject({ code: 'CONFLICT' });
        expect(await listAccounts(ctx)).toEqual([
          { name: 'Jane', createdAt: '2026-11-26T12:00:00.000Z', rows: {} },
        ]);
        expect((await listWorkspaces(ctx)).map((w) => [w.name, w.accounts, w.users])).toEqual([
          ['default', 1, 0],
        ]);
      });

      it('remove without --purge explains and deletes nothing; with --purge deletes every row of the account', async () => {
        const { root, inA, inB } = await twoWorkspaces(fresh);
        const aCtx = { ...inA, config: { ...root.config, account: 'Alice A' } };
        await importSentPageFile(aCtx, writeSentPage());
        const aId = (await root.store.findAccount('Alice A', inA.workspaceId))!.id;
        const before = await root.store.dumpTables();
        const refusal = await removeAccount(inA, 'Alice A').catch((e: unknown) => e);
        expect(refusal).toMatchObject({ code: 'USAGE', message: expect.stringContaining('--purge') });
        expect((refusal as Error).message).toMatch(/\d+ invitations/);
        expect(await root.store.dumpTables()).toEqual(before);

        const held = await root.store.countAccountRows(aId);
        for (const table of ['invitations', 'connections', 'snapshots', 'events', 'people']) {
          expect(held[table], table).toBeGreaterThan(0);
        }
        const { deleted } = await removeAccount(inA, 'Alice A', { purge: true });
        expect(deleted).toMatchObject({ ...held, accounts: 1 });

        const after = await root.store.dumpTables();
        for (const [table, rows] of Object.entries(after)) {
          const mine = rows.filter(
            (r) =>
              (r as { account_id?: number }).account_id === aId ||
              (table === 'accounts' && (r as { id: number }).id === aId),
          );
          expect(mine, table).toEqual([]);
          // Every other row is exactly as it was.
          const others = (before[table] ?? []).filter(
            (r) =>
              (r as { account_id?: number }).account_id !== aId &&
              !(table === 'accounts' && (r as { id: number }).id === aId),
          );
          expect(rows, table).toEqual(others);
        }
        // B's accounts still work.
        expect(
          (await getStatus({ ...inB, config: { ...root.config, account: 'Bob B' } })).pending.count,
        ).toBe(2);
      });
    });

    describe('account writes happen under the account lock', () => {
      it('refuses an account write outside store.write, and one without the lock', async () => {
        const ctx = await fresh();
        const account = await ctx.store.ensureAccount('default', ctx.now);
        const event = {
          kind: 'reported' as const,
          personKey: url('x'),
          invitationId: null,
          at: ctx.now,
          data: {},
          recordedAt: ctx.now,
        };
        await expect(ctx.store.addEvent(account.id, event)).rejects.toMatchObject({ code: 'INTERNAL' });
        await expect(ctx.store.write(null, (tx) => tx.addEvent(account.id, event))).rejects.toMatchObject({
          code: 'INTERNAL',
        });
        await ctx.store.write(null, async (tx) => {
          await tx.lockAccount(account.id);
          await tx.addEvent(account.id, event);
        });
        await ctx.store.write(account.id, (tx) => tx.addEvent(account.id, event));
        // Resolving the account inside the transaction takes its lock too.
        await ctx.store.write(null, async (tx) => {
          const again = await tx.ensureAccount('default', ctx.now);
          await tx.addEvent(again.id, event);
        });
        expect(await ctx.store.listReports(account.id)).toHaveLength(3);
      });
    });
  });
}

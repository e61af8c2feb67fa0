import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { importSentPageFile } from '../imports/import-snapshot.ts';
import { claimSend } from '../invitations/claim-send.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { tempDir } from '../testing/fixtures.ts';
import { listAccounts, removeAccount } from './accounts.ts';
import { NOW, twoWorkspaces, url } from './team.testing.ts';
import { authorize, contextFor, listUsers, type Principal, removeUser } from './team.ts';

/** Tenant isolation: a token of one workspace never reaches another workspace's accounts. */

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const open = closingContexts(dialect);
    const fresh = (now = NOW) => open(now);

    describe('tenant isolation: a token of workspace A never reaches workspace B', () => {
      it.each(['owner', 'member', 'viewer'])(
        "a %s of A gets NOT_FOUND (never FORBIDDEN) for B's account, for every action",
        async (role) => {
          const { root, principal } = await twoWorkspaces(fresh);
          const p = await principal(`a-${role}`);
          for (const action of ['read', 'write', 'admin'] as const) {
            const refused = await authorize(root, p, 'Bob B', action).catch((e: unknown) => e);
            expect(refused).toMatchObject({ code: 'NOT_FOUND', message: 'no account named "Bob B"' });
            // The same answer as for an account that exists nowhere: existence does not leak.
            const nowhere = await authorize(root, p, 'Nobody', action).catch((e: unknown) => e);
            expect(nowhere).toMatchObject({ code: 'NOT_FOUND', message: 'no account named "Nobody"' });
          }
        },
      );

      it("every use case in A's context refuses B's account and leaves B's data as it was", async () => {
        const { root, inB, principal } = await twoWorkspaces(fresh);
        const p: Principal = await principal('a-owner');
        const bId = (await root.store.findAccount('Bob B', inB.workspaceId))!.id;
        const bRows = async () => {
          const dump = await root.store.dumpTables();
          return Object.fromEntries(
            Object.entries(dump).map(([t, rows]) => [
              t,
              rows.filter((r) => (r as { account_id?: number }).account_id === bId),
            ]),
          );
        };
        const before = await bRows();
        const asA = contextFor(root, p, 'Bob B');
        const sentPage = `${tempDir()}/sent.txt`;
        fs.writeFileSync(sentPage, 'Linus Torvalds\nKernel\nSent yesterday\nWithdraw\n');
        const attempts: Array<[string, () => Promise<unknown>]> = [
          ['getStatus', () => getStatus(asA)],
          ['getPlan', () => getPlan(asA)],
          ['recordWithdrawals', () => recordWithdrawals(asA, [url('grace-hopper')])],
          ['claimSend', () => claimSend(asA, url('someone-new'))],
          ['removeAccount', () => removeAccount(asA, 'Bob B', { purge: true })],
          ['removeUser', () => removeUser(contextFor(root, p), 'b-owner')],
        ];
        for (const [name, run] of attempts) {
          const outcome = await run().then(
            (v) => ({ resolved: v }),
            (e: unknown) => e,
          );
          expect(outcome, name).toMatchObject({ code: 'NOT_FOUND' });
        }
        // Imports create the account in the caller's own workspace: B's namesake is untouched.
        await importSentPageFile(asA, sentPage);
        expect((await listAccounts(contextFor(root, p))).map((a) => a.name)).toEqual([
          'Alice A',
          'Bob B',
          'Shared',
        ]);
        expect(await bRows()).toEqual(before);
        // Lists show only the caller's workspace.
        expect((await listUsers(contextFor(root, p))).map((u) => u.name)).toEqual([
          'a-member',
          'a-owner',
          'a-viewer',
        ]);
        // The same account name in both workspaces resolves to each one's own account.
        const sharedA = await getStatus(contextFor(root, p, 'Shared'));
        const sharedB = await getStatus(contextFor(root, await principal('b-viewer'), 'Shared'));
        expect(sharedA.account).toBe('Shared');
        expect(sharedB.pending.count).toBe(sharedA.pending.count);
        const idA = (await authorize(root, p, 'Shared', 'read')).account!.id;
        const idB = (await authorize(root, await principal('b-viewer'), 'Shared', 'read')).account!.id;
        expect(idA).not.toBe(idB);
      });
    });
  });
}

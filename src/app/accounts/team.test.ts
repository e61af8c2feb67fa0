import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import type { AppContext } from '../context.ts';
import { importExport, importSentPageFile } from '../imports/import-snapshot.ts';
import { claimSend } from '../invitations/claim-send.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { addAccount, listAccounts, removeAccount } from './accounts.ts';
import {
  type Action,
  addUser,
  addWorkspace,
  authenticate,
  authorize,
  contextFor,
  hashToken,
  listUsers,
  listWorkspaces,
  type Principal,
  removeUser,
} from './team.ts';

const NOW = '2026-11-26T12:00:00Z';
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const open = closingContexts(dialect);
    const fresh = (now = NOW) => open(now);

    /** Two workspaces with an owner, a member and a viewer each, and an account with data each. */
    async function twoWorkspaces() {
      const root = await fresh();
      const a = await addWorkspace(root, 'Agency A');
      // B is the default workspace: a use case that lost the caller's workspace would land there.
      const b = await root.store.ensureWorkspace('default', root.now);
      const inA = { ...root, workspaceId: a.id };
      const inB = { ...root, workspaceId: b.id };
      const tokens: Record<string, string> = {};
      for (const [ws, ctx] of [
        ['a', inA],
        ['b', inB],
      ] as const) {
        for (const role of ['owner', 'member', 'viewer']) {
          tokens[`${ws}-${role}`] = (await addUser(ctx, `${ws}-${role}`, role)).token;
        }
      }
      await seedAccount({ ...inA, config: { ...root.config, account: 'Alice A' } });
      await seedAccount({ ...inB, config: { ...root.config, account: 'Bob B' } });
      // The same name in both workspaces: each must only ever see its own.
      await seedAccount({ ...inB, config: { ...root.config, account: 'Shared' } });
      await seedAccount({ ...inA, config: { ...root.config, account: 'Shared' } });
      const principal = async (key: string) => authenticate(root, tokens[key]);
      return { root, inA, inB, tokens, principal };
    }

    async function seedAccount(ctx: AppContext) {
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z', message: 'Hi Grace' },
          ],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        }),
      );
      await recordWithdrawals(ctx, [url('ada-lovelace')]);
      await claimSend(ctx, url('alan-turing'));
    }

    describe('users and tokens', () => {
      it('prints a token once and stores only its SHA-256', async () => {
        const ctx = await fresh();
        const { token, user } = await addUser(ctx, 'Alice', 'owner');
        expect(token).toMatch(/^ik_[A-Za-z0-9_-]{43}$/);
        expect(user).toEqual({
          name: 'Alice',
          role: 'owner',
          createdAt: NOW.replace('Z', '.000Z'),
          lastUsedAt: null,
        });
        const dump = JSON.stringify(await ctx.store.dumpTables());
        expect(dump).not.toContain(token);
        expect(dump).not.toContain(token.slice(3));
        expect(dump).toContain(hashToken(token));
        expect(await listUsers(ctx)).toEqual([user]);
      });

      it('authenticates a token, records when it was used, and forgets a removed user', async () => {
        const ctx = await fresh();
        const { token } = await addUser(ctx, 'Bob', 'member');
        const later = at(ctx, '2026-11-26T13:00:00Z');
        const p = await authenticate(later, token);
        expect(p).toMatchObject({ role: 'member', user: { name: 'Bob' } });
        expect((await listUsers(ctx))[0]?.lastUsedAt).toBe('2026-11-26T13:00:00.000Z');
        await removeUser(ctx, 'Bob');
        await expect(authenticate(later, token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      });

      it.each([
        ['no token', undefined],
        ['an empty token', ''],
        ['garbage', 'hello'],
        ['a well-formed unknown token', `ik_${'A'.repeat(43)}`],
      ])('refuses %s', async (_t, token) => {
        const ctx = await fresh();
        await addUser(ctx, 'Carol', 'viewer');
        await expect(authenticate(ctx, token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      });

      it('refuses an unknown role and a second user of the same name', async () => {
        const ctx = await fresh();
        await expect(addUser(ctx, 'Dan', 'admin')).rejects.toMatchObject({ code: 'USAGE' });
        await addUser(ctx, 'Dan', 'viewer');
        await expect(addUser(ctx, 'Dan', 'owner')).rejects.toMatchObject({ code: 'CONFLICT' });
      });
    });

    describe('roles', () => {
      const matrix: Array<[string, Action, boolean]> = [
        ['viewer', 'read', true],
        ['viewer', 'write', false],
        ['viewer', 'admin', false],
        ['member', 'read', true],
        ['member', 'write', true],
        ['member', 'admin', false],
        ['owner', 'read', true],
        ['owner', 'write', true],
        ['owner', 'admin', true],
      ];
      it.each(matrix)('a %s may %s: %s', async (role, action, allowed) => {
        const { root, principal } = await twoWorkspaces();
        const p = await principal(`a-${role}`);
        const result = authorize(root, p, 'Alice A', action);
        if (allowed) await expect(result).resolves.toMatchObject({ account: { name: 'Alice A' } });
        else await expect(result).rejects.toMatchObject({ code: 'FORBIDDEN' });
      });
    });

    describe('tenant isolation: a token of workspace A never reaches workspace B', () => {
      it.each(['owner', 'member', 'viewer'])(
        "a %s of A gets NOT_FOUND (never FORBIDDEN) for B's account, for every action",
        async (role) => {
          const { root, principal } = await twoWorkspaces();
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
        const { root, inB, principal } = await twoWorkspaces();
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
        const { root, inA, inB } = await twoWorkspaces();
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

    describe('claimSend', () => {
      it('records within the limits and refuses, as a value, what a rule or a limit forbids', async () => {
        const ctx = await fresh('2026-11-26T10:00:00Z');
        await ctx.store.write(null, async (tx) => {
          const a = await tx.ensureAccount('default', ctx.now);
          await tx.lockAccount(a.id);
          await tx.saveAccountSettings(a.id, { dailyInviteLimit: 3, weeklyInviteLimit: 5 });
        });
        const results = [];
        for (let k = 0; k < 4; k++) results.push(await claimSend(ctx, url(`p-${k}`)));
        expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
        expect(results[3]).toMatchObject({
          reason: 'QUOTA',
          message: expect.stringContaining('daily limit is 3'),
        });
        expect(await claimSend(ctx, url('p-0'))).toMatchObject({ ok: false, reason: 'ALREADY_PENDING' });
        const tomorrow = at(ctx, '2026-11-27T10:00:00Z');
        expect((await claimSend(tomorrow, url('p-4'))).ok).toBe(true);
        expect((await claimSend(tomorrow, url('p-5'))).ok).toBe(true);
        expect(await claimSend(tomorrow, url('p-6'))).toMatchObject({ ok: false, reason: 'QUOTA' });
        // A send recorded earlier than one already recorded still may not overfill a later window.
        expect(
          await claimSend(tomorrow, url('p-7'), { at: Date.parse('2026-11-25T10:00:00Z') }),
        ).toMatchObject({ ok: false, reason: 'QUOTA' });
        const status = await getStatus(tomorrow);
        expect(status.quota).toMatchObject({ sentLast7Days: 5, sentToday: 2 });
      });
    });
  });
}

function writeSentPage(): string {
  const file = `${tempDir()}/sent.txt`;
  fs.writeFileSync(
    file,
    [
      'Grace Hopper',
      'Admiral',
      'Sent 6 days ago',
      'Withdraw',
      'Alan Turing',
      'Mathematician',
      'Sent today',
      'Withdraw',
    ].join('\n'),
  );
  return file;
}

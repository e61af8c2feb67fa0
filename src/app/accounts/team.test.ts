import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at } from '../testing/fixtures.ts';
import { NOW, twoWorkspaces } from './team.testing.ts';
import { type Action, addUser, authenticate, authorize, hashToken, listUsers, removeUser } from './team.ts';

/** Users and their tokens, and what each role may do. */

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const open = closingContexts(dialect);
    const fresh = (now = NOW) => open(now);

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
        const { root, principal } = await twoWorkspaces(fresh);
        const p = await principal(`a-${role}`);
        const result = authorize(root, p, 'Alice A', action);
        if (allowed) await expect(result).resolves.toMatchObject({ account: { name: 'Alice A' } });
        else await expect(result).rejects.toMatchObject({ code: 'FORBIDDEN' });
      });
    });
  });
}

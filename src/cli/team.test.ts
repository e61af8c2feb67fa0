import { describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { dialects } from '../store/testing/dialects.ts';
import { cli } from './testing.ts';

const NOW = '2026-11-26T12:00:00Z';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`team-mode commands on ${dialect.label}`, () => {
    it('workspaces, users with a token printed once, accounts, and remove --purge', async () => {
      const db = await dialect.fresh();
      const ik = (...args: string[]) => cli([...args, '--db', db, '--now', NOW]);

      expect((await ik('workspaces', 'add', 'Acme')).code).toBe(0);
      expect((await ik('status', '--workspace', 'Nope')).stderr).toContain('no workspace named "Nope"');

      const added = await ik('users', 'add', 'Dana', '--role', 'owner', '--workspace', 'Acme', '--json');
      expect(added.code).toBe(0);
      const { token } = added.json<{ token: string }>();
      expect(token).toMatch(/^ik_/);
      const listed = await ik('users', 'list', '--workspace', 'Acme');
      expect(listed.stdout).toContain('Dana');
      expect(listed.stdout).not.toContain(token);
      expect((await ik('users', 'add', 'Eve', '--role', 'boss', '--workspace', 'Acme')).code).toBe(2);

      const exportDir = writeExport(tempDir(), {
        invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' }],
      });
      expect((await ik('import', exportDir, '--account', 'Jane', '--workspace', 'Acme')).code).toBe(0);
      expect((await ik('accounts', 'add', 'Joe', '--workspace', 'Acme')).code).toBe(0);
      const accounts = (await ik('accounts', 'list', '--workspace', 'Acme', '--json')).json<
        Array<{ name: string }>
      >();
      expect(accounts.map((a) => a.name)).toEqual(['Jane', 'Joe']);
      // Not visible from the default workspace.
      expect((await ik('status', '--account', 'Jane')).code).toBe(2);

      const refused = await ik('accounts', 'remove', 'Jane', '--workspace', 'Acme');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--purge');
      expect((await ik('status', '--account', 'Jane', '--workspace', 'Acme', '--json')).code).toBe(0);

      const purged = await ik('accounts', 'remove', 'Jane', '--workspace', 'Acme', '--purge', '--json');
      expect(purged.code).toBe(0);
      expect(purged.json<{ deleted: Record<string, number> }>().deleted).toMatchObject({
        invitations: 1,
        accounts: 1,
      });
      expect((await ik('status', '--account', 'Jane', '--workspace', 'Acme')).code).toBe(2);
      expect((await ik('users', 'remove', 'Dana', '--workspace', 'Acme')).code).toBe(0);
      expect(
        (await ik('workspaces', 'list', '--json')).json<Array<{ name: string; users: number }>>(),
      ).toEqual([expect.objectContaining({ name: 'Acme', users: 0 })]);
    });
  });
}

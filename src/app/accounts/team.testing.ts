/** What the team tests share: two workspaces with users of every role, and accounts with data. */
import fs from 'node:fs';
import type { AppContext } from '../context.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { claimSend } from '../invitations/claim-send.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { tempDir, writeExport } from '../testing/fixtures.ts';
import { addUser, addWorkspace, authenticate } from './team.ts';

export const NOW = '2026-11-26T12:00:00Z';
export const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

/** Two workspaces with an owner, a member and a viewer each, and an account with data each. */
export async function twoWorkspaces(fresh: () => Promise<AppContext>) {
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

export function writeSentPage(): string {
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

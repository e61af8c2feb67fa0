import type { Command } from 'commander';
import { addWorkspace, listWorkspaces } from '../../app/index.ts';
import { renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

export function registerWorkspaces(program: Command, kit: CommandKit): void {
  const workspaces = program
    .command('workspaces')
    .description('team mode: workspaces group accounts and users; a user sees only their workspace');

  workspaces
    .command('add')
    .description('create a workspace (then use --workspace <name> with accounts, users and every command)')
    .argument('<name>', "the workspace's name, e.g. the team or the client")
    .action(async (name: string, _opts, cmd: Command) => {
      const w = await kit.withApp(cmd, (ctx) => addWorkspace(ctx, name));
      const out = { name: w.name, createdAt: new Date(w.createdAt).toISOString() };
      kit.print(cmd, out, (c) =>
        [
          c.green(`Created the workspace "${w.name}".`),
          `Next: invitekeeper users add <name> --role owner --workspace "${w.name}"`,
        ].join('\n'),
      );
    });

  workspaces
    .command('list')
    .description('list the workspaces with their number of accounts and users')
    .action(async (_opts, cmd: Command) => {
      const list = await kit.withApp(cmd, (ctx) => listWorkspaces(ctx));
      const out = list.map((w) => ({
        name: w.name,
        createdAt: new Date(w.createdAt).toISOString(),
        accounts: w.accounts,
        users: w.users,
      }));
      kit.print(cmd, out, (c) =>
        out.length
          ? renderTable(
              c,
              ['Workspace', 'Created', 'Accounts', 'Users'],
              out.map((w) => [w.name, w.createdAt.slice(0, 10), w.accounts, w.users]),
              { align: ['left', 'left', 'right', 'right'] },
            )
          : 'No workspaces yet.',
      );
    });
}

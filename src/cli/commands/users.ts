import type { Command } from 'commander';
import { addUser, listUsers, ROLES, removeUser } from '../../app/index.ts';
import { renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

export function registerUsers(program: Command, kit: CommandKit): void {
  const users = program
    .command('users')
    .description('the people who may use the workspace through the API and dashboard, with their roles');

  users
    .command('add')
    .description('add a user and print their API token (shown once: only its hash is stored)')
    .argument('<name>', "the user's name")
    .requiredOption(
      '--role <role>',
      `one of ${ROLES.join(', ')}: viewer reads, member also records and imports, owner also manages users and accounts`,
    )
    .action(async (name: string, opts: { role: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => addUser(ctx, name, opts.role));
      kit.print(cmd, result, (c) =>
        [
          c.green(`Added ${result.user.name} (${result.user.role}) to the workspace "${result.workspace}".`),
          `Their API token, shown this once (only its hash is stored; to replace it, remove and add the user again):`,
          '',
          `  ${c.bold(result.token)}`,
          '',
          c.dim('They send it as `Authorization: Bearer <token>`.'),
        ].join('\n'),
      );
    });

  users
    .command('list')
    .description('list the users of the workspace (never their tokens)')
    .action(async (_opts, cmd: Command) => {
      const list = await kit.withApp(cmd, (ctx) => listUsers(ctx));
      kit.print(cmd, list, (c) =>
        list.length
          ? renderTable(
              c,
              ['User', 'Role', 'Created', 'Last used'],
              list.map((u) => [
                u.name,
                u.role,
                u.createdAt.slice(0, 10),
                u.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never',
              ]),
              { align: ['left', 'left', 'left', 'left'] },
            )
          : 'No users yet: `invitekeeper users add <name> --role owner`.',
      );
    });

  users
    .command('remove')
    .description('remove a user; their token stops working at once')
    .argument('<name>', 'the user to remove')
    .action(async (name: string, _opts, cmd: Command) => {
      const removed = await kit.withApp(cmd, (ctx) => removeUser(ctx, name));
      kit.print(cmd, removed, (c) => c.green(`Removed ${removed.name}; their token no longer works.`));
    });
}

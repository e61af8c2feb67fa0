import type { Command } from 'commander';
import { addAccount, listAccounts, removeAccount } from '../../app/index.ts';
import { plural, renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

function rowsText(rows: Record<string, number>): string {
  const parts = Object.entries(rows)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`);
  return parts.length ? parts.join(', ') : 'empty';
}

export function registerAccounts(program: Command, kit: CommandKit): void {
  const accounts = program
    .command('accounts')
    .description('the LinkedIn accounts of the workspace (team mode: many accounts on one database)');

  accounts
    .command('add')
    .description('create an empty account (an import with --account creates one too)')
    .argument('<name>', "a name for the account, e.g. the member's name")
    .action(async (name: string, _opts, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => addAccount(ctx, name));
      kit.print(cmd, result, (c) => c.green(`Added the account "${result.name}".`));
    });

  accounts
    .command('list')
    .description('list the accounts and how much each holds')
    .action(async (_opts, cmd: Command) => {
      const list = await kit.withApp(cmd, (ctx) => listAccounts(ctx));
      kit.print(cmd, list, (c) =>
        list.length
          ? renderTable(
              c,
              ['Account', 'Created', 'Holds'],
              list.map((a) => [a.name, a.createdAt.slice(0, 10), rowsText(a.rows)]),
              { align: ['left', 'left', 'left'] },
            )
          : 'No accounts yet: `invitekeeper accounts add <name>` or import an export with --account <name>.',
      );
    });

  accounts
    .command('remove')
    .description('delete an account and every row it owns (needs --purge; there is no undo)')
    .argument('<name>', 'the account to delete')
    .option('--purge', 'confirm: delete the account and all its data from this database')
    .action(async (name: string, opts: { purge?: boolean }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) =>
        removeAccount(ctx, name, { purge: opts.purge === true }),
      );
      const total = Object.values(result.deleted).reduce((a, b) => a + b, 0);
      kit.print(cmd, result, (c) =>
        c.green(`Deleted the account "${name}" and ${plural(total, 'row')} (${rowsText(result.deleted)}).`),
      );
    });
}

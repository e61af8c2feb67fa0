import type { Command } from 'commander';
import { getStatus } from '../../app/index.ts';
import type { CommandKit } from '../program.ts';
import { renderStatus } from '../render/status.ts';

export function registerStatus(program: Command, kit: CommandKit): void {
  program
    .command('status')
    .description('how healthy the account is: pending load, quota, notes, acceptance, cooldowns, risk')
    .action(async (_opts, cmd: Command) => {
      const status = await kit.withApp(cmd, (ctx) => getStatus(ctx));
      const { details, ...contract } = status;
      kit.print(cmd, contract, (c) => renderStatus(c, status));
    });
}

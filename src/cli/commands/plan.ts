import type { Command } from 'commander';
import { getPlan } from '../../app/index.ts';
import type { CommandKit } from '../program.ts';
import { renderPlan } from '../render/plan.ts';

export function registerPlan(program: Command, kit: CommandKit): void {
  program
    .command('plan')
    .description("today's plan: which pending invitations to withdraw, and whom to invite with what note")
    .action(async (_opts, cmd: Command) => {
      const plan = await kit.withApp(cmd, (ctx) => getPlan(ctx));
      const { details, ...contract } = plan;
      kit.print(cmd, contract, (c) => renderPlan(c, plan));
    });
}

import type { Command } from 'commander';
import { getPlan } from '../../app/index.ts';
import type { CommandKit } from '../program.ts';
import { renderPlan } from '../render/plan.ts';

export function registerPlan(program: Command, kit: CommandKit): void {
  program
    .command('plan')
    .description("today's plan: which pending invitations to withdraw, and whom to invite with what note")
    .option(
      '--template <id>',
      "the note template for today's sends (default: the account's default template)",
    )
    .action(async (opts: { template?: string }, cmd: Command) => {
      const plan = await kit.withApp(cmd, (ctx) => getPlan(ctx, { templateId: opts.template }));
      const { details, ...contract } = plan;
      kit.print(cmd, contract, (c) => renderPlan(c, plan));
    });
}

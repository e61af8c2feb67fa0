import type { Command } from 'commander';
import { recordAcceptance } from '../../app/index.ts';
import { parseInstant } from '../../core/index.ts';
import type { CommandKit } from '../program.ts';

export function registerAccepted(program: Command, kit: CommandKit): void {
  program
    .command('accepted')
    .description('record that a pending invitation was accepted (the person becomes a connection)')
    .argument('<profile-url>', 'their profile URL, or the name of one pending invitation')
    .option('--at <time>', 'when they accepted (default: now)')
    .action(async (person: string, opts: { at?: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) =>
        recordAcceptance(ctx, person, { at: opts.at ? parseInstant(opts.at, '--at') : undefined }),
      );
      kit.print(
        cmd,
        result,
        (c) =>
          c.green(`Recorded: ${result.name} accepted on ${result.acceptedAt.slice(0, 10)}`) +
          c.dim(` (invited ${result.sentAt.slice(0, 10)})`),
      );
    });
}

import type { Command } from 'commander';
import { recordReport } from '../../app/index.ts';
import { parseInstant } from '../../core/index.ts';
import type { CommandKit } from '../program.ts';

export function registerReported(program: Command, kit: CommandKit): void {
  program
    .command('reported')
    .description('record that someone answered your invitation with "I don\'t know this person"')
    .argument('<profile-url>', 'their profile URL, or the name of one pending invitation or target')
    .option('--at <time>', 'when (default: now)')
    .action(async (person: string, opts: { at?: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) =>
        recordReport(ctx, person, { at: opts.at ? parseInstant(opts.at, '--at') : undefined }),
      );
      kit.print(cmd, result, (c) => {
        const who = result.name || result.profileUrl;
        if (result.alreadyReported)
          return c.dim(`${who} was already recorded as reporting you (${result.reportedAt.slice(0, 10)}).`);
        const lines = [
          c.green(`Recorded: ${who} reported your invitation.`) +
            c.dim(" They will not be planned again; reports raise your account's risk."),
        ];
        if (result.pendingInvitation) {
          lines.push(
            c.dim(
              `  The invitation sent ${result.pendingInvitation.sentAt.slice(0, 10)} stays pending until you withdraw it (record that with \`invitekeeper withdrawn\`).`,
            ),
          );
        }
        return lines.join('\n');
      });
    });
}

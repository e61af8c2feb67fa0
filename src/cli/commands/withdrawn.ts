import type { Command } from 'commander';
import { recordWithdrawals } from '../../app/index.ts';
import { parseInstant } from '../../core/index.ts';
import { plural, renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

export function registerWithdrawn(program: Command, kit: CommandKit): void {
  program
    .command('withdrawn')
    .description('record invitations you withdrew on LinkedIn (starts each 3-week re-invite cooldown)')
    .argument(
      '<profile-url...>',
      'profile URLs of the people whose invitations you withdrew, or the names of pending invitations (a name shared by two is refused with both links)',
    )
    .option('--at <time>', 'when you withdrew them (default: now)')
    .action(async (people: string[], opts: { at?: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) =>
        recordWithdrawals(ctx, people, opts.at ? parseInstant(opts.at, '--at') : ctx.now),
      );
      for (const w of result.warnings) kit.note(`warning: ${w}`);
      kit.print(cmd, result, (c) =>
        [
          c.green(`Recorded ${plural(result.recorded.length, 'withdrawal')}.`),
          renderTable(
            c,
            ['Name', 'Sent', 'Withdrawn', 'May invite again', 'Profile'],
            result.recorded.map((r) => [
              r.name,
              r.sentAt.slice(0, 10),
              r.withdrawnAt.slice(0, 10),
              r.cooldownUntil?.slice(0, 10) ?? '-',
              r.profileUrl ?? '',
            ]),
          ),
          `${result.withdrawnToday} of ${result.cap} withdrawals used today.`,
        ].join('\n'),
      );
    });
}

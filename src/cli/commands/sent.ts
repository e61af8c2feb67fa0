import type { Command } from 'commander';
import { recordSend } from '../../app/index.ts';
import { parseInstant } from '../../core/index.ts';
import type { CommandKit } from '../program.ts';

export function registerSent(program: Command, kit: CommandKit): void {
  program
    .command('sent')
    .description(
      'record an invitation you sent on LinkedIn (refused for people in cooldown, pending or connected)',
    )
    .argument('<profile-url>', 'their profile URL, or the name of one of your targets')
    .option('--template <id>', 'the template the note came from')
    .option('--note <text>', 'the note you sent')
    .option('--at <time>', 'when you sent it (default: now)')
    .addHelpText(
      'after',
      `
Examples:
  invitekeeper sent https://www.linkedin.com/in/jane-doe --template alumni-intro
  invitekeeper sent https://www.linkedin.com/in/jane-doe --note "Hi Jane, we met at KubeCon" --at 2026-11-26T10:05Z

A refusal exits with 2 and says why (COOLDOWN, ALREADY_PENDING, ALREADY_CONNECTED, DO_NOT_CONTACT,
REPORTED) and, for a cooldown, from when the person may be invited again.`,
    )
    .action(async (person: string, opts: { template?: string; note?: string; at?: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) =>
        recordSend(ctx, person, {
          templateId: opts.template,
          note: opts.note,
          at: opts.at ? parseInstant(opts.at, '--at') : undefined,
        }),
      );
      for (const w of result.warnings) kit.note(`warning: ${w}`);
      kit.print(cmd, result, (c) => {
        const q = result.quota;
        const n = result.notes;
        return [
          c.green(
            `Recorded: invitation to ${result.name || result.profileUrl} at ${result.sentAt.slice(0, 16).replace('T', ' ')} UTC`,
          ) + c.dim(result.note ? ` with a note (${result.note.length} characters)` : ' without a note'),
          `This week ${q.sentLast7Days} of ${q.weeklyLimit} · today ${q.sentToday} of ${q.dailyLimit}` +
            c.dim(
              ` · notes ${n.monthlyLimit === null ? `${n.usedLast30Days} in 30 days` : `${n.usedLast30Days} of ${n.monthlyLimit} in 30 days`}`,
            ),
        ].join('\n');
      });
    });
}

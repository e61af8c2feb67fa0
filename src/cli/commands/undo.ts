import { type Command, Option } from 'commander';
import { listUndoable, UNDOABLE_KINDS, type UndoableKind, undoneText, undoRecord } from '../../app/index.ts';
import { renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

const KINDS: readonly UndoableKind[] = UNDOABLE_KINDS;

export function registerUndo(program: Command, kit: CommandKit): void {
  program
    .command('undo')
    .description(
      'take back the last record you made today (sent, withdrawn, accepted, reported): its cooldown, counts and plan follow',
    )
    .argument('[profile-url]', 'only a record for this person (profile URL or name)')
    .addOption(new Option('--kind <kind>', 'only a record of this kind').choices([...KINDS]))
    .option('--list', "list today's records that can be undone, newest first, and change nothing")
    .addHelpText(
      'after',
      `
Examples:
  invitekeeper undo                      # the last record of today
  invitekeeper undo --kind withdrawn     # the last withdrawal recorded today
  invitekeeper undo https://www.linkedin.com/in/jane-doe
  invitekeeper undo --list`,
    )
    .action(
      async (person: string | undefined, opts: { kind?: UndoableKind; list?: boolean }, cmd: Command) => {
        if (opts.list) {
          const records = await kit.withApp(cmd, (ctx) => listUndoable(ctx));
          kit.print(cmd, { records }, (c) =>
            records.length === 0
              ? c.dim('Nothing recorded today: nothing to undo.')
              : renderTable(
                  c,
                  ['Recorded', 'What', 'Who', 'Profile'],
                  records.map((r) => [r.recordedAt.slice(11, 16), r.kind, r.name, r.profileUrl ?? '']),
                ),
          );
          return;
        }
        const result = await kit.withApp(cmd, (ctx) =>
          undoRecord(ctx, { ...(opts.kind ? { kind: opts.kind } : {}), ...(person ? { person } : {}) }),
        );
        kit.print(cmd, result, (c) =>
          [
            c.green(
              `Undone: ${undoneText(result.undone)} (recorded ${result.undone.recordedAt.slice(11, 16)} UTC).`,
            ),
            c.dim(
              result.left > 0
                ? `  ${result.left} more record${result.left === 1 ? '' : 's'} of today can be undone (invitekeeper undo --list).`
                : '  No other record of today is left to undo.',
            ),
          ].join('\n'),
        );
      },
    );
}

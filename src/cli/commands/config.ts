import type { Command } from 'commander';
import {
  applyRecommendedStaleAfter,
  getConfig,
  listConfig,
  type SettingChange,
  setConfig,
  unsetConfig,
} from '../../app/index.ts';
import { InviteKeeperError } from '../../core/index.ts';
import { type Colors, renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

export function registerConfig(program: Command, kit: CommandKit): void {
  const config = program
    .command('config')
    .description("the account's settings: limits, thresholds, send window, tier, time zone")
    .addHelpText(
      'after',
      `
Examples:
  invitekeeper config list
  invitekeeper config set weeklyInviteLimit 150
  invitekeeper config set sendWindow "Mon-Fri 08:30-12:00"
  invitekeeper config set timezone Europe/Berlin
  invitekeeper config set staleAfterDays --recommended   (from your own time to accept: see report)
  invitekeeper config unset weeklyInviteLimit

Every setting, its default and range: docs/settings.md.`,
    );

  config
    .command('get')
    .description('the value of one setting, or of all')
    .argument('[key]', 'the setting, e.g. weeklyInviteLimit')
    .action(async (key: string | undefined, _flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => getConfig(ctx, key));
      kit.print(cmd, result, (c) =>
        key !== undefined
          ? `${result.settings[0]!.text}${c.dim(`  (${result.settings[0]!.source})`)}`
          : renderTable(
              c,
              ['Setting', 'Value', 'From'],
              result.settings.map((s) => [s.key, s.text, s.source]),
            ),
      );
    });

  config
    .command('list')
    .description('every setting with its value, where it comes from and what it means')
    .action(async (_flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => listConfig(ctx));
      kit.print(cmd, result, (c) =>
        [
          c.dim(`account ${result.account}`),
          renderTable(
            c,
            ['Setting', 'Value', 'From', 'Meaning'],
            result.settings.map((s) => [s.key, s.text, s.source, c.dim(s.help)]),
          ),
        ].join('\n'),
      );
    });

  config
    .command('set')
    .description('set a setting for this account (validated: out-of-range values are refused)')
    .argument('<key>', 'the setting')
    .argument('[value]', 'its value, e.g. 150, 30%, yes, "Mon-Fri 09:00-17:00", Europe/Berlin')
    .option(
      '--recommended',
      'staleAfterDays only: the day by which 90% of your acceptances arrived (see `invitekeeper report`)',
    )
    .action(
      async (key: string, value: string | undefined, flags: { recommended?: boolean }, cmd: Command) => {
        if (flags.recommended) {
          if (key !== 'staleAfterDays' || value !== undefined) {
            throw new InviteKeeperError(
              'USAGE',
              '--recommended sets staleAfterDays from your own history and takes no value: `invitekeeper config set staleAfterDays --recommended`',
            );
          }
          const result = await kit.withApp(cmd, (ctx) => applyRecommendedStaleAfter(ctx));
          printChange(kit, cmd, result, (c) =>
            [
              c.dim(
                `90% of your eventual acceptances arrived within ${result.recommended} days (confidence ${result.confidence.level}).`,
              ),
              ...result.confidence.messages.map((m) => c.yellow(`! ${m}`)),
            ].join('\n'),
          );
          return;
        }
        if (value === undefined) {
          throw new InviteKeeperError('USAGE', `give a value: \`invitekeeper config set ${key} <value>\``);
        }
        const result = await kit.withApp(cmd, (ctx) => setConfig(ctx, key, value));
        printChange(kit, cmd, result);
      },
    );

  config
    .command('unset')
    .description("remove this account's own value: the config file's or the default applies again")
    .argument('<key>', 'the setting')
    .action(async (key: string, _flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => unsetConfig(ctx, key));
      printChange(kit, cmd, result);
    });
}

function printChange(
  kit: CommandKit,
  cmd: Command,
  result: SettingChange,
  before?: (c: Colors) => string,
): void {
  if (result.overriddenByEnvironment) {
    kit.note(`warning: an INVITEKEEPER_* environment variable sets ${result.key}, so it still applies`);
  }
  kit.print(
    cmd,
    result,
    (c: Colors) =>
      (before ? `${before(c)}\n` : '') +
      `${c.green(`${result.key} = ${result.current.text}`)}${c.dim(` (was ${result.previous.text}; account ${result.account})`)}`,
  );
}

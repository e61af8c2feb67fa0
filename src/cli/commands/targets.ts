import type { Command } from 'commander';
import {
  addTarget,
  blockTarget,
  importTargets,
  listTargets,
  pruneUnansweredTargets,
  removeTargets,
  type TargetImportReport,
  type TargetView,
} from '../../app/index.ts';
import { explainScore, InviteKeeperError } from '../../core/index.ts';
import { type Colors, plural, renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

interface AddFlags {
  name?: string;
  relation?: string;
  mutual?: string;
  connections?: string;
  timezone?: string;
  tags?: string;
  company?: string;
  headline?: string;
  field?: string[];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function fieldsOf(pairs: readonly string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InviteKeeperError('USAGE', `--field "${pair}" is not of the form name=value`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

export function registerTargets(program: Command, kit: CommandKit): void {
  const targets = program
    .command('targets')
    .description('the people you want to invite: import a list, add, list, remove, block')
    .addHelpText(
      'after',
      `
Examples:
  invitekeeper targets import targets.csv
  invitekeeper targets add https://www.linkedin.com/in/jane-doe --name "Jane Doe" --relation alumni --mutual 12
  invitekeeper targets list --status ready
  invitekeeper targets block https://www.linkedin.com/in/john-roe

The CSV format is in docs/targets-and-templates.md.`,
    );
  registerTargetsIn(targets, kit);
  registerTargetsOff(targets, kit);
}

/** Putting people on the list and reading it: `targets import` (a CSV), `targets add` (one person), `targets list`. */
function registerTargetsIn(targets: Command, kit: CommandKit): void {
  targets
    .command('import')
    .description(
      'import a targets CSV (name,profileUrl,relation,mutualConnections,...); again updates, never duplicates',
    )
    .argument('<csv>', 'the targets file')
    .option('--skip-bad-rows', 'import the good rows of a file that has bad ones (default: refuse the file)')
    .action(async (file: string, flags: { skipBadRows?: boolean }, cmd: Command) => {
      const report = await kit.withApp(cmd, (ctx) =>
        importTargets(ctx, file, { skipBadRows: flags.skipBadRows }),
      );
      for (const e of report.rowErrors) kit.note(`skipped ${e.file}:${e.line}: ${e.message}`);
      kit.print(cmd, report, (c) => renderTargetImport(c, report));
    });

  targets
    .command('add')
    .description('add one target, or update the one queued for the same person')
    .argument('<profile-url-or-name>', 'their profile URL (or, without one, their name)')
    .option('--name <name>', 'their name, when you gave a URL')
    .option('--relation <relation>', 'colleague, alumni, industry-peer or other')
    .option('--mutual <n>', 'mutual connections')
    .option('--connections <n>', 'their own connection count, if known')
    .option('--timezone <zone>', "their IANA time zone, e.g. America/New_York (default: the account's)")
    .option('--tags <tags>', 'tags, separated by commas')
    .option('--company <company>', 'their company')
    .option('--headline <headline>', 'their headline')
    .option(
      '--field <name=value>',
      'a custom field for notes, e.g. --field event=KubeCon (repeatable)',
      collect,
    )
    .action(async (person: string, flags: AddFlags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) =>
        addTarget(ctx, {
          person,
          name: flags.name,
          relation: flags.relation,
          mutualConnections: flags.mutual,
          connectionCount: flags.connections,
          timezone: flags.timezone,
          tags: flags.tags?.split(','),
          company: flags.company,
          headline: flags.headline,
          custom: fieldsOf(flags.field),
        }),
      );
      kit.print(cmd, result, (c) =>
        [
          c.green(
            result.created ? 'Added to your targets:' : result.changed ? 'Updated:' : 'Already queued as is:',
          ),
          renderTargets(c, [result.target]),
        ].join('\n'),
      );
    });

  targets
    .command('list')
    .description('your targets, best first, with whether each may be invited now')
    .option('--tag <tag>', 'only targets with this tag')
    .option('--status <status>', 'only this status: ready, COOLDOWN, ALREADY_PENDING, ...')
    .action(async (flags: { tag?: string; status?: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => listTargets(ctx, flags));
      kit.print(cmd, result, (c) => {
        if (result.targets.length === 0) {
          return c.dim('No targets. Import a list with `invitekeeper targets import <csv>`.');
        }
        const ready = result.targets.filter((t) => t.status === 'ready').length;
        return [
          renderTargets(c, result.targets),
          c.dim(`${plural(result.targets.length, 'target')}, ${ready} ready to invite`),
        ].join('\n');
      });
    });
}

/** Taking people off the list or keeping them off it: `targets remove`, `prune`, `block` and `unblock`. */
function registerTargetsOff(targets: Command, kit: CommandKit): void {
  targets
    .command('remove')
    .description('take people off your target list')
    .argument('<profile-url-or-name...>', 'the targets to remove')
    .action(async (people: string[], _flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => removeTargets(ctx, people));
      kit.print(cmd, result, (c) =>
        c.green(
          `Removed ${plural(result.removed.length, 'target')}: ${result.removed.map((t) => t.name || t.profileUrl).join(', ')}`,
        ),
      );
    });

  targets
    .command('prune')
    .description(
      'take off your list the people who left an invitation from it unanswered (withdrawn, vanished, expired)',
    )
    .option('--dry-run', 'only list who would be taken off')
    .action(async (flags: { dryRun?: boolean }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => pruneUnansweredTargets(ctx, { dryRun: flags.dryRun }));
      const names = result.removed.map((t) => t.name || t.profileUrl).join(', ');
      kit.print(cmd, result, (c) =>
        result.removed.length === 0
          ? c.dim('No target left an invitation unanswered.')
          : result.dryRun
            ? `Would take off ${plural(result.removed.length, 'target')}: ${names}`
            : c.green(`Took off ${plural(result.removed.length, 'target')}: ${names}`),
      );
    });

  targets
    .command('block')
    .description('never invite this person (do not contact); works for people not on your list too')
    .argument('<profile-url-or-name>', 'the person')
    .option('--name <name>', 'their name, when you gave a URL and they are not a target yet')
    .action(async (person: string, flags: { name?: string }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => blockTarget(ctx, person, { name: flags.name }));
      const who = result.target.name || result.target.profileUrl;
      kit.print(cmd, result, (c) =>
        result.changed
          ? c.green(`${who} is marked do-not-contact.`)
          : c.dim(`${who} was already marked do-not-contact.`),
      );
    });

  targets
    .command('unblock')
    .description('lift a do-not-contact mark')
    .argument('<profile-url-or-name>', 'the person')
    .action(async (person: string, _flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => blockTarget(ctx, person, { block: false }));
      const who = result.target.name || result.target.profileUrl;
      kit.print(cmd, result, (c) =>
        result.changed
          ? c.green(`${who} may be invited again.`)
          : c.dim(`${who} was not marked do-not-contact.`),
      );
    });
}

function renderTargetImport(c: Colors, r: TargetImportReport): string {
  const t = r.targets;
  const lines = [
    c.bold(`Imported targets from ${r.file}`) + c.dim(` (account ${r.account})`),
    `  Targets: ${c.green(`${t.new} new`)}, ${t.updated} updated, ${t.unchanged} unchanged`,
  ];
  if (r.rowErrors.length)
    lines.push(c.yellow(`  ${plural(r.rowErrors.length, 'bad row')} skipped (listed above)`));
  for (const n of r.notes) lines.push(c.dim(`  Note: ${n}`));
  return lines.join('\n');
}

const STATUS_WORDS: Record<TargetView['status'], string> = {
  ready: 'ready',
  DO_NOT_CONTACT: 'do not contact',
  REPORTED: 'reported you',
  ALREADY_CONNECTED: 'connected',
  ALREADY_PENDING: 'pending',
  COOLDOWN: 'cooldown',
  AT_CONNECTION_CAP: 'at 30,000',
};

/**
 * Targets as a table, best first: name, status, then what the order is made of (mutual connections,
 * relation, days in the queue: the score's parts, never the raw number), zone, tags, profile.
 */
export function renderTargets(c: Colors, targets: readonly TargetView[]): string {
  return renderTable(
    c,
    ['Name', 'Status', 'Mutual', 'Relation', 'In queue', 'Time zone', 'Tags', 'Profile'],
    targets.map((t) => [
      t.name || c.dim('(no name)'),
      (t.status === 'ready'
        ? c.green('ready')
        : `${STATUS_WORDS[t.status]}${t.until ? ` until ${t.until.slice(0, 10)}` : ''}`) +
        (t.unanswered ? c.dim(' (no answer before)') : ''),
      t.mutualConnections ?? '-',
      t.relation ?? '-',
      `${explainScore(t.score).daysInQueue} d`,
      t.timezone ?? c.dim('(account)'),
      t.tags.join(', '),
      t.profileUrl ?? c.dim('(no URL)'),
    ]),
    { align: ['left', 'left', 'right', 'left', 'right', 'left', 'left', 'left'] },
  );
}

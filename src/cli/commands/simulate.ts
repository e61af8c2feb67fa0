import { type Command, Option } from 'commander';
import pc from 'picocolors';
import { InviteKeeperError, toIso } from '../../core/index.ts';
import {
  type Comparison,
  compareStrategies,
  SEND_REFUSALS,
  type SendRefusal,
  STRATEGY_NAMES,
  type StrategyName,
  type StrategyRun,
} from '../../sim/index.ts';
import { type Colors, percent, renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';
import { createCountProgress } from '../progress.ts';

/**
 * `invitekeeper simulate`: a simulated year on the platform model (docs/platform-model.md), the
 * member who follows invitekeeper's plan beside the naive one, week by week and in sum. It never
 * touches the member's own database: the plan-following member works on a throwaway one.
 */
export function registerSimulate(program: Command, kit: CommandKit): void {
  program
    .command('simulate')
    .description(
      "run the platform model: a simulated year of following invitekeeper's plan beside sending naively",
    )
    .option('--days <n>', 'days to simulate', '365')
    .addOption(
      new Option('--strategy <name>', 'who to simulate').choices(['plan', 'naive', 'both']).default('both'),
    )
    .option('--seed <n>', 'the world and its dice: the same seed gives the same run', '1')
    .action(async (opts: { days: string; strategy: string; seed: string }, cmd: Command) => {
      const days = wholeNumber(opts.days, '--days');
      const seed = wholeNumber(opts.seed, '--seed');
      const strategies: StrategyName[] =
        opts.strategy === 'both' ? [...STRATEGY_NAMES] : [opts.strategy as StrategyName];
      const progress = createCountProgress(kit.io, 'Simulating', 'days');
      let comparison: Comparison;
      try {
        comparison = await compareStrategies({
          days,
          seed,
          strategies,
          onProgress: (done, total) => progress.update(done, total),
        });
      } finally {
        progress.stop();
      }
      kit.print(cmd, toJson(comparison), (c) => renderComparison(c, comparison));
    });
}

function wholeNumber(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim()))
    throw new InviteKeeperError('USAGE', `${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

/** The JSON document: instants as ISO strings, everything else as computed. */
export function toJson(comparison: Comparison) {
  return {
    days: comparison.days,
    seed: comparison.seed,
    start: toIso(comparison.start),
    world: comparison.world,
    strategies: Object.fromEntries(
      comparison.runs.map((r) => [
        r.strategy,
        {
          summary: { ...r.summary, start: toIso(r.summary.start) },
          weeks: r.weeks.map((w) => ({ ...w, start: toIso(w.start) })),
          ...(r.member ? { member: r.member } : {}),
        },
      ]),
    ),
  };
}

const WEEK_COLUMNS = ['Sent', 'Accepted', 'Pending', 'Withdrawn', 'Refused', 'Restricted'] as const;

/** The weekly table and the summary, strategies side by side. */
export function renderComparison(c: Colors, comparison: Comparison): string {
  const { runs } = comparison;
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: string[] = [];
  lines.push(
    c.bold('invitekeeper simulate') +
      c.dim(
        ` · ${n(comparison.days)} days from ${toIso(comparison.start).slice(0, 10)} · seed ${comparison.seed} · LinkedIn as modelled in docs/platform-model.md`,
      ),
    c.dim(
      `The same ${n(comparison.world.recipients)} people to invite, in the same order, for ${runs.length > 1 ? 'each strategy' : 'the strategy'}; ${n(comparison.world.connections)} connections at the start; ${n(comparison.world.incomingInvitations)} invitations received over the run.`,
    ),
    '',
  );

  // Week by week, a group of columns per strategy.
  const head = ['Week', 'Starts'];
  const align: Array<'left' | 'right'> = ['right', 'left'];
  for (const [i, _r] of runs.entries()) {
    if (i > 0) {
      head.push('│');
      align.push('left');
    }
    head.push(...WEEK_COLUMNS);
    align.push(...WEEK_COLUMNS.map(() => 'right' as const));
  }
  const rows = runs[0]!.weeks.map((w, k) => {
    const row: Array<string | number> = [w.week + 1, toIso(w.start).slice(0, 10)];
    for (const [i, r] of runs.entries()) {
      if (i > 0) row.push('│');
      const x = r.weeks[k]!;
      row.push(
        n(x.sent),
        n(x.accepted),
        n(x.pending),
        n(x.withdrawn),
        x.refused ? c.red(n(x.refused)) : '0',
        x.restrictedDays ? c.red(String(x.restrictedDays)) : '0',
      );
    }
    return row;
  });
  const table = renderTable(c, head, rows, { align });
  const plain = renderTable(pc.createColors(false), head, [], { align }).split('\n')[0]!;
  lines.push(c.bold('Week by week'), groupLabels(c, plain, runs), table);
  lines.push(
    c.dim(
      'Accepted: acceptances that arrived that week. Pending: at the week’s end. Withdrawn: by the member. Refused: sends LinkedIn refused. Restricted: days sending was restricted.',
    ),
    '',
  );

  // The summary, side by side.
  const summaryRows: Array<Array<string | number>> = [];
  const row = (label: string, f: (r: StrategyRun) => string) => summaryRows.push([label, ...runs.map(f)]);
  row('Invitations sent', (r) => n(r.summary.sent));
  row('Accepted (of those sent)', (r) => n(r.summary.accepted));
  row('Acceptance rate', (r) => percent(r.summary.acceptanceRate));
  row('Withdrawn by the member', (r) => n(r.summary.withdrawn));
  row('Withdrawn by LinkedIn (6 months)', (r) => n(r.summary.expired));
  row('"I don\'t know this person" reports', (r) => n(r.summary.reports));
  row('Sends refused by LinkedIn', (r) => flag(c, r.summary.refused));
  const reasons = SEND_REFUSALS.filter((reason) => runs.some((r) => r.summary.refusedByReason[reason]));
  for (const reason of reasons) {
    row(`  ${REFUSAL_WORDS[reason]}`, (r) => flag(c, r.summary.refusedByReason[reason] ?? 0));
  }
  row('Restrictions', (r) => flag(c, r.summary.restrictions));
  row('Days restricted', (r) => flag(c, r.summary.restrictedDays));
  row('Peak pending', (r) => n(r.summary.peakPending));
  row('Pending at the end', (r) => n(r.summary.pendingAtEnd));
  row('Connections at the end', (r) => n(r.summary.connectionsAtEnd));
  lines.push(
    c.bold('Summary'),
    renderTable(c, ['', ...runs.map((r) => r.strategy)], summaryRows, {
      align: ['left', ...runs.map(() => 'right' as const)],
    }),
  );
  const plan = runs.find((r) => r.strategy === 'plan');
  if (plan?.member) {
    const m = plan.member;
    lines.push(
      '',
      c.dim(
        `plan: the member followed invitekeeper's plan through its own commands on a throwaway database: ${n(m.imports.exports)} exports and ${n(m.imports.sentPages)} Sent pages imported, ${n(m.recorded.sends)} sends, ${n(m.recorded.withdrawals)} withdrawals and ${n(m.recorded.acceptances)} acceptances recorded, ${n(m.queued)} people queued in batches.`,
      ),
    );
  }
  if (runs.some((r) => r.strategy === 'naive')) {
    lines.push(
      c.dim(
        'naive: sends as many as the weekly limit allows every morning, never withdraws, no note; when restricted, tries one a day.',
      ),
    );
  }
  return lines.join('\n');
}

/** The strategy names over their column groups, from the header line without colour. */
function groupLabels(c: Colors, header: string, runs: readonly StrategyRun[]): string {
  const starts: number[] = [header.indexOf(WEEK_COLUMNS[0])];
  let from = 0;
  for (let i = 1; i < runs.length; i++) {
    from = header.indexOf('│', from + 1);
    starts.push(header.indexOf(WEEK_COLUMNS[0], from));
  }
  let line = '';
  runs.forEach((r, i) => {
    line = line.padEnd(starts[i]!) + r.strategy;
  });
  return c.bold(line);
}

function flag(c: Colors, x: number): string {
  return x > 0 ? c.red(x.toLocaleString('en-US')) : '0';
}

const REFUSAL_WORDS: Record<SendRefusal, string> = {
  UNKNOWN_RECIPIENT: 'no such member',
  RESTRICTED: 'account restricted',
  WEEKLY_LIMIT: 'weekly limit reached',
  SENDER_AT_CAP: 'sender at 30,000 connections',
  ALREADY_CONNECTED: 'already connected',
  ALREADY_PENDING: 'already pending',
  RECIPIENT_BLOCKED: 'recipient had reported the sender',
  REINVITE_WAIT: 'within the 3-week re-invite wait',
  NOTE_TOO_LONG: 'note too long',
  NOTE_QUOTA: 'monthly notes used up',
};

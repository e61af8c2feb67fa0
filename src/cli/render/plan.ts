import { DateTime } from 'luxon';
import type { Plan, PlanDetails } from '../../app/index.ts';
import { explainScore, type Relation, SENT_PAGE_URL, type SkipReason } from '../../core/index.ts';
import { type Colors, plural, renderTable, shortTime } from '../io.ts';

/** Today's plan as a member reads it on a terminal. */
export function renderPlan(c: Colors, plan: Plan & { details: PlanDetails }): string {
  const lines: string[] = [];
  const w = plan.details.withdrawal;
  lines.push(
    c.dim(
      `invitekeeper · account ${plan.details.account} · plan for ${shortTime(plan.asOf, plan.details.timezone)}`,
    ),
    '',
  );
  for (const warning of plan.warnings) lines.push(`${c.yellow('!')} ${warning.message}`, '');
  lines.push(
    c.bold(`Withdraw today: ${plan.withdrawals.length}`) +
      c.dim(
        ` (cap ${w.cap} a day, ${w.withdrawnToday} already done today${plan.withdrawalsDeferred ? `, ${plan.withdrawalsDeferred} more stale ones left for the coming days` : ''})`,
      ),
  );
  if (plan.withdrawals.length) {
    lines.push(
      renderTable(
        c,
        ['#', 'Name', 'Sent', 'Age', 'Profile'],
        plan.withdrawals.map((x, i) => [
          i + 1,
          x.name,
          x.sentAt.slice(0, 10),
          `${x.ageDays} d`,
          x.profileUrl ?? '(no URL)',
        ]),
        { align: ['right', 'left', 'left', 'right', 'left'] },
      ),
    );
    lines.push(
      '',
      `Withdraw each on your Sent page, oldest first: ${c.cyan(SENT_PAGE_URL)}`,
      `(mobile: My Network > Invitations > Sent). Then record it: ${c.bold('invitekeeper withdrawn <profile-url>')}`,
    );
  } else {
    lines.push(c.dim('  Nothing to withdraw today.'));
  }
  lines.push('', ...renderSends(c, plan));
  return lines.join('\n');
}

const SKIP_WORDS: Record<SkipReason, string> = {
  ALREADY_CONNECTED: 'already connected',
  ALREADY_PENDING: 'already pending',
  COOLDOWN: 'in the re-invite cooldown',
  DO_NOT_CONTACT: 'do not contact',
  AT_CONNECTION_CAP: 'at 30,000 connections',
  REPORTED: 'reported you',
  QUOTA: 'over the allowance (next days)',
  PAUSED: 'sending paused',
};

/** "Tue 07 Dec 09:05" on the wall clock of `zone`, with the zone's name when `named`. */
function wallTime(iso: string, zone: string, named = false): string {
  const t = DateTime.fromISO(iso, { zone });
  return `${t.toFormat('ccc dd LLL HH:mm')}${named ? ` ${zone}` : ''}`;
}

/** "12 mutual · colleague · 3 d in the queue": what put a target where it is in the order. */
function whyRanked(score: number): string {
  const x = explainScore(score);
  const relation = x.relation === 'unknown' ? 'relation unknown' : RELATION_WORDS[x.relation];
  const days = x.daysInQueue === 0 ? 'added today' : `${x.daysInQueue} d in the queue`;
  return `${x.mutualConnections} mutual · ${relation} · ${days}`;
}

const RELATION_WORDS: Record<Relation, string> = {
  colleague: 'colleague',
  alumni: 'alumni',
  'industry-peer': 'industry peer',
  other: 'other',
};

/** A note in full, wrapped to `width` columns, each line indented. */
function wrapped(note: string, width: number, indent: string): string[] {
  const out: string[] = [];
  for (const paragraph of note.split(/\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out;
}

/**
 * "Send today: 3", or, when the plan's sends fall on a later day of the member (the allowance is
 * free but the send windows have closed), "Next sends: 20, from Mon 07 Dec 09:00", or both.
 */
function sendsHeading(plan: Plan & { details: PlanDetails }): string {
  const zone = plan.details.timezone;
  const today = DateTime.fromISO(plan.asOf, { zone }).toISODate();
  const later = plan.sends.filter((s) => DateTime.fromISO(s.sendAfter, { zone }).toISODate() !== today);
  const now = plan.sends.length - later.length;
  if (later.length === 0) return `Send today: ${now}`;
  const first = later.reduce((a, b) => (Date.parse(b.sendAfter) < Date.parse(a.sendAfter) ? b : a));
  const from = wallTime(first.sendAfter, zone);
  return now === 0
    ? `Next sends: ${later.length}, from ${from} (none today: the send windows are closed)`
    : `Send today: ${now}; then ${later.length} from ${from}`;
}

/** The sends half of the plan: the allowance, each send, and the skipped targets counted by reason. */
function renderSends(c: Colors, plan: Plan & { details: PlanDetails }): string[] {
  const d = plan.details.sending;
  const q = d.quota;
  const zone = plan.details.timezone;
  const lines: string[] = [];
  lines.push(
    c.bold(sendsHeading(plan)) +
      c.dim(
        ` (this week ${q.sentLast7Days} of ${q.weeklyLimit} sent, today ${q.sentToday} of ${q.dailyLimit}; ${plural(d.eligible, 'target')} ready)`,
      ),
  );
  if (d.paused) {
    lines.push(
      c.red(
        `  Sending is paused: ${d.pending} invitations are pending, at or over the pause threshold (pendingPauseAt). Withdraw stale ones first.`,
      ),
    );
  } else if (d.memberAtConnectionCap) {
    lines.push(c.red('  You have 30,000 connections: nobody can accept an invitation from you.'));
  }
  if (plan.sends.length) {
    lines.push(
      renderTable(
        c,
        ['#', 'Name', `Send after (${zone})`, 'Their time', 'Why this order'],
        plan.sends.map((s, i) => {
          const theirs = d.sends[i]!.timezone;
          return [
            i + 1,
            s.name || c.dim('(no name)'),
            wallTime(s.sendAfter, zone),
            theirs === zone ? c.dim('same zone') : wallTime(s.sendAfter, theirs, true),
            whyRanked(s.score),
          ];
        }),
        { align: ['right', 'left', 'left', 'left', 'left'] },
      ),
      '',
      'Each invitation, with its profile and its note in full:',
    );
    plan.sends.forEach((s, i) => {
      const x = d.sends[i]!;
      lines.push(
        `${String(i + 1).padStart(3)}  ${s.name || c.dim('(no name)')}  ${s.profileUrl ?? c.dim(`(no URL: search LinkedIn for ${s.name})`)}`,
      );
      if (x.noteDropped) lines.push(c.yellow('     no note: the 30-day note allowance is used'));
      else if (x.noteOmitted === 'UNFILLED_VARIABLE')
        lines.push(
          c.yellow(`     no note: nothing to fill ${x.unfilled.map((v) => `{${v}}`).join(', ')} with`),
        );
      else if (s.note === null) lines.push(c.dim('     (no note)'));
      else {
        lines.push(...wrapped(s.note, 72, '     '));
        if (x.noteTrimmed) lines.push(c.dim('     (trimmed to the note length limit)'));
      }
    });
    const notes =
      d.notesMonthlyLimit === null
        ? `notes unlimited (premium), ${d.noteMaxChars} characters each`
        : `${d.notesLeft} of ${d.notesMonthlyLimit} notes left in the rolling 30 days, ${d.notesPlanned} of them for these sends${d.notesDropped ? `; ${d.notesDropped} invitation${d.notesDropped === 1 ? '' : 's'} go without the note` : ''}`;
    lines.push(
      '',
      `Template: ${plan.details.template ? plan.details.template.id : c.dim('none (no notes; add one with `invitekeeper templates add`)')} · ${notes}`,
      `Send each at or after its time, then record it: ${c.bold('invitekeeper sent <profile-url>')}${plan.details.template ? ` --template ${plan.details.template.id}` : ''}`,
    );
  } else if (plan.details.targets === 0) {
    lines.push(
      c.dim(
        '  No targets to invite. Add people you want to invite with `invitekeeper targets import <csv>`.',
      ),
    );
  } else if (!d.paused && d.sendable === 0) {
    lines.push(c.dim('  The allowance is used up for now: see `invitekeeper status` for when it frees up.'));
  }
  if (plan.skipped.length) {
    const byReason = new Map<SkipReason, number>();
    for (const s of plan.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    lines.push(
      c.dim(
        `  Skipped ${plural(plan.skipped.length, 'target')}: ${[...byReason]
          .map(([r, n]) => `${n} ${SKIP_WORDS[r]}`)
          .join(', ')} (\`invitekeeper targets list\` shows who)`,
      ),
    );
  }
  return lines;
}

import { DateTime } from 'luxon';
import type { Plan, PlanDetails } from '../../app/index.ts';
import { SENT_PAGE_URL, type SkipReason } from '../../core/index.ts';
import { type Colors, plural, renderTable, shortTime } from '../io.ts';

/** Today's plan as a member reads it on a terminal. */
export function renderPlan(c: Colors, plan: Plan & { details: PlanDetails }): string {
  const lines: string[] = [];
  const w = plan.details.withdrawal;
  lines.push(c.dim(`invitekeeper · account ${plan.details.account} · plan for ${shortTime(plan.asOf)}`), '');
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

/** "Tue 09:05 Europe/Berlin" (the recipient's wall clock) for an ISO instant. */
function localTime(iso: string, zone: string): string {
  const t = DateTime.fromISO(iso, { zone });
  return `${t.toFormat('ccc dd LLL HH:mm')} ${zone}`;
}

function notePreview(c: Colors, note: string | null, max = 48): string {
  if (note === null) return c.dim('(no note)');
  const one = note.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The sends half of the plan: the allowance, each send, and the skipped targets counted by reason. */
function renderSends(c: Colors, plan: Plan & { details: PlanDetails }): string[] {
  const d = plan.details.sending;
  const q = d.quota;
  const lines: string[] = [];
  lines.push(
    c.bold(`Send today: ${plan.sends.length}`) +
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
    // The note column says why a send goes without its template's note, where it does.
    const note = (i: number, text: string | null) => {
      const s = d.sends[i]!;
      if (s.noteDropped) return c.yellow('(note dropped: 30-day allowance used)');
      if (s.noteOmitted === 'UNFILLED_VARIABLE')
        return c.yellow(`(no note: no ${s.unfilled.map((v) => `{${v}}`).join(', ')})`);
      return notePreview(c, text) + (s.noteTrimmed ? c.dim(' (trimmed)') : '');
    };
    lines.push(
      renderTable(
        c,
        ['#', 'Name', 'Send after (their time)', 'UTC', 'Score', 'Note'],
        plan.sends.map((s, i) => [
          i + 1,
          s.name || c.dim('(no name)'),
          localTime(s.sendAfter, d.sends[i]!.timezone),
          shortTime(s.sendAfter).slice(5, 16),
          s.score,
          note(i, s.note),
        ]),
        { align: ['right', 'left', 'left', 'left', 'right', 'left'] },
      ),
      '',
      'Profiles:',
      ...plan.sends.map(
        (s, i) =>
          `${String(i + 1).padStart(3)}  ${s.profileUrl ?? c.dim(`(no URL: search LinkedIn for ${s.name})`)}`,
      ),
    );
    const notes =
      d.notesMonthlyLimit === null
        ? `notes unlimited (premium), ${d.noteMaxChars} characters each`
        : `${d.notesLeft} of ${d.notesMonthlyLimit} notes left in the rolling 30 days${d.notesDropped ? `; ${d.notesDropped} invitation${d.notesDropped === 1 ? '' : 's'} go without the note` : ''}`;
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

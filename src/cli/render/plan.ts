import type { Plan, PlanDetails } from '../../app/index.ts';
import { SENT_PAGE_URL } from '../../core/index.ts';
import { type Colors, plural, renderTable, shortTime } from '../io.ts';

/** Today's plan as a member reads it on a terminal. */
export function renderPlan(c: Colors, plan: Plan & { details: PlanDetails }): string {
  const lines: string[] = [];
  const w = plan.details.withdrawal;
  lines.push(c.dim(`invitekeeper · account ${plan.details.account} · plan for ${shortTime(plan.asOf)}`), '');
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
  lines.push('', c.bold(`Send today: ${plan.sends.length}`));
  if (plan.sends.length) {
    lines.push(
      renderTable(
        c,
        ['#', 'Name', 'Send after', 'Score', 'Note'],
        plan.sends.map((s, i) => [
          i + 1,
          s.name,
          shortTime(s.sendAfter),
          s.score,
          s.note ? `${s.note.slice(0, 40)}${s.note.length > 40 ? '…' : ''}` : c.dim('(no note)'),
        ]),
      ),
    );
  } else {
    lines.push(
      c.dim(
        '  No targets to invite. Add people you want to invite with `invitekeeper targets import <csv>`.',
      ),
    );
  }
  if (plan.skipped.length) {
    const byReason = new Map<string, number>();
    for (const s of plan.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    lines.push(
      c.dim(
        `  Skipped ${plural(plan.skipped.length, 'target')}: ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')}`,
      ),
    );
  }
  return lines.join('\n');
}

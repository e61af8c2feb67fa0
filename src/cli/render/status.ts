import { notesLeft, type Status, type StatusDetails } from '../../core/index.ts';
import { type Colors, percent, plural, shortTime } from '../io.ts';

/** The status as a member reads it on a terminal. */
export function renderStatus(c: Colors, s: Status & { details: StatusDetails }): string {
  const lines: string[] = [];
  const label = (t: string) => c.bold(t.padEnd(13));
  lines.push(c.dim(`invitekeeper · account ${s.account} · ${shortTime(s.asOf, s.details.timezone)}`), '');
  const p = s.pending;
  lines.push(
    `${label('Pending')}${p.count}` +
      (p.count
        ? c.dim(
            `  (${p.stale} stale, oldest ${p.oldestAgeDays} d${p.expiringWithin14Days ? `, ${p.expiringWithin14Days} expire within 14 d` : ''})`,
          )
        : ''),
  );
  const q = s.quota;
  lines.push(
    `${label('This week')}${q.sentLast7Days} of ${q.weeklyLimit} sent, ${q.remaining} left` +
      c.dim(`  · today ${q.sentToday} of ${q.dailyLimit}`) +
      (s.details.paused ? c.red('  · sending paused') : ''),
  );
  const n = s.notes;
  lines.push(
    `${label('Notes')}${n.monthlyLimit === null ? `${n.usedLast30Days} in the rolling 30 days (unlimited)` : `${notesLeft(n.monthlyLimit, n.usedLast30Days)} left: ${n.usedLast30Days} of ${n.monthlyLimit} used in the rolling 30 days`}` +
      c.dim(`  · ${n.maxChars} characters each`),
  );
  const a = s.acceptance;
  const partly = s.warnings.some((w) => w.code === 'ACCEPTANCE_PARTLY_OBSERVED');
  if (s.details.acceptedUnknown) {
    lines.push(
      `${label('Acceptance')}unknown` +
        c.yellow('  · accepted and pending cannot be told apart without Connections.csv (see below)'),
    );
  } else {
    lines.push(
      `${label('Acceptance')}${percent(a.maturedRate)} of ${plural(a.maturedSent, 'matured invitation')}` +
        c.dim(`  · ${percent(a.rate)} of all ${a.sent} (${a.accepted} accepted)`) +
        (partly
          ? c.yellow('  · reads low: partly observed (see below)')
          : s.details.fromExports > 0
            ? c.dim('  · exports omit withdrawn and declined invitations, so it reads high')
            : ''),
    );
  }
  lines.push(
    `${label('Cooldowns')}${plural(s.cooldowns.active, 'person', 'people')} not to be invited again yet`,
  );
  const level = s.risk.level;
  const levelText = level === 'ok' ? c.green('OK') : level === 'watch' ? c.yellow('WATCH') : c.red('HIGH');
  lines.push(`${label('Risk')}${levelText}`);
  for (const r of s.risk.reasons) lines.push(`  ${c.dim('-')} ${r}`);
  // Risk reasons are listed above; the warnings add what they do not say.
  const warnings = s.warnings.filter((w) => !s.risk.reasons.includes(w.message));
  if (warnings.length) {
    lines.push('', c.bold('Warnings'));
    for (const w of warnings) lines.push(`  ${c.yellow('!')} ${w.message}`);
  }
  return lines.join('\n');
}

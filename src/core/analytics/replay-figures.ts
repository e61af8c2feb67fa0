import { DAY_MS, type Instant, toIso } from '../time.ts';
import { survivalAt } from './kaplan-meier.ts';
import type { ZoneClock } from './local-time.ts';
import type { ReplayEntry, ReplayOptions, ReplayResult, ReplaySettings, ReplayWeek } from './replay.ts';

/**
 * The replay's figures over [from, to]: counts by ISO week of the account's zone, the pending load
 * sampled at each day's last instant, totals and weekly averages, and each invitation on request.
 */
export function replayFigures(
  entries: readonly ReplayEntry[],
  s: ReplaySettings,
  clock: ZoneClock,
  options: ReplayOptions,
  info: { sendsChanged: boolean; withdrawalsChanged: boolean; delayedSends: number },
): ReplayResult {
  const { from, to } = options;
  const firstDay = clock.dayNumber(from);
  const lastDay = clock.dayNumber(to);
  const dayCount = lastDay - firstDay + 1;

  const { weekIndex, weeks } = emptyWeeks(clock, firstDay, lastDay);
  const weekOf = (t: Instant) => weeks[weekIndex.get(clock.parts(t).mondayDayNumber)!]!;
  const inRange = (t: Instant | null): t is Instant => t !== null && t >= from && t <= to;

  const sends: Instant[] = [];
  const ends: Instant[] = [];
  let expected = 0;
  let unsent = 0;
  const survival = options.survival;
  for (const e of entries) {
    if (e.sent > to) {
      unsent++;
      continue;
    }
    sends.push(e.sent);
    if (e.end !== null) ends.push(e.end);
    if (inRange(e.sent)) weekOf(e.sent).sends++;
    if (inRange(e.end)) {
      const w = weekOf(e.end);
      if (e.status === 'accepted') w.acceptances++;
      else if (e.status === 'withdrawn' || e.status === 'closed') w.withdrawals++;
      else if (e.status === 'expired') w.expiries++;
    }
    if (inRange(e.lost)) weekOf(e.lost).lostAcceptances++;
    if (survival && e.postponedFrom !== null) {
      const replayedEnd = e.end ?? to;
      if (replayedEnd > e.postponedFrom) {
        const sBefore = survivalAt(survival, (e.postponedFrom - e.sent) / DAY_MS);
        const sAfter = survivalAt(survival, (replayedEnd - e.sent) / DAY_MS);
        if (sBefore > 0) expected += (sBefore - sAfter) / sBefore;
      }
    }
  }

  // Pending at each day's last instant: sends so far minus ends so far.
  sends.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  let si = 0;
  let ei = 0;
  let pendingSum = 0;
  let pendingAtEnd = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const sampleAt = Math.min(clock.dayStart(day + 1) - 1, to);
    while (si < sends.length && sends[si]! <= sampleAt) si++;
    while (ei < ends.length && ends[ei]! <= sampleAt) ei++;
    const pending = si - ei;
    pendingSum += pending;
    weeks[weekIndex.get(clock.parts(clock.dayStart(day)).mondayDayNumber)!]!.pendingSum += pending;
    pendingAtEnd = pending;
  }

  const totals = { sends: 0, acceptances: 0, withdrawals: 0, expiries: 0, lostAcceptances: 0 };
  const weekRows: ReplayWeek[] = weeks.map(({ pendingSum: sum, ...w }) => {
    totals.sends += w.sends;
    totals.acceptances += w.acceptances;
    totals.withdrawals += w.withdrawals;
    totals.expiries += w.expiries;
    totals.lostAcceptances += w.lostAcceptances;
    return { ...w, averagePending: sum / w.days };
  });
  const perWeek = (n: number) => (n * 7) / dayCount;

  const result: ReplayResult = {
    from: toIso(from),
    to: toIso(to),
    days: dayCount,
    settings: {
      staleAfterDays: s.staleAfterDays,
      maxWithdrawalsPerDay: s.maxWithdrawalsPerDay,
      weeklyInviteLimit: s.weeklyInviteLimit,
      dailyInviteLimit: s.dailyInviteLimit,
    },
    changed: { sends: info.sendsChanged, withdrawals: info.withdrawalsChanged },
    weeks: weekRows,
    totals: {
      ...totals,
      delayedSends: info.delayedSends,
      unsentInRange: unsent,
      expectedExtraAcceptances: expected,
    },
    averages: {
      pending: pendingSum / dayCount,
      sendsPerWeek: perWeek(totals.sends),
      acceptancesPerWeek: perWeek(totals.acceptances),
      withdrawalsPerWeek: perWeek(totals.withdrawals),
      expiriesPerWeek: perWeek(totals.expiries),
      lostAcceptancesPerWeek: perWeek(totals.lostAcceptances),
    },
    pendingAtEnd,
  };
  if (options.detail) {
    result.invitations = [...entries]
      .sort((a, b) => a.inv.id - b.inv.id)
      .map((e) => ({
        id: e.inv.id,
        sentAt: Number.isFinite(e.sent) ? toIso(e.sent) : null,
        status: e.status,
        endAt: e.end === null ? null : toIso(e.end),
        lostAcceptanceAt: e.lost === null ? null : toIso(e.lost),
      }));
  }
  return result;
}

/** Week rows, keyed by the Monday of each ISO week the days firstDay..lastDay touch, with no counts yet. */
function emptyWeeks(clock: ZoneClock, firstDay: number, lastDay: number) {
  const weekIndex = new Map<number, number>();
  const weeks: (ReplayWeek & { pendingSum: number })[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const p = clock.parts(clock.dayStart(day));
    let w = weekIndex.get(p.mondayDayNumber);
    if (w === undefined) {
      w = weeks.length;
      weekIndex.set(p.mondayDayNumber, w);
      weeks.push({
        week: p.isoWeek,
        days: 0,
        averagePending: 0,
        pendingSum: 0,
        sends: 0,
        acceptances: 0,
        withdrawals: 0,
        expiries: 0,
        lostAcceptances: 0,
      });
    }
    weeks[w]!.days++;
  }
  return { weekIndex, weeks };
}

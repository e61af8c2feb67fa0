import type { Invitation } from '../model.ts';
import type { Settings } from '../settings.ts';
import { DAY_MS, type Instant, startOfDayIn, WEEK_MS } from '../time.ts';

/** The rolling 7 days: the 168 hours up to and including `now`. */
export function weekWindowStart(now: Instant): Instant {
  return now - WEEK_MS;
}

/** Count of invitations sent in (from, now]; a time range counts if its latest instant falls inside. */
export function countSentBetween(
  invitations: readonly Pick<Invitation, 'sentAt'>[],
  from: Instant,
  now: Instant,
): number {
  let n = 0;
  for (const inv of invitations) if (inv.sentAt > from && inv.sentAt <= now) n++;
  return n;
}

export interface Quota {
  weeklyLimit: number;
  sentLast7Days: number;
  remaining: number;
  dailyLimit: number;
  sentToday: number;
  /** What may still be sent right now: the smaller of the weekly and daily remainders. */
  sendableNow: number;
}

/**
 * The sending allowance at `now`: every invitation known to have been sent counts, from the export
 * or recorded by hand. "Today" starts at midnight in the account's time zone.
 */
export function computeQuota(
  invitations: readonly Pick<Invitation, 'sentAt'>[],
  now: Instant,
  settings: Pick<Settings, 'weeklyInviteLimit' | 'dailyInviteLimit' | 'timezone'>,
): Quota {
  const sentLast7Days = countSentBetween(invitations, weekWindowStart(now), now);
  const sentToday = countSentBetween(invitations, todayWindowStart(now, settings), now);
  return quotaFromCounts({ sentLast7Days, sentToday }, settings);
}

/**
 * Where "today" starts for the quota, exclusive: sends in (this, now] count, so that one sent
 * exactly at midnight in the account's time zone counts for the new day.
 */
export function todayWindowStart(now: Instant, settings: Pick<Settings, 'timezone'>): Instant {
  return startOfDayIn(now, settings.timezone) - 1;
}

/** The quota from the two counts (sends in the rolling 7 days and today), for callers that count in the store. */
export function quotaFromCounts(
  counts: { sentLast7Days: number; sentToday: number },
  settings: Pick<Settings, 'weeklyInviteLimit' | 'dailyInviteLimit'>,
): Quota {
  const { sentLast7Days, sentToday } = counts;
  const remaining = Math.max(0, settings.weeklyInviteLimit - sentLast7Days);
  const dailyRemaining = Math.max(0, settings.dailyInviteLimit - sentToday);
  return {
    weeklyLimit: settings.weeklyInviteLimit,
    sentLast7Days,
    remaining,
    dailyLimit: settings.dailyInviteLimit,
    sentToday,
    sendableNow: Math.min(remaining, dailyRemaining),
  };
}

/**
 * The notes still allowed in the rolling 30 days, given the tier's allowance (null: unlimited) and
 * the notes sent in those days. The one figure every "notes left" shows (status, plan, dashboard).
 */
export function notesLeft(monthlyLimit: number | null, usedLast30Days: number): number | null {
  return monthlyLimit === null ? null : Math.max(0, monthlyLimit - usedLast30Days);
}

/** Invitations with a personal note sent in the rolling 30 days up to `now`. */
export function countNotesLast30Days(
  invitations: readonly Pick<Invitation, 'sentAt' | 'note'>[],
  now: Instant,
): number {
  let n = 0;
  const from = now - 30 * DAY_MS;
  for (const inv of invitations) if (inv.note?.trim() && inv.sentAt > from && inv.sentAt <= now) n++;
  return n;
}

import type { Invitation } from '../model.ts';
import type { Settings } from '../settings.ts';
import { type Instant, nextStartOfDayIn, startOfDayIn, WEEK_MS } from '../time.ts';

/**
 * The invitation quota: how many invitations may still be sent at `now` (computeQuota, for the
 * status and the plan), and whether one more send at any instant keeps every window within the
 * limits (checkSendQuota, for a send recorded by hand).
 */

/** The rolling 7 days: the 168 hours up to and including `now`. */
export function weekWindowStart(now: Instant): Instant {
  return now - WEEK_MS;
}

/** The instant a send at `sentAt` leaves the rolling 7 days (of every `now` from then on). */
export function leavesWeekWindowAt(sentAt: Instant): Instant {
  return sentAt + WEEK_MS;
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

/** Why one more send at a moment would break a limit, with the figures. */
export type SendQuotaCheck =
  | { ok: true }
  | {
      ok: false;
      limit: 'weekly' | 'daily';
      /** Sends already in the fullest window (or day) that the new send would fall in. */
      count: number;
      max: number;
      /** The end of that window (weekly) or the start of that day (daily). */
      windowAt: Instant;
    };

/**
 * Whether one more send at `at` keeps every rolling 7-day window that contains it, and the
 * account's day it falls on, within the limits. Windows are those of computeQuota: (e - 7 days, e].
 * Unlike computeQuota at `at`, this also counts sends recorded at later instants (two processes
 * whose clocks were read a moment apart, or a send recorded with an earlier --at), so that no
 * window ending after `at` can go over the limit either.
 */
export function checkSendQuota(
  invitations: readonly Pick<Invitation, 'sentAt'>[],
  at: Instant,
  settings: Pick<Settings, 'weeklyInviteLimit' | 'dailyInviteLimit' | 'timezone'>,
): SendQuotaCheck {
  // The windows containing `at` end in [at, at + 7 days); the fullest ends at `at` or at a later send.
  const near = invitations
    .map((i) => i.sentAt)
    .filter((t) => t > at - WEEK_MS && t < at + WEEK_MS)
    .sort((a, b) => a - b);
  const ends = [at, ...near.filter((t) => t > at)];
  let worst = 0;
  let worstEnd = at;
  let lo = 0;
  let hi = 0;
  for (const end of ends) {
    while (hi < near.length && near[hi]! <= end) hi++;
    while (lo < hi && near[lo]! <= end - WEEK_MS) lo++;
    if (hi - lo > worst) {
      worst = hi - lo;
      worstEnd = end;
    }
  }
  if (worst + 1 > settings.weeklyInviteLimit) {
    return { ok: false, limit: 'weekly', count: worst, max: settings.weeklyInviteLimit, windowAt: worstEnd };
  }
  const dayStart = startOfDayIn(at, settings.timezone);
  const nextDay = nextStartOfDayIn(at, settings.timezone);
  let today = 0;
  for (const i of invitations) if (i.sentAt >= dayStart && i.sentAt < nextDay) today++;
  if (today + 1 > settings.dailyInviteLimit) {
    return { ok: false, limit: 'daily', count: today, max: settings.dailyInviteLimit, windowAt: dayStart };
  }
  return { ok: true };
}

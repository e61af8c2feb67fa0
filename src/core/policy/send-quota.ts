import type { Invitation } from '../model.ts';
import type { Settings } from '../settings.ts';
import { HOUR_MS, type Instant, startOfDayIn, WEEK_MS } from '../time.ts';

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
  // A day is 23 to 25 hours: 25 hours on is always inside the next day.
  const nextDay = startOfDayIn(dayStart + 25 * HOUR_MS, settings.timezone);
  let today = 0;
  for (const i of invitations) if (i.sentAt >= dayStart && i.sentAt < nextDay) today++;
  if (today + 1 > settings.dailyInviteLimit) {
    return { ok: false, limit: 'daily', count: today, max: settings.dailyInviteLimit, windowAt: dayStart };
  }
  return { ok: true };
}

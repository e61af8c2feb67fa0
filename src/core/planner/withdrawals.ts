import type { Invitation } from '../model.ts';
import { SENT_PAGE_URL } from '../people.ts';
import { invitationAgeDays, isStale } from '../policy/staleness.ts';
import type { Settings } from '../settings.ts';
import { compareText } from '../text.ts';
import { type Instant, startOfDayIn, toIso } from '../time.ts';

export interface PlannedWithdrawal {
  invitationId: number;
  name: string;
  profileUrl: string | null;
  sentAt: string;
  ageDays: number;
  /** Where the member withdraws it by hand. */
  sentPageUrl: string;
}

export interface WithdrawalPlan {
  withdrawals: PlannedWithdrawal[];
  /** Stale invitations left for later days because of the daily cap. */
  deferred: number;
  /** Withdrawals already recorded today, counted against the cap. */
  withdrawnToday: number;
  cap: number;
}

/**
 * The withdrawal order (SPEC section 4): oldest first, ties by profile URL (none first), then name,
 * then id, with compareText so that the order is the same on every machine. The plan withdraws in
 * it, the what-if replay's plan too, and the invitations page lists pending ones in it.
 */
export function compareWithdrawalOrder(
  a: Pick<Invitation, 'sentAt' | 'profileUrl' | 'name' | 'id'>,
  b: Pick<Invitation, 'sentAt' | 'profileUrl' | 'name' | 'id'>,
): number {
  return (
    a.sentAt - b.sentAt ||
    compareText(a.profileUrl ?? '', b.profileUrl ?? '') ||
    compareText(a.name, b.name) ||
    a.id - b.id
  );
}

/** Withdrawals recorded since midnight in the account's time zone. */
export function countWithdrawnToday(
  invitations: readonly Pick<Invitation, 'status' | 'statusAt'>[],
  now: Instant,
  settings: Pick<Settings, 'timezone'>,
): number {
  const dayStart = startOfDayIn(now, settings.timezone);
  let n = 0;
  for (const inv of invitations) {
    if (
      inv.status === 'withdrawn' &&
      inv.statusAt !== null &&
      inv.statusAt >= dayStart &&
      inv.statusAt <= now
    )
      n++;
  }
  return n;
}

/**
 * Today's withdrawals (SPEC section 4): pending invitations at least `staleAfterDays` old, oldest
 * first (ties by profile URL, then name), at most `maxWithdrawalsPerDay` minus those already
 * withdrawn today; the rest are deferred. `invitations` are as they stand at `now`.
 */
export function planWithdrawals(
  invitations: readonly Invitation[],
  now: Instant,
  settings: Pick<Settings, 'staleAfterDays' | 'maxWithdrawalsPerDay' | 'timezone'>,
  /** Withdrawals recorded today, when the caller counted them (then `invitations` may be the pending ones only). */
  withdrawnTodayCount?: number,
  /**
   * Stale invitations in all, when the caller counted them in the store; then `invitations` need
   * only hold the oldest stale ones (at least the cap's worth, ties included).
   */
  staleCount?: number,
): WithdrawalPlan {
  const stale = invitations.filter((inv) => isStale(inv, now, settings));
  stale.sort(compareWithdrawalOrder);
  const withdrawnToday = withdrawnTodayCount ?? countWithdrawnToday(invitations, now, settings);
  const room = Math.max(0, settings.maxWithdrawalsPerDay - withdrawnToday);
  const chosen = stale.slice(0, room);
  return {
    withdrawals: chosen.map((inv) => ({
      invitationId: inv.id,
      name: inv.name,
      profileUrl: inv.profileUrl,
      sentAt: toIso(inv.sentAt),
      ageDays: invitationAgeDays(inv, now),
      sentPageUrl: SENT_PAGE_URL,
    })),
    deferred: (staleCount ?? stale.length) - chosen.length,
    withdrawnToday,
    cap: settings.maxWithdrawalsPerDay,
  };
}

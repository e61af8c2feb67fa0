import { InviteKeeperError } from './errors.ts';
import type { Invitation, InvitationStatus } from './model.ts';
import { RULES } from './settings.ts';
import { addCalendarMonths, DAY_MS, type Instant } from './time.ts';

/**
 * The only moves an invitation's status can make (SPEC section 2): pending, then exactly one
 * final status. Nothing leaves a final status; an accepted invitation never goes back to pending.
 */
const ALLOWED: Readonly<Record<InvitationStatus, readonly InvitationStatus[]>> = {
  pending: ['accepted', 'withdrawn', 'expired', 'closed'],
  accepted: [],
  withdrawn: [],
  expired: [],
  closed: [],
};

/** Whether the lifecycle allows moving from one status to another. */
export function canTransition(from: InvitationStatus, to: InvitationStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The invitation moved to `to` at `at`; throws CONFLICT for a move the lifecycle forbids. */
export function transition<T extends Invitation>(invitation: T, to: InvitationStatus, at: Instant): T {
  if (!canTransition(invitation.status, to)) {
    throw new InviteKeeperError(
      'CONFLICT',
      `the invitation to ${invitation.name} is ${invitation.status}; it cannot become ${to}`,
    );
  }
  return { ...invitation, status: to, statusAt: Math.max(at, invitation.sentAt) };
}

/** What reading an invitation at a moment needs of it. */
type LedgerView = Pick<Invitation, 'sentAt' | 'status' | 'statusAt'>;

/** When LinkedIn withdraws a still-pending invitation by itself: 6 calendar months after sending. */
export function expiresAt(invitation: Pick<Invitation, 'sentAt'>): Instant {
  return addCalendarMonths(invitation.sentAt, RULES.expiryMonths);
}

/**
 * Where expiry is in question at `now`: an invitation sent at or before `expiredUpTo` has expired by
 * `now` (if it was still pending), one sent after `liveAfter` has not; for one sent in between, ask
 * expiresAt. Six calendar months are 181 to 184 days (a day of margin on each side). The expired
 * sending instants are not one interval (29 August 23:00 expires on 28 February 23:00, 30 August
 * 00:00 on 28 February 00:00), so a store selects by these bounds and the rule decides the band.
 */
export function expiryBand(now: Instant): { expiredUpTo: Instant; liveAfter: Instant } {
  return { expiredUpTo: now - 185 * DAY_MS, liveAfter: now - 180 * DAY_MS };
}

/** Sending instants in (after, upTo]. */
export interface SendingRange {
  after: Instant;
  upTo: Instant;
}

/**
 * The sending instants of `range` whose invitation has expired by `t` (expiresAt <= t), as ranges
 * in order, so that a store can count them instead of handing every sending of a band to the
 * rule. Within one UTC day expiry moves with the sending (the same time of day, six calendar months
 * on: only the date is clamped to the month's end), so each day gives at most one range, from the
 * day's start; whole days in a row make one range.
 */
export function sentRangesExpiredBy(range: SendingRange, t: Instant): SendingRange[] {
  const out: SendingRange[] = [];
  for (let day = Math.floor((range.after + 1) / DAY_MS) * DAY_MS; day <= range.upTo; day += DAY_MS) {
    const expiryOfStart = expiresAt({ sentAt: day });
    if (expiryOfStart > t) continue;
    const after = Math.max(range.after, day - 1);
    const upTo = Math.min(range.upTo, day + DAY_MS - 1, day + (t - expiryOfStart));
    if (upTo <= after) continue;
    const last = out[out.length - 1];
    if (last && last.upTo === after) last.upTo = upTo;
    else out.push({ after, upTo });
  }
  return out;
}

/**
 * The invitation as it stood at `now`: null if it had not been sent yet, pending again if its
 * status changed after `now`, and expired if it was still pending 6 months after sending. Every
 * rule reads invitations through this, so `--now` can look at any moment of the history.
 */
export function invitationAt<T extends LedgerView>(invitation: T, now: Instant): T | null {
  if (invitation.sentAt > now) return null;
  let view = invitation;
  if (view.status !== 'pending' && view.statusAt !== null && view.statusAt > now) {
    view = { ...view, status: 'pending', statusAt: null };
  }
  if (view.status === 'pending') {
    const expiry = expiresAt(view);
    if (expiry <= now) view = { ...view, status: 'expired', statusAt: expiry };
  }
  return view;
}

/** Every invitation as it stood at `now`, leaving out those not yet sent. */
export function ledgerAt<T extends LedgerView>(invitations: readonly T[], now: Instant): T[] {
  const out: T[] = [];
  for (const inv of invitations) {
    const view = invitationAt(inv, now);
    if (view) out.push(view);
  }
  return out;
}

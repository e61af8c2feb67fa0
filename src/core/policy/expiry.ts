import { expiresAt } from '../lifecycle.ts';
import type { Invitation } from '../model.ts';
import { RULES } from '../settings.ts';
import { DAY_MS, type Instant } from '../time.ts';

export { expiresAt };

/** A pending invitation LinkedIn will withdraw by itself within `days` days of `now`. */
export function isExpiringWithin(
  invitation: Pick<Invitation, 'sentAt' | 'status'>,
  now: Instant,
  days: number,
): boolean {
  if (invitation.status !== 'pending') return false;
  const expiry = expiresAt(invitation);
  return expiry > now && expiry - now <= days * DAY_MS;
}

/** "Expiring soon" (status, its warning): LinkedIn withdraws it within RULES.expiringWithinDays days. */
const EXPIRING_SOON_MS = RULES.expiringWithinDays * DAY_MS;

/** The instant an invitation expiring at `expiry` starts to count as expiring soon (what the horizons watch). */
export function expiringSoonSince(expiry: Instant): Instant {
  return expiry - EXPIRING_SOON_MS;
}

/** The latest expiry that counts as expiring soon at `now`. */
export function expiringSoonUpTo(now: Instant): Instant {
  return now + EXPIRING_SOON_MS;
}

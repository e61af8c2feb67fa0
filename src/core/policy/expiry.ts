import { expiresAt } from '../lifecycle.ts';
import type { Invitation } from '../model.ts';
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

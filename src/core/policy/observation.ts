import type { Invitation } from '../model.ts';
import { DAY_MS, type Instant } from '../time.ts';

/**
 * How long after its sending an invitation may first be listed by an import and still count as
 * seen from its sending: the Sent page pasted the next day lists it as sent "1 day ago".
 */
export const SEEN_FROM_SENDING_MS = DAY_MS;

/**
 * Whether invitekeeper sees this invitation's answer whatever it is ("tracked"): sent since
 * tracking began, and known from its sending: recorded by hand, or first listed by an import at
 * most a day after it was sent. Exports and Sent pages list pending invitations only, so one first
 * listed later was listed because it was still pending then; those accepted before it are in no
 * list, and counting the ones listed would read the acceptance rate low. `firstSeenAt` absent
 * means unknown: then tracking's start decides alone.
 */
export function isTracked(
  invitation: Pick<Invitation, 'sentAt' | 'source' | 'firstSeenAt'>,
  trackingSince: Instant | null,
): boolean {
  if (trackingSince === null || invitation.sentAt < trackingSince) return false;
  const seen = invitation.firstSeenAt;
  if (invitation.source === 'manual' || seen === undefined || seen === null) return true;
  return seen - invitation.sentAt <= SEEN_FROM_SENDING_MS;
}

import type { Invitation } from '../model.ts';
import { DAY_MS, type Instant } from '../time.ts';

/**
 * How long after its sending an invitation may first be listed by an import and still count as
 * seen from its sending: the Sent page pasted the next day lists it as sent "1 day ago".
 */
export const SEEN_FROM_SENDING_MS = DAY_MS;

/**
 * Whether invitekeeper sees this invitation's answer whatever it is ("tracked"). An export is a
 * history (SPEC 3.1): it lists the invitations still pending and those accepted, each with its
 * sending time, so one first known from an export is tracked whenever it was sent (withdrawn and
 * declined ones are mostly absent from exports, which reads the rate high, never low). Otherwise it
 * must be sent since tracking began and known from its sending: recorded by hand, or first listed
 * by an import at most a day after it was sent. A Sent page lists pending invitations only, so one
 * first listed later was listed because it was still pending then; those accepted before are on no
 * page, and counting the ones listed would read the acceptance rate low. `firstSeenAt` absent
 * means unknown: then tracking's start decides alone.
 */
export function isTracked(
  invitation: Pick<Invitation, 'sentAt' | 'source' | 'firstSeenAt'>,
  trackingSince: Instant | null,
): boolean {
  if (invitation.source === 'export') return true;
  if (trackingSince === null || invitation.sentAt < trackingSince) return false;
  const seen = invitation.firstSeenAt;
  if (invitation.source === 'manual' || seen === undefined || seen === null) return true;
  return seen - invitation.sentAt <= SEEN_FROM_SENDING_MS;
}

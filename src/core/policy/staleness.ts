import type { Invitation } from '../model.ts';
import type { Settings } from '../settings.ts';
import { ageInDays, DAY_MS, type Instant } from '../time.ts';

/** Age in whole days of an invitation; for a time range, the lower bound. */
export function invitationAgeDays(invitation: Pick<Invitation, 'sentAt'>, now: Instant): number {
  return ageInDays(invitation.sentAt, now);
}

/** A pending invitation at least `staleAfterDays` old is stale. */
export function isStale(
  invitation: Pick<Invitation, 'sentAt' | 'status'>,
  now: Instant,
  settings: Pick<Settings, 'staleAfterDays'>,
): boolean {
  return invitation.status === 'pending' && invitationAgeDays(invitation, now) >= settings.staleAfterDays;
}

/** How long after its sending an invitation turns stale (and matured): `staleAfterDays` whole days. */
export function staleAfterMs(settings: Pick<Settings, 'staleAfterDays'>): number {
  return settings.staleAfterDays * DAY_MS;
}

/**
 * The instant an invitation sent at `sentAt` turns stale if still pending (and matured): its age
 * in whole days reaches `staleAfterDays` exactly then. The day the horizons and the what-if
 * replay's plan watch for.
 */
export function turnsStaleAt(sentAt: Instant, settings: Pick<Settings, 'staleAfterDays'>): Instant {
  return sentAt + staleAfterMs(settings);
}

/**
 * The latest sending instant that is stale at `now`: a pending invitation sent at `s` is stale
 * exactly when `s <= staleSentUpTo(now, settings)` (age in whole days >= staleAfterDays).
 */
export function staleSentUpTo(now: Instant, settings: Pick<Settings, 'staleAfterDays'>): Instant {
  return now - staleAfterMs(settings);
}

/** Sent at least `staleAfterDays` ago: old enough for its outcome to count in the matured acceptance rate. */
export function isMatured(
  invitation: Pick<Invitation, 'sentAt'>,
  now: Instant,
  settings: Pick<Settings, 'staleAfterDays'>,
): boolean {
  return invitationAgeDays(invitation, now) >= settings.staleAfterDays;
}

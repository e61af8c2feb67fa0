import type { Invitation, PersonKey } from '../model.ts';
import type { Settings } from '../settings.ts';
import { DAY_MS, type Instant } from '../time.ts';

/**
 * When the same person may be invited again after this invitation, or null if it starts no
 * cooldown. A withdrawal starts one; so does a closed invitation (vanished without a connection),
 * from the snapshot that first missed it, because it was most likely withdrawn.
 */
export function cooldownEndsAt(
  invitation: Pick<Invitation, 'status' | 'statusAt'>,
  settings: Pick<Settings, 'reinviteCooldownDays'>,
): Instant | null {
  if (invitation.status !== 'withdrawn' && invitation.status !== 'closed') return null;
  if (invitation.statusAt === null) return null;
  return invitation.statusAt + settings.reinviteCooldownDays * DAY_MS;
}

/**
 * The latest withdrawal or closing whose cooldown is over at `now`: one at `t` keeps its person in a
 * cooldown exactly when `t > cooldownEndedUpTo(now, settings)` (cooldownEndsAt(t) > now).
 */
export function cooldownEndedUpTo(now: Instant, settings: Pick<Settings, 'reinviteCooldownDays'>): Instant {
  return now - settings.reinviteCooldownDays * DAY_MS;
}

/** Each person still in a cooldown at `now`, with the instant it ends (the latest if several). */
export function activeCooldowns(
  invitations: readonly Pick<Invitation, 'personKey' | 'status' | 'statusAt'>[],
  now: Instant,
  settings: Pick<Settings, 'reinviteCooldownDays'>,
): Map<PersonKey, Instant> {
  const active = new Map<PersonKey, Instant>();
  for (const inv of invitations) {
    const until = cooldownEndsAt(inv, settings);
    if (until === null || until <= now) continue;
    const existing = active.get(inv.personKey);
    if (existing === undefined || until > existing) active.set(inv.personKey, until);
  }
  return active;
}

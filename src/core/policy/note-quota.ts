import type { Invitation } from '../model.ts';
import { DAY_MS, type Instant } from '../time.ts';

/**
 * The note quota: how many personal notes the tier's allowance leaves in the rolling 30 days.
 */

/** Notes are counted over the rolling 30 days up to `now` (30 times 24 hours). */
const NOTES_WINDOW_MS = 30 * DAY_MS;

/** Where the rolling 30 days of notes start, exclusive: notes sent in (this, now] count. */
export function notesWindowStart(now: Instant): Instant {
  return now - NOTES_WINDOW_MS;
}

/** The instant a note sent at `sentAt` leaves the rolling 30 days (of every `now` from then on). */
export function leavesNotesWindowAt(sentAt: Instant): Instant {
  return sentAt + NOTES_WINDOW_MS;
}

/**
 * The notes still allowed in the rolling 30 days, given the tier's allowance (null: unlimited) and
 * the notes sent in those days. The one figure every "notes left" shows (status, plan, dashboard).
 */
export function notesLeft(monthlyLimit: number | null, usedLast30Days: number): number | null {
  return monthlyLimit === null ? null : Math.max(0, monthlyLimit - usedLast30Days);
}

/** Invitations with a personal note sent in the rolling 30 days up to `now`. */
export function countNotesLast30Days(
  invitations: readonly Pick<Invitation, 'sentAt' | 'note'>[],
  now: Instant,
): number {
  let n = 0;
  const from = notesWindowStart(now);
  for (const inv of invitations) if (inv.note?.trim() && inv.sentAt > from && inv.sentAt <= now) n++;
  return n;
}

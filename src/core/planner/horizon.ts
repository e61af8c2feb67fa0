import { expiresAt } from '../lifecycle.ts';
import type { Invitation } from '../model.ts';
import type { Settings } from '../settings.ts';
import { considerInvitation, Horizon } from '../stability.ts';
import { DAY_MS, type Instant, MINUTE_MS, nextStartOfDayIn, WEEK_MS } from '../time.ts';

/** The first instants after `now` at which the counts behind a plan change (what the store tells). */
export interface LedgerChanges {
  /** The first sending after `now` (a history read at a past `now`). */
  sentAfterNow: Instant | null;
  /** The first status change after `now`. */
  statusAfterNow: Instant | null;
  /** The first send of the rolling week up to `now`: it leaves the week 7 days later. */
  firstInWeek: Instant | null;
  /** The first send with a note of the 30 days up to `now`: it leaves them 30 days later. */
  firstNoteInNotes: Instant | null;
}

/** What a plan at `now` was made from, as far as time can change it. */
export interface PlanHorizonInput {
  now: Instant;
  settings: Pick<Settings, 'timezone' | 'staleAfterDays' | 'reinviteCooldownDays'>;
  /** The invitations pending at `now` whose expiry is in question (expiryBand). */
  expiryBand: readonly Pick<Invitation, 'sentAt'>[];
  /** The sending time of the oldest pending invitation not stale yet. */
  firstFreshSentAt: Instant | null;
  /** Today's withdrawals (their ages are in the plan). */
  withdrawals: readonly { sentAt: string }[];
  changes: LedgerChanges;
  /** Every invitation of the queued targets' people. */
  theirs: readonly Pick<Invitation, 'sentAt' | 'status' | 'statusAt'>[];
  connections: readonly { connectedOn: Instant }[];
  reports: readonly { at: Instant }[];
  targets: readonly { addedAt: Instant }[];
  /** How many sends the plan holds. */
  sends: number;
}

/**
 * The first instant after `now` at which the plan may come out otherwise (apart from `asOf`) with
 * the same data: the earliest instant where one of its rules' comparisons with `now` can flip.
 * Withdrawals: the next pending invitation to turn stale, each invitation of the expiry band
 * expiring, each planned withdrawal's next day of age, any sending or status change after `now`,
 * midnight (today's withdrawals). Sends: the first send of the rolling week and of the 30 days of
 * notes leaving them, midnight, every instant of the queued people's invitations (considerInvitation),
 * their connections and reports dated after `now`, each target's next day in the queue (the score),
 * and, when the plan holds sends, the next minute (send times start at the next whole minute).
 * Invitations beyond the expiry band expire more than a day after `now`, the latest it can be.
 */
export function planStableUntil(p: PlanHorizonInput): Instant {
  const { now, settings } = p;
  const h = new Horizon(now, Math.min(nextStartOfDayIn(now, settings.timezone), now + DAY_MS));
  const stale = settings.staleAfterDays * DAY_MS;
  for (const inv of p.expiryBand) {
    h.consider(expiresAt(inv));
    h.consider(inv.sentAt + stale);
  }
  if (p.firstFreshSentAt !== null) h.consider(p.firstFreshSentAt + stale);
  for (const w of p.withdrawals) h.considerNextDayOfAge(Date.parse(w.sentAt));
  h.consider(p.changes.sentAfterNow);
  h.consider(p.changes.statusAfterNow);
  if (p.changes.firstInWeek !== null) h.consider(p.changes.firstInWeek + WEEK_MS);
  if (p.changes.firstNoteInNotes !== null) h.consider(p.changes.firstNoteInNotes + 30 * DAY_MS);
  for (const inv of p.theirs) considerInvitation(h, inv, settings);
  for (const c of p.connections) h.consider(c.connectedOn);
  for (const r of p.reports) h.consider(r.at);
  for (const t of p.targets) {
    h.consider(t.addedAt);
    h.considerNextDayOfAge(t.addedAt);
  }
  if (p.sends > 0) h.consider(Math.ceil(now / MINUTE_MS) * MINUTE_MS + 1);
  return h.until;
}

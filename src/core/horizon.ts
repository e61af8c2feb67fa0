import { expiresAt } from './lifecycle.ts';
import type { Invitation, LedgerFact } from './model.ts';
import { cooldownEndsAt } from './policy/cooldown.ts';
import { expiringSoonSince } from './policy/expiry.ts';
import { leavesWeekWindowAt } from './policy/invite-quota.ts';
import { leavesNotesWindowAt } from './policy/note-quota.ts';
import { turnsStaleAt } from './policy/staleness.ts';
import type { Settings } from './settings.ts';
import { DAY_MS, type Instant, MINUTE_MS, nextStartOfDayIn } from './time.ts';

/**
 * The first instant after `now` at which an answer computed at `now` may stop being right: the
 * earliest of the instants offered to `consider` that lie after `now`. Callers offer every instant
 * where one of their rules' comparisons with `now` can flip; offering more than needed only makes
 * the answer be computed again sooner.
 */
export class Horizon {
  private next: Instant;

  constructor(
    readonly now: Instant,
    /** The latest it can be, whatever is offered (for example the next midnight). */
    cap: Instant,
  ) {
    this.next = cap;
  }

  consider(t: Instant | null | undefined): void {
    if (t !== null && t !== undefined && t > this.now && t < this.next) this.next = t;
  }

  /** The next whole day of age of something dated `from` (ages count whole days since it). */
  considerNextDayOfAge(from: Instant): void {
    if (from <= this.now) this.consider(from + (Math.floor((this.now - from) / DAY_MS) + 1) * DAY_MS);
  }

  get until(): Instant {
    return this.next;
  }
}

/**
 * Every instant where a rule can read this invitation differently: its sending and status change
 * (ledgerAt), its expiry and the 14 days before it, the day it turns stale and matured, its leaving
 * the rolling 7 and 30 days, the end of the cooldown it starts.
 */
export function considerInvitation(
  horizon: Horizon,
  inv: Pick<LedgerFact, 'sentAt' | 'status' | 'statusAt'>,
  settings: Pick<Settings, 'staleAfterDays' | 'reinviteCooldownDays'>,
): void {
  const sent = inv.sentAt;
  const expiry = expiresAt(inv);
  horizon.consider(sent);
  horizon.consider(inv.statusAt);
  horizon.consider(expiry);
  horizon.consider(expiringSoonSince(expiry));
  horizon.consider(turnsStaleAt(sent, settings));
  horizon.consider(leavesWeekWindowAt(sent));
  horizon.consider(leavesNotesWindowAt(sent));
  horizon.consider(cooldownEndsAt(inv, settings));
}

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
  for (const inv of p.expiryBand) {
    h.consider(expiresAt(inv));
    h.consider(turnsStaleAt(inv.sentAt, settings));
  }
  if (p.firstFreshSentAt !== null) h.consider(turnsStaleAt(p.firstFreshSentAt, settings));
  for (const w of p.withdrawals) h.considerNextDayOfAge(Date.parse(w.sentAt));
  h.consider(p.changes.sentAfterNow);
  h.consider(p.changes.statusAfterNow);
  if (p.changes.firstInWeek !== null) h.consider(leavesWeekWindowAt(p.changes.firstInWeek));
  if (p.changes.firstNoteInNotes !== null) h.consider(leavesNotesWindowAt(p.changes.firstNoteInNotes));
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

import { expiresAt } from './lifecycle.ts';
import type { LedgerFact } from './model.ts';
import { cooldownEndsAt } from './policy/cooldown.ts';
import { RULES, type Settings } from './settings.ts';
import { DAY_MS, type Instant, WEEK_MS } from './time.ts';

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
  horizon.consider(expiry - RULES.expiringWithinDays * DAY_MS);
  horizon.consider(sent + settings.staleAfterDays * DAY_MS);
  horizon.consider(sent + WEEK_MS);
  horizon.consider(sent + 30 * DAY_MS);
  horizon.consider(cooldownEndsAt(inv, settings));
}

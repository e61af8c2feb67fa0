import { InviteKeeperError } from '../errors.ts';
import { expiresAt, ledgerAt } from '../lifecycle.ts';
import type { Invitation, InvitationStatus } from '../model.ts';
import { compareWithdrawalOrder } from '../planner/withdrawals.ts';
import { turnsStaleAt } from '../policy/staleness.ts';
import type { Settings } from '../settings.ts';
import { DAY_MS, type Instant, WEEK_MS } from '../time.ts';
import type { KaplanMeierCurve } from './kaplan-meier.ts';
import { createZoneClock, type ZoneClock } from './local-time.ts';
import { replayFigures } from './replay-figures.ts';
import type { WhatIfKey } from './what-if.ts';

/** The member's recorded history, as the what-if replay reads it. */
export interface ReplayHistory {
  /** The account's whole ledger; it is read as it stood at `to`. */
  invitations: readonly Invitation[];
  /** When observation began (first import or recorded send); the default start of what-if ranges. */
  trackingSince: Instant | null;
}

export type ReplaySettings = Pick<Settings, WhatIfKey | 'timezone'>;

export interface ReplayRange {
  from: Instant;
  to: Instant;
}

export interface ReplayOptions extends ReplayRange {
  /** The settings the history was made under; by default the replayed settings (which reproduces it). */
  base?: ReplaySettings;
  /** A Kaplan–Meier time-to-accept curve (ages in days) for `expectedExtraAcceptances`. */
  survival?: Pick<KaplanMeierCurve, 'steps'>;
  /** Also return every replayed invitation (for the app's "which ones" and for tests). */
  detail?: boolean;
  /**
   * Replay the plan's withdrawals even where the settings equal `base`: the member is taken to
   * follow the plan, as in every variant row, so that the current settings' row compares with
   * them (what-if rows are all the same replay; the actual history is a row of its own).
   */
  followPlan?: boolean;
}

export interface ReplayCounts {
  sends: number;
  acceptances: number;
  /** Withdrawals and closings. */
  withdrawals: number;
  expiries: number;
  lostAcceptances: number;
}

export interface ReplayWeek extends ReplayCounts {
  /** ISO week in the account's time zone, e.g. `2026-W09`. */
  week: string;
  /** Days of the week inside the range. */
  days: number;
  /** Daily average of the pending count over those days. */
  averagePending: number;
}

export interface ReplayedInvitation {
  id: number;
  /** The replayed send instant (ISO); null when the variant's limits pushed it beyond `to`. */
  sentAt: string | null;
  /** Status as of `to` in the replay. */
  status: InvitationStatus;
  endAt: string | null;
  /** The acceptance the replayed withdrawal came before, if any. */
  lostAcceptanceAt: string | null;
}

export interface ReplayResult {
  from: string;
  to: string;
  days: number;
  settings: Pick<Settings, WhatIfKey>;
  /** Which parts of the history the replay changed (false: actual events kept as they were). */
  changed: { sends: boolean; withdrawals: boolean };
  weeks: ReplayWeek[];
  totals: ReplayCounts & {
    /** Sends the variant's limits pushed to a later instant. */
    delayedSends: number;
    /** Sends pushed beyond `to`. */
    unsentInRange: number;
    /**
     * Kaplan–Meier estimate of the acceptances the invitations kept pending longer than in reality
     * might have brought: the sum over them of P(accepted by the replayed end | pending at the actual
     * withdrawal). Not included in `acceptances`; 0 without a curve.
     */
    expectedExtraAcceptances: number;
  };
  averages: {
    pending: number;
    sendsPerWeek: number;
    acceptancesPerWeek: number;
    withdrawalsPerWeek: number;
    expiriesPerWeek: number;
    lostAcceptancesPerWeek: number;
  };
  pendingAtEnd: number;
  invitations?: ReplayedInvitation[];
}

/** The replay's view of one invitation (internal to the replay and its figures; not re-exported). */
export interface ReplayEntry {
  inv: Invitation;
  sent: Instant;
  status: InvitationStatus;
  end: Instant | null;
  /** The withdrawal or closing instant of the (possibly shifted) actual history, if any. */
  actualWithdrawal: Instant | null;
  /** The actual acceptance the replay's withdrawal came before. */
  lost: Instant | null;
  /** Actual end before the replay postponed it (for expectedExtraAcceptances). */
  postponedFrom: Instant | null;
  /** Position in plan order as sent in reality. */
  rank: number;
}

/**
 * Replays the member's recorded history under `settings` over [from, to], to compare pending load,
 * withdrawals, sends and acceptances side by side with what really happened (SPEC section 5).
 *
 * The replay is a counterfactual on top of what really happened, not a simulation from scratch:
 * **actual events are kept unless the replayed setting changes them.** So replaying the settings
 * the history was made under (`base`, by default the replayed settings themselves) gives back the
 * actual figures exactly, and a variant row differs from the actual row only by what the changed
 * setting does. Precisely:
 *
 * Sends (`weeklyInviteLimit`, `dailyInviteLimit`), only when one of them differs from `base`:
 * the actual sends at or after `from` are taken in order and each goes at its actual instant or,
 * if the variant's rolling 7-day or daily (local day) limit is full then, at the first later
 * instant it allows, so sends keep their order and are pushed back, never brought forward (a
 * higher limit creates no sends: there were no more targets). Sends before `from` stay and count
 * in the windows. A delayed invitation keeps its whole story relative to its new send instant:
 * accepted, withdrawn or closed the same time after sending as in reality, expiring 6 calendar
 * months after the new instant; whatever would now fall after `to` has not happened yet (pending).
 * A send pushed beyond `to` is not sent within the range (`unsentInRange`).
 *
 * Withdrawals (`staleAfterDays`, `maxWithdrawalsPerDay`), only when one of them differs from `base`:
 * - A withdrawal (or a closing, which the lifecycle treats as a withdrawal) at an age below the
 *   base threshold, or before `from`, was the member's own decision and is kept.
 * - One at or after `from` at an age of at least the base threshold was made because the plan
 *   listed it; it is removed, and the variant's plan decides instead. Until that plan lists it the
 *   invitation stays pending, and it is NOT accepted in the meantime: a withdrawn invitation's
 *   answer is unknown, so the replay never invents an acceptance (the KM estimate of what the
 *   longer wait might have brought is given apart, as `expectedExtraAcceptances`).
 * - The variant's plan runs once per local day from `from` (at local midnight, or at `from` on the
 *   first day) like SPEC section 4: it lists the invitations pending in the replay whose age is at
 *   least the variant's threshold, oldest first (ties by profile URL, name, id; a send the limits
 *   pushed onto another's instant counts as sent after it if it was in reality), at most
 *   `maxWithdrawalsPerDay`; the rest wait for the next day. The member is taken to follow it: a
 *   listed invitation is withdrawn at the instant the member really withdrew it if that was later
 *   the same day, else at the plan's run.
 * - An invitation actually accepted at an age the replayed plan never let it reach is a LOST
 *   acceptance; it counts in `lostAcceptances` (in the week of the acceptance it would have been)
 *   and not in `acceptances`. Actual acceptances that come before the replayed withdrawal stay.
 * - Invitations the member left pending beyond the base threshold are withdrawn by a variant plan
 *   too (it is followed), so for a member who did not follow the plan, a variant row also shows
 *   the effect of following one.
 *
 * `pendingPauseAt` and the other settings are not replayed. Figures are counted over [from, to]
 * by ISO week of the account's time zone; the pending load of a day is the number pending at the
 * day's last instant (or at `to` on the last day), and its averages are over days.
 */
export function replayHistory(
  history: ReplayHistory,
  settings: ReplaySettings,
  options: ReplayOptions,
): ReplayResult {
  checkRange(options);
  return replayPrepared(prepareHistory(history, options.to), settings, options);
}

function checkRange({ from, to }: ReplayRange): void {
  if (!(Number.isFinite(from) && Number.isFinite(to)) || from > to) {
    throw new InviteKeeperError(
      'USAGE',
      `the what-if range must start before it ends (from ${from}, to ${to})`,
    );
  }
}

/** The ledger as of `to`, in plan order: read once, replayed under as many settings as asked. */
function prepareHistory(
  history: ReplayHistory,
  to: Instant,
  ledger?: readonly Invitation[],
): readonly ReplayEntry[] {
  const entries: ReplayEntry[] = (ledger ?? ledgerAt(history.invitations, to)).map((inv) => {
    const end = inv.status === 'pending' ? null : Math.max(inv.statusAt ?? inv.sentAt, inv.sentAt);
    return {
      inv,
      sent: inv.sentAt,
      status: inv.status,
      end,
      actualWithdrawal: inv.status === 'withdrawn' || inv.status === 'closed' ? end : null,
      lost: null,
      postponedFrom: null,
      rank: 0,
    };
  });
  // Here every entry's `sent` is still its invitation's `sentAt`.
  entries.sort((a, b) => compareWithdrawalOrder(a.inv, b.inv));
  entries.forEach((e, i) => {
    e.rank = i;
  });
  return entries;
}

function replayPrepared(
  prepared: readonly ReplayEntry[],
  settings: ReplaySettings,
  options: ReplayOptions,
): ReplayResult {
  const { from, to } = options;
  const base = options.base ?? settings;
  const clock = createZoneClock(settings.timezone);
  const sendsChanged =
    settings.weeklyInviteLimit !== base.weeklyInviteLimit ||
    settings.dailyInviteLimit !== base.dailyInviteLimit;
  const withdrawalsChanged =
    options.followPlan === true ||
    settings.staleAfterDays !== base.staleAfterDays ||
    settings.maxWithdrawalsPerDay !== base.maxWithdrawalsPerDay;

  const entries = prepared.map((e) => ({ ...e }));
  let delayedSends = 0;
  if (sendsChanged) {
    delayedSends = rescheduleSends(entries, settings, clock, from, to);
    // Pushed sends can meet others at the same instant; the one sent first in reality stays older.
    entries.sort((a, b) => a.sent - b.sent || a.rank - b.rank);
  }
  if (withdrawalsChanged) replayWithdrawals(entries, settings, base, clock, from, to);

  return replayFigures(entries, settings, clock, options, { sendsChanged, withdrawalsChanged, delayedSends });
}

/** Pushes sends back where the variant's limits are full; returns how many moved. */
function rescheduleSends(
  entries: ReplayEntry[],
  s: ReplaySettings,
  clock: ZoneClock,
  from: Instant,
  to: Instant,
): number {
  const placed: Instant[] = [];
  let lastDay = Number.NaN;
  let lastDayCount = 0;
  const place = (t: Instant) => {
    placed.push(t);
    const day = clock.dayNumber(t);
    if (day === lastDay) lastDayCount++;
    else {
      lastDay = day;
      lastDayCount = 1;
    }
  };
  let moved = 0;
  for (const e of entries) {
    if (e.sent < from) {
      place(e.sent);
      continue;
    }
    let t = Math.max(e.sent, placed.length > 0 ? placed[placed.length - 1]! : e.sent);
    if (s.weeklyInviteLimit <= 0 || s.dailyInviteLimit <= 0) t = Number.POSITIVE_INFINITY;
    while (t <= to) {
      const m = placed.length;
      // The window (t - 7 days, t] may hold at most limit - 1 earlier sends.
      if (m >= s.weeklyInviteLimit && placed[m - s.weeklyInviteLimit]! > t - WEEK_MS) {
        t = placed[m - s.weeklyInviteLimit]! + WEEK_MS;
        continue;
      }
      const day = clock.dayNumber(t);
      if (day === lastDay && lastDayCount >= s.dailyInviteLimit) {
        t = clock.dayStart(day + 1);
        continue;
      }
      break;
    }
    if (t > to) {
      // Limits only ever push later, so this and every later send fall outside the range.
      e.sent = Number.POSITIVE_INFINITY;
      e.end = null;
      e.status = 'pending';
      e.actualWithdrawal = null;
      moved++;
      continue;
    }
    if (t !== e.sent) {
      moved++;
      shiftReplayEntry(e, t, to);
    }
    place(t);
  }
  return moved;
}

/** Moves an invitation to a new send instant, keeping its story relative to it. */
function shiftReplayEntry(e: ReplayEntry, sent: Instant, to: Instant): void {
  const delta = sent - e.sent;
  e.sent = sent;
  if (e.end === null) return;
  const end = e.status === 'expired' ? expiryWithin(sent, to) : e.end + delta;
  if (end === null || end > to) {
    e.end = null;
    e.status = 'pending';
    e.actualWithdrawal = null;
  } else {
    e.end = end;
    if (e.actualWithdrawal !== null) e.actualWithdrawal = end;
  }
}

/** Six calendar months are never shorter than this, so most expiries need no calendar at all. */
const MIN_EXPIRY_MS = 181 * DAY_MS;

/**
 * When LinkedIn expires an invitation sent at `sent` (lifecycle's `expiresAt`), if that is no later
 * than `to`; most sends of a replay are too recent to ask the calendar at all.
 */
export function expiryWithin(sent: Instant, to: Instant): Instant | null {
  if (sent + MIN_EXPIRY_MS > to) return null;
  const expiry = expiresAt({ sentAt: sent });
  return expiry <= to ? expiry : null;
}

function replayWithdrawals(
  entries: ReplayEntry[],
  s: ReplaySettings,
  base: ReplaySettings,
  clock: ZoneClock,
  from: Instant,
  to: Instant,
): void {
  for (const e of entries) {
    if (e.actualWithdrawal === null || e.actualWithdrawal < from) continue;
    if (e.actualWithdrawal < turnsStaleAt(e.sent, base)) continue; // the member's own
    // The plan made this one: the variant's plan decides instead.
    e.postponedFrom = e.actualWithdrawal;
    const expiry = expiryWithin(e.sent, to);
    e.status = expiry !== null ? 'expired' : 'pending';
    e.end = expiry;
  }

  const lastDay = clock.dayNumber(to);
  let head = 0;
  let eligible = 0;
  for (let day = clock.dayNumber(from); day <= lastDay; day++) {
    const runAt = Math.max(clock.dayStart(day), from);
    if (runAt > to) break;
    while (eligible < entries.length && turnsStaleAt(entries[eligible]!.sent, s) <= runAt) eligible++;
    let taken = 0;
    let i = head;
    for (; i < eligible && taken < s.maxWithdrawalsPerDay; i++) {
      const e = entries[i]!;
      if (e.end !== null && e.end <= runAt) continue; // ended before the plan got to it
      const actual = e.actualWithdrawal;
      const sameDay = actual !== null && actual >= runAt && clock.dayNumber(actual) === day;
      const at = sameDay ? actual : runAt;
      if (e.status === 'accepted' && e.end !== null && e.end > at) e.lost = e.end;
      e.status = sameDay && e.inv.status === 'closed' ? 'closed' : 'withdrawn';
      e.end = at;
      taken++;
    }
    head = i;
  }
}

import { InviteKeeperError } from '../errors.ts';
import { ledgerAt } from '../lifecycle.ts';
import type { Invitation, InvitationStatus } from '../model.ts';
import { compareWithdrawalOrder } from '../planner/withdrawals.ts';
import { turnsStaleAt } from '../policy/staleness.ts';
import {
  DEFAULT_SETTINGS,
  parseSettingText,
  RULES,
  resolveSettings,
  SETTING_KEYS,
  type Settings,
} from '../settings.ts';
import { DAY_MS, type Instant, toIso, WEEK_MS } from '../time.ts';
import { createZoneClock, type ZoneClock } from './local-time.ts';
import { type KaplanMeierCurve, survivalAt } from './survival.ts';

/** The member's recorded history, as the what-if replay reads it. */
export interface ReplayHistory {
  /** The account's whole ledger; it is read as it stood at `to`. */
  invitations: readonly Invitation[];
  /** When observation began (first import or recorded send); the default start of what-if ranges. */
  trackingSince: Instant | null;
}

export const WHAT_IF_KEYS = [
  'staleAfterDays',
  'maxWithdrawalsPerDay',
  'weeklyInviteLimit',
  'dailyInviteLimit',
] as const;
export type WhatIfKey = (typeof WHAT_IF_KEYS)[number];
export type ReplaySettings = Pick<Settings, WhatIfKey | 'timezone'>;
export type WhatIfVariant = Partial<Pick<Settings, WhatIfKey>>;

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

/** The replay's view of one invitation. */
interface Entry {
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
): readonly Entry[] {
  const entries: Entry[] = (ledger ?? ledgerAt(history.invitations, to)).map((inv) => {
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
  prepared: readonly Entry[],
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

  return figures(entries, settings, clock, options, { sendsChanged, withdrawalsChanged, delayedSends });
}

/** Pushes sends back where the variant's limits are full; returns how many moved. */
function rescheduleSends(
  entries: Entry[],
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
      shiftEntry(e, t, to);
    }
    place(t);
  }
  return moved;
}

/** Moves an invitation to a new send instant, keeping its story relative to it. */
function shiftEntry(e: Entry, sent: Instant, to: Instant): void {
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
 * When LinkedIn expires an invitation sent at `sent`, if that is no later than `to`: lifecycle's
 * `expiresAt` (6 calendar months in UTC, clamped to the month's last day) by Date arithmetic, since
 * luxon's calendar maths would dominate a replay of thousands of invitations. what-if.test.ts
 * checks the two agree.
 */
export function expiryWithin(sent: Instant, to: Instant): Instant | null {
  if (sent + MIN_EXPIRY_MS > to) return null;
  const d = new Date(sent);
  const month = d.getUTCMonth() + RULES.expiryMonths;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const expiry = Date.UTC(
    d.getUTCFullYear(),
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
  return expiry <= to ? expiry : null;
}

function replayWithdrawals(
  entries: Entry[],
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

function figures(
  entries: readonly Entry[],
  s: ReplaySettings,
  clock: ZoneClock,
  options: ReplayOptions,
  info: { sendsChanged: boolean; withdrawalsChanged: boolean; delayedSends: number },
): ReplayResult {
  const { from, to } = options;
  const firstDay = clock.dayNumber(from);
  const lastDay = clock.dayNumber(to);
  const dayCount = lastDay - firstDay + 1;

  // Week rows, keyed by the Monday of each ISO week the range touches.
  const weekIndex = new Map<number, number>();
  const weeks: (ReplayWeek & { pendingSum: number })[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const p = clock.parts(clock.dayStart(day));
    let w = weekIndex.get(p.mondayDayNumber);
    if (w === undefined) {
      w = weeks.length;
      weekIndex.set(p.mondayDayNumber, w);
      weeks.push({
        week: p.isoWeek,
        days: 0,
        averagePending: 0,
        pendingSum: 0,
        sends: 0,
        acceptances: 0,
        withdrawals: 0,
        expiries: 0,
        lostAcceptances: 0,
      });
    }
    weeks[w]!.days++;
  }
  const weekOf = (t: Instant) => weeks[weekIndex.get(clock.parts(t).mondayDayNumber)!]!;
  const inRange = (t: Instant | null): t is Instant => t !== null && t >= from && t <= to;

  const sends: Instant[] = [];
  const ends: Instant[] = [];
  let expected = 0;
  let unsent = 0;
  const survival = options.survival;
  for (const e of entries) {
    if (e.sent > to) {
      unsent++;
      continue;
    }
    sends.push(e.sent);
    if (e.end !== null) ends.push(e.end);
    if (inRange(e.sent)) weekOf(e.sent).sends++;
    if (inRange(e.end)) {
      const w = weekOf(e.end);
      if (e.status === 'accepted') w.acceptances++;
      else if (e.status === 'withdrawn' || e.status === 'closed') w.withdrawals++;
      else if (e.status === 'expired') w.expiries++;
    }
    if (inRange(e.lost)) weekOf(e.lost).lostAcceptances++;
    if (survival && e.postponedFrom !== null) {
      const replayedEnd = e.end ?? to;
      if (replayedEnd > e.postponedFrom) {
        const sBefore = survivalAt(survival, (e.postponedFrom - e.sent) / DAY_MS);
        const sAfter = survivalAt(survival, (replayedEnd - e.sent) / DAY_MS);
        if (sBefore > 0) expected += (sBefore - sAfter) / sBefore;
      }
    }
  }

  // Pending at each day's last instant: sends so far minus ends so far.
  sends.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  let si = 0;
  let ei = 0;
  let pendingSum = 0;
  let pendingAtEnd = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const sampleAt = Math.min(clock.dayStart(day + 1) - 1, to);
    while (si < sends.length && sends[si]! <= sampleAt) si++;
    while (ei < ends.length && ends[ei]! <= sampleAt) ei++;
    const pending = si - ei;
    pendingSum += pending;
    weeks[weekIndex.get(clock.parts(clock.dayStart(day)).mondayDayNumber)!]!.pendingSum += pending;
    pendingAtEnd = pending;
  }

  const totals = { sends: 0, acceptances: 0, withdrawals: 0, expiries: 0, lostAcceptances: 0 };
  const weekRows: ReplayWeek[] = weeks.map(({ pendingSum: sum, ...w }) => {
    totals.sends += w.sends;
    totals.acceptances += w.acceptances;
    totals.withdrawals += w.withdrawals;
    totals.expiries += w.expiries;
    totals.lostAcceptances += w.lostAcceptances;
    return { ...w, averagePending: sum / w.days };
  });
  const perWeek = (n: number) => (n * 7) / dayCount;

  const result: ReplayResult = {
    from: toIso(from),
    to: toIso(to),
    days: dayCount,
    settings: {
      staleAfterDays: s.staleAfterDays,
      maxWithdrawalsPerDay: s.maxWithdrawalsPerDay,
      weeklyInviteLimit: s.weeklyInviteLimit,
      dailyInviteLimit: s.dailyInviteLimit,
    },
    changed: { sends: info.sendsChanged, withdrawals: info.withdrawalsChanged },
    weeks: weekRows,
    totals: {
      ...totals,
      delayedSends: info.delayedSends,
      unsentInRange: unsent,
      expectedExtraAcceptances: expected,
    },
    averages: {
      pending: pendingSum / dayCount,
      sendsPerWeek: perWeek(totals.sends),
      acceptancesPerWeek: perWeek(totals.acceptances),
      withdrawalsPerWeek: perWeek(totals.withdrawals),
      expiriesPerWeek: perWeek(totals.expiries),
      lostAcceptancesPerWeek: perWeek(totals.lostAcceptances),
    },
    pendingAtEnd,
  };
  if (options.detail) {
    result.invitations = [...entries]
      .sort((a, b) => a.inv.id - b.inv.id)
      .map((e) => ({
        id: e.inv.id,
        sentAt: Number.isFinite(e.sent) ? toIso(e.sent) : null,
        status: e.status,
        endAt: e.end === null ? null : toIso(e.end),
        lostAcceptanceAt: e.lost === null ? null : toIso(e.lost),
      }));
  }
  return result;
}

/** One row of a what-if table. */
export interface WhatIfRow {
  /**
   * `what happened` for the actual history, `current` for the replay under the current settings,
   * else the changed settings, e.g. `staleAfterDays=7, weeklyInviteLimit=150`.
   */
  label: string;
  /** The actual history (not a replay): shown apart, as the line the replays are not. */
  isBase: boolean;
  variant: WhatIfVariant;
  replay: ReplayResult;
}

/**
 * The actual history (first row, `what happened`), then the same replay, the member following the
 * plan, under the current settings (`current`) and under each variant laid over them, side by side:
 * every replayed row is the same kind of replay, so they compare with one another; the actual row
 * shows how far the member's own history is from following any of them. Each variant is validated against the settings schema
 * (INVALID_SETTING). The range defaults to [trackingSince (else the first send), to], since before
 * tracking began only the invitations still pending then are known.
 */
export function whatIf(
  history: ReplayHistory,
  baseSettings: Settings,
  variants: readonly WhatIfVariant[],
  range: {
    from?: Instant;
    to: Instant;
    survival?: Pick<KaplanMeierCurve, 'steps'>;
    /** `history.invitations` already read as of `to` with ledgerAt, so it is not read again. */
    ledger?: readonly Invitation[];
  },
): WhatIfRow[] {
  const to = range.to;
  let from = range.from ?? history.trackingSince;
  if (from === null || from === undefined) {
    from = to;
    for (const inv of history.invitations) if (inv.sentAt < from) from = inv.sentAt;
  }
  from = Math.min(from, to);
  const options = { from, to, base: baseSettings, survival: range.survival };
  const plan = { ...options, followPlan: true };
  const rows: WhatIfRow[] = [
    {
      label: 'what happened',
      isBase: true,
      variant: {},
      replay: replayHistory(history, baseSettings, options),
    },
    { label: 'current', isBase: false, variant: {}, replay: replayHistory(history, baseSettings, plan) },
  ];
  for (const variant of variants) {
    const settings = resolveSettings(baseSettings, variant);
    rows.push({
      label: variantLabel(variant),
      isBase: false,
      variant,
      replay: replayHistory(history, settings, plan),
    });
  }
  return rows;
}

function variantLabel(variant: WhatIfVariant): string {
  const parts = WHAT_IF_KEYS.filter((k) => variant[k] !== undefined).map((k) => `${k}=${variant[k]}`);
  return parts.length > 0 ? parts.join(', ') : 'current';
}

/** More variants than this in one what-if is a typo, not a question. */
export const MAX_WHAT_IF_VARIANTS = 64;

/**
 * Reads `key=v1,v2` specs (`--vary staleAfterDays=7,14,21 --vary weeklyInviteLimit=100,150`) into
 * the cartesian product of variants, each validated over `base` (default: the defaults). Throws
 * USAGE for malformed specs, settings the replay cannot vary, repeated keys or too many variants,
 * and INVALID_SETTING for a value outside its range.
 */
export function parseWhatIfSpec(
  specs: readonly string[],
  base: Settings = DEFAULT_SETTINGS,
): WhatIfVariant[] {
  const seen = new Set<string>();
  const axes: { key: WhatIfKey; values: number[] }[] = [];
  for (const spec of specs) {
    const m = /^\s*([A-Za-z.]+)\s*=\s*(.*?)\s*$/.exec(spec);
    if (!m) throw usage(`"${spec}" is not of the form setting=value[,value...], e.g. staleAfterDays=7,14,21`);
    const key = m[1]!;
    if (!(WHAT_IF_KEYS as readonly string[]).includes(key)) {
      const known = (SETTING_KEYS as readonly string[]).includes(key);
      throw usage(
        `${known ? `${key} cannot be replayed` : `unknown setting "${key}"`}: what-if varies ${WHAT_IF_KEYS.join(', ')}`,
      );
    }
    if (seen.has(key)) throw usage(`${key} is given twice; list all its values once, e.g. ${key}=7,14,21`);
    seen.add(key);
    const texts = m[2]!.split(',').map((t) => t.trim());
    if (texts.some((t) => t === '')) throw usage(`"${spec}" has an empty value`);
    const values: number[] = [];
    for (const text of texts) {
      const value = (parseSettingText(key, text) as Record<string, number>)[key]!;
      resolveSettings(base, { [key]: value });
      if (!values.includes(value)) values.push(value);
    }
    axes.push({ key: key as WhatIfKey, values });
  }
  let variants: WhatIfVariant[] = [{}];
  for (const axis of axes) {
    if (variants.length * axis.values.length > MAX_WHAT_IF_VARIANTS) {
      throw usage(
        `that makes more than ${MAX_WHAT_IF_VARIANTS} variants; vary fewer settings or values at once`,
      );
    }
    variants = variants.flatMap((v) => axis.values.map((value) => ({ ...v, [axis.key]: value })));
  }
  if (axes.length === 0) return [];
  for (const v of variants) resolveSettings(base, v);
  return variants;
}

function usage(message: string): InviteKeeperError {
  return new InviteKeeperError('USAGE', `what-if: ${message}`);
}

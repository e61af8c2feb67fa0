import type { z } from 'zod';
import { considerInvitation, Horizon } from './horizon.ts';
import { expiresAt, expiryBand, ledgerAt } from './lifecycle.ts';
import type { LedgerFact, Report, Warning } from './model.ts';
import { activeCooldowns, cooldownEndedUpTo } from './policy/cooldown.ts';
import { expiringSoonUpTo, isExpiringWithin } from './policy/expiry.ts';
import { computeQuota, quotaFromCounts, todayWindowStart, weekWindowStart } from './policy/invite-quota.ts';
import { countNotesLast30Days, notesWindowStart } from './policy/note-quota.ts';
import { isTracked } from './policy/observation.ts';
import { assessRisk, pct, REPORT_WINDOW_DAYS, type RiskFactor } from './policy/risk.ts';
import { invitationAgeDays, isMatured, isStale, staleSentUpTo } from './policy/staleness.ts';
import { noteMaxChars, noteMonthlyLimit, RULES, type Settings } from './settings.ts';
import type { StatusSchema } from './status.schema.ts';
import { DAY_MS, type Instant, nextStartOfDayIn, toIso } from './time.ts';

/** Everything the status of one account is computed from. */
export interface StatusInput {
  account: string;
  now: Instant;
  settings: Settings;
  /** The account's whole ledger; entries are read as they stood at `now`. */
  invitations: readonly LedgerFact[];
  /** First-degree connections known from the last import (for the 30,000 cap). */
  connectionCount: number;
  reports: readonly Report[];
  /**
   * When invitekeeper began to observe the account (its first import or recorded send). Invitations
   * sent before it were seen only if still pending, so their acceptance is not fully observed.
   */
  trackingSince: Instant | null;
  /** The as-of of the newest import, to warn about out-of-date data. */
  lastImportAt: Instant | null;
  /** Extra warnings from other checks (own profile). */
  extraWarnings?: readonly Warning[];
}

/** The `status --json` document of SPEC section 7. */
export type Status = z.output<typeof StatusSchema>;

/** The details behind a status that the JSON contract leaves out, for human output and the report. */
export interface StatusDetails {
  riskFactors: RiskFactor[];
  sendableNow: number;
  paused: boolean;
  trackedMaturedSent: number;
  trackedMaturedAccepted: number;
  /** Invitations first known from an export: their rate reads high (withdrawn and declined ones are absent). */
  fromExports: number;
  /**
   * Accepted and pending cannot be told apart: invitations came from an export, and no connection is
   * known (Connections.csv was never imported), so every one of them reads as pending.
   */
  acceptedUnknown: boolean;
  /** The account's time zone, the one its "today" starts in and its times are shown in. */
  timezone: string;
}

/** Data older than this many days earns a warning. */
export const STALE_DATA_DAYS = 7;

/**
 * The counts, windows and minima of the ledger a status is made of. computeStatus counts them from
 * the whole ledger by the rules (countStatusFigures); a store may count them with indexed queries
 * instead, bounded by the same rules' instants (statusBounds), and must agree with it at every
 * instant (a property test compares the two on each dialect).
 */
export interface StatusFigures {
  /** Invitations pending at `now` (sent, not answered by then, not expired). */
  pending: number;
  /** Of those, how many are stale. */
  stale: number;
  /** The earliest sending among the pending ones. */
  oldestPendingSentAt: Instant | null;
  /** Pending ones LinkedIn will withdraw by itself within RULES.expiringWithinDays days. */
  expiring: number;
  /** Sends in the rolling 7 days, today (account's time zone) and the rolling 30 days with a note. */
  sentLast7Days: number;
  sentToday: number;
  notesLast30Days: number;
  /** Every invitation sent by `now`, and those accepted by then. */
  sent: number;
  accepted: number;
  /** Of those, the matured ones (sent at least staleAfterDays ago) and how many of them were accepted. */
  maturedSent: number;
  maturedAccepted: number;
  /** Matured and tracked (isTracked), and of those accepted. */
  trackedMaturedSent: number;
  trackedMaturedAccepted: number;
  /** Invitations first known from an export. */
  fromExports: number;
  /** People in a reinvite cooldown at `now`. */
  activeCooldowns: number;
}

/** What a status is computed from besides the ledger's figures. */
export type StatusContext = Omit<StatusInput, 'invitations'>;

/** The figures of a status, counted from the whole ledger as it stood at `now`, by the rules. */
export function countStatusFigures(
  invitations: readonly LedgerFact[],
  now: Instant,
  settings: Settings,
  trackingSince: Instant | null,
): StatusFigures {
  const ledger = ledgerAt(invitations, now);
  let pending = 0;
  let stale = 0;
  let oldestPendingSentAt: Instant | null = null;
  let expiring = 0;
  let accepted = 0;
  let maturedSent = 0;
  let maturedAccepted = 0;
  let trackedMaturedSent = 0;
  let trackedMaturedAccepted = 0;
  let fromExports = 0;
  for (const inv of ledger) {
    if (inv.status === 'pending') {
      pending++;
      if (isStale(inv, now, settings)) stale++;
      if (oldestPendingSentAt === null || inv.sentAt < oldestPendingSentAt) oldestPendingSentAt = inv.sentAt;
      if (isExpiringWithin(inv, now, RULES.expiringWithinDays)) expiring++;
    }
    if (inv.source === 'export') fromExports++;
    const isAccepted = inv.status === 'accepted';
    if (isAccepted) accepted++;
    if (!isMatured(inv, now, settings)) continue;
    maturedSent++;
    if (isAccepted) maturedAccepted++;
    if (isTracked(inv, trackingSince)) {
      trackedMaturedSent++;
      if (isAccepted) trackedMaturedAccepted++;
    }
  }
  const quota = computeQuota(ledger, now, settings);
  return {
    pending,
    stale,
    oldestPendingSentAt,
    expiring,
    sentLast7Days: quota.sentLast7Days,
    sentToday: quota.sentToday,
    notesLast30Days: countNotesLast30Days(ledger, now),
    sent: ledger.length,
    accepted,
    maturedSent,
    maturedAccepted,
    trackedMaturedSent,
    trackedMaturedAccepted,
    fromExports,
    activeCooldowns: activeCooldowns(ledger, now, settings).size,
  };
}

/**
 * The instants that bound each figure of StatusFigures at `now`, for a store that counts them: a
 * pending invitation sent at `s` is stale, and any invitation matured, exactly when
 * `s <= staleSentUpTo`; sends count in the windows (after, now]; a withdrawal or closing at `t`
 * keeps its person in a cooldown exactly when `t > cooldownEndedUpTo`. Expiry is not one interval
 * of sending instants (see expiryBand): `expiry` bounds the expired ones at `now` and `expiring`
 * those expiring within RULES.expiringWithinDays days; in between each band, ask expiresAt.
 */
export function statusBounds(now: Instant, settings: Settings) {
  return {
    now,
    staleSentUpTo: staleSentUpTo(now, settings),
    weekAfter: weekWindowStart(now),
    todayAfter: todayWindowStart(now, settings),
    notesAfter: notesWindowStart(now),
    cooldownEndedUpTo: cooldownEndedUpTo(now, settings),
    expiry: expiryBand(now),
    expiring: expiryBand(expiringSoonUpTo(now)),
  };
}

/** The account's health at `now` (SPEC sections 5 and 7). */
export function computeStatus(input: StatusInput): Status & { details: StatusDetails } {
  return statusFromFigures(
    countStatusFigures(input.invitations, input.now, input.settings, input.trackingSince),
    input,
  );
}

/** The status from the ledger's figures at `context.now` (SPEC sections 5 and 7). */
export function statusFromFigures(
  figures: StatusFigures,
  input: StatusContext,
): Status & { details: StatusDetails } {
  const { now, settings } = input;
  const { stale, oldestPendingSentAt, expiring, sent, accepted, maturedSent, maturedAccepted, fromExports } =
    figures;
  const oldestAgeDays =
    oldestPendingSentAt === null ? null : invitationAgeDays({ sentAt: oldestPendingSentAt }, now);
  const quota = quotaFromCounts(figures, settings);
  const notesUsed = figures.notesLast30Days;
  const monthlyLimit = noteMonthlyLimit(settings.accountTier);
  let { trackedMaturedSent, trackedMaturedAccepted } = figures;
  const acceptedUnknown = fromExports > 0 && input.connectionCount === 0;
  if (acceptedUnknown) {
    // Nothing can read accepted: no rate is better than a false 0 % (and no false alarm from it).
    trackedMaturedSent = 0;
    trackedMaturedAccepted = 0;
  }

  const reportsLast90Days = input.reports.filter(
    (r) => r.at <= now && r.at > now - REPORT_WINDOW_DAYS * DAY_MS,
  ).length;
  const risk = assessRisk(
    {
      pending: figures.pending,
      trackedMaturedSent,
      trackedMaturedAccepted,
      reportsLast90Days,
      sentLast7Days: quota.sentLast7Days,
    },
    settings,
    RULES.minMaturedForRate,
  );
  const paused = figures.pending >= settings.pendingPauseAt;

  const warnings: Warning[] = [];
  const warn = (code: string, message: string) => warnings.push({ code, message });
  if (sent === 0 && input.lastImportAt === null) {
    warn('NO_DATA', 'nothing imported yet: run `invitekeeper import <your LinkedIn export.zip>`');
  }
  if (acceptedUnknown) {
    warn(
      'ACCEPTED_UNKNOWN',
      `Invitations.csv was imported without Connections.csv: it lists accepted invitations as well as pending ones, and only your connections tell them apart, so the ${figures.pending} pending invitations include people who accepted, and no withdrawal is planned. Import the whole export (the ZIP, or Connections.csv with it).`,
    );
  }
  if (paused) {
    warn(
      'SENDING_PAUSED',
      `${figures.pending} invitations are pending (pause threshold ${settings.pendingPauseAt}): the plan sends nothing until stale ones are withdrawn`,
    );
  } else if (figures.pending >= settings.pendingWarnAt) {
    warn(
      'PENDING_HIGH',
      `${figures.pending} invitations are pending (warning threshold ${settings.pendingWarnAt})`,
    );
  }
  // Without connections the stale ones may have been accepted: the plan withdraws none (see above).
  if (stale > 0 && !acceptedUnknown) {
    warn(
      'STALE_PENDING',
      `${stale} pending invitation${stale === 1 ? ' is' : 's are'} at least ${settings.staleAfterDays} days old: withdraw them (see \`invitekeeper plan\`)`,
    );
  }
  if (expiring > 0) {
    warn(
      'EXPIRING_SOON',
      `${expiring} invitation${expiring === 1 ? '' : 's'} will be withdrawn by LinkedIn within ${RULES.expiringWithinDays} days (6 months after sending)`,
    );
  }
  for (const f of risk.factors) {
    if (f.code === 'LOW_ACCEPTANCE' || f.code === 'REPORTS' || f.code === 'NEAR_WEEKLY_LIMIT')
      warn(f.code, f.message);
  }
  const untrackedMatured = maturedSent - trackedMaturedSent;
  if (!acceptedUnknown && untrackedMatured > 0 && trackedMaturedSent < RULES.minMaturedForRate) {
    warn(
      'ACCEPTANCE_PARTLY_OBSERVED',
      `${untrackedMatured} of ${maturedSent} matured invitations were first seen on a Sent page days after they were sent, or sent before your first import: a Sent page lists pending invitations only, so those accepted before it appear on none and the acceptance rate (${maturedSent ? pct(maturedAccepted / maturedSent) : 'n/a'}) reads low; it does not judge the risk. Import your LinkedIn data export (it lists accepted invitations too), or record your sends (\`invitekeeper sent\`), and every invitation counts.`,
    );
  }
  if (input.connectionCount >= RULES.connectionCap) {
    warn(
      'AT_CONNECTION_CAP',
      `you have ${input.connectionCount} connections: at ${RULES.connectionCap} LinkedIn lets no one accept your invitations`,
    );
  }
  if (input.lastImportAt !== null && now - input.lastImportAt > STALE_DATA_DAYS * DAY_MS) {
    const days = Math.floor((now - input.lastImportAt) / DAY_MS);
    warn('DATA_OUT_OF_DATE', `the newest import is ${days} days old: pending figures may be out of date`);
  }
  for (const w of input.extraWarnings ?? []) warnings.push(w);

  return {
    asOf: toIso(now),
    account: input.account,
    pending: { count: figures.pending, stale, oldestAgeDays, expiringWithin14Days: expiring },
    quota: {
      weeklyLimit: quota.weeklyLimit,
      sentLast7Days: quota.sentLast7Days,
      remaining: quota.remaining,
      dailyLimit: quota.dailyLimit,
      sentToday: quota.sentToday,
    },
    notes: { maxChars: noteMaxChars(settings.accountTier), monthlyLimit, usedLast30Days: notesUsed },
    acceptance: {
      sent,
      accepted,
      rate: sent > 0 && !acceptedUnknown ? accepted / sent : null,
      maturedSent,
      maturedRate: maturedSent > 0 && !acceptedUnknown ? maturedAccepted / maturedSent : null,
    },
    cooldowns: { active: figures.activeCooldowns },
    risk: { level: risk.level, reasons: risk.factors.map((f) => f.message) },
    warnings,
    details: {
      riskFactors: risk.factors,
      sendableNow: paused ? 0 : quota.sendableNow,
      paused,
      trackedMaturedSent,
      trackedMaturedAccepted,
      fromExports,
      acceptedUnknown,
      timezone: settings.timezone,
    },
  };
}

/**
 * The first instant after `input.now` at which computeStatus may answer differently (apart from
 * `asOf`): until then every figure, reason and warning stays as it is at `now`, so an answer can be
 * reused for any `now` in [input.now, statusStableUntil(input)) while the data stay the same. It is
 * the earliest of the instants where a rule's comparison with `now` can flip: each invitation's
 * sending, status change, expiry and 14 days before it, the day it turns stale (and matured), its
 * leaving the rolling 7 and 30 days, its cooldown's end; the oldest pending invitation's next day
 * of age; each report's arrival and leaving the 90 days; the newest import turning 7 days old and
 * each day after; the next midnight of the account's time zone. Some of these change nothing (it
 * is the cheap, safe side: the answer is computed again), none that changes something is missing
 * (a property test compares the answer at random instants before it).
 */
export function statusStableUntil(input: StatusInput): Instant {
  const { now, settings } = input;
  const horizon = new Horizon(now, nextStartOfDayIn(now, settings.timezone));
  let oldestPending: Instant | null = null;
  for (const inv of input.invitations) {
    considerInvitation(horizon, inv, settings);
    if (inv.sentAt <= now && (oldestPending === null || inv.sentAt < oldestPending)) {
      const pendingNow = inv.status === 'pending' || (inv.statusAt !== null && inv.statusAt > now);
      if (pendingNow && expiresAt(inv) > now) oldestPending = inv.sentAt;
    }
  }
  if (oldestPending !== null) horizon.considerNextDayOfAge(oldestPending);
  for (const r of input.reports) {
    horizon.consider(r.at);
    horizon.consider(r.at + REPORT_WINDOW_DAYS * DAY_MS);
  }
  if (input.lastImportAt !== null) {
    horizon.consider(input.lastImportAt + STALE_DATA_DAYS * DAY_MS + 1);
    horizon.considerNextDayOfAge(input.lastImportAt);
  }
  return horizon.until;
}

import {
  checkOwnProfile,
  computeStatus,
  expiringSoonUpTo,
  type Instant,
  type Invitation,
  type LedgerFact,
  type ProfileCheck,
  type Report,
  SEEN_FROM_SENDING_MS,
  type SendingRange,
  type Settings,
  type Status,
  type StatusDetails,
  type StatusFigures,
  type StatusInput,
  sentRangesExpiredBy,
  statusBounds,
  statusFromFigures,
  statusStableUntil,
} from '../../core/index.ts';
import { type AppContext, requireAccount } from '../context.ts';
import type { AccountRecord, OwnProfileRecord } from '../ports.ts';

/**
 * What status and report are computed from: one read of the account's data. The report reads the
 * whole invitations; the status only their facts (no names or links), a cheaper read of a big ledger.
 */
export interface AccountState<I extends LedgerFact = Invitation> {
  account: AccountRecord;
  settings: Settings;
  invitations: I[];
  connectionCount: number;
  reports: Report[];
  trackingSince: Instant | null;
  lastImportAt: Instant | null;
  /** The member's own profile from the newest export's Profile.csv, if one was imported. */
  ownProfile: OwnProfileRecord | null;
}

/** Reads everything status and report need about the account, in parallel. */
export function loadAccountState(ctx: AppContext): Promise<AccountState> {
  return readAccountState(ctx, (store, accountId) => store.listInvitations(accountId));
}

async function readAccountState<I extends LedgerFact>(
  ctx: AppContext,
  readLedger: (store: AppContext['store'], accountId: number) => Promise<I[]>,
  known?: { account: AccountRecord; settings: Settings },
): Promise<AccountState<I>> {
  const { account, settings } = known ?? (await requireAccount(ctx));
  const store = ctx.store;
  const [invitations, connectionCount, reports, trackingSince, lastImportAt, ownProfile] = await Promise.all([
    readLedger(store, account.id),
    store.countConnections(account.id),
    store.listReports(account.id),
    store.trackingSince(account.id),
    store.lastImportAt(account.id),
    store.loadOwnProfile(account.id),
  ]);
  return {
    account,
    settings,
    invitations,
    connectionCount,
    reports,
    trackingSince,
    lastImportAt,
    ownProfile,
  };
}

/** The own-profile check: the headline from the export when imported, the member's answers for the rest. */
export function ownProfileCheck(
  state: Pick<AccountState<LedgerFact>, 'settings' | 'ownProfile'>,
): ProfileCheck {
  return checkOwnProfile({
    exportProfile: state.ownProfile ? { headline: state.ownProfile.headline } : null,
    answers: state.settings.profile,
  });
}

/** What computeStatus reads, from an account already read, at `now`; own-profile warnings join the status warnings. */
function statusInput(state: AccountState<LedgerFact>, now: Instant): StatusInput {
  return {
    account: state.account.name,
    now,
    settings: state.settings,
    invitations: state.invitations,
    connectionCount: state.connectionCount,
    reports: state.reports,
    trackingSince: state.trackingSince,
    lastImportAt: state.lastImportAt,
    extraWarnings: ownProfileCheck(state).warnings,
  };
}

/** The status of an account already read, at `now`. */
export function statusOf(state: AccountState<LedgerFact>, now: Instant): Status & { details: StatusDetails } {
  return computeStatus(statusInput(state, now));
}

export type StatusAnswer = Status & { details: StatusDetails };

/**
 * The account's health at `now` (SPEC section 7), plus the details human output shows: from the
 * ledger's figures counted by the store (statusFigures), without reading the ledger. A long-lived
 * process that keeps answers (the server) computes from the whole ledger instead, since it also
 * needs the instant the answer stops being right (statusStableUntil reads every invitation).
 */
export async function getStatus(ctx: AppContext): Promise<StatusAnswer> {
  const known = await requireAccount(ctx);
  const now = ctx.now;
  const kept = ctx.answers?.status;
  if (kept) {
    const compute = async () => {
      const state = await readAccountState(
        ctx,
        (store, accountId) => store.listLedgerFacts(accountId),
        known,
      );
      const input = statusInput(state, now);
      return { answer: computeStatus(input), until: statusStableUntil(input) };
    };
    return kept.answer(known.account, JSON.stringify(known.settings), now, compute);
  }
  const { account, settings } = known;
  const store = ctx.store;
  const [trackingSince, connectionCount, reports, lastImportAt, ownProfile] = await Promise.all([
    store.trackingSince(account.id),
    store.countConnections(account.id),
    store.listReports(account.id),
    store.lastImportAt(account.id),
    store.loadOwnProfile(account.id),
  ]);
  const figures = await statusFigures(ctx, account.id, now, settings, trackingSince);
  return statusFromFigures(figures, {
    account: account.name,
    now,
    settings,
    connectionCount,
    reports,
    trackingSince,
    lastImportAt,
    extraWarnings: ownProfileCheck({ settings, ownProfile }).warnings,
  });
}

/**
 * The figures of the account's status at `now` (what core's countStatusFigures counts from the
 * whole ledger), from a few indexed reads bounded by the rules' instants (statusBounds). Expiry is
 * the one rule whose sending instants are not an interval: in the few days where it is in question
 * core gives the ranges of sendings expired by an instant (sentRangesExpiredBy), and the store
 * counts those.
 */
export async function statusFigures(
  ctx: AppContext,
  accountId: number,
  now: Instant,
  settings: Settings,
  trackingSince: Instant | null,
): Promise<StatusFigures> {
  const store = ctx.store;
  const b = statusBounds(now, settings);
  const soon = expiringSoonUpTo(now);
  // Pending ones sent after the expiry band have not expired; of those, the stale ones and the
  // ones sure to expire within the 14 days (sent at or before the second band).
  const live = { after: b.expiry.liveAfter, upTo: now };
  // The band where expiry at `now` is in question, and the one where expiry within 14 days is.
  const band = { after: b.expiry.expiredUpTo, upTo: b.expiry.liveAfter };
  const soonBand = {
    after: Math.max(b.expiring.expiredUpTo, b.expiry.liveAfter),
    upTo: b.expiring.liveAfter,
  };
  const upToStale = (r: SendingRange) => ({ after: r.after, upTo: Math.min(r.upTo, b.staleSentUpTo) });
  const expired = sentRangesExpiredBy(band, now);
  const groups = {
    fixed: [
      live,
      { after: b.expiry.liveAfter, upTo: b.staleSentUpTo },
      { after: b.expiry.liveAfter, upTo: b.expiring.expiredUpTo },
    ],
    band: [band],
    bandExpired: expired,
    bandStale: [upToStale(band)],
    bandStaleExpired: expired.map(upToStale),
    // Expiring within the 14 days (expiry in (now, now + 14 days]): expired by then, not by now.
    soon: [...sentRangesExpiredBy(band, soon), ...sentRangesExpiredBy(soonBand, soon)],
    soonExpired: [...expired, ...sentRangesExpiredBy(soonBand, now)],
  };
  const order = Object.keys(groups) as (keyof typeof groups)[];
  const [pendingSent, sends, totals, activeCooldowns] = await Promise.all([
    store.countPendingSent(
      accountId,
      now,
      order.flatMap((k) => groups[k]),
    ),
    store.countSends(accountId, now, { week: b.weekAfter, today: b.todayAfter, notes: b.notesAfter }),
    store.ledgerTotals(accountId, {
      now,
      maturedUpTo: b.staleSentUpTo,
      trackingSince,
      seenWithinMs: SEEN_FROM_SENDING_MS,
    }),
    store.countCooldownPeople(accountId, now, b.cooldownEndedUpTo),
  ]);
  const sum: Record<string, number> = {};
  let at = 0;
  for (const k of order) {
    const n = groups[k].length;
    sum[k] = pendingSent.counts.slice(at, at + n).reduce((x, y) => x + y, 0);
    at += n;
  }
  const [liveCount = 0, liveStale = 0, sureExpiring = 0] = pendingSent.counts;
  const bandPending = sum.band! - sum.bandExpired!;
  return {
    pending: liveCount + bandPending,
    stale: liveStale + sum.bandStale! - sum.bandStaleExpired!,
    oldestPendingSentAt:
      bandPending > 0
        ? await firstPendingOutside(ctx, accountId, now, band, expired)
        : pendingSent.firstSentAt,
    expiring: sureExpiring + sum.soon! - sum.soonExpired!,
    sentLast7Days: sends.week,
    sentToday: sends.today,
    notesLast30Days: sends.notes,
    ...totals,
    activeCooldowns,
  };
}

/** The earliest sending pending at `now` in `range` outside the `taken` ranges (in order, within it). */
async function firstPendingOutside(
  ctx: AppContext,
  accountId: number,
  now: Instant,
  range: SendingRange,
  taken: readonly SendingRange[],
): Promise<Instant | null> {
  let from = range.after;
  for (const gap of [...taken, { after: range.upTo, upTo: range.upTo }]) {
    if (gap.after > from) {
      const { counts, firstSentAt } = await ctx.store.countPendingSent(accountId, now, [
        { after: from, upTo: gap.after },
      ]);
      if ((counts[0] ?? 0) > 0) return firstSentAt;
    }
    from = gap.upTo;
  }
  return null;
}

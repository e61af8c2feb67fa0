import type { z } from 'zod';
import {
  compareWithdrawalOrder,
  computeAcceptance,
  cooldownEndsAt,
  expiresAt,
  type Instant,
  type Invitation,
  type InvitationStatus,
  invitationAgeDays,
  isStale,
  ledgerAt,
  normalizeName,
  type Settings,
  toIso,
} from '../../core/index.ts';
import { type AppContext, requireAccount } from '../context.ts';
import type {
  AgeHistogramSchema,
  InvitationPageSchema,
  InvitationRowSchema,
  WeeklyAcceptanceSchema,
} from './list.schema.ts';

/** Which invitations to list, and which page of them. */
export interface InvitationQuery {
  /** Only these statuses (as they stand at `now`); all when empty or absent. */
  status?: readonly InvitationStatus[];
  /** Only invitations at least this many days old. */
  minAgeDays?: number;
  /** Only invitations at most this many days old. */
  maxAgeDays?: number;
  /** Only people whose name contains this text (case, accents and spacing ignored). */
  search?: string;
  /** `oldest` (default, the withdrawal order) or `newest` first. */
  order?: 'oldest' | 'newest';
  limit: number;
  offset: number;
}

/** One invitation as the dashboard lists it. */
export type InvitationRow = z.output<typeof InvitationRowSchema>;

export type InvitationPage = z.output<typeof InvitationPageSchema>;

/**
 * One page of the account's invitations as they stood at `now`, filtered by status, age and name.
 * Filtering happens on the ledger in memory, after `ledgerAt`, so statuses are the ones the rules
 * see (an invitation past six months reads as expired even before an import says so).
 */
export async function listInvitationsPage(ctx: AppContext, query: InvitationQuery): Promise<InvitationPage> {
  const { account, settings } = await requireAccount(ctx);
  const now = ctx.now;
  const statuses = query.status?.length ? new Set(query.status) : null;
  const needle = query.search?.trim() ? normalizeName(query.search) : null;

  const matching = ledgerAt(await ctx.store.listInvitations(account.id), now).filter((inv) => {
    if (statuses && !statuses.has(inv.status)) return false;
    const age = invitationAgeDays(inv, now);
    if (query.minAgeDays !== undefined && age < query.minAgeDays) return false;
    if (query.maxAgeDays !== undefined && age > query.maxAgeDays) return false;
    if (needle && !normalizeName(inv.name).includes(needle)) return false;
    return true;
  });
  // Oldest first with the plan's tie-breaks, so the pending list reads in withdrawal order.
  matching.sort(compareWithdrawalOrder);
  if (query.order === 'newest') matching.reverse();

  const page = matching.slice(query.offset, query.offset + query.limit);
  const headlines = await ctx.store.headlinesOf(
    account.id,
    page.map((i) => i.id),
  );
  const end = query.offset + page.length;
  return {
    asOf: toIso(now),
    account: account.name,
    total: matching.length,
    limit: query.limit,
    offset: query.offset,
    nextOffset: end < matching.length ? end : null,
    invitations: page.map((inv) => rowOf(inv, headlines.get(inv.id) ?? null, now, settings)),
  };
}

function rowOf(inv: Invitation, headline: string | null, now: Instant, settings: Settings): InvitationRow {
  const cooldown = cooldownEndsAt(inv, settings);
  return {
    id: inv.id,
    name: inv.name,
    profileUrl: inv.profileUrl,
    headline,
    status: inv.status,
    sentAt: toIso(inv.sentAt),
    sentAtEarliest: toIso(inv.sentAtEarliest),
    ageDays: invitationAgeDays(inv, now),
    stale: inv.status === 'pending' && isStale(inv, now, settings),
    note: inv.note,
    statusAt: inv.statusAt === null ? null : toIso(inv.statusAt),
    expiresAt: inv.status === 'pending' ? toIso(expiresAt(inv)) : null,
    cooldownUntil: cooldown !== null && cooldown > now ? toIso(cooldown) : null,
    source: inv.source,
  };
}

/** Pending invitations counted by age, a bucket per week, for the dashboard's histogram. */
export type AgeHistogram = z.output<typeof AgeHistogramSchema>;

/** Weeks shown before the last, open bucket: LinkedIn withdraws an invitation itself after 6 months. */
const HISTOGRAM_WEEKS = 26;

/** How old the pending invitations are, week by week, at `now`. */
export async function getAgeHistogram(ctx: AppContext): Promise<AgeHistogram> {
  const { account, settings } = await requireAccount(ctx);
  const now = ctx.now;
  const counts = new Array<number>(HISTOGRAM_WEEKS + 1).fill(0);
  let pending = 0;
  for (const inv of ledgerAt(await ctx.store.listInvitations(account.id), now)) {
    if (inv.status !== 'pending') continue;
    pending++;
    const week = Math.min(HISTOGRAM_WEEKS, Math.floor(invitationAgeDays(inv, now) / 7));
    counts[week] = (counts[week] ?? 0) + 1;
  }
  return {
    asOf: toIso(now),
    account: account.name,
    staleAfterDays: settings.staleAfterDays,
    pending,
    buckets: counts.map((count, week) => ({
      fromDays: week * 7,
      toDays: week === HISTOGRAM_WEEKS ? null : week * 7 + 6,
      count,
    })),
  };
}

/** Acceptance week by week (ISO weeks sent, in the account's zone), for the dashboard's chart. */
export type WeeklyAcceptance = z.output<typeof WeeklyAcceptanceSchema>;

/** The last `weeks` weeks of acceptance figures, oldest first (the core's breakdown by week sent). */
export async function getWeeklyAcceptance(ctx: AppContext, weeks = 26): Promise<WeeklyAcceptance> {
  const { account, settings } = await requireAccount(ctx);
  const now = ctx.now;
  const [invitations, trackingSince] = await Promise.all([
    ctx.store.listInvitations(account.id),
    ctx.store.trackingSince(account.id),
  ]);
  const breakdown = computeAcceptance(invitations, settings, now, trackingSince);
  return {
    asOf: toIso(now),
    account: account.name,
    staleAfterDays: settings.staleAfterDays,
    trackingSince: trackingSince === null ? null : toIso(trackingSince),
    weeks: breakdown.byWeek.slice(-weeks),
  };
}

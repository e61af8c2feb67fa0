import { DAY_MS, type Instant } from '../core/index.ts';
import { snapshotFromPlatform } from './export-snapshot.ts';
import { renderExport } from './export-writer.ts';
import type { IncomingPlan, InitialConnection, Member, SenderProfile, TargetInfo } from './model.ts';
import { toTarget } from './model.ts';
import { type DeepPartial, type PlatformParams, resolveParams } from './params.ts';
import { createPlatform, type Platform } from './platform.ts';
import { SEND_REFUSALS, type SendRefusal } from './platform-records.ts';
import { DEFAULT_SENDER, DEFAULT_START } from './population.ts';
import { renderSentPageHtml, type SentPageOptions, sentAgeText, sentPageText } from './sent-page-writer.ts';
import type {
  AcceptedNotification,
  ActionOutcome,
  MemberAction,
  MemberStrategy,
  MemberView,
} from './strategy.ts';

/**
 * Runs a strategy on the platform day by day and tallies what happened, week by week. The
 * platform's figures are read back from its history afterwards, so the tally cannot disagree
 * with the record.
 */

export interface SimulateOptions {
  days: number;
  seed: number;
  strategy: MemberStrategy;
  /** The people the strategy may invite (its targets, in this order, unless `targets` is given). */
  recipients: readonly Member[];
  params?: DeepPartial<PlatformParams>;
  sender?: SenderProfile;
  /** Other members (existing connections, incoming inviters). */
  others?: readonly Member[];
  connections?: readonly InitialConnection[];
  incoming?: readonly IncomingPlan[];
  /** The first day's midnight UTC; a Monday in January 2026 unless given. */
  start?: Instant;
  /** What the strategy is told about its targets; by default every recipient, in order. */
  targets?: readonly TargetInfo[];
  /** Called after each day has run (for progress bars and snapshots). */
  onDayEnd?: (info: { day: number; dayEnd: Instant; platform: Platform }) => void | Promise<void>;
}

export interface WeekFigures {
  /** Week number from 0. */
  week: number;
  start: Instant;
  /** Days of the simulation in this week (the last week may be short). */
  days: number;
  sent: number;
  /** Acceptances that arrived this week. */
  accepted: number;
  /** Pending outgoing invitations at the week's end. */
  pending: number;
  /** Withdrawn by the member. */
  withdrawn: number;
  /** Withdrawn by the platform after 6 months. */
  expired: number;
  /** "I don't know this person" reports received (the member is not told). */
  reports: number;
  refused: number;
  refusedByReason: Partial<Record<SendRefusal, number>>;
  /** Days on which sending was restricted at some moment. */
  restrictedDays: number;
}

export interface SimulationSummary {
  strategy: string;
  seed: number;
  days: number;
  start: Instant;
  sent: number;
  /** Of the invitations sent during the simulation, accepted by its end. */
  accepted: number;
  acceptanceRate: number | null;
  withdrawn: number;
  expired: number;
  reports: number;
  refused: number;
  refusedByReason: Partial<Record<SendRefusal, number>>;
  restrictedDays: number;
  restrictions: number;
  peakPending: number;
  pendingAtEnd: number;
  connectionsAtEnd: number;
}

export interface SimulationResult {
  weeks: WeekFigures[];
  summary: SimulationSummary;
  /** The platform at the end, with its whole history (for exports at any earlier moment). */
  platform: Platform;
}

function isThenable<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown })?.then === 'function';
}

/** Runs `strategy` for `days` days on a platform seeded with `seed`. */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const params = resolveParams(options.params);
  const start = options.start ?? DEFAULT_START;
  const sender = options.sender ?? DEFAULT_SENDER;
  const platform = createPlatform({
    seed: options.seed,
    params,
    sender,
    members: [...options.recipients, ...(options.others ?? [])],
    start,
    connections: options.connections ?? [],
    incoming: options.incoming ?? [],
  });
  const strategy = options.strategy;
  try {
    await runDays(platform, strategy, options, params, start, sender);
  } finally {
    if (strategy.end) {
      const r = strategy.end();
      if (isThenable(r)) await r;
    }
  }
  const weeks = weeklyFigures(platform, start, options.days);
  return {
    weeks,
    summary: summarise(platform, weeks, strategy.name, options.seed, start, options.days),
    platform,
  };
}

async function runDays(
  platform: Platform,
  strategy: MemberStrategy,
  options: SimulateOptions,
  params: PlatformParams,
  start: Instant,
  sender: SenderProfile,
): Promise<void> {
  if (strategy.start) {
    const r = strategy.start({
      start,
      days: options.days,
      seed: options.seed,
      sender: {
        name: sender.name,
        profileUrl: sender.profileUrl,
        timezone: sender.timezone,
        tier: sender.tier,
      },
      targets: options.targets ?? options.recipients.map(toTarget),
      knownLimits: {
        weeklyInvites: params.limits.weeklyInvites,
        noteMaxChars: params.limits.noteMaxChars[sender.tier],
        notesPer30Days: sender.tier === 'free' ? params.limits.freeNotesPer30Days : null,
        reinviteWaitDays: params.limits.reinviteWaitDays,
      },
    });
    if (isThenable(r)) await r;
  }

  let outcomes: ActionOutcome[] = [];
  let notified = 0;
  for (let day = 0; day < options.days; day++) {
    const now = start + day * DAY_MS;
    const dayEnd = now + DAY_MS;
    platform.advanceTo(now);
    const notifications: AcceptedNotification[] = [];
    while (notified < platform.acceptances.length && platform.acceptances[notified]!.at <= now) {
      const a = platform.acceptances[notified++]!;
      const m = platform.member(platform.invitations[a.invitationId - 1]!.memberId);
      notifications.push({ kind: 'accepted', name: m.name, profileUrl: m.profileUrl, at: a.at });
    }
    const view = createView(platform, day, now, dayEnd, outcomes, notifications);
    const decided = strategy.decide(view);
    const actions = isThenable(decided) ? await decided : decided;
    outcomes = runActions(platform, actions, now, dayEnd);
    platform.advanceTo(dayEnd);
    if (options.onDayEnd) {
      const r = options.onDayEnd({ day, dayEnd, platform });
      if (isThenable(r)) await r;
    }
  }
}

function runActions(
  platform: Platform,
  actions: readonly MemberAction[],
  now: Instant,
  dayEnd: Instant,
): ActionOutcome[] {
  const timed = actions.map((action, i) => ({
    action,
    i,
    at: Math.min(dayEnd - 1, Math.max(now, action.at)),
  }));
  timed.sort((a, b) => a.at - b.at || a.i - b.i);
  const outcomes: ActionOutcome[] = [];
  for (const { action, at } of timed) {
    switch (action.kind) {
      case 'send': {
        const r = platform.send(action.profileUrl, action.note ?? null, at);
        outcomes.push(r.ok ? { action, at, ok: true } : { action, at, ok: false, reason: r.reason });
        break;
      }
      case 'withdraw': {
        const r = platform.withdraw(action.profileUrl, at);
        outcomes.push(r.ok ? { action, at, ok: true } : { action, at, ok: false, reason: r.reason });
        break;
      }
      case 'record-report':
        platform.advanceTo(at);
        outcomes.push({ action, at, ok: true });
        break;
    }
  }
  return outcomes;
}

function createView(
  platform: Platform,
  day: number,
  now: Instant,
  dayEnd: Instant,
  outcomes: readonly ActionOutcome[],
  notifications: readonly AcceptedNotification[],
): MemberView {
  return {
    now,
    day,
    dayEnd,
    outcomes,
    notifications,
    sentPage() {
      return platform
        .pendingAt(now)
        .reverse()
        .map((inv) => {
          const m = platform.member(inv.memberId);
          return {
            name: m.name,
            headline: m.headline,
            profileUrl: m.profileUrl,
            ageText: sentAgeText(inv.sentAt, now),
          };
        });
    },
    connections() {
      return platform.connectionsAt(now).map((c) => {
        const m = platform.member(c.memberId);
        return {
          name: m.name,
          profileUrl: m.profileUrl,
          connectedOn: c.connectedOn - (c.connectedOn % DAY_MS),
        };
      });
    },
    exportData(exportOptions) {
      return renderExport(snapshotFromPlatform(platform, now), exportOptions);
    },
    sentPageText(pageOptions?: Partial<SentPageOptions>) {
      return [...sentPageText(snapshotFromPlatform(platform, now), pageOptions)].join('');
    },
    sentPageHtml(pageOptions) {
      return renderSentPageHtml(snapshotFromPlatform(platform, now), pageOptions);
    },
  };
}

/** The week-by-week figures of a platform's history from `start` over `days` days. */
export function weeklyFigures(platform: Platform, start: Instant, days: number): WeekFigures[] {
  const weeks: WeekFigures[] = [];
  const nWeeks = Math.ceil(days / 7);
  const end = start + days * DAY_MS;
  const weekOf = (t: Instant): number => Math.floor((t - start) / (7 * DAY_MS));
  for (let w = 0; w < nWeeks; w++) {
    weeks.push({
      week: w,
      start: start + w * 7 * DAY_MS,
      days: Math.min(7, days - w * 7),
      sent: 0,
      accepted: 0,
      pending: 0,
      withdrawn: 0,
      expired: 0,
      reports: 0,
      refused: 0,
      refusedByReason: {},
      restrictedDays: 0,
    });
  }
  const inRange = (t: Instant | null): t is Instant => t !== null && t >= start && t < end;
  for (const inv of platform.invitations) {
    if (inRange(inv.sentAt)) weeks[weekOf(inv.sentAt)]!.sent++;
    if (inRange(inv.statusAt)) {
      const wk = weeks[weekOf(inv.statusAt)]!;
      if (inv.status === 'accepted') wk.accepted++;
      else if (inv.status === 'withdrawn') wk.withdrawn++;
      else if (inv.status === 'expired') wk.expired++;
    }
    if (inRange(inv.reportedAt)) weeks[weekOf(inv.reportedAt)]!.reports++;
  }
  for (const r of platform.refusals) {
    if (!inRange(r.at)) continue;
    const wk = weeks[weekOf(r.at)]!;
    wk.refused++;
    wk.refusedByReason[r.reason] = (wk.refusedByReason[r.reason] ?? 0) + 1;
  }
  // Pending at each week's end, from the sent and closed counts in order.
  const deltas = new Array<number>(nWeeks).fill(0);
  let before = 0;
  for (const inv of platform.invitations) {
    const closedAt = inv.status === 'pending' ? null : inv.statusAt;
    if (inv.sentAt < start) {
      if (closedAt === null || closedAt >= start) before++;
    } else if (inv.sentAt < end) deltas[weekOf(inv.sentAt)]!++;
    if (closedAt !== null && closedAt >= start && closedAt < end) deltas[weekOf(closedAt)]!--;
  }
  let running = before;
  for (let w = 0; w < nWeeks; w++) {
    running += deltas[w]!;
    weeks[w]!.pending = running;
  }
  for (let d = 0; d < days; d++) {
    const from = start + d * DAY_MS;
    const to = from + DAY_MS;
    if (platform.restrictions.some((r) => r.from < to && r.until > from))
      weeks[Math.floor(d / 7)]!.restrictedDays++;
  }
  return weeks;
}

function summarise(
  platform: Platform,
  weeks: readonly WeekFigures[],
  strategy: string,
  seed: number,
  start: Instant,
  days: number,
): SimulationSummary {
  const refusedByReason: Partial<Record<SendRefusal, number>> = {};
  for (const w of weeks) {
    for (const reason of SEND_REFUSALS) {
      const n = w.refusedByReason[reason];
      if (n) refusedByReason[reason] = (refusedByReason[reason] ?? 0) + n;
    }
  }
  const end = start + days * DAY_MS;
  const sentHere = platform.invitations.filter((inv) => inv.sentAt >= start && inv.sentAt < end);
  const accepted = sentHere.filter((inv) => inv.status === 'accepted').length;
  const sum = (k: 'withdrawn' | 'expired' | 'reports' | 'refused' | 'restrictedDays') =>
    weeks.reduce((a, w) => a + w[k], 0);
  return {
    strategy,
    seed,
    days,
    start,
    sent: sentHere.length,
    accepted,
    acceptanceRate: sentHere.length > 0 ? accepted / sentHere.length : null,
    withdrawn: sum('withdrawn'),
    expired: sum('expired'),
    reports: sum('reports'),
    refused: sum('refused'),
    refusedByReason,
    restrictedDays: sum('restrictedDays'),
    restrictions: platform.restrictions.filter((r) => r.from >= start && r.from < end).length,
    peakPending: platform.peakPending,
    pendingAtEnd: platform.pending,
    connectionsAtEnd: platform.connectionsAt(Math.min(end, platform.now)).length,
  };
}

import { IANAZone } from 'luxon';
import { InviteKeeperError } from '../errors.ts';
import { ledgerAt } from '../lifecycle.ts';
import type { Invitation, PersonKey, Relation, Report } from '../model.ts';
import { fitNote } from '../notes/fit.ts';
import { renderTemplate } from '../notes/templates.ts';
import type { NoteTemplate, Target } from '../outreach.ts';
import { computeQuota, type Quota, quotaFromCounts } from '../policy/invite-quota.ts';
import { countNotesLast30Days, notesLeft } from '../policy/note-quota.ts';
import { spreadSendTimes } from '../policy/send-window.ts';
import { noteMaxChars, noteMonthlyLimit, RULES, type Settings } from '../settings.ts';
import { compareText } from '../text.ts';
import { ageInDays, type Instant, toIso } from '../time.ts';
import { blockOf, buildEligibility, type ConnectionRef, type PersonBlock } from './eligibility.ts';

/** The `reason` of a skipped target in `plan --json` (SPEC section 7). */
export const SKIP_REASONS = [
  'ALREADY_CONNECTED',
  'ALREADY_PENDING',
  'COOLDOWN',
  'DO_NOT_CONTACT',
  'AT_CONNECTION_CAP',
  'REPORTED',
  'QUOTA',
  'PAUSED',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

// ---------------------------------------------------------------------------------------------
// Score

/** Relation weights of the score: colleague > alumni > industry peer > other > unknown. */
export const RELATION_WEIGHTS: Readonly<Record<Relation | 'unknown', number>> = {
  colleague: 4,
  alumni: 3,
  'industry-peer': 2,
  other: 1,
  unknown: 0,
};

/** Mutual connections above this add nothing more to the score. */
export const SCORE_MUTUAL_CAP = 9_999;
/** Days in the queue above this add nothing more to the score (older still ranks first among ties). */
export const SCORE_DAYS_CAP = 999;

/**
 * A target's rank as one number whose decimal digits read as `MMMM R DDD`:
 *
 *   score = min(mutual, 9999) * 10_000 + relationWeight * 1_000 + min(daysInQueue, 999)
 *
 * mutual connections (unknown = 0) first, then relation (colleague 4, alumni 3, industry peer 2,
 * other 1, unknown 0), then whole days in the queue (older first). The tiers cannot overlap: the
 * relation part is at most 4,999 < 10,000 and the days part at most 999 < 1,000. Equal scores are
 * ordered by exact time in queue, then profile URL, then name (see compareRanked).
 */
export function scoreTarget(
  target: Pick<Target, 'mutualConnections' | 'relation' | 'addedAt'>,
  now: Instant,
): number {
  const m = target.mutualConnections;
  const mutual = m !== null && Number.isFinite(m) && m > 0 ? Math.min(Math.floor(m), SCORE_MUTUAL_CAP) : 0;
  const relation = RELATION_WEIGHTS[target.relation ?? 'unknown'];
  const days = Math.min(ageInDays(target.addedAt, now), SCORE_DAYS_CAP);
  return mutual * 10_000 + relation * 1_000 + days;
}

/** The parts of a score (scoreTarget) as a member reads them: why a target ranks where it does. */
export function explainScore(score: number): {
  mutualConnections: number;
  relation: Relation | 'unknown';
  daysInQueue: number;
} {
  const weight = Math.floor((score % 10_000) / 1_000);
  const relation = (Object.keys(RELATION_WEIGHTS) as Array<Relation | 'unknown'>).find(
    (r) => RELATION_WEIGHTS[r] === weight,
  );
  return {
    mutualConnections: Math.floor(score / 10_000),
    relation: relation ?? 'unknown',
    daysInQueue: score % 1_000,
  };
}

/** Highest score first; ties by longer in queue, then profile URL, name and key, so the order is total. */
export function compareRanked(
  a: { score: number; target: Pick<Target, 'addedAt' | 'profileUrl' | 'name' | 'personKey'> },
  b: { score: number; target: Pick<Target, 'addedAt' | 'profileUrl' | 'name' | 'personKey'> },
): number {
  return (
    b.score - a.score ||
    a.target.addedAt - b.target.addedAt ||
    compareText(a.target.profileUrl ?? '\uffff', b.target.profileUrl ?? '\uffff') ||
    compareText(a.target.name, b.target.name) ||
    compareText(a.target.personKey, b.target.personKey)
  );
}

// ---------------------------------------------------------------------------------------------
// Plan

export interface SendPlanInput {
  now: Instant;
  settings: Settings;
  /** The account's whole ledger; read as it stood at `now`. */
  invitations: readonly Invitation[];
  connections: readonly ConnectionRef[];
  reports: readonly Report[];
  targets: readonly Target[];
  templates: readonly NoteTemplate[];
  /** The template every send's note comes from; none means no notes. */
  templateId?: string | null;
  /** The member's own first-degree connections: at 30,000 nobody can accept, so nothing is sent. */
  connectionCount: number;
  /** Least minutes between two planned sends (default 5). */
  minGapMinutes?: number;
  /**
   * The counts of the quota, the note allowance and the pending invitations at `now`, when the
   * caller counted them in the store (then `invitations` need only hold those of the targets' people).
   */
  counts?: { sentLast7Days: number; sentToday: number; notesLast30Days: number; pending: number };
}

/** One send of `plan --json` (SPEC section 7). */
export interface PlannedSend {
  name: string;
  profileUrl: string | null;
  note: string | null;
  /** ISO instant, inside the recipient's send window, at or after `now`. */
  sendAfter: string;
  score: number;
}

/** One skipped target of `plan --json` (SPEC section 7). */
export interface SkippedTarget {
  name: string;
  profileUrl: string | null;
  reason: SkipReason;
  /** ISO end of a cooldown. */
  until?: string;
}

/** Why a send goes without its template's note. */
export type NoteOmission = 'BUDGET' | 'UNFILLED_VARIABLE' | 'EMPTY';

/** What a human needs to know about one planned send, beyond the JSON contract. */
export interface PlannedSendDetails {
  personKey: PersonKey;
  sendAfter: Instant;
  /** The time zone the window was applied in: the target's, else the account's. */
  timezone: string;
  /** The free tier's 30-day note allowance was used up: the invitation goes without the note. */
  noteDropped: boolean;
  /** Why the template's note is not attached, if it is not. */
  noteOmitted: NoteOmission | null;
  /** Variables the target has no value for (the note is then omitted rather than sent with braces). */
  unfilled: string[];
  /** The rendered note was cut to fit the tier's length. */
  noteTrimmed: boolean;
}

export interface SendPlanDetails {
  quota: Quota;
  /** Sends the plan may hold: the quota's sendableNow, or 0 while paused or at the connection cap. */
  sendable: number;
  paused: boolean;
  pending: number;
  memberAtConnectionCap: boolean;
  /** Targets that passed every per-person rule, before the allowance. */
  eligible: number;
  templateId: string | null;
  noteMaxChars: number;
  /** Notes per rolling 30 days; null on premium (unlimited). */
  notesMonthlyLimit: number | null;
  notesUsedLast30Days: number;
  /** Notes still allowed in the rolling 30 days, before this plan's sends (notesLeft); null: unlimited. */
  notesLeft: number | null;
  /** Notes this plan's sends carry (out of notesLeft). */
  notesPlanned: number;
  notesDropped: number;
  /** Targets listed twice (same person key): only the first counts. */
  duplicateTargets: number;
  /** One entry per send, in the same order as `sends`. */
  sends: PlannedSendDetails[];
}

export interface SendPlan {
  sends: PlannedSend[];
  skipped: SkippedTarget[];
  details: SendPlanDetails;
}

/**
 * Today's sends (SPEC section 4). The allowance is computeQuota's sendableNow (rolling 168 h and the
 * account's day), 0 while pending >= pendingPauseAt or the member is at 30,000 connections. Each
 * target is skipped for the first rule of PERSON_BLOCKS that applies; the rest are ranked by
 * scoreTarget and the best `sendable` are planned, the others skipped as QUOTA (or PAUSED /
 * AT_CONNECTION_CAP). `skipped` lists the per-person skips in input order, then the ranked rest.
 *
 * Notes: the template is rendered per target and fitted to the tier's length. A note with a
 * variable the target has no value for is not sent at all (note null, `noteOmitted`
 * UNFILLED_VARIABLE): a half-filled note reads worse than none. On the free tier, notes go to the
 * best-ranked sends while the rolling-30-day allowance lasts; later sends go without (`noteDropped`).
 *
 * sendAfter: spread through the send window in the recipient's zone (the account's when the target
 * has none or an unknown one), see spreadSendTimes. It may fall on a later day of the account than
 * `now` (a weekend, a zone far ahead or behind): that is safe, because the plan never holds more
 * than what may be sent at `now`, which is within both the daily and the rolling weekly remainder,
 * and a later plan counts every send recorded by then. The member works from the newest plan.
 */
export function planSends(input: SendPlanInput): SendPlan {
  const { now, settings } = input;
  const ledger = ledgerAt(input.invitations, now);
  const quota = input.counts ? quotaFromCounts(input.counts, settings) : computeQuota(ledger, now, settings);
  const pending = input.counts
    ? input.counts.pending
    : ledger.filter((inv) => inv.status === 'pending').length;
  const paused = pending >= settings.pendingPauseAt;
  const memberAtConnectionCap = input.connectionCount >= RULES.connectionCap;
  const sendable = paused || memberAtConnectionCap ? 0 : quota.sendableNow;
  const facts = buildEligibility(ledger, input.connections, input.reports, now, settings);

  const skipped: SkippedTarget[] = [];
  const eligible: Array<{ target: Target; score: number }> = [];
  const seen = new Set<PersonKey>();
  let duplicateTargets = 0;
  for (const target of input.targets) {
    if (seen.has(target.personKey)) {
      duplicateTargets++;
      continue;
    }
    seen.add(target.personKey);
    const block = blockOf(target, facts);
    if (block) skipped.push(skip(target, block.reason, block.until));
    else eligible.push({ target, score: scoreTarget(target, now) });
  }
  eligible.sort(compareRanked);
  const chosen = eligible.slice(0, sendable);
  const overflow: SkipReason = memberAtConnectionCap ? 'AT_CONNECTION_CAP' : paused ? 'PAUSED' : 'QUOTA';
  for (const { target } of eligible.slice(sendable)) skipped.push(skip(target, overflow));

  const template = findTemplate(input.templates, input.templateId ?? null);
  const maxChars = noteMaxChars(settings.accountTier);
  const monthlyLimit = noteMonthlyLimit(settings.accountTier);
  const notesUsed = input.counts ? input.counts.notesLast30Days : countNotesLast30Days(ledger, now);
  const leftBefore = notesLeft(monthlyLimit, notesUsed);
  let budget = leftBefore ?? Number.POSITIVE_INFINITY;
  let notesDropped = 0;

  const drafts = chosen.map(({ target, score }) => {
    const details: PlannedSendDetails = {
      personKey: target.personKey,
      sendAfter: 0,
      timezone: zoneFor(target, settings),
      noteDropped: false,
      noteOmitted: null,
      unfilled: [],
      noteTrimmed: false,
    };
    let note: string | null = null;
    if (template) {
      const rendered = renderTemplate(template.body, target);
      const fitted = fitNote(rendered.text.trim(), maxChars);
      details.unfilled = rendered.unfilled;
      details.noteTrimmed = fitted.trimmed;
      if (rendered.unfilled.length > 0) details.noteOmitted = 'UNFILLED_VARIABLE';
      else if (!fitted.text) details.noteOmitted = 'EMPTY';
      else if (budget <= 0) {
        details.noteOmitted = 'BUDGET';
        details.noteDropped = true;
        notesDropped++;
      } else {
        note = fitted.text;
        budget--;
      }
    }
    return { target, score, note, details };
  });

  // Each zone's batch is spread through its window; zones whose best send ranks higher go first,
  // and no two sends share a minute.
  const taken = new Set<Instant>();
  const zones = [...new Set(drafts.map((d) => d.details.timezone))];
  for (const zone of zones) {
    const batch = drafts.filter((d) => d.details.timezone === zone);
    const times = spreadSendTimes(batch.length, now, settings.sendWindow, zone, {
      taken,
      ...(input.minGapMinutes === undefined ? {} : { minGapMinutes: input.minGapMinutes }),
    });
    batch.forEach((d, i) => {
      d.details.sendAfter = times[i]!;
      taken.add(times[i]!);
    });
  }

  return {
    sends: drafts.map((d) => ({
      name: d.target.name,
      profileUrl: d.target.profileUrl,
      note: d.note,
      sendAfter: toIso(d.details.sendAfter),
      score: d.score,
    })),
    skipped,
    details: {
      quota,
      sendable,
      paused,
      pending,
      memberAtConnectionCap,
      eligible: eligible.length,
      templateId: template?.id ?? null,
      noteMaxChars: maxChars,
      notesMonthlyLimit: monthlyLimit,
      notesUsedLast30Days: notesUsed,
      notesLeft: leftBefore,
      notesPlanned: drafts.filter((d) => d.note !== null).length,
      notesDropped,
      duplicateTargets,
      sends: drafts.map((d) => d.details),
    },
  };
}

function skip(target: Target, reason: SkipReason, until?: Instant): SkippedTarget {
  const out: SkippedTarget = { name: target.name, profileUrl: target.profileUrl, reason };
  if (until !== undefined) out.until = toIso(until);
  return out;
}

function findTemplate(templates: readonly NoteTemplate[], id: string | null): NoteTemplate | null {
  if (id === null) return null;
  const found = templates.find((t) => t.id === id);
  if (!found) {
    const known = templates.map((t) => t.id).join(', ') || 'none';
    throw new InviteKeeperError('NOT_FOUND', `no note template "${id}" (known: ${known})`);
  }
  return found;
}

/** The zone a target's send window is read in: its own when valid, else the account's. */
export function zoneFor(target: Pick<Target, 'timezone'>, settings: Pick<Settings, 'timezone'>): string {
  const tz = target.timezone?.trim();
  // IANAZone.create caches its zones (and their validity); isValidZone would build a formatter each call.
  return tz && IANAZone.create(tz).isValid ? tz : settings.timezone;
}

// ---------------------------------------------------------------------------------------------
// A send recorded by hand

export interface SendCheckInput {
  now: Instant;
  settings: Pick<Settings, 'reinviteCooldownDays'>;
  invitations: readonly Invitation[];
  connections: readonly ConnectionRef[];
  reports: readonly Report[];
  /** The person invited; `doNotContact` from their target entry, if they have one. */
  person: { personKey: PersonKey; name: string; doNotContact?: boolean };
}

export type SendRefusal = Exclude<PersonBlock, 'AT_CONNECTION_CAP'>;
export type SendCheck = { ok: true } | { ok: false; reason: SendRefusal; until?: Instant };

/**
 * Whether the member may record a send to `person` at `now` (`invitekeeper sent <url>`), by the same
 * person rules and precedence as planSends. A COOLDOWN refusal carries `until`, when it becomes allowed.
 */
export function checkSend(input: SendCheckInput): SendCheck {
  const ledger = ledgerAt(input.invitations, input.now);
  const facts = buildEligibility(ledger, input.connections, input.reports, input.now, input.settings);
  // The recipient's connection count is not known for a send made by hand.
  const block = blockOf({ ...input.person, connectionCount: null }, facts);
  if (!block || block.reason === 'AT_CONNECTION_CAP') return { ok: true };
  return block.until === undefined
    ? { ok: false, reason: block.reason }
    : { ok: false, reason: block.reason, until: block.until };
}

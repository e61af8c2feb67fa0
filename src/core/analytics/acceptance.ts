import { ledgerAt } from '../lifecycle.ts';
import { RELATIONS } from '../model.ts';
import { isTracked } from '../policy/observation.ts';
import { isMatured } from '../policy/staleness.ts';
import { RULES, type Settings, WEEKDAYS } from '../settings.ts';
import { type Instant, toIso } from '../time.ts';
import { type AnalyticsInvitation, hasNote } from './input.ts';
import { createZoneClock, isoWeekKey } from './local-time.ts';

/** Acceptance counts and rates of one group of invitations (SPEC section 5). */
export interface AcceptanceFigures {
  sent: number;
  accepted: number;
  /** accepted / sent; null when nothing was sent. */
  rate: number | null;
  /** Sent at least `staleAfterDays` ago, so their outcome has had time to show. */
  maturedSent: number;
  maturedAccepted: number;
  maturedRate: number | null;
  /** Fewer than 30 matured invitations: the rate is noise, show it greyed out. */
  smallSample: boolean;
}

/**
 * One cell of a breakdown: the figures over all invitations, and under `tracked` the same figures
 * over those sent since tracking began. Only the tracked ones are fully observed: an invitation
 * sent before the first import is known only if it was still pending then, so the acceptances
 * among the older ones are invisible and their rate reads low.
 */
export interface AcceptanceCell extends AcceptanceFigures {
  key: string;
  tracked: AcceptanceFigures;
}

export interface AcceptanceBreakdowns {
  overall: AcceptanceCell;
  /** The figures restricted to invitations sent at or after `since` (null: no tracking yet, all zero). */
  tracked: AcceptanceFigures & { since: string | null };
  /** By ISO week sent in the account's time zone, oldest first, weeks without sends included. */
  byWeek: AcceptanceCell[];
  /** By template id, alphabetically, then `no template` (always present). */
  byTemplate: AcceptanceCell[];
  /** `note` and `no note`. */
  byNote: AcceptanceCell[];
  /** `0`, `1-5`, `6-20`, `21+`, `unknown`. */
  byMutual: AcceptanceCell[];
  /** `colleague`, `alumni`, `industry-peer`, `other`, `unknown`. */
  byRelation: AcceptanceCell[];
  /** `Mon` .. `Sun` in the account's time zone, then `unknown` for sends known only as a range. */
  byWeekday: AcceptanceCell[];
  /** `00` .. `23` in the account's time zone, then `unknown` for sends known only as a range. */
  byHour: AcceptanceCell[];
  /**
   * `Mon 00` .. `Sun 23`, the weekday and hour sent in the account's time zone (the "best time to
   * send" map), then `unknown` for sends not known to the hour.
   */
  byWeekdayHour: AcceptanceCell[];
}

/** The keys of byWeekdayHour: every weekday and hour, Monday midnight first, then `unknown`. */
export const WEEKDAY_HOUR_KEYS: readonly string[] = [
  ...WEEKDAYS.flatMap((d) => Array.from({ length: 24 }, (_, h) => `${d} ${String(h).padStart(2, '0')}`)),
  'unknown',
];

export const NO_TEMPLATE_KEY = 'no template';
export const UNKNOWN_KEY = 'unknown';
export const NOTE_KEYS = ['note', 'no note'] as const;
export const MUTUAL_BUCKETS = ['0', '1-5', '6-20', '21+', UNKNOWN_KEY] as const;
export type MutualBucket = (typeof MUTUAL_BUCKETS)[number];

/** The mutual-connection bucket of SPEC section 5; a missing or nonsensical count is `unknown`. */
export function mutualBucket(mutual: number | null | undefined): MutualBucket {
  if (mutual === null || mutual === undefined || !Number.isFinite(mutual) || mutual < 0) return UNKNOWN_KEY;
  if (mutual < 1) return '0';
  if (mutual <= 5) return '1-5';
  if (mutual <= 20) return '6-20';
  return '21+';
}

const RELATION_SET: ReadonlySet<string> = new Set(RELATIONS);
const HOUR_KEYS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** Mutable counters behind one cell. */
class Tally {
  sent = 0;
  accepted = 0;
  maturedSent = 0;
  maturedAccepted = 0;
  tSent = 0;
  tAccepted = 0;
  tMaturedSent = 0;
  tMaturedAccepted = 0;

  add(accepted: boolean, matured: boolean, tracked: boolean): void {
    this.sent++;
    if (accepted) this.accepted++;
    if (matured) {
      this.maturedSent++;
      if (accepted) this.maturedAccepted++;
    }
    if (!tracked) return;
    this.tSent++;
    if (accepted) this.tAccepted++;
    if (matured) {
      this.tMaturedSent++;
      if (accepted) this.tMaturedAccepted++;
    }
  }

  cell(key: string): AcceptanceCell {
    return {
      key,
      ...figures(this.sent, this.accepted, this.maturedSent, this.maturedAccepted),
      tracked: figures(this.tSent, this.tAccepted, this.tMaturedSent, this.tMaturedAccepted),
    };
  }
}

function figures(
  sent: number,
  accepted: number,
  maturedSent: number,
  maturedAccepted: number,
): AcceptanceFigures {
  return {
    sent,
    accepted,
    rate: sent > 0 ? accepted / sent : null,
    maturedSent,
    maturedAccepted,
    maturedRate: maturedSent > 0 ? maturedAccepted / maturedSent : null,
    smallSample: maturedSent < RULES.minMaturedForRate,
  };
}

class Breakdown {
  private readonly tallies = new Map<string, Tally>();
  constructor(fixedKeys: readonly string[] = []) {
    for (const key of fixedKeys) this.tallies.set(key, new Tally());
  }
  at(key: string): Tally {
    let t = this.tallies.get(key);
    if (!t) {
      t = new Tally();
      this.tallies.set(key, t);
    }
    return t;
  }
  cells(order: readonly string[]): AcceptanceCell[] {
    return order.map((key) => (this.tallies.get(key) ?? new Tally()).cell(key));
  }
  keys(): string[] {
    return [...this.tallies.keys()];
  }
}

/**
 * Acceptance rates overall and by week, template, note, mutual connections, relation, weekday and
 * hour sent, each over all invitations and over the fully observed ones sent since
 * `trackingSince`. Invitations are read as they stood at `now`; every breakdown's cells add up to
 * `overall`. A send known only as a range ("Sent 3 weeks ago") is placed in the week of its latest
 * possible instant, like every rule does, but its weekday and hour are `unknown` unless the whole
 * range falls on one local day (weekday) or one local hour (hour).
 */
export function computeAcceptance(
  invitations: readonly AnalyticsInvitation[],
  settings: Pick<Settings, 'staleAfterDays' | 'timezone'>,
  now: Instant,
  trackingSince: Instant | null,
): AcceptanceBreakdowns {
  return acceptanceOfLedger(ledgerAt(invitations, now), settings, now, trackingSince);
}

/** computeAcceptance over invitations already read as of `now` with ledgerAt (the report reads them once). */
export function acceptanceOfLedger(
  ledger: readonly AnalyticsInvitation[],
  settings: Pick<Settings, 'staleAfterDays' | 'timezone'>,
  now: Instant,
  trackingSince: Instant | null,
): AcceptanceBreakdowns {
  const clock = createZoneClock(settings.timezone);
  const overall = new Tally();
  const byWeek = new Map<number, Tally>();
  const byTemplate = new Breakdown();
  const byNote = new Breakdown(NOTE_KEYS);
  const byMutual = new Breakdown(MUTUAL_BUCKETS);
  const byRelation = new Breakdown([...RELATIONS, UNKNOWN_KEY]);
  const byWeekday = new Breakdown([...WEEKDAYS, UNKNOWN_KEY]);
  const byHour = new Breakdown([...HOUR_KEYS, UNKNOWN_KEY]);
  const byWeekdayHour = new Breakdown(WEEKDAY_HOUR_KEYS);

  for (const inv of ledger) {
    const accepted = inv.status === 'accepted';
    const matured = isMatured(inv, now, settings);
    const tracked = isTracked(inv, trackingSince);
    overall.add(accepted, matured, tracked);
    const latest = clock.parts(inv.sentAt);
    let week = byWeek.get(latest.mondayDayNumber);
    if (!week) {
      week = new Tally();
      byWeek.set(latest.mondayDayNumber, week);
    }
    week.add(accepted, matured, tracked);
    byTemplate.at(inv.templateId ?? NO_TEMPLATE_KEY).add(accepted, matured, tracked);
    byNote.at(hasNote(inv) ? 'note' : 'no note').add(accepted, matured, tracked);
    byMutual.at(mutualBucket(inv.mutualConnections)).add(accepted, matured, tracked);
    const relation = inv.relation && RELATION_SET.has(inv.relation) ? inv.relation : UNKNOWN_KEY;
    byRelation.at(relation).add(accepted, matured, tracked);

    const earliest = inv.sentAtEarliest < inv.sentAt ? clock.parts(inv.sentAtEarliest) : latest;
    const sameDay = earliest.dayNumber === latest.dayNumber;
    byWeekday.at(sameDay ? WEEKDAYS[latest.weekday - 1]! : UNKNOWN_KEY).add(accepted, matured, tracked);
    const hour = sameDay && earliest.hour === latest.hour ? HOUR_KEYS[latest.hour]! : UNKNOWN_KEY;
    byHour.at(hour).add(accepted, matured, tracked);
    byWeekdayHour
      .at(hour === UNKNOWN_KEY ? UNKNOWN_KEY : `${WEEKDAYS[latest.weekday - 1]} ${hour}`)
      .add(accepted, matured, tracked);
  }

  const weeks: AcceptanceCell[] = [];
  if (byWeek.size > 0) {
    const mondays = [...byWeek.keys()];
    const first = Math.min(...mondays);
    const last = Math.max(...mondays);
    for (let monday = first; monday <= last; monday += 7) {
      weeks.push((byWeek.get(monday) ?? new Tally()).cell(isoWeekKey(monday)));
    }
  }

  const templates = byTemplate
    .keys()
    .filter((k) => k !== NO_TEMPLATE_KEY)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const overallCell = overall.cell('all');

  return {
    overall: overallCell,
    tracked: { since: trackingSince === null ? null : toIso(trackingSince), ...overallCell.tracked },
    byWeek: weeks,
    byTemplate: byTemplate.cells([...templates, NO_TEMPLATE_KEY]),
    byNote: byNote.cells(NOTE_KEYS),
    byMutual: byMutual.cells(MUTUAL_BUCKETS),
    byRelation: byRelation.cells([...RELATIONS, UNKNOWN_KEY]),
    byWeekday: byWeekday.cells([...WEEKDAYS, UNKNOWN_KEY]),
    byHour: byHour.cells([...HOUR_KEYS, UNKNOWN_KEY]),
    byWeekdayHour: byWeekdayHour.cells(WEEKDAY_HOUR_KEYS),
  };
}

import { ledgerAt } from '../lifecycle.ts';
import type { Invitation } from '../model.ts';
import { RULES } from '../settings.ts';
import { DAY_MS, type Instant, startOfUtcDay } from '../time.ts';
import {
  curveOf,
  type KaplanMeierCurve,
  type PreparedObservations,
  prepareObservations,
  type SurvivalObservation,
  survivalAt,
} from './kaplan-meier.ts';

/**
 * Time to acceptance with censoring, from the Kaplan–Meier estimator (kaplan-meier.ts): the
 * member's invitations as observations, the per-day curve, the median, and the recommended
 * `staleAfterDays` with its confidence and bootstrap interval.
 */

/**
 * Time-to-acceptance observations in days from an account's invitations as they stood at `now`:
 * an acceptance is the event at (acceptedAt - sentAt); a pending invitation is censored at its
 * current age; a withdrawn, closed or expired one at its end (statusAt - sentAt). One first known
 * from an export enters at 0: an export is a history that lists accepted invitations with their
 * sending time. One sent before `trackingSince` was only seen because it was still pending then, so
 * it enters at age (trackingSince - sentAt) (left truncation), and so does one first listed by a
 * Sent page after its sending, at (firstSeenAt - sentAt): a page lists pending invitations only;
 * one that ended before `trackingSince` was evidently seen whole (recorded by hand) and enters at 0.
 * Ages use `sentAt`, the latest possible send instant, so for sends known only as a range they are
 * lower bounds.
 */
export function acceptanceObservations(
  invitations: readonly Invitation[],
  now: Instant,
  trackingSince: Instant | null,
): SurvivalObservation[] {
  return observationsOfLedger(ledgerAt(invitations, now), now, trackingSince);
}

/** acceptanceObservations over invitations already read as of `now` with ledgerAt. */
export function observationsOfLedger(
  ledger: readonly Invitation[],
  now: Instant,
  trackingSince: Instant | null,
): SurvivalObservation[] {
  const out: SurvivalObservation[] = [];
  for (const inv of ledger) {
    const end = inv.status === 'pending' || inv.statusAt === null ? now : inv.statusAt;
    // An acceptance is known to the day (Connected On is a date): its time is the whole days from
    // the sending day to the accepting day, 0 for the same day.
    const time =
      inv.status === 'accepted'
        ? Math.max(0, startOfUtcDay(end) - startOfUtcDay(inv.sentAt)) / DAY_MS
        : Math.max(0, end - inv.sentAt) / DAY_MS;
    // Left truncation: seen only because still pending at tracking's start, or when a Sent page
    // first listed it; a send recorded by hand, or listed by an export (a history), is seen whole.
    const whole = inv.source === 'manual' || inv.source === 'export';
    let truncatedAt: Instant | null =
      !whole && trackingSince !== null && inv.sentAt < trackingSince && end > trackingSince
        ? trackingSince
        : null;
    const seen = whole ? null : (inv.firstSeenAt ?? null);
    if (seen !== null && seen > inv.sentAt && end > seen && (truncatedAt === null || seen > truncatedAt))
      truncatedAt = seen;
    const o: SurvivalObservation = { time, event: inv.status === 'accepted' };
    if (truncatedAt !== null) o.entry = (truncatedAt - inv.sentAt) / DAY_MS;
    out.push(o);
  }
  return out;
}

/** One day of the time-to-accept curve; day d covers ages in (d-1, d] days, day 0 is age 0 exactly. */
export interface TimeToAcceptDay {
  day: number;
  /** Cumulative incidence F(day): the estimated share of invitations accepted by this age. */
  accepted: number;
  /** Invitations under observation at some moment of the day (pending, and already in view). */
  atRisk: number;
  /** Acceptances at ages in the day. */
  events: number;
  /** Censorings at ages in the day (withdrawn, closed, expired, or still pending at that age). */
  censored: number;
}

export const CONFIDENCE_FLAGS = [
  'NO_ACCEPTANCES',
  'FEW_ACCEPTANCES',
  'NOT_PLATEAUED',
  'HEAVY_CENSORING',
] as const;
export type ConfidenceFlag = (typeof CONFIDENCE_FLAGS)[number];

export interface ThresholdInterval {
  low: number;
  high: number;
  /** Coverage of the percentile interval, e.g. 0.9. */
  level: number;
  /** Bootstrap replicates drawn, and how many of them had an acceptance to rest on. */
  replicates: number;
  usable: number;
  seed: number;
}

export interface TimeToAcceptConfidence {
  /** `ok`: no flag; `low`: read it as a rough guide; `none`: nothing to recommend from. */
  level: 'ok' | 'low' | 'none';
  acceptances: number;
  observations: number;
  /** F had stopped rising in the last observed week (less than 2 % of F(t_max) arrived in it). */
  plateaued: boolean;
  /** Share of invitations whose observation ended, without acceptance, before the recommended day. */
  censoredBeforeRecommended: number | null;
  flags: ConfidenceFlag[];
  messages: string[];
  /** Bootstrap percentile interval of the recommended threshold; null when not computed or unusable. */
  interval: ThresholdInterval | null;
}

export interface TimeToAccept {
  curve: TimeToAcceptDay[];
  /** Median time to accept among those who accept: the first age with F >= 0.5 F(t_max), in days. */
  median: number | null;
  /** F(t_max): the estimated share of invitations eventually accepted (the plateau). */
  eventualAcceptance: number | null;
  /** The smallest day d with F(d) >= 0.9 F(t_max), clamped to 1..180; null with no acceptance. */
  recommendedStaleAfterDays: number | null;
  confidence: TimeToAcceptConfidence;
}

export interface TimeToAcceptOptions {
  /** Bootstrap replicates for the threshold's interval; 0 turns it off. Default 100. */
  replicates?: number;
  /** Seed of the bootstrap's random numbers, so the interval is reproducible. */
  seed?: number;
}

/** Share of eventual acceptances that defines the recommended threshold (SPEC section 5: 90 %). */
export const RECOMMENDED_SHARE = 0.9;
export const STALE_RANGE = { min: 1, max: 180 } as const;
/** Below this many acceptances the recommendation is flagged (the same 30 as the matured-rate rule). */
export const MIN_ACCEPTANCES = RULES.minMaturedForRate;
/** "Still rising": more than this share of F(t_max) arrived in the last observed week. */
export const PLATEAU_TOLERANCE = 0.02;
export const PLATEAU_WINDOW_DAYS = 7;
/** "Heavy censoring": more than this share of invitations left observation unaccepted before the recommended day. */
export const HEAVY_CENSORING_SHARE = 0.5;
/** The per-day curve stops here even if some invitation was observed longer (bad data). */
export const CURVE_MAX_DAYS = 366;
export const DEFAULT_REPLICATES = 100;
export const DEFAULT_SEED = 0x5eed_2026;
const EPS = 1e-9;

/**
 * The time-to-accept curve per day, the median among acceptors, and the recommended
 * `staleAfterDays`: the smallest whole day d with F(d) >= 0.9 * F(t_max), F being the Kaplan–Meier
 * cumulative incidence of acceptance and t_max the largest observed age (F there is the plateau,
 * the share eventually accepted), clamped to 1..180. With the plan withdrawing at age >= d, every
 * acceptance at an age <= d is kept, so d keeps 90 % of the acceptances that ever arrive.
 */
export function estimateTimeToAccept(
  observations: readonly SurvivalObservation[],
  options: TimeToAcceptOptions = {},
): TimeToAccept {
  const p = prepareObservations(observations);
  const km = curveOf(p);
  const eventSteps = km.steps.filter((s) => s.events > 0);
  const fMax = eventSteps.length > 0 ? eventSteps[eventSteps.length - 1]!.cumulativeIncidence : null;
  const curve = dailyCurve(p, km);

  const firstReaching = (share: number): number | null => {
    if (fMax === null || fMax <= 0) return null;
    const target = share * fMax * (1 - EPS);
    for (const s of eventSteps) if (s.cumulativeIncidence >= target) return s.time;
    return null;
  };
  const median = firstReaching(0.5);
  const tau = firstReaching(RECOMMENDED_SHARE);
  const recommended = tau === null ? null : clampStale(Math.ceil(tau));

  const fAt = (t: number) => 1 - survivalAt(km, t);
  const acceptances = km.events;
  const flags: ConfidenceFlag[] = [];
  const messages: string[] = [];
  let plateaued = false;
  let censoredShare: number | null = null;
  if (fMax === null || recommended === null || km.maxTime === null) {
    flags.push('NO_ACCEPTANCES');
    messages.push(
      km.observations === 0
        ? 'no invitations to learn from yet'
        : `no acceptance among ${km.observations} invitations yet: nothing to recommend a threshold from`,
    );
  } else {
    if (acceptances < MIN_ACCEPTANCES) {
      flags.push('FEW_ACCEPTANCES');
      messages.push(
        `the recommendation rests on ${acceptances} acceptance${acceptances === 1 ? '' : 's'}, fewer than ${MIN_ACCEPTANCES}: treat ${recommended} days as a rough guide`,
      );
    }
    const lastWeekRise = fMax - fAt(km.maxTime - PLATEAU_WINDOW_DAYS);
    plateaued = lastWeekRise <= PLATEAU_TOLERANCE * fMax;
    if (!plateaued) {
      const from = Math.max(0, Math.floor(km.maxTime - PLATEAU_WINDOW_DAYS));
      flags.push('NOT_PLATEAUED');
      messages.push(
        `acceptances were still arriving in the last observed week (ages ${from} to ${Math.floor(km.maxTime)} days): some come later than anything seen, so ${recommended} days may be too short`,
      );
    }
    let censoredEarly = 0;
    for (let i = 0; i < p.n; i++) if (!p.event[i] && p.time[i]! < recommended) censoredEarly++;
    censoredShare = p.n > 0 ? censoredEarly / p.n : 0;
    if (censoredShare > HEAVY_CENSORING_SHARE) {
      flags.push('HEAVY_CENSORING');
      messages.push(
        `${Math.round(censoredShare * 100)}% of invitations were withdrawn or still pending before day ${recommended}, so whether they would have been accepted by then is unknown`,
      );
    }
  }

  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const seed = options.seed ?? DEFAULT_SEED;
  const interval =
    recommended !== null && replicates > 0 ? bootstrapInterval(p, replicates, seed, 0.9) : null;

  return {
    curve,
    median,
    eventualAcceptance: fMax,
    recommendedStaleAfterDays: recommended,
    confidence: {
      level: flags.includes('NO_ACCEPTANCES') ? 'none' : flags.length > 0 ? 'low' : 'ok',
      acceptances,
      observations: km.observations,
      plateaued,
      censoredBeforeRecommended: censoredShare,
      flags,
      messages,
      interval,
    },
  };
}

function clampStale(day: number): number {
  return Math.min(STALE_RANGE.max, Math.max(STALE_RANGE.min, day));
}

function dailyCurve(p: PreparedObservations, km: KaplanMeierCurve): TimeToAcceptDay[] {
  if (km.maxTime === null) return [];
  const lastDay = Math.min(CURVE_MAX_DAYS, Math.ceil(km.maxTime));
  const events = new Array<number>(lastDay + 1).fill(0);
  const censored = new Array<number>(lastDay + 1).fill(0);
  const riskDelta = new Array<number>(lastDay + 2).fill(0);
  for (let i = 0; i < p.n; i++) {
    const day = Math.min(lastDay, Math.ceil(p.time[i]!));
    if (p.event[i]) events[day]!++;
    else censored[day]!++;
    // Under observation on day d when entry < d (or from 0) and time > d - 1.
    const first = p.entry[i]! > 0 ? Math.floor(p.entry[i]!) + 1 : 0;
    if (first <= day) {
      riskDelta[first]!++;
      riskDelta[day + 1]!--;
    }
  }
  const out: TimeToAcceptDay[] = [];
  let atRisk = 0;
  let step = 0;
  let f = 0;
  for (let d = 0; d <= lastDay; d++) {
    atRisk += riskDelta[d]!;
    while (step < km.steps.length && km.steps[step]!.time <= d) f = km.steps[step++]!.cumulativeIncidence;
    out.push({ day: d, accepted: f, atRisk, events: events[d]!, censored: censored[d]! });
  }
  return out;
}

/**
 * Percentile bootstrap of the recommended threshold: resample the observations with replacement
 * (as counts over the canonical order, so the interval is the same whatever order the data came
 * in), recompute the threshold, take the central `level` share. O(n) per replicate.
 */
function bootstrapInterval(
  p: PreparedObservations,
  replicates: number,
  seed: number,
  level: number,
): ThresholdInterval | null {
  if (p.n === 0) return null;
  const { n, time, event, entry, groupStart, truncated } = p;
  const groups = groupStart.length - 1;
  const weights = new Int32Array(n);
  const times = new Float64Array(groups);
  const fs = new Float64Array(groups);
  const results: number[] = [];
  let state = seed | 0;
  for (let r = 0; r < replicates; r++) {
    weights.fill(0);
    // mulberry32 inlined: n draws per replicate dominate the bootstrap's cost.
    for (let i = 0; i < n; i++) {
      state = (state + 0x6d2b79f5) | 0;
      let x = Math.imul(state ^ (state >>> 15), state | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      weights[Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n)]!++;
    }
    // The sweep of kaplanMeier, inlined: this loop runs replicates x n times.
    let remaining = n;
    let notEntered = 0;
    for (let k = 0; k < truncated.length; k++) notEntered += weights[truncated[k]!]!;
    let k = 0;
    let s = 1;
    let events = 0;
    for (let g = 0; g < groups; g++) {
      const from = groupStart[g]!;
      const to = groupStart[g + 1]!;
      const t = time[from]!;
      while (k < truncated.length && entry[truncated[k]!]! < t) notEntered -= weights[truncated[k++]!]!;
      let d = 0;
      let c = 0;
      for (let i = from; i < to; i++) {
        if (event[i]) d += weights[i]!;
        else c += weights[i]!;
      }
      if (d > 0) {
        s *= 1 - d / (remaining - notEntered);
        times[events] = t;
        fs[events] = 1 - s;
        events++;
      }
      remaining -= d + c;
    }
    const fMax = events > 0 ? fs[events - 1]! : 0;
    if (fMax <= 0) continue;
    const target = RECOMMENDED_SHARE * fMax * (1 - EPS);
    let idx = 0;
    while (fs[idx]! < target) idx++;
    results.push(clampStale(Math.ceil(times[idx]!)));
  }
  if (results.length < replicates / 2) return null;
  results.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const at = (q: number) =>
    results[Math.min(results.length - 1, Math.max(0, Math.ceil(q * results.length) - 1))]!;
  return { low: at(tail), high: at(1 - tail), level, replicates, usable: results.length, seed };
}

import { InviteKeeperError } from '../errors.ts';

/**
 * The Kaplan–Meier product-limit estimator, with delayed entry (left truncation) and Greenwood
 * standard errors; survival.ts reads time to acceptance with it.
 *
 * Conventions, the standard ones (Kaplan & Meier 1958; Klein & Moeschberger, "Survival Analysis", ch. 4):
 * - Ties: at a time where events and censorings coincide, the events come first, so the censored
 *   ones still count in the risk set of that time.
 * - Risk set at time t: the observations with entry < t <= time; an observation with no delayed
 *   entry (entry 0) is at risk from time 0 inclusive, so an acceptance at age 0 (same day, date-only
 *   data) is an event with everyone at risk.
 * - An observation that ends at or before its delayed entry cannot have been seen and is left out
 *   (it is counted in `excluded`).
 */
export interface SurvivalObservation {
  /** When the event or the censoring happened, in the curve's unit (days here); >= 0. */
  time: number;
  /** true: the event (acceptance); false: censored (still pending, withdrawn, closed, expired). */
  event: boolean;
  /** Delayed entry: first observed at this time (left truncation). 0 or absent: observed from 0. */
  entry?: number;
}

/** The estimate at one distinct observed time. */
export interface KaplanMeierStep {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  /** S(time): the share still without the event just after `time`. */
  survival: number;
  /** F(time) = 1 - S(time): for invitations, the share accepted by `time`. */
  cumulativeIncidence: number;
  /** Greenwood standard error of S(time); null once S reaches 0. */
  stdErr: number | null;
}

export interface KaplanMeierCurve {
  steps: KaplanMeierStep[];
  /** Observations used. */
  observations: number;
  events: number;
  /** Observations left out because they ended at or before their delayed entry. */
  excluded: number;
  /** The largest observed time (event or censoring), null with no observations. */
  maxTime: number | null;
}

/** Observations in a canonical order (time, events first, entry), so results never depend on input order. */
export interface PreparedObservations {
  n: number;
  time: Float64Array;
  event: Uint8Array;
  entry: Float64Array;
  /** Index of the first observation of each distinct time, plus n at the end. */
  groupStart: Int32Array;
  /** Indices of the delayed-entry observations, by entry ascending. */
  truncated: Int32Array;
  excluded: number;
}

/** The observations in canonical order, ready for the estimator and the bootstrap (survival.ts). */
export function prepareObservations(observations: readonly SurvivalObservation[]): PreparedObservations {
  const kept: { time: number; event: boolean; entry: number }[] = [];
  let excluded = 0;
  for (const o of observations) {
    if (!Number.isFinite(o.time) || o.time < 0) {
      throw new InviteKeeperError('INTERNAL', `survival time must be a finite number >= 0, got ${o.time}`);
    }
    const entry = o.entry !== undefined && Number.isFinite(o.entry) && o.entry > 0 ? o.entry : 0;
    if (entry > 0 && o.time <= entry) {
      excluded++;
      continue;
    }
    kept.push({ time: o.time, event: o.event, entry });
  }
  kept.sort((a, b) => a.time - b.time || Number(b.event) - Number(a.event) || a.entry - b.entry);
  const n = kept.length;
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const entry = new Float64Array(n);
  const starts: number[] = [];
  const truncated: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = kept[i]!;
    time[i] = o.time;
    event[i] = o.event ? 1 : 0;
    entry[i] = o.entry;
    if (i === 0 || o.time !== kept[i - 1]!.time) starts.push(i);
    if (o.entry > 0) truncated.push(i);
  }
  starts.push(n);
  truncated.sort((a, b) => entry[a]! - entry[b]! || a - b);
  return {
    n,
    time,
    event,
    entry,
    groupStart: Int32Array.from(starts),
    truncated: Int32Array.from(truncated),
    excluded,
  };
}

/**
 * Walks the distinct times in order and reports the (weighted) risk set, events and censorings at
 * each. `weights` null means every observation counts once; the bootstrap passes resampling counts.
 */
function sweep(
  p: PreparedObservations,
  weights: Float64Array | null,
  onTime: (time: number, atRisk: number, events: number, censored: number) => void,
): void {
  const w = (i: number) => (weights ? weights[i]! : 1);
  let remaining = 0; // weight of observations with time >= the current time
  let notEntered = 0; // weight of delayed-entry observations with entry >= the current time
  for (let i = 0; i < p.n; i++) remaining += w(i);
  for (let k = 0; k < p.truncated.length; k++) notEntered += w(p.truncated[k]!);
  let k = 0;
  for (let g = 0; g + 1 < p.groupStart.length; g++) {
    const start = p.groupStart[g]!;
    const end = p.groupStart[g + 1]!;
    const t = p.time[start]!;
    while (k < p.truncated.length && p.entry[p.truncated[k]!]! < t) notEntered -= w(p.truncated[k++]!);
    let d = 0;
    let c = 0;
    for (let i = start; i < end; i++) {
      if (p.event[i]) d += w(i);
      else c += w(i);
    }
    if (d + c > 0) onTime(t, remaining - notEntered, d, c);
    remaining -= d + c;
  }
}

/** The Kaplan–Meier estimate with delayed entry and Greenwood standard errors (conventions above). */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierCurve {
  return curveOf(prepareObservations(observations));
}

/** kaplanMeier over observations already prepared. */
export function curveOf(p: PreparedObservations): KaplanMeierCurve {
  const steps: KaplanMeierStep[] = [];
  let s = 1;
  let greenwood = 0;
  let events = 0;
  sweep(p, null, (time, atRisk, d, c) => {
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood += atRisk > d ? d / (atRisk * (atRisk - d)) : Number.POSITIVE_INFINITY;
      events += d;
    }
    steps.push({
      time,
      atRisk,
      events: d,
      censored: c,
      survival: s,
      cumulativeIncidence: 1 - s,
      stdErr: s > 0 ? s * Math.sqrt(greenwood) : null,
    });
  });
  return {
    steps,
    observations: p.n,
    events,
    excluded: p.excluded,
    maxTime: p.n > 0 ? p.time[p.n - 1]! : null,
  };
}

/** S(t) of a curve: the survival just after t (right-continuous step function). */
export function survivalAt(curve: Pick<KaplanMeierCurve, 'steps'>, t: number): number {
  let lo = 0;
  let hi = curve.steps.length; // first step with time > t
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (curve.steps[mid]!.time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : curve.steps[lo - 1]!.survival;
}

import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { InviteKeeperError } from '../errors.ts';
import type { SendWindow } from '../settings.ts';
import { DAY_MS, type Instant, MINUTE_MS } from '../time.ts';

/**
 * The send window (SPEC section 1, "send when the audience is active"): weekdays and a local
 * start-end time in the recipient's time zone. Inside means the local weekday is one of `days` and
 * the local wall time is in [start, end). Time zones and DST come from luxon's IANA zones: the
 * offsets are read from the zone, then each stretch of constant offset is handled in a luxon
 * fixed-offset zone, which makes skipped hours (spring forward) and repeated hours (fall back)
 * come out right without special cases: a window opening inside a skipped hour opens when the
 * clocks jump, and a repeated hour is inside the window both times.
 */

interface ParsedWindow {
  days: ReadonlySet<number>;
  startMin: number;
  endMin: number;
}

function parseWindow(window: SendWindow): ParsedWindow {
  const toMin = (hhmm: string) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
    return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  };
  const startMin = toMin(window.start);
  const endMin = toMin(window.end);
  const days = new Set(window.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  if (!(startMin >= 0 && endMin <= 24 * 60 && startMin < endMin) || days.size === 0) {
    throw new InviteKeeperError(
      'INVALID_SETTING',
      `invalid send window ${JSON.stringify(window)}: it needs weekdays 1..7 and a start before its end`,
    );
  }
  return { days, startMin, endMin };
}

function zoneOf(name: string): Zone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new InviteKeeperError('BAD_INPUT', `"${name}" is not an IANA time zone`);
  return zone;
}

/**
 * The stretch [a, b) over which the zone's offset stays what it is at `a`, cut at a day at most.
 * Assumes no zone changes its offset twice within 24 hours (true of the whole tz database).
 */
function stretchFrom(zone: Zone, a: Instant): { offset: number; end: Instant } {
  const offset = zone.offset(a);
  let lo = a;
  let hi = a + DAY_MS;
  if (zone.offset(hi) === offset) return { offset, end: hi };
  // The change lies in (a, a + 24 h]: find its first millisecond.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === offset) lo = mid;
    else hi = mid;
  }
  return { offset, end: hi };
}

/** The window's intervals on the local days of one constant-offset stretch [a, b), clipped to it. */
function* windowIntervals(
  w: ParsedWindow,
  offset: number,
  a: Instant,
  b: Instant,
): Generator<[Instant, Instant]> {
  const fixed = FixedOffsetZone.instance(offset);
  for (
    let day = DateTime.fromMillis(a, { zone: fixed }).startOf('day');
    day.toMillis() < b;
    day = day.plus({ days: 1 })
  ) {
    if (!w.days.has(day.weekday)) continue;
    const lo = Math.max(day.plus({ minutes: w.startMin }).toMillis(), a);
    const hi = Math.min(day.plus({ minutes: w.endMin }).toMillis(), b);
    if (lo < hi) yield [lo, hi];
  }
}

// Every weekday comes round within 8 local days; 15 leaves room for a day skipped at the date line.
const SEARCH_DAYS = 15;

function nextInside(t: Instant, w: ParsedWindow, zone: Zone): Instant {
  for (let a = t; a < t + SEARCH_DAYS * DAY_MS; ) {
    const { offset, end } = stretchFrom(zone, a);
    for (const [lo] of windowIntervals(w, offset, a, end)) return lo;
    a = end;
  }
  throw new InviteKeeperError('INTERNAL', `no instant inside the send window within ${SEARCH_DAYS} days`);
}

function inside(t: Instant, w: ParsedWindow, zone: Zone): boolean {
  const local = DateTime.fromMillis(t, { zone });
  const minute = local.hour * 60 + local.minute;
  return w.days.has(local.weekday) && minute >= w.startMin && minute < w.endMin;
}

/** The end (exclusive) of the unbroken inside stretch that starts at `t`, which is inside. */
function insideUntil(t: Instant, w: ParsedWindow, zone: Zone): Instant {
  let a = t;
  for (let guard = 0; guard < 4; guard++) {
    const { offset, end } = stretchFrom(zone, a);
    const first = windowIntervals(w, offset, a, end).next();
    if (first.done || first.value[0] !== a) return a;
    const hi = first.value[1];
    // The window goes on past an offset change only if the new wall time is still inside it.
    if (hi < end || !inside(end, w, zone)) return hi;
    a = end;
  }
  return a;
}

/** Whether `t` falls inside the send window in the time zone `zone`. */
export function isInsideWindow(t: Instant, window: SendWindow, zone: string): boolean {
  return inside(t, parseWindow(window), zoneOf(zone));
}

/** The earliest instant at or after `now` inside the send window in `zone`: `now` itself when inside. */
export function nextSendTime(now: Instant, window: SendWindow, zone: string): Instant {
  return nextInside(now, parseWindow(window), zoneOf(zone));
}

/** The end (exclusive) of the window stretch containing `t`, or null when `t` is outside the window. */
export function windowCloseAfter(t: Instant, window: SendWindow, zone: string): Instant | null {
  const w = parseWindow(window);
  const z = zoneOf(zone);
  return inside(t, w, z) ? insideUntil(t, w, z) : null;
}

export interface SpreadOptions {
  /** The least time between two sends, in minutes (default 5). */
  minGapMinutes?: number;
  /** Instants already given to other sends (another time zone's batch): none is used twice. */
  taken?: ReadonlySet<Instant>;
}

export const DEFAULT_MIN_GAP_MINUTES = 5;

/**
 * `count` distinct send times, ascending, each inside the window in `zone` and at or after `now`,
 * on whole minutes. Spacing rule: from the first whole minute the window is open, the batch is
 * spread evenly over what is left of that day's window (step = remaining window / count, rounded
 * down to the minute), but never closer than `minGapMinutes`; sends that do not fit at that gap
 * spill to the next opening, where the rest is spread the same way. A time already `taken` moves
 * to the next free minute inside the window.
 */
export function spreadSendTimes(
  count: number,
  now: Instant,
  window: SendWindow,
  zone: string,
  options: SpreadOptions = {},
): Instant[] {
  const w = parseWindow(window);
  const z = zoneOf(zone);
  const gap = Math.max(1, Math.floor(options.minGapMinutes ?? DEFAULT_MIN_GAP_MINUTES)) * MINUTE_MS;
  const used = new Set<Instant>(options.taken ?? []);
  const out: Instant[] = [];
  let cursor = ceilMinute(now);
  while (out.length < count) {
    const open = ceilMinute(nextInside(cursor, w, z));
    if (!inside(open, w, z)) {
      cursor = open;
      continue;
    }
    const close = insideUntil(open, w, z);
    const span = close - open;
    const k = Math.min(count - out.length, Math.max(1, Math.ceil(span / gap)));
    const step = Math.max(gap, Math.floor(span / k / MINUTE_MS) * MINUTE_MS);
    // (k - 1) * step < span, so every time stays inside [open, close).
    for (let i = 0; i < k; i++) {
      let t = open + i * step;
      while (used.has(t)) t = ceilMinute(nextInside(t + MINUTE_MS, w, z));
      used.add(t);
      out.push(t);
    }
    cursor = close;
  }
  return out.sort((a, b) => a - b);
}

function ceilMinute(t: Instant): Instant {
  return Math.ceil(t / MINUTE_MS) * MINUTE_MS;
}

import { DateTime, IANAZone } from 'luxon';
import { InviteKeeperError } from '../errors.ts';
import { DAY_MS, HOUR_MS, type Instant, WEEK_MS } from '../time.ts';

/** Where an instant falls on the account's local calendar. */
export interface LocalParts {
  /** Local calendar days since 1970-01-01 (negative before it). */
  dayNumber: number;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Local hour, 0..23. */
  hour: number;
  /** ISO week, e.g. `2026-W09`. */
  isoWeek: string;
  /** Day number of the Monday that starts the ISO week. */
  mondayDayNumber: number;
}

/**
 * Local calendar arithmetic in one IANA time zone, fast enough for tens of thousands of instants.
 * Luxon costs several microseconds per offset lookup, which alone would eat the report's time
 * budget, so offsets are cached per UTC week: a week whose first and last millisecond share an
 * offset has no transition inside it (no zone changes its offset twice within a week), and for the
 * two or so weeks a year that hold one, the transition instant is found once by bisection. Clocks
 * are memoised per zone; the cache is a pure function of the zone, so this keeps the core pure.
 */
export interface ZoneClock {
  zone: string;
  /** The zone's offset from UTC at `t`, in milliseconds. */
  offsetMs(t: Instant): number;
  parts(t: Instant): LocalParts;
  dayNumber(t: Instant): number;
  /** The instant of local midnight that starts a local day (01:00 where DST skips midnight). */
  dayStart(dayNumber: number): Instant;
}

const clocks = new Map<string, ZoneClock>();

/** A ZoneClock for an IANA zone (memoised); throws INVALID_SETTING for a zone the runtime does not know. */
export function createZoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = buildZoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

function buildZoneClock(zone: string): ZoneClock {
  const iana = IANAZone.create(zone);
  if (!iana.isValid) {
    throw new InviteKeeperError(
      'INVALID_SETTING',
      `invalid setting: timezone "${zone}" is not an IANA time zone`,
    );
  }
  const weekOffsets = new Map<number, { before: number; after: number; switchAt: Instant }>();
  const weekKeys = new Map<number, string>();
  const dayStarts = new Map<number, Instant>();
  const exact = (t: Instant) => iana.offset(t) * 60_000;

  const offsetMs = (t: Instant): number => {
    const w = Math.floor(t / WEEK_MS);
    let cached = weekOffsets.get(w);
    if (cached === undefined) {
      let lo = w * WEEK_MS;
      let hi = lo + WEEK_MS - 1;
      const before = exact(lo);
      const after = exact(hi);
      if (before !== after) {
        // Bisect for the first millisecond with the new offset.
        while (hi - lo > 1) {
          const mid = lo + Math.floor((hi - lo) / 2);
          if (exact(mid) === before) lo = mid;
          else hi = mid;
        }
      }
      cached = { before, after, switchAt: before === after ? lo : hi };
      weekOffsets.set(w, cached);
    }
    return t < cached.switchAt ? cached.before : cached.after;
  };

  const dayNumber = (t: Instant) => Math.floor((t + offsetMs(t)) / DAY_MS);

  return {
    zone,
    offsetMs,
    parts(t) {
      const local = t + offsetMs(t);
      const day = Math.floor(local / DAY_MS);
      const weekday = isoWeekday(day);
      const monday = day - (weekday - 1);
      let isoWeek = weekKeys.get(monday);
      if (isoWeek === undefined) {
        isoWeek = isoWeekKey(monday);
        weekKeys.set(monday, isoWeek);
      }
      return {
        dayNumber: day,
        weekday,
        hour: Math.floor((local - day * DAY_MS) / HOUR_MS),
        isoWeek,
        mondayDayNumber: monday,
      };
    },
    dayNumber,
    dayStart(day) {
      let start = dayStarts.get(day);
      if (start === undefined) {
        const noonUtcGuess = day * DAY_MS + 12 * HOUR_MS;
        const noon = noonUtcGuess - offsetMs(noonUtcGuess);
        start = DateTime.fromMillis(noon, { zone }).startOf('day').toMillis();
        dayStarts.set(day, start);
      }
      return start;
    },
  };
}

/** ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** `YYYY-Www` of the ISO week that starts on the Monday `mondayDayNumber`. */
export function isoWeekKey(mondayDayNumber: number): string {
  const thursday = mondayDayNumber + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of a local day number. */
export function dayNumberToDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

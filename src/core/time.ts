import { DateTime, Duration, Info } from 'luxon';
import { InviteKeeperError } from './errors.ts';

/** Milliseconds since the Unix epoch, UTC. Every instant in the core is one of these. */
export type Instant = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Age in whole days: floor((now - then) / 24 h), never negative. */
export function ageInDays(then: Instant, now: Instant): number {
  return Math.max(0, Math.floor((now - then) / DAY_MS));
}

/** Midnight UTC of the day `t` falls in (the day of a date-only value such as Connected On). */
export function startOfUtcDay(t: Instant): Instant {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** The instant a number of calendar months after `t`, in UTC (Jan 31 + 1 month = Feb 28/29). */
export function addCalendarMonths(t: Instant, months: number): Instant {
  // Plain arithmetic rather than a luxon DateTime: every ledger read asks each invitation for its
  // expiry, so this runs once per invitation per plan (time.test.ts pins it against luxon).
  const d = new Date(t);
  const month = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
  const timeOfDay = t - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(year, m, Math.min(d.getUTCDate(), lastDay)) + timeOfDay;
}

// A DateTime that only computes instants is given a locale: without one, luxon asks Intl for the
// system's, and that first use of Intl costs a command's start tens of milliseconds (the locale
// affects formatting only, never an instant).
const NO_FORMATTING = { locale: 'en-US' } as const;
const ONE_DAY = Duration.fromObject({ days: 1 }, NO_FORMATTING);

/** Midnight that starts the day containing `t` in the IANA time zone `zone`. */
export function startOfDayIn(t: Instant, zone: string): Instant {
  return DateTime.fromMillis(t, { zone, ...NO_FORMATTING })
    .startOf('day')
    .toMillis();
}

/** The next midnight after `t` in the IANA time zone `zone` (where the zone's next day starts). */
export function nextStartOfDayIn(t: Instant, zone: string): Instant {
  return DateTime.fromMillis(t, { zone, ...NO_FORMATTING })
    .plus(ONE_DAY)
    .startOf('day')
    .toMillis();
}

/** Whether `zone` is an IANA time zone the runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    // UTC and fixed offsets need no Intl; an IANA name is looked up by Intl (as luxon's setZone does).
    valid = Info.normalizeZone(zone)?.isValid ?? false;
    // Settings are validated on every use case; the answer for a name never changes.
    if (validZones.size < 1000) validZones.set(zone, valid);
  }
  return valid;
}
const validZones = new Map<string, boolean>();

/** ISO 8601 in UTC with milliseconds, the one format instants leave the program in. */
export function toIso(t: Instant): string {
  return new Date(t).toISOString();
}

/**
 * Reads an ISO 8601 instant as given by a member (`--now`, `--as-of`, `--at`). A time with no zone
 * is UTC, as SPEC section 2 says; a bare date is its midnight UTC.
 */
export function parseInstant(text: string, what = 'time'): Instant {
  const trimmed = text.trim();
  const dt = DateTime.fromISO(trimmed, { zone: 'utc', setZone: true });
  if (!dt.isValid) {
    throw new InviteKeeperError(
      'USAGE',
      `${what} "${text}" is not an ISO 8601 time (for example 2026-11-26 or 2026-11-26T09:30:00Z)`,
    );
  }
  return dt.toMillis();
}

import { IANAZone } from 'luxon';
import { DAY_MS, HOUR_MS, type Instant, MINUTE_MS } from '../core/index.ts';

/**
 * Local-time arithmetic for the model. The simulation asks for local hours tens of thousands of
 * times, so offsets are cached per zone: by 28-day block when constant over it, else by UTC hour (an
 * offset changes only on the hour or half hour in every zone the model uses).
 */

interface ZoneCache {
  zone: IANAZone;
  /** Offset by 28-day block of UTC time when constant over the block; null when it changes within it. */
  byBlock: Map<number, number | null>;
  byHour: Map<number, number>;
}

const caches = new Map<string, ZoneCache>();
const BLOCK = 28 * DAY_MS;

/** The zone's offset from UTC in minutes at `t`. */
export function zoneOffsetMinutes(zone: string, t: Instant): number {
  let cache = caches.get(zone);
  if (!cache) {
    cache = { zone: IANAZone.create(zone), byBlock: new Map(), byHour: new Map() };
    caches.set(zone, cache);
  }
  const block = Math.floor(t / BLOCK);
  let constant = cache.byBlock.get(block);
  if (constant === undefined) {
    // The model's zones change offset at most twice a year, months apart, so equal offsets at both
    // ends of 28 days mean one offset throughout.
    const a = cache.zone.offset(block * BLOCK);
    const b = cache.zone.offset((block + 1) * BLOCK - 1);
    constant = a === b ? a : null;
    cache.byBlock.set(block, constant);
  }
  if (constant !== null) return constant;
  const hour = Math.floor(t / HOUR_MS);
  let offset = cache.byHour.get(hour);
  if (offset === undefined) {
    offset = cache.zone.offset(hour * HOUR_MS);
    cache.byHour.set(hour, offset);
  }
  return offset;
}

export interface LocalTime {
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  /** Days since 1970-01-01 of the local date. */
  localDay: number;
}

/** The wall-clock time at `t` in `zone`. */
export function localTime(t: Instant, zone: string): LocalTime {
  const local = t + zoneOffsetMinutes(zone, t) * MINUTE_MS;
  const localDay = Math.floor(local / DAY_MS);
  const inDay = local - localDay * DAY_MS;
  return {
    weekday: ((((localDay + 3) % 7) + 7) % 7) + 1,
    hour: Math.floor(inDay / HOUR_MS),
    minute: Math.floor((inDay % HOUR_MS) / MINUTE_MS),
    localDay,
  };
}

/** The UTC instant of a wall-clock time (local day number plus milliseconds into it) in `zone`. */
export function fromLocal(localDay: number, msIntoDay: number, zone: string): Instant {
  const local = localDay * DAY_MS + msIntoDay;
  // Two passes settle the offset except inside a DST gap, where any nearby instant will do.
  let t = local - zoneOffsetMinutes(zone, local) * MINUTE_MS;
  t = local - zoneOffsetMinutes(zone, t) * MINUTE_MS;
  return t;
}

import type { Instant } from '../core/index.ts';

/** Arithmetic on instants and on ascending lists of them, for the platform's hot paths. */

/** Index of the first element whose key is > `t` in an ascending list. */
export function firstAfter<T>(
  list: readonly T[],
  t: number,
  key: (x: T) => number = (x) => x as unknown as number,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many of an ascending list fall in (from, to]. */
export function countBetween(sorted: readonly number[], from: number, to: number): number {
  return firstAfter(sorted, to) - firstAfter(sorted, from);
}

/**
 * `t` plus calendar months in UTC, the end of month clamped (Jan 31 + 1 month = Feb 28/29): the
 * same instant as core's addCalendarMonths, without building a date object per invitation.
 */
export function addMonthsUtc(t: Instant, months: number): Instant {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return (
    Date.UTC(targetYear, targetMonth, Math.min(d.getUTCDate(), lastDay)) +
    (t - Date.UTC(y, d.getUTCMonth(), d.getUTCDate()))
  );
}

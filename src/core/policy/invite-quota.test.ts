import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, WEEK_MS } from '../time.ts';
import { checkSendQuota } from './invite-quota.ts';

const T0 = Date.parse('2026-03-02T00:00:00Z'); // a Monday, midnight UTC
const settings = { weeklyInviteLimit: 3, dailyInviteLimit: 2, timezone: 'UTC' };
const sends = (...hours: number[]) => hours.map((h) => ({ sentAt: T0 + h * HOUR_MS }));

describe('checkSendQuota', () => {
  it.each([
    ['an empty ledger', sends(), 10, { ok: true }],
    ['room in the week and the day', sends(1, 30), 50, { ok: true }],
    ['the daily limit', sends(1, 2), 3, { ok: false, limit: 'daily', count: 2 }],
    ['the weekly limit, sends before', sends(1, 30, 60), 100, { ok: false, limit: 'weekly', count: 3 }],
    ['a send that left the window', sends(1, 30, 60), 1 + 7 * 24, { ok: true }],
    // Recorded later by another process: the window ending at the later send would hold four.
    ['the weekly limit, sends after', sends(30, 60, 100), 10, { ok: false, limit: 'weekly', count: 3 }],
    ['later sends beyond the week', sends(10 + 7 * 24, 11 + 7 * 24, 12 + 7 * 24), 10, { ok: true }],
  ])('%s', (_t, ledger, atHours, expected) => {
    expect(checkSendQuota(ledger, T0 + atHours * HOUR_MS, settings)).toMatchObject(expected);
  });

  it('reads the day in the account time zone', () => {
    const tokyo = { ...settings, timezone: 'Asia/Tokyo' };
    // 14:00 and 15:00 UTC are the next Tokyo day (23:00, 00:00 +9 h): 15:00 UTC starts a new day.
    expect(checkSendQuota(sends(14, 14.5), T0 + 15 * HOUR_MS, tokyo)).toEqual({ ok: true });
    expect(checkSendQuota(sends(14, 14.5), T0 + 14.75 * HOUR_MS, tokyo)).toMatchObject({ limit: 'daily' });
  });

  it('keeps every rolling window and day within the limits whatever order sends are recorded in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 * 24 * 4 }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        (quarterHours, weekly, daily) => {
          const s = { weeklyInviteLimit: weekly, dailyInviteLimit: daily, timezone: 'Europe/Berlin' };
          const kept: Array<{ sentAt: number }> = [];
          for (const q of quarterHours) {
            const at = T0 + q * 15 * 60_000;
            if (checkSendQuota(kept, at, s).ok) kept.push({ sentAt: at });
          }
          for (const end of kept.map((k) => k.sentAt)) {
            const inWindow = kept.filter((k) => k.sentAt > end - WEEK_MS && k.sentAt <= end).length;
            expect(inWindow).toBeLessThanOrEqual(weekly);
          }
          const perDay = new Map<string, number>();
          for (const k of kept) {
            const day = new Date(k.sentAt + (isSummer(k.sentAt) ? 2 : 1) * HOUR_MS)
              .toISOString()
              .slice(0, 10);
            perDay.set(day, (perDay.get(day) ?? 0) + 1);
          }
          for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(daily);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Berlin is on summer time (UTC+2) from the last Sunday of March, 01:00 UTC (2026-03-29). */
function isSummer(t: number): boolean {
  return t >= Date.parse('2026-03-29T01:00:00Z') && t < Date.parse('2026-10-25T01:00:00Z');
}

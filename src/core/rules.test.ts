import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { canTransition, expiryBand, invitationAt, transition } from './lifecycle.ts';
import { INVITATION_STATUSES, type InvitationStatus } from './model.ts';
import { canonicalProfileUrl, normalizeName } from './people.ts';
import { activeCooldowns, cooldownEndsAt } from './policy/cooldown.ts';
import { expiresAt, isExpiringWithin } from './policy/expiry.ts';
import { computeQuota } from './policy/invite-quota.ts';
import { countNotesLast30Days } from './policy/note-quota.ts';
import { isTracked } from './policy/observation.ts';
import { assessRisk } from './policy/risk.ts';
import { invitationAgeDays, isMatured, isStale, staleSentUpTo } from './policy/staleness.ts';
import {
  DEFAULT_SETTINGS,
  formatSendWindow,
  parseSendWindow,
  parseSettingText,
  resolveSettings,
} from './settings.ts';
import { inv, NOW } from './testing/builders.ts';
import { addCalendarMonths, ageInDays, DAY_MS, HOUR_MS, parseInstant, startOfDayIn } from './time.ts';

const S = DEFAULT_SETTINGS;

describe('defaults of SPEC section 1', () => {
  it.each([
    ['staleAfterDays', 14],
    ['maxWithdrawalsPerDay', 20],
    ['reinviteCooldownDays', 21],
    ['weeklyInviteLimit', 100],
    ['dailyInviteLimit', 20],
    ['pendingWarnAt', 400],
    ['pendingPauseAt', 500],
    ['lowAcceptanceRate', 0.3],
    ['accountTier', 'free'],
    ['timezone', 'UTC'],
  ] as const)('%s defaults to %s', (key, value) => {
    expect(S[key]).toBe(value);
  });
  it('sends Mon-Fri 09:00-17:00 by default', () => {
    expect(formatSendWindow(S.sendWindow)).toBe('Mon-Fri 09:00-17:00');
  });
});

describe('age in days: floor((now - sentAt) / 24 h)', () => {
  it.each([
    [0, 0],
    [DAY_MS - 1, 0],
    [DAY_MS, 1],
    [14 * DAY_MS - 1, 13],
    [14 * DAY_MS, 14],
    [-HOUR_MS, 0],
  ])('%d ms old is %d days', (delta, days) => {
    expect(ageInDays(NOW - delta, NOW)).toBe(days);
  });
});

describe('staleness', () => {
  it.each([
    [13, 'pending', false],
    [14, 'pending', true],
    [40, 'pending', true],
    [40, 'accepted', false],
    [40, 'withdrawn', false],
  ] as const)('%d days old and %s: stale %s', (age, status, stale) => {
    expect(isStale(inv({ ageDays: age, status }), NOW, S)).toBe(stale);
  });
  it('uses the lower bound of a range (nothing withdrawn early)', () => {
    // "Sent 2 weeks ago": 14 to 20 days; latest possible send is 14 days ago.
    const i = inv({ sentAt: NOW - 14 * DAY_MS, sentAtEarliest: NOW - 21 * DAY_MS + 1 });
    expect(invitationAgeDays(i, NOW)).toBe(14);
    const younger = inv({ sentAt: NOW - 13 * DAY_MS, sentAtEarliest: NOW - 20 * DAY_MS });
    expect(isStale(younger, NOW, S)).toBe(false);
  });
  it.each([
    [13, false],
    [14, true],
  ])('matured at %d days: %s', (age, matured) => {
    expect(isMatured(inv({ ageDays: age }), NOW, S)).toBe(matured);
  });
  it('staleSentUpTo is the exact boundary of isStale, for any threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2080, 0, 1) }),
        fc.integer({ min: 0, max: 60 * DAY_MS }),
        fc.integer({ min: 0, max: 60 }),
        (now, back, staleAfterDays) => {
          const sentAt = now - back;
          const cut = staleSentUpTo(now, { staleAfterDays });
          expect(isStale(inv({ sentAt, status: 'pending' }), now, { staleAfterDays })).toBe(sentAt <= cut);
          expect(isStale(inv({ sentAt: cut, status: 'pending' }), now, { staleAfterDays })).toBe(true);
          if (cut + 1 <= now)
            expect(isStale(inv({ sentAt: cut + 1, status: 'pending' }), now, { staleAfterDays })).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('tracked: known from its sending', () => {
  const since = NOW - 60 * DAY_MS;
  const sent = NOW - 20 * DAY_MS;
  it.each([
    ['recorded by hand', { source: 'manual' as const, firstSeenAt: null }, since, true],
    [
      'listed by an import an hour after sending',
      { source: 'export' as const, firstSeenAt: sent + HOUR_MS },
      since,
      true,
    ],
    [
      'on a Sent page pasted the next day',
      { source: 'sent-page' as const, firstSeenAt: sent + DAY_MS },
      since,
      true,
    ],
    [
      // an export is a history: it lists the accepted ones too
      'first listed by an export 9 days after sending',
      { source: 'export' as const, firstSeenAt: sent + 9 * DAY_MS },
      since,
      true,
    ],
    [
      'listed by an export, sent before tracking began',
      { source: 'export' as const, firstSeenAt: sent + 90 * DAY_MS },
      sent + 90 * DAY_MS,
      true,
    ],
    [
      'first listed by a Sent page 9 days after sending',
      { source: 'sent-page' as const, firstSeenAt: sent + 9 * DAY_MS },
      since,
      false,
    ],
    ['sent before tracking began', { source: 'manual' as const, firstSeenAt: null }, sent + 1, false],
    ['nothing imported or recorded yet', { source: 'manual' as const, firstSeenAt: null }, null, false],
    ['first sighting unknown (not read)', { source: 'export' as const }, since, true],
  ])('%s: %s', (_label, over, trackingSince, tracked) => {
    expect(isTracked(inv({ sentAt: sent, ...over }), trackingSince)).toBe(tracked);
  });
});

describe('expiry after 6 calendar months', () => {
  it.each([
    ['2026-01-31T10:00:00Z', '2026-07-31T10:00:00.000Z'],
    ['2026-08-31T10:00:00Z', '2027-02-28T10:00:00.000Z'],
    ['2027-08-31T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2026-05-26T12:00:00Z', '2026-11-26T12:00:00.000Z'],
  ])('sent %s expires %s', (sent, expiry) => {
    expect(new Date(expiresAt({ sentAt: Date.parse(sent) })).toISOString()).toBe(expiry);
  });
  it('adds calendar months exactly as luxon does, end of month clamped, time of day kept (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.integer({ min: -30, max: 30 }),
        (t, months) => {
          const luxon = DateTime.fromMillis(t, { zone: 'utc' }).plus({ months }).toMillis();
          expect(addCalendarMonths(t, months)).toBe(luxon);
        },
      ),
      { numRuns: 2000 },
    );
    expect(addCalendarMonths(Date.UTC(2026, 7, 31, 9, 30), 6)).toBe(Date.UTC(2027, 1, 28, 9, 30));
    expect(addCalendarMonths(Date.UTC(2027, 7, 31), 6)).toBe(Date.UTC(2028, 1, 29));
  });
  it('expiryBand: sent at or before its start, expired by now; after its end, not (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        (now, back) => {
          const sentAt = now - back;
          const { expiredUpTo, liveAfter } = expiryBand(now);
          if (sentAt <= expiredUpTo) expect(expiresAt({ sentAt })).toBeLessThanOrEqual(now);
          if (sentAt > liveAfter) expect(expiresAt({ sentAt })).toBeGreaterThan(now);
        },
      ),
      { numRuns: 5000 },
    );
    // The band's edges: 6 months are at most 184 days (1 July to 1 January) and at least 181 (31
    // August to 28 February); and inside the band the expired instants are not one interval.
    const jan1 = Date.UTC(2027, 0, 1, 10);
    expect(expiresAt({ sentAt: jan1 - 184 * DAY_MS })).toBe(jan1);
    expect(expiryBand(jan1).expiredUpTo).toBeLessThan(jan1 - 184 * DAY_MS);
    const feb28 = Date.UTC(2027, 1, 28, 10);
    expect(expiresAt({ sentAt: feb28 - 181 * DAY_MS })).toBe(feb28);
    expect(expiryBand(feb28).liveAfter).toBeGreaterThan(feb28 - 181 * DAY_MS);
    expect(expiresAt({ sentAt: Date.UTC(2026, 7, 28, 23) })).toBeGreaterThan(feb28);
    expect(expiresAt({ sentAt: Date.UTC(2026, 7, 29, 0) })).toBeLessThan(feb28);
  });
  it('reads an invitation pending past its 6 months as expired at that moment', () => {
    const i = inv({ sentAt: addCalendarMonths(NOW, -6) });
    expect(invitationAt(i, NOW)?.status).toBe('expired');
    expect(invitationAt(i, NOW - 1)?.status).toBe('pending');
  });
  it.each([
    ['2026-06-09T12:00:00Z', true],
    ['2026-06-10T12:00:00Z', true],
    ['2026-06-10T12:00:01Z', false],
    ['2026-05-26T12:00:00Z', false],
  ])('expiring within 14 days of 2026-11-26 noon (sent %s): %s', (sent, expiring) => {
    expect(isExpiringWithin(inv({ sentAt: Date.parse(sent) }), NOW, 14)).toBe(expiring);
  });
});

describe('lifecycle of SPEC section 2', () => {
  const pairs = INVITATION_STATUSES.flatMap((from) => INVITATION_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s', (from, to) => {
    const allowed = from === 'pending' && to !== 'pending';
    expect(canTransition(from as InvitationStatus, to as InvitationStatus)).toBe(allowed);
    const i = inv({ status: from, statusAt: from === 'pending' ? null : NOW - DAY_MS });
    if (allowed) expect(transition(i, to, NOW).status).toBe(to);
    else expect(() => transition(i, to, NOW)).toThrow(/cannot become/);
  });
  it('sees the ledger as it stood at an earlier now', () => {
    const i = inv({ ageDays: 10, status: 'accepted', statusAt: NOW - 2 * DAY_MS });
    expect(invitationAt(i, NOW)?.status).toBe('accepted');
    expect(invitationAt(i, NOW - 3 * DAY_MS)?.status).toBe('pending');
    expect(invitationAt(i, NOW - 11 * DAY_MS)).toBeNull();
  });
});

describe('re-invite cooldown', () => {
  it.each([
    ['withdrawn', NOW - 20 * DAY_MS, true],
    ['withdrawn', NOW - 21 * DAY_MS, false],
    ['closed', NOW - 5 * DAY_MS, true],
    ['accepted', NOW - 5 * DAY_MS, false],
    ['expired', NOW - 5 * DAY_MS, false],
  ] as const)('%s at %d: in cooldown %s', (status, at, active) => {
    const i = inv({ ageDays: 30, status, statusAt: at });
    expect(activeCooldowns([i], NOW, S).has(i.personKey)).toBe(active);
  });
  it('ends 21 days after the withdrawal', () => {
    expect(cooldownEndsAt({ status: 'withdrawn', statusAt: NOW }, S)).toBe(NOW + 21 * DAY_MS);
  });
  it('keeps the latest end when a person was withdrawn twice', () => {
    const a = inv({ slug: 'x', ageDays: 60, status: 'withdrawn', statusAt: NOW - 40 * DAY_MS });
    const b = inv({ slug: 'x', ageDays: 15, status: 'withdrawn', statusAt: NOW - DAY_MS });
    expect(activeCooldowns([a, b], NOW, S).get(a.personKey)).toBe(NOW + 20 * DAY_MS);
  });
});

describe('quota: rolling 168 hours and the account day', () => {
  it.each([
    [7 * DAY_MS - 1, 1],
    [7 * DAY_MS, 0],
    [0, 1],
  ])('an invitation sent %d ms ago counts %d in the last 7 days', (delta, n) => {
    expect(computeQuota([inv({ sentAt: NOW - delta })], NOW, S).sentLast7Days).toBe(n);
  });
  it('starts today at midnight in the account time zone', () => {
    // NOW is 12:00 UTC = 04:00 in Los Angeles; 07:00 UTC was 23:00 there the day before.
    const sevenAmUtc = inv({ sentAt: NOW - 5 * HOUR_MS });
    const settings = (timezone: string) => ({ ...S, timezone });
    expect(computeQuota([sevenAmUtc], NOW, settings('UTC')).sentToday).toBe(1);
    expect(computeQuota([sevenAmUtc], NOW, settings('America/Los_Angeles')).sentToday).toBe(0);
    expect(startOfDayIn(NOW, 'Europe/Berlin')).toBe(Date.UTC(2026, 10, 25, 23, 0));
  });
  it('computes what may still be sent', () => {
    const sent = Array.from({ length: 95 }, (_, k) => inv({ sentAt: NOW - (k % 6) * DAY_MS - HOUR_MS }));
    const q = computeQuota(sent, NOW, S);
    expect(q.sentLast7Days).toBe(95);
    expect(q.remaining).toBe(5);
    expect(q.sendableNow).toBe(Math.min(5, 20 - q.sentToday));
  });
  it('counts notes of the rolling 30 days', () => {
    const list = [
      inv({ ageDays: 29, note: 'Hi' }),
      inv({ ageDays: 30, note: 'Hi' }),
      inv({ ageDays: 1, note: '  ' }),
      inv({ ageDays: 1, note: null }),
    ];
    expect(countNotesLast30Days(list, NOW)).toBe(1);
  });
});

describe('risk', () => {
  const base = {
    pending: 10,
    trackedMaturedSent: 0,
    trackedMaturedAccepted: 0,
    reportsLast90Days: 0,
    sentLast7Days: 0,
  };
  it.each([
    [{}, 'ok', []],
    [{ pending: 400 }, 'watch', ['PENDING_WARN']],
    [{ pending: 500 }, 'high', ['PENDING_PAUSE']],
    [{ trackedMaturedSent: 29, trackedMaturedAccepted: 0 }, 'ok', []],
    [{ trackedMaturedSent: 30, trackedMaturedAccepted: 8 }, 'watch', ['LOW_ACCEPTANCE']],
    [{ trackedMaturedSent: 30, trackedMaturedAccepted: 4 }, 'high', ['LOW_ACCEPTANCE']],
    [{ trackedMaturedSent: 30, trackedMaturedAccepted: 9 }, 'ok', []],
    [{ reportsLast90Days: 1 }, 'watch', ['REPORTS']],
    [{ reportsLast90Days: 3 }, 'high', ['REPORTS']],
    [{ sentLast7Days: 90 }, 'watch', ['NEAR_WEEKLY_LIMIT']],
    [{ sentLast7Days: 89 }, 'ok', []],
  ] as const)('%o is %s', (over, level, codes) => {
    const r = assessRisk({ ...base, ...over }, S, 30);
    expect(r.level).toBe(level);
    expect(r.factors.map((f) => f.code)).toEqual(codes);
  });
});

describe('settings', () => {
  it.each([
    ['weeklyInviteLimit', '-3', /weeklyInviteLimit/],
    ['weeklyInviteLimit', '5000', /200/],
    ['staleAfterDays', '0', />=1|at least 1|1/],
    ['staleAfterDays', '181', /180/],
    ['accountTier', 'gold', /accountTier/],
    ['timezone', 'Mars/Olympus', /IANA/],
  ])('%s = %s is refused with the range', (key, value, message) => {
    expect(() => resolveSettings(parseSettingText(key, value))).toThrow(message);
  });
  it.each([
    ['lowAcceptanceRate', '25%', { lowAcceptanceRate: 0.25 }],
    ['lowAcceptanceRate', '0.2', { lowAcceptanceRate: 0.2 }],
    ['profile.photo', 'yes', { profile: { photo: true } }],
    [
      'sendWindow',
      'Mon-Fri 8:30-12:00',
      { sendWindow: { days: [1, 2, 3, 4, 5], start: '08:30', end: '12:00' } },
    ],
    ['sendWindow', 'Sat,Sun 10:00-14:00', { sendWindow: { days: [6, 7], start: '10:00', end: '14:00' } }],
  ])('%s = %s', (key, value, expected) => {
    expect(parseSettingText(key, value)).toEqual(expected);
  });
  it('refuses an unknown setting and a window that ends before it starts', () => {
    expect(() => parseSettingText('weeklyLimit', '100')).toThrow(/unknown setting/);
    expect(() => parseSendWindow('Mon-Fri 17:00-09:00')).toThrow(/end after/);
  });
  it('keeps pendingWarnAt at or below pendingPauseAt', () => {
    expect(() => resolveSettings({ pendingWarnAt: 600 })).toThrow(/pendingWarnAt/);
  });
});

describe('canonical profile URLs', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/Jane-Doe/', 'https://www.linkedin.com/in/jane-doe'],
    ['http://linkedin.com/in/jane-doe?trk=abc#x', 'https://www.linkedin.com/in/jane-doe'],
    ['de.linkedin.com/in/jane-doe/', 'https://www.linkedin.com/in/jane-doe'],
    [
      'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-1a2b3c',
      'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-1a2b3c',
    ],
    ['https://www.linkedin.com/in/JÜRGEN', 'https://www.linkedin.com/in/j%C3%BCrgen'],
    ['https://www.linkedin.com/company/acme', null],
    ['https://example.com/in/jane', null],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalProfileUrl(input)).toBe(expected);
  });
  it('normalises names with mis-decoded spaces', () => {
    expect(normalizeName('  Jane\u00a0 DOE ')).toBe('jane doe');
    expect(normalizeName('JaneÂ Doe')).toBe('jane doe');
  });
});

describe('time input', () => {
  it.each([
    ['2026-11-26', Date.UTC(2026, 10, 26)],
    ['2026-11-26T09:30:00Z', Date.UTC(2026, 10, 26, 9, 30)],
    ['2026-11-26T09:30:00', Date.UTC(2026, 10, 26, 9, 30)],
    ['2026-11-26T10:30:00+01:00', Date.UTC(2026, 10, 26, 9, 30)],
  ])('%s', (text, t) => {
    expect(parseInstant(text)).toBe(t);
  });
  it('refuses what is not a time', () => {
    expect(() => parseInstant('yesterday')).toThrow(/ISO 8601/);
  });
});

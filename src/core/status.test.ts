import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import { computeStatus, type StatusInput } from './status.ts';
import { inv, NOW } from './testing/builders.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

function status(over: Partial<StatusInput>) {
  return computeStatus({
    account: 'default',
    now: NOW,
    settings: DEFAULT_SETTINGS,
    invitations: [],
    // some connection is known, so accepted and pending can be told apart (see acceptedUnknown)
    connectionCount: 100,
    reports: [],
    trackingSince: null,
    lastImportAt: NOW - DAY_MS,
    ...over,
  });
}

describe('computeStatus (SPEC section 7)', () => {
  it('has exactly the keys of the contract', () => {
    const { details: _d, ...s } = status({});
    expect(Object.keys(s)).toEqual([
      'asOf',
      'account',
      'pending',
      'quota',
      'notes',
      'acceptance',
      'cooldowns',
      'risk',
      'warnings',
    ]);
    expect(Object.keys(s.pending)).toEqual(['count', 'stale', 'oldestAgeDays', 'expiringWithin14Days']);
    expect(Object.keys(s.quota)).toEqual([
      'weeklyLimit',
      'sentLast7Days',
      'remaining',
      'dailyLimit',
      'sentToday',
    ]);
    expect(Object.keys(s.notes)).toEqual(['maxChars', 'monthlyLimit', 'usedLast30Days']);
    expect(Object.keys(s.acceptance)).toEqual(['sent', 'accepted', 'rate', 'maturedSent', 'maturedRate']);
    expect(s.pending.oldestAgeDays).toBeNull();
    expect(s.acceptance.rate).toBeNull();
    expect(s.risk).toEqual({ level: 'ok', reasons: [] });
  });

  it('counts pending, stale, oldest, expiring, quota, notes, acceptance and cooldowns', () => {
    const s = status({
      invitations: [
        inv({ ageDays: 2, note: 'Hi Ann' }),
        inv({ ageDays: 15 }),
        inv({ sentAt: Date.parse('2026-06-01T00:00:00Z') }), // expires 2026-12-01, within 14 days
        inv({ ageDays: 40, status: 'accepted', statusAt: NOW - 35 * DAY_MS }),
        inv({ ageDays: 30, status: 'withdrawn', statusAt: NOW - 10 * DAY_MS }),
        inv({ ageDays: 5, status: 'accepted', statusAt: NOW - HOUR_MS, note: 'Hello' }),
        inv({ sentAt: NOW + DAY_MS }), // not sent yet at NOW
      ],
    });
    expect(s.pending).toEqual({ count: 3, stale: 2, oldestAgeDays: 178, expiringWithin14Days: 1 });
    expect(s.quota).toEqual({
      weeklyLimit: 100,
      sentLast7Days: 2,
      remaining: 98,
      dailyLimit: 20,
      sentToday: 0,
    });
    expect(s.notes).toEqual({ maxChars: 200, monthlyLimit: 5, usedLast30Days: 2 });
    expect(s.acceptance).toEqual({ sent: 6, accepted: 2, rate: 2 / 6, maturedSent: 4, maturedRate: 1 / 4 });
    expect(s.cooldowns.active).toBe(1);
  });

  it('shows premium notes as unlimited and 300 characters', () => {
    const s = status({ settings: { ...DEFAULT_SETTINGS, accountTier: 'premium' } });
    expect(s.notes).toEqual({ maxChars: 300, monthlyLimit: null, usedLast30Days: 0 });
  });

  it('judges a low acceptance rate only on invitations sent since tracking began', () => {
    // first seen on a Sent page, which lists pending invitations only
    const old = Array.from({ length: 40 }, () => inv({ ageDays: 60, source: 'sent-page' }));
    const before = status({ invitations: old, trackingSince: NOW - 30 * DAY_MS });
    expect(before.acceptance.maturedRate).toBe(0);
    expect(before.risk.level).toBe('ok');
    expect(before.warnings.map((w) => w.code)).toContain('ACCEPTANCE_PARTLY_OBSERVED');
    const tracked = Array.from({ length: 40 }, (_, k) =>
      inv({ ageDays: 20, ...(k < 4 ? { status: 'accepted' as const, statusAt: NOW - 15 * DAY_MS } : {}) }),
    );
    const after = status({ invitations: tracked, trackingSince: NOW - 30 * DAY_MS });
    expect(after.risk.level).toBe('high');
    expect(after.warnings.map((w) => w.code)).toContain('LOW_ACCEPTANCE');
  });

  it('reads the acceptance of invitations an export listed, whenever they were sent (an export is a history)', () => {
    const exported = Array.from({ length: 40 }, (_, k) =>
      inv({ ageDays: 60, ...(k < 4 ? { status: 'accepted' as const, statusAt: NOW - 59 * DAY_MS } : {}) }),
    );
    const s = status({ invitations: exported, trackingSince: NOW - DAY_MS });
    expect(s.acceptance.maturedRate).toBe(0.1);
    expect(s.details.trackedMaturedSent).toBe(40);
    expect(s.details.fromExports).toBe(40);
    expect(s.warnings.map((w) => w.code)).toContain('LOW_ACCEPTANCE');
    expect(s.warnings.map((w) => w.code)).not.toContain('ACCEPTANCE_PARTLY_OBSERVED');
  });

  it('says accepted and pending cannot be told apart when no connection is known', () => {
    const exported = Array.from({ length: 40 }, () => inv({ ageDays: 60 }));
    const s = status({ invitations: exported, connectionCount: 0, trackingSince: NOW - DAY_MS });
    expect(s.details.acceptedUnknown).toBe(true);
    expect(s.acceptance).toMatchObject({ sent: 40, accepted: 0, rate: null, maturedRate: null });
    expect(s.warnings[0]?.code).toBe('ACCEPTED_UNKNOWN');
    // nor a call to withdraw what the plan will not list
    expect(s.warnings.map((w) => w.code)).not.toContain('STALE_PENDING');
    // no false alarm from a rate nobody can read
    expect(s.warnings.map((w) => w.code)).not.toContain('LOW_ACCEPTANCE');
    // a Sent page lists pending invitations only: without connections nothing is in doubt
    const paged = status({
      invitations: exported.map((i) => ({ ...i, source: 'sent-page' as const })),
      connectionCount: 0,
    });
    expect(paged.details.acceptedUnknown).toBe(false);
  });

  it('pauses and warns by pending load', () => {
    const many = (n: number) => Array.from({ length: n }, () => inv({ ageDays: 3 }));
    expect(status({ invitations: many(400) }).risk.level).toBe('watch');
    const paused = status({ invitations: many(500) });
    expect(paused.risk.level).toBe('high');
    expect(paused.details.paused).toBe(true);
    expect(paused.details.sendableNow).toBe(0);
    expect(paused.warnings[0]?.code).toBe('SENDING_PAUSED');
  });

  it('warns about reports, the connection cap, out-of-date data and an empty ledger', () => {
    const s = status({
      reports: [{ personKey: 'x', at: NOW - DAY_MS }],
      connectionCount: 30_000,
      lastImportAt: NOW - 10 * DAY_MS,
    });
    expect(s.warnings.map((w) => w.code)).toEqual(['REPORTS', 'AT_CONNECTION_CAP', 'DATA_OUT_OF_DATE']);
    expect(status({ lastImportAt: null }).warnings.map((w) => w.code)).toEqual(['NO_DATA']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Invitation } from '../model.ts';
import { resolveSettings, type Settings } from '../settings.ts';
import { history, inv, NOW, plan, target } from '../testing/send-plan.ts';
import { DAY_MS, HOUR_MS } from '../time.ts';
import { scoreTarget } from './sends.ts';

describe('planSends: the allowance', () => {
  const targets = Array.from({ length: 30 }, (_, i) => target(`t-${String(i).padStart(2, '0')}`));
  const tokyo = resolveSettings({ timezone: 'Asia/Tokyo' });
  it.each<[string, Settings, Invitation[], number]>([
    ['fresh account: the daily limit', resolveSettings({}), [], 20],
    ['daily limit below weekly', resolveSettings({ dailyInviteLimit: 7 }), [], 7],
    [
      '95 sent this week (before today): 5 left',
      resolveSettings({}),
      history(95, NOW - 6 * DAY_MS, NOW - DAY_MS),
      5,
    ],
    [
      '100 sent, the oldest exactly 168 h ago: it no longer counts',
      resolveSettings({}),
      [...history(99, NOW - 6 * DAY_MS, NOW - DAY_MS), inv('edge', { sentAt: NOW - 168 * HOUR_MS })],
      1,
    ],
    [
      '100 sent, the oldest 168 h minus 1 ms ago: it still counts',
      resolveSettings({}),
      [...history(99, NOW - 6 * DAY_MS, NOW - DAY_MS), inv('edge', { sentAt: NOW - 168 * HOUR_MS + 1 })],
      0,
    ],
    // NOW is 21:00 in Tokyo; Tokyo's day began at 15:00 UTC the day before.
    [
      'Tokyo: 5 sent at its midnight count for today',
      tokyo,
      history(5, Date.UTC(2026, 10, 25, 15), Date.UTC(2026, 10, 25, 15)),
      15,
    ],
    [
      'Tokyo: 5 sent 1 ms before its midnight count for yesterday',
      tokyo,
      history(5, Date.UTC(2026, 10, 25, 15) - 1, Date.UTC(2026, 10, 25, 15) - 1),
      20,
    ],
    [
      'UTC: the same 5 sends are today',
      resolveSettings({}),
      history(5, Date.UTC(2026, 10, 25, 15) - 1, Date.UTC(2026, 10, 25, 15) - 1),
      20,
    ],
    [
      'UTC: 5 sent this morning',
      resolveSettings({}),
      history(5, Date.UTC(2026, 10, 26, 0), Date.UTC(2026, 10, 26, 11)),
      15,
    ],
    [
      'manual sends count like exported ones',
      resolveSettings({ dailyInviteLimit: 3 }),
      [
        inv('m1', { source: 'manual', sentAt: NOW - HOUR_MS }),
        inv('m2', { source: 'sent-page', sentAt: NOW - HOUR_MS }),
      ],
      1,
    ],
    ['weekly limit 0', resolveSettings({ weeklyInviteLimit: 0 }), [], 0],
  ])('%s', (_label, settings, invitations, sendable) => {
    const p = plan({ settings, invitations, targets });
    expect(p.details.sendable).toBe(sendable);
    expect(p.sends).toHaveLength(sendable);
    expect(p.skipped).toHaveLength(targets.length - sendable);
    for (const s of p.skipped) expect(s.reason).toBe('QUOTA');
  });

  it.each([
    ['pending at the pause threshold', 3, 3, 500, 'PAUSED'],
    ['pending just below it', 2, 3, 500, null],
    ['the member at 30,000 connections', 0, 3, 30_000, 'AT_CONNECTION_CAP'],
  ] as const)('%s', (_label, pendingCount, pauseAt, memberConnections, reason) => {
    const invitations = Array.from({ length: pendingCount }, (_, i) =>
      inv(`p-${i}`, { sentAt: NOW - 3 * DAY_MS }),
    );
    const p = plan({
      settings: resolveSettings({ pendingWarnAt: 1, pendingPauseAt: pauseAt }),
      invitations,
      targets: targets.slice(0, 4),
      connectionCount: memberConnections,
    });
    if (reason === null) {
      expect(p.sends).toHaveLength(4);
      expect(p.details.paused).toBe(false);
    } else {
      expect(p.sends).toEqual([]);
      expect(p.details.sendable).toBe(0);
      expect(p.skipped.map((s) => s.reason)).toEqual([reason, reason, reason, reason]);
    }
  });
});

describe('planSends: ranking', () => {
  it.each([
    [{ mutualConnections: 3, relation: 'colleague', addedAt: NOW - 12 * DAY_MS }, 34_012],
    [{ mutualConnections: 0, relation: null, addedAt: NOW }, 0],
    [{ mutualConnections: null, relation: 'other', addedAt: NOW - 5000 * DAY_MS }, 1_999],
    [{ mutualConnections: 50_000, relation: 'alumni', addedAt: NOW - DAY_MS }, 99_993_001],
    [{ mutualConnections: -4, relation: 'industry-peer', addedAt: NOW + DAY_MS }, 2_000],
  ] as const)('score of %j is %i', (t, score) => {
    expect(scoreTarget(t, NOW)).toBe(score);
  });

  it('orders by mutual connections, then relation, then time in queue, then URL', () => {
    const ts = [
      target('z-unknown-rel', { mutualConnections: 5 }),
      target('peer-old', { mutualConnections: 2, relation: 'industry-peer', addedAt: NOW - 90 * DAY_MS }),
      target('colleague-new', { mutualConnections: 2, relation: 'colleague', addedAt: NOW }),
      target('alumni', { mutualConnections: 2, relation: 'alumni', addedAt: NOW - DAY_MS }),
      target('other', { mutualConnections: 2, relation: 'other', addedAt: NOW - 500 * DAY_MS }),
      target('no-rel', { mutualConnections: 2, addedAt: NOW - 900 * DAY_MS }),
      target('peer-older', { mutualConnections: 2, relation: 'industry-peer', addedAt: NOW - 91 * DAY_MS }),
      target('b-tie', { mutualConnections: 1, addedAt: NOW - 3 * DAY_MS }),
      target('a-tie', { mutualConnections: 1, addedAt: NOW - 3 * DAY_MS }),
      target('a-tie-older', { mutualConnections: 1, addedAt: NOW - 3 * DAY_MS - 1 }),
      target(null, { name: 'Name Only', mutualConnections: 1, addedAt: NOW - 3 * DAY_MS }),
      target('many-mutual-far-down-alphabet', { mutualConnections: 6 }),
    ];
    const p = plan({ targets: ts, settings: resolveSettings({ dailyInviteLimit: 100 }) });
    expect(p.sends.map((s) => s.name)).toEqual([
      'many mutual far down alphabet',
      'z unknown rel',
      'colleague new',
      'alumni',
      'peer older',
      'peer old',
      'other',
      'no rel',
      'a tie older',
      'a tie',
      'b tie',
      'Name Only',
    ]);
    const scores = p.sends.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

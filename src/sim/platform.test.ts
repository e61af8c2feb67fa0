import { describe, expect, it } from 'vitest';
import { addCalendarMonths, DAY_MS, HOUR_MS } from '../core/index.ts';
import {
  acceptanceProbability,
  arrivalBand,
  DEFAULT_NOTE,
  isPersonalNote,
  reportProbability,
} from './behaviour.ts';
import { addMonthsUtc } from './instants.ts';
import { PLATFORM_PARAMS, resolveParams } from './params.ts';
import type { Platform } from './platform.ts';
import type { SendRefusal, SendResult } from './platform-records.ts';
import { ALWAYS_ACCEPTS, ALWAYS_REPORTS, NEVER_ACCEPTS, T0, testMember, testPlatform } from './testing.ts';

const url = (id: number) => testMember(id).profileUrl;
const members = (n: number, overrides = NEVER_ACCEPTS) =>
  Array.from({ length: n }, (_, i) => testMember(i, overrides));
const note = (n: number) => 'x'.repeat(n);

function sendAll(p: Platform, ids: number[], at: number, withNote: string | null = null): SendResult[] {
  return ids.map((id, i) => p.send(url(id), withNote, at + i * 1000));
}

describe('the platform refuses a send', () => {
  const cases: { reason: SendRefusal; why: string; run: () => SendResult }[] = [
    {
      reason: 'UNKNOWN_RECIPIENT',
      why: 'no member has that profile URL',
      run: () => testPlatform(members(1)).send('https://www.linkedin.com/in/nobody-here', null, T0),
    },
    {
      reason: 'WEEKLY_LIMIT',
      why: 'the rolling 7-day limit is used up',
      run: () => {
        const p = testPlatform(members(4), { params: { limits: { weeklyInvites: 3 } } });
        sendAll(p, [0, 1, 2], T0);
        return p.send(url(3), null, T0 + 6 * DAY_MS);
      },
    },
    {
      reason: 'ALREADY_CONNECTED',
      why: 'they are connected',
      run: () =>
        testPlatform(members(1), { connections: [{ memberId: 0, connectedOn: T0 - DAY_MS }] }).send(
          url(0),
          null,
          T0,
        ),
    },
    {
      reason: 'ALREADY_PENDING',
      why: 'an invitation to them is pending',
      run: () => {
        const p = testPlatform(members(1));
        p.send(url(0), null, T0);
        return p.send(url(0), null, T0 + DAY_MS);
      },
    },
    {
      reason: 'ALREADY_PENDING',
      why: 'they invited the sender and it is pending',
      run: () => {
        const p = testPlatform(members(1), {
          params: { incoming: { senderAcceptShare: 0 } },
          incoming: [{ memberId: 0, sentAt: T0 + HOUR_MS, note: null }],
        });
        return p.send(url(0), null, T0 + DAY_MS);
      },
    },
    {
      reason: 'REINVITE_WAIT',
      why: 'they were withdrawn a millisecond under 21 days ago',
      run: () => {
        const p = testPlatform(members(1));
        p.send(url(0), null, T0);
        p.withdraw(url(0), T0 + DAY_MS);
        return p.send(url(0), null, T0 + DAY_MS + 21 * DAY_MS - 1);
      },
    },
    {
      reason: 'NOTE_TOO_LONG',
      why: 'a free note has 201 characters',
      run: () => testPlatform(members(1)).send(url(0), note(201), T0),
    },
    {
      reason: 'NOTE_TOO_LONG',
      why: 'a premium note has 301 characters',
      run: () => testPlatform(members(1), { sender: { tier: 'premium' } }).send(url(0), note(301), T0),
    },
    {
      reason: 'NOTE_QUOTA',
      why: 'a free account attached 5 notes in the last 30 days',
      run: () => {
        const p = testPlatform(members(6));
        sendAll(p, [0, 1, 2, 3, 4], T0, 'Hi, we met at the meetup');
        return p.send(url(5), 'Hi again', T0 + 30 * DAY_MS - 1);
      },
    },
    {
      reason: 'RESTRICTED',
      why: 'too many invitations are pending',
      run: () => {
        const p = testPlatform(members(4), { params: { restriction: { pendingAt: 3 } } });
        sendAll(p, [0, 1, 2], T0);
        return p.send(url(3), null, T0 + HOUR_MS);
      },
    },
    {
      reason: 'RECIPIENT_BLOCKED',
      why: 'they reported the sender before',
      run: () => {
        const p = testPlatform([testMember(0, ALWAYS_REPORTS)]);
        p.send(url(0), null, T0);
        p.advanceTo(T0 + 60 * DAY_MS);
        p.withdraw(url(0), T0 + 60 * DAY_MS);
        return p.send(url(0), null, T0 + 90 * DAY_MS);
      },
    },
    {
      reason: 'SENDER_AT_CAP',
      why: 'the sender has the maximum number of connections',
      run: () =>
        testPlatform(members(3), {
          params: { limits: { connectionCap: 2 } },
          connections: [
            { memberId: 0, connectedOn: T0 - DAY_MS },
            { memberId: 1, connectedOn: T0 - DAY_MS },
          ],
        }).send(url(2), null, T0),
    },
  ];

  it.each(cases)('$reason when $why', ({ reason, run }) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('logs every refusal with its time and reason', () => {
    const p = testPlatform(members(1));
    p.send(url(0), null, T0);
    p.send(url(0), null, T0 + 5);
    expect(p.refusals).toEqual([{ at: T0 + 5, profileUrl: url(0), memberId: 0, reason: 'ALREADY_PENDING' }]);
  });
});

describe('what the platform allows', () => {
  it('the weekly limit is rolling: a slot frees 7 days after the send that used it', () => {
    const p = testPlatform(members(4), { params: { limits: { weeklyInvites: 3 } } });
    sendAll(p, [0, 1, 2], T0);
    const early = p.send(url(3), null, T0 + 7 * DAY_MS - 1);
    expect(early).toMatchObject({ ok: false, reason: 'WEEKLY_LIMIT', until: T0 + 7 * DAY_MS });
    expect(p.send(url(3), null, T0 + 7 * DAY_MS).ok).toBe(true);
  });

  it('re-inviting works again exactly 21 days after the withdrawal', () => {
    const p = testPlatform(members(1));
    p.send(url(0), null, T0);
    p.withdraw(url(0), T0 + DAY_MS);
    expect(p.send(url(0), null, T0 + 22 * DAY_MS).ok).toBe(true);
  });

  it.each([
    ['free', 200],
    ['premium', 300],
  ] as const)('a %s note of exactly %i characters goes, emoji counted as one', (tier, n) => {
    const p = testPlatform(members(2), { sender: { tier } });
    expect(p.send(url(0), note(n), T0).ok).toBe(true);
    expect(p.send(url(1), `${note(n - 1)}🙂`, T0 + 1).ok).toBe(true);
  });

  it('free notes come back 30 days after use; a send without a note still goes meanwhile', () => {
    const p = testPlatform(members(8));
    sendAll(p, [0, 1, 2, 3, 4], T0, DEFAULT_NOTE);
    expect(p.send(url(5), null, T0 + DAY_MS).ok).toBe(true);
    expect(p.send(url(6), '   ', T0 + DAY_MS + 1).ok).toBe(true);
    expect(p.send(url(7), 'Hi', T0 + 30 * DAY_MS).ok).toBe(true);
  });

  it('premium notes are unlimited', () => {
    const p = testPlatform(members(12), { sender: { tier: 'premium' } });
    expect(sendAll(p, [...Array(12).keys()], T0, 'Hi there').every((r) => r.ok)).toBe(true);
  });

  it('an expired invitation does not start the re-invite wait', () => {
    const p = testPlatform(members(1));
    p.send(url(0), null, T0);
    const expiry = addCalendarMonths(T0, 6);
    expect(p.send(url(0), null, expiry).ok).toBe(true);
  });
});

describe('lifecycle', () => {
  it('accept: at the first visit, the sender is connected and notified', () => {
    const p = testPlatform([testMember(0, ALWAYS_ACCEPTS)]);
    const r = p.send(url(0), null, T0);
    p.advanceTo(T0 + 60 * DAY_MS);
    expect(r.ok && r.invitation.status).toBe('accepted');
    const inv = p.invitations[0]!;
    expect(inv.statusAt).toBeGreaterThan(T0);
    expect(p.acceptances).toEqual([{ invitationId: 1, at: inv.statusAt }]);
    expect(p.connections).toEqual([{ memberId: 0, connectedOn: inv.statusAt, via: 'outgoing' }]);
  });

  it('ignore: stays pending for the sender until the platform withdraws it after 6 calendar months', () => {
    const p = testPlatform([testMember(0, NEVER_ACCEPTS)]);
    const sentAt = Date.UTC(2026, 0, 31, 10);
    p.advanceTo(sentAt);
    p.send(url(0), null, sentAt);
    const expiry = addCalendarMonths(sentAt, 6);
    expect(expiry).toBe(Date.UTC(2026, 6, 31, 10));
    p.advanceTo(expiry - 1);
    expect(p.invitations[0]!.status).toBe('pending');
    p.advanceTo(expiry);
    expect(p.invitations[0]).toMatchObject({ status: 'expired', statusAt: expiry });
    expect(p.pending).toBe(0);
  });

  it('report: stays pending for the sender (they are not told), blocks re-invites, counts towards restriction', () => {
    const p = testPlatform([testMember(0, ALWAYS_REPORTS)]);
    p.send(url(0), null, T0);
    p.advanceTo(T0 + 30 * DAY_MS);
    const inv = p.invitations[0]!;
    expect(inv.status).toBe('pending');
    expect(inv.reportedAt).not.toBeNull();
    expect(p.reports).toEqual([{ invitationId: 1, at: inv.reportedAt }]);
    expect(inv.reminders).toEqual([]);
  });

  it('a recipient at 30,000 connections cannot accept; at 29,999 they can', () => {
    const p = testPlatform([
      testMember(0, { ...ALWAYS_ACCEPTS, connectionCount: 30_000 }),
      testMember(1, { ...ALWAYS_ACCEPTS, connectionCount: 29_999 }),
    ]);
    sendAll(p, [0, 1], T0);
    p.advanceTo(T0 + 170 * DAY_MS);
    expect(p.invitations.map((i) => i.status)).toEqual(['pending', 'accepted']);
    expect(p.invitations[0]!.acceptProbability).toBe(0);
  });

  it.each([
    { withdrawDay: null, reminders: [7, 21] },
    { withdrawDay: 10, reminders: [7] },
    { withdrawDay: 3, reminders: [] },
  ])(
    'reminders at days 7 and 21 only while pending (withdrawn on day $withdrawDay)',
    ({ withdrawDay, reminders }) => {
      const p = testPlatform([testMember(0, NEVER_ACCEPTS)], {
        params: { reminders: { afterDays: [7, 21, 35, 60] } },
      });
      p.send(url(0), null, T0);
      if (withdrawDay !== null) p.withdraw(url(0), T0 + withdrawDay * DAY_MS);
      p.advanceTo(T0 + 170 * DAY_MS);
      expect(p.invitations[0]!.reminders).toEqual(reminders.map((d) => T0 + d * DAY_MS));
    },
  );

  it('reminders raise acceptance a bit', () => {
    const share = (afterDays: number[]) => {
      const ms = Array.from({ length: 600 }, (_, i) => testMember(i, { propensity: 0.3 }));
      const p = testPlatform(ms, { params: { reminders: { afterDays }, limits: { weeklyInvites: 1000 } } });
      sendAll(p, [...ms.keys()], T0);
      p.advanceTo(T0 + 90 * DAY_MS);
      return p.invitations.filter((i) => i.status === 'accepted').length / ms.length;
    };
    const without = share([]);
    const withReminders = share([7, 21]);
    expect(withReminders).toBeGreaterThan(without + 0.02);
    expect(withReminders).toBeLessThan(without + 0.2);
  });

  it.each([
    ['accepted', ALWAYS_ACCEPTS],
    ['never invited', NEVER_ACCEPTS],
  ] as const)('withdrawing an invitation that is not pending (%s) is refused', (what, behaviour) => {
    const p = testPlatform([testMember(0, behaviour)]);
    if (what === 'accepted') p.send(url(0), null, T0);
    p.advanceTo(T0 + 30 * DAY_MS);
    expect(p.withdraw(url(0), T0 + 30 * DAY_MS)).toEqual({ ok: false, reason: 'NOT_PENDING' });
  });

  it('the clock never goes back', () => {
    const p = testPlatform(members(1));
    p.advanceTo(T0 + DAY_MS);
    expect(() => p.send(url(0), null, T0)).toThrow(/cannot go back/);
  });

  it('the calendar-month arithmetic is core’s', () => {
    const differ: number[] = [];
    for (let t = Date.UTC(2024, 0, 1, 3, 17); t < Date.UTC(2028, 0, 1); t += 37 * HOUR_MS + 11 * 60_000) {
      if (addMonthsUtc(t, 6) !== addCalendarMonths(t, 6)) differ.push(t);
    }
    expect(differ).toEqual([]);
    expect(addMonthsUtc(Date.UTC(2026, 7, 31, 9), 6)).toBe(Date.UTC(2027, 1, 28, 9));
  });
});

describe('restriction', () => {
  it('lasts about a week; withdrawing does not lift it; the next attempt after it re-checks the rule', () => {
    const p = testPlatform(members(5), { params: { restriction: { pendingAt: 3 } } });
    sendAll(p, [0, 1, 2], T0);
    const first = p.send(url(3), null, T0 + HOUR_MS);
    expect(first).toMatchObject({ ok: false, reason: 'RESTRICTED', restriction: { reason: 'PENDING' } });
    expect(p.restrictions[0]!.until - p.restrictions[0]!.from).toBe(7 * DAY_MS);
    for (const id of [0, 1, 2]) expect(p.withdraw(url(id), T0 + 2 * HOUR_MS).ok).toBe(true);
    expect(p.send(url(3), null, T0 + 3 * HOUR_MS)).toMatchObject({ ok: false, reason: 'RESTRICTED' });
    expect(p.send(url(3), null, T0 + HOUR_MS + 7 * DAY_MS).ok).toBe(true);
    expect(p.restrictions).toHaveLength(1);
  });

  it('comes back at once when the rule still holds after it ends', () => {
    const p = testPlatform(members(4), { params: { restriction: { pendingAt: 3 } } });
    sendAll(p, [0, 1, 2], T0);
    p.send(url(3), null, T0 + HOUR_MS);
    p.send(url(3), null, T0 + HOUR_MS + 7 * DAY_MS);
    expect(p.restrictions.map((r) => r.from)).toEqual([T0 + HOUR_MS, T0 + HOUR_MS + 7 * DAY_MS]);
  });

  it.each([
    { sample: 6, expected: 'LOW_ACCEPTANCE' },
    { sample: 4, expected: null },
  ])(
    'a low acceptance rate over $sample matured invitations restricts: $expected',
    ({ sample, expected }) => {
      const p = testPlatform(members(sample + 1), {
        params: { restriction: { rateMinSample: 5, minAcceptanceRate: 0.3 } },
      });
      sendAll(p, [...Array(sample).keys()], T0);
      expect(p.restrictionTrigger(T0 + 13 * DAY_MS)).toBeNull();
      p.advanceTo(T0 + 15 * DAY_MS);
      expect(p.restrictionTrigger(T0 + 15 * DAY_MS)).toBe(expected);
    },
  );

  it('withdrawn invitations leave the acceptance-rate sample', () => {
    const p = testPlatform(members(6), {
      params: { restriction: { rateMinSample: 5, minAcceptanceRate: 0.3 } },
    });
    sendAll(p, [0, 1, 2, 3, 4, 5], T0);
    p.withdraw(url(0), T0 + 14 * DAY_MS);
    p.withdraw(url(1), T0 + 14 * DAY_MS);
    p.advanceTo(T0 + 15 * DAY_MS);
    expect(p.maturedAcceptance(T0 + 15 * DAY_MS)).toEqual({ sample: 4, accepted: 0 });
    expect(p.restrictionTrigger(T0 + 15 * DAY_MS)).toBeNull();
  });

  it.each([
    { reports: 2, share: 0, expected: 'REPORTS' },
    { reports: 1, share: 0, expected: null },
    { reports: 2, share: 0.9, expected: null },
  ])('$reports reports with share $share restrict: $expected', ({ reports, share, expected }) => {
    const ms = [
      ...Array.from({ length: reports }, (_, i) => testMember(i, ALWAYS_REPORTS)),
      testMember(reports, NEVER_ACCEPTS),
    ];
    const p = testPlatform(ms, { params: { restriction: { reportsAt: 2, reportShare: share } } });
    sendAll(p, [...ms.keys()], T0);
    p.advanceTo(T0 + 25 * DAY_MS);
    expect(p.reports).toHaveLength(reports);
    expect(p.restrictionTrigger(T0 + 25 * DAY_MS)).toBe(expected);
    // Reports older than the window no longer count.
    p.advanceTo(T0 + 100 * DAY_MS);
    expect(p.restrictionTrigger(T0 + 100 * DAY_MS)).toBeNull();
  });
});

describe('recipients answer by the documented factors', () => {
  const params = resolveParams();
  const base = testMember(0, { propensity: 0.5, reportPropensity: 1 });
  const monday10 = Date.UTC(2026, 0, 5, 10);
  const ctx: { note: string | null; senderCompleteness: number; sentAt: number } = {
    note: null,
    senderCompleteness: 1,
    sentAt: monday10,
  };
  const p = (m: Partial<typeof base>, c: Partial<typeof ctx> = {}) =>
    acceptanceProbability({ ...base, ...m }, { ...ctx, ...c }, params);
  const q = (m: Partial<typeof base>, c: Partial<typeof ctx> = {}) =>
    reportProbability({ ...base, ...m }, { ...ctx, ...c }, params);

  it.each([
    ['more mutual connections', p({ mutualConnections: 20 }), p({ mutualConnections: 0 })],
    ['a colleague over an alumnus', p({ relation: 'colleague' }), p({ relation: 'alumni' })],
    ['an alumnus over an industry peer', p({ relation: 'alumni' }), p({ relation: 'industry-peer' })],
    ['an industry peer over someone else', p({ relation: 'industry-peer' }), p({ relation: 'other' })],
    ['a personal note', p({}, { note: 'Hi Ana, loved your talk' }), p({})],
    ['a complete own profile', p({}), p({}, { senderCompleteness: 0 })],
    ['working hours over a Saturday', p({}), p({}, { sentAt: Date.UTC(2026, 0, 10, 10) })],
    [
      'a Saturday over the night',
      p({}, { sentAt: Date.UTC(2026, 0, 10, 10) }),
      p({}, { sentAt: Date.UTC(2026, 0, 5, 3) }),
    ],
  ])('acceptance is higher with %s', (_what, higher, lower) => {
    expect(higher).toBeGreaterThan(lower);
  });

  it('the default note is no personal note', () => {
    expect(isPersonalNote(DEFAULT_NOTE)).toBe(false);
    expect(isPersonalNote("I'd like to add you to my professional network")).toBe(false);
    expect(isPersonalNote('  ')).toBe(false);
    expect(p({}, { note: DEFAULT_NOTE })).toBe(p({}));
  });

  it('the arrival hour is the recipient’s local hour', () => {
    expect(arrivalBand(Date.UTC(2026, 0, 5, 15), 'America/New_York')).toBe('workHours');
    expect(arrivalBand(Date.UTC(2026, 0, 5, 15), 'Asia/Tokyo')).toBe('night');
    expect(arrivalBand(Date.UTC(2026, 0, 5, 19), 'Europe/Berlin')).toBe('awake');
  });

  it.each([
    ['no mutual connection', q({ mutualConnections: 0 }), q({})],
    ['a stranger', q({ relation: 'other' }), q({ relation: 'colleague' })],
    ['no note', q({}), q({}, { note: 'Hi Ana, we met at the summit' })],
  ])('reports are likelier with %s', (_what, higher, lower) => {
    expect(higher).toBeGreaterThan(lower);
  });

  it('no probability exceeds the documented cap', () => {
    expect(p({ propensity: 50, mutualConnections: 100, relation: 'colleague' })).toBe(
      PLATFORM_PARAMS.acceptance.maxProbability,
    );
  });
});

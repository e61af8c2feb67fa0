import { describe, expect, it } from 'vitest';
import type { Target } from '../outreach.ts';
import { resolveSettings } from '../settings.ts';
import { conn, inv, NOW, plan, report, target, url } from '../testing/send-plan.ts';
import { DAY_MS, HOUR_MS } from '../time.ts';
import { checkSend, type SendPlanInput } from './sends.ts';

const ana = target('ana');
const cooldownEnd = NOW - 3 * DAY_MS + 21 * DAY_MS;

/** Each case: a target, what is recorded about her, the skip reason expected (null: planned) and its end. */
const SKIP_CASES: [string, Target, Partial<SendPlanInput>, string | null, string?][] = [
  ['nothing against her: planned', ana, {}, null],
  ['do not contact', { ...ana, doNotContact: true }, {}, 'DO_NOT_CONTACT'],
  [
    'do not contact beats reported, connected and pending',
    { ...ana, doNotContact: true },
    { reports: [report(ana.personKey)], connections: [conn('ana')], invitations: [inv('ana')] },
    'DO_NOT_CONTACT',
  ],
  ['reported', ana, { reports: [report(ana.personKey)] }, 'REPORTED'],
  [
    'reported beats connected and pending',
    ana,
    { reports: [report(ana.personKey)], connections: [conn('ana')], invitations: [inv('ana')] },
    'REPORTED',
  ],
  ['a report after now does not count yet', ana, { reports: [report(ana.personKey, NOW + 1)] }, null],
  ['connected', ana, { connections: [conn('ana')] }, 'ALREADY_CONNECTED'],
  [
    'connected after now does not count yet',
    ana,
    { connections: [{ ...conn('ana'), connectedOn: NOW + DAY_MS }] },
    null,
  ],
  [
    'accepted invitation means connected',
    ana,
    { invitations: [inv('ana', { status: 'accepted', statusAt: NOW - DAY_MS })] },
    'ALREADY_CONNECTED',
  ],
  [
    'connected beats pending',
    ana,
    { connections: [conn('ana')], invitations: [inv('ana')] },
    'ALREADY_CONNECTED',
  ],
  ['pending', ana, { invitations: [inv('ana')] }, 'ALREADY_PENDING'],
  [
    'withdrawn after now is still pending now',
    ana,
    { invitations: [inv('ana', { status: 'withdrawn', statusAt: NOW + HOUR_MS })] },
    'ALREADY_PENDING',
  ],
  [
    'pending beats cooldown (withdrawn, then invited again)',
    ana,
    {
      invitations: [
        inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'withdrawn', statusAt: NOW - 3 * DAY_MS }),
        inv('ana', { sentAt: NOW - HOUR_MS }),
      ],
    },
    'ALREADY_PENDING',
  ],
  [
    'withdrawn 3 days ago: cooldown with its end',
    ana,
    {
      invitations: [
        inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'withdrawn', statusAt: NOW - 3 * DAY_MS }),
      ],
    },
    'COOLDOWN',
    new Date(cooldownEnd).toISOString(),
  ],
  [
    'closed (vanished) 3 days ago: cooldown too',
    ana,
    {
      invitations: [inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'closed', statusAt: NOW - 3 * DAY_MS })],
    },
    'COOLDOWN',
    new Date(cooldownEnd).toISOString(),
  ],
  [
    'withdrawn exactly 21 days ago: the cooldown is over',
    ana,
    {
      invitations: [
        inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'withdrawn', statusAt: NOW - 21 * DAY_MS }),
      ],
    },
    null,
  ],
  [
    'expired after 6 months: no cooldown, no longer pending',
    ana,
    { invitations: [inv('ana', { sentAt: NOW - 200 * DAY_MS })] },
    null,
  ],
  [
    'cooldown beats the connection cap',
    { ...ana, connectionCount: 30_000 },
    {
      invitations: [
        inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'withdrawn', statusAt: NOW - 2 * DAY_MS }),
      ],
    },
    'COOLDOWN',
    new Date(NOW + 19 * DAY_MS).toISOString(),
  ],
  // An invitation that ended unanswered is no reason by itself: SPEC section 4 lets the plan invite
  // again once the cooldown is over (`targets prune` is the member's way to drop such people).
  [
    'withdrawn after being queued, cooldown over: planned again',
    { ...ana, addedAt: NOW - 90 * DAY_MS },
    {
      invitations: [
        inv('ana', { sentAt: NOW - 60 * DAY_MS, status: 'withdrawn', statusAt: NOW - 40 * DAY_MS }),
      ],
    },
    null,
  ],
  [
    'withdrawn after being queued, still in cooldown: COOLDOWN with its end',
    { ...ana, addedAt: NOW - 90 * DAY_MS },
    {
      invitations: [
        inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'withdrawn', statusAt: NOW - 3 * DAY_MS }),
      ],
    },
    'COOLDOWN',
    new Date(cooldownEnd).toISOString(),
  ],
  [
    'expired after being queued: no cooldown, planned again',
    { ...ana, addedAt: NOW - 300 * DAY_MS },
    { invitations: [inv('ana', { sentAt: NOW - 200 * DAY_MS })] },
    null,
  ],
  [
    'unanswered, then a later invitation accepted: connected',
    { ...ana, addedAt: NOW - 90 * DAY_MS },
    {
      invitations: [
        inv('ana', { sentAt: NOW - 60 * DAY_MS, status: 'withdrawn', statusAt: NOW - 40 * DAY_MS }),
        inv('ana', { sentAt: NOW - 10 * DAY_MS, status: 'accepted', statusAt: NOW - 9 * DAY_MS }),
      ],
    },
    'ALREADY_CONNECTED',
  ],
  [
    'URL target, URL-less withdrawal of the same name 3 days ago: COOLDOWN',
    target('ana-lima', { name: 'Ana Lima', addedAt: NOW - 90 * DAY_MS }),
    {
      invitations: [
        inv(null, {
          name: 'ana lima',
          sentAt: NOW - 60 * DAY_MS,
          status: 'withdrawn',
          statusAt: NOW - 3 * DAY_MS,
        }),
      ],
    },
    'COOLDOWN',
    new Date(cooldownEnd).toISOString(),
  ],
  ['target at 30,000 connections', { ...ana, connectionCount: 30_000 }, {}, 'AT_CONNECTION_CAP'],
  ['target at 29,999 connections', { ...ana, connectionCount: 29_999 }, {}, null],
  // matching by name where a record has no URL
  [
    'URL target, URL-less connection of the same name (case and spaces differ)',
    target('ana-lima', { name: 'Ana Lima' }),
    { connections: [conn(null, '  ana   LIMA ')] },
    'ALREADY_CONNECTED',
  ],
  [
    'URL-less target, pending invitation with a URL and the same name',
    target(null, { name: 'Ana Lima' }),
    { invitations: [inv('ana-lima-42', { name: 'Ana Lima' })] },
    'ALREADY_PENDING',
  ],
  [
    'URL-less target, report keyed by the same name',
    target(null, { name: 'Ana Lima' }),
    { reports: [report('name:ana lima')] },
    'REPORTED',
  ],
  [
    'URL-less target, URL-less withdrawal of the same name',
    target(null, { name: 'Ana Lima' }),
    {
      invitations: [
        inv(null, {
          name: 'ana lima',
          sentAt: NOW - 30 * DAY_MS,
          status: 'withdrawn',
          statusAt: NOW - 3 * DAY_MS,
        }),
      ],
    },
    'COOLDOWN',
    new Date(cooldownEnd).toISOString(),
  ],
  [
    'two URLs, same name: different people',
    target('ana-lima', { name: 'Ana Lima' }),
    { connections: [conn('ana-lima-2', 'Ana Lima')] },
    null,
  ],
];

describe('planSends: skip reasons and their precedence', () => {
  it.each(SKIP_CASES)('%s', (_label, t, over, reason, until) => {
    const p = plan({ targets: [t], ...over });
    if (reason === null) {
      expect(p.skipped).toEqual([]);
      expect(p.sends.map((s) => s.name)).toEqual([t.name]);
    } else {
      expect(p.sends).toEqual([]);
      const expected: Record<string, unknown> = { name: t.name, profileUrl: t.profileUrl, reason };
      if (until) expected.until = until;
      expect(p.skipped).toEqual([expected]);
    }
  });

  it('lists each target once, per-person skips first in input order, then the ranked rest', () => {
    const a = target('a', { mutualConnections: 1 });
    const b = target('b', { doNotContact: true });
    const c = target('c', { mutualConnections: 9 });
    const d = target('d', { connectionCount: 40_000 });
    const e = target('e', { mutualConnections: 5 });
    const p = plan({ targets: [a, b, c, a, d, e], settings: resolveSettings({ dailyInviteLimit: 1 }) });
    expect(p.sends.map((s) => s.name)).toEqual(['c']);
    expect(p.skipped.map((s) => `${s.name}:${s.reason}`)).toEqual([
      'b:DO_NOT_CONTACT',
      'd:AT_CONNECTION_CAP',
      'e:QUOTA',
      'a:QUOTA',
    ]);
    expect(p.details.duplicateTargets).toBe(1);
    expect(p.details.eligible).toBe(3);
  });
});

describe('checkSend', () => {
  const person = { personKey: url('ana'), name: 'ana' };
  const withdrawn = inv('ana', {
    sentAt: NOW - 30 * DAY_MS,
    status: 'withdrawn',
    statusAt: NOW - 3 * DAY_MS,
  });
  const base = {
    now: NOW,
    settings: { reinviteCooldownDays: 21 },
    invitations: [],
    connections: [],
    reports: [],
  };
  it.each<[string, Partial<Parameters<typeof checkSend>[0]>, ReturnType<typeof checkSend>]>([
    ['free to send', {}, { ok: true }],
    [
      'cooldown, with the day it ends',
      { invitations: [withdrawn] },
      { ok: false, reason: 'COOLDOWN', until: NOW + 18 * DAY_MS },
    ],
    ['cooldown 0 days', { invitations: [withdrawn], settings: { reinviteCooldownDays: 0 } }, { ok: true }],
    ['pending', { invitations: [inv('ana')] }, { ok: false, reason: 'ALREADY_PENDING' }],
    ['connected', { connections: [conn('ana')] }, { ok: false, reason: 'ALREADY_CONNECTED' }],
    ['reported', { reports: [report(url('ana'))] }, { ok: false, reason: 'REPORTED' }],
    [
      'do not contact',
      { person: { ...person, doNotContact: true } },
      { ok: false, reason: 'DO_NOT_CONTACT' },
    ],
    [
      'reported beats pending and cooldown',
      { reports: [report(url('ana'))], invitations: [withdrawn, inv('ana')] },
      { ok: false, reason: 'REPORTED' },
    ],
    [
      'by name when the connection has no URL',
      { connections: [conn(null, 'Ana')] },
      { ok: false, reason: 'ALREADY_CONNECTED' },
    ],
    [
      'invited before without an answer, cooldown over: a send by hand is the member’s call',
      {
        invitations: [
          inv('ana', { sentAt: NOW - 60 * DAY_MS, status: 'withdrawn', statusAt: NOW - 40 * DAY_MS }),
        ],
      },
      { ok: true },
    ],
  ])('%s', (_label, over, expected) => {
    expect(checkSend({ ...base, person, ...over })).toEqual(expected);
  });
});

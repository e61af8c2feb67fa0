import { describe, expect, it } from 'vitest';
import { isInviteKeeperError } from '../errors.ts';
import type { Connection, Invitation, Report } from '../model.ts';
import { noteLength } from '../notes/fit.ts';
import type { NoteTemplate, Target } from '../outreach.ts';
import { personKeyOf } from '../people.ts';
import { isInsideWindow } from '../policy/send-window.ts';
import { resolveSettings, type Settings } from '../settings.ts';
import { DAY_MS, HOUR_MS, type Instant } from '../time.ts';
import { checkSend, planSends, type SendPlanInput, scoreTarget } from './sends.ts';

/** Thursday 26 November 2026, 12:00 UTC. */
const NOW = Date.UTC(2026, 10, 26, 12);
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

function target(slug: string | null, over: Partial<Target> = {}): Target {
  const profileUrl = slug === null ? null : url(slug);
  const name = over.name ?? (slug ? slug.replace(/-/g, ' ') : 'Nobody');
  return {
    personKey: personKeyOf(profileUrl, name),
    profileUrl,
    name,
    relation: null,
    mutualConnections: null,
    connectionCount: null,
    timezone: null,
    tags: [],
    company: null,
    headline: null,
    custom: {},
    doNotContact: false,
    addedAt: NOW - DAY_MS,
    ...over,
  };
}

let ids = 1;
function inv(slug: string | null, over: Partial<Invitation> = {}): Invitation {
  const profileUrl = slug === null ? null : url(slug);
  const name = over.name ?? (slug ? slug.replace(/-/g, ' ') : 'Nobody');
  const sentAt = over.sentAt ?? NOW - 3 * DAY_MS;
  return {
    id: ids++,
    personKey: personKeyOf(profileUrl, name),
    profileUrl,
    name,
    sentAt,
    sentAtEarliest: sentAt,
    note: null,
    templateId: null,
    source: 'export',
    status: 'pending',
    statusAt: null,
    ...over,
  };
}

function conn(slug: string | null, name?: string): Connection {
  const profileUrl = slug === null ? null : url(slug);
  const n = name ?? (slug ? slug.replace(/-/g, ' ') : 'Nobody');
  return { personKey: personKeyOf(profileUrl, n), profileUrl, name: n, connectedOn: NOW - 100 * DAY_MS };
}

const report = (personKey: string, at = NOW - DAY_MS): Report => ({ personKey, at });

/** Sends spread over the past few days (not today), `n` of them, to strangers. */
function history(n: number, from: Instant, to: Instant): Invitation[] {
  const out: Invitation[] = [];
  for (let i = 0; i < n; i++) {
    const sentAt = from + Math.floor(((to - from) * i) / Math.max(1, n));
    out.push(inv(`history-${i}`, { sentAt, status: 'accepted', statusAt: sentAt + HOUR_MS }));
  }
  return out;
}

function plan(over: Partial<SendPlanInput> & { settings?: Settings } = {}) {
  return planSends({
    now: NOW,
    settings: resolveSettings({}),
    invitations: [],
    connections: [],
    reports: [],
    targets: [],
    templates: [],
    connectionCount: 500,
    ...over,
  });
}

describe('planSends: skip reasons and their precedence', () => {
  const ana = target('ana');
  const cooldownEnd = NOW - 3 * DAY_MS + 21 * DAY_MS;
  it.each<[string, Target, Partial<SendPlanInput>, string | null, string?]>([
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
        invitations: [
          inv('ana', { sentAt: NOW - 30 * DAY_MS, status: 'closed', statusAt: NOW - 3 * DAY_MS }),
        ],
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
  ])('%s', (_label, t, over, reason, until) => {
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

describe('planSends: notes', () => {
  const tpl = (id: string, body: string): NoteTemplate => ({ id, name: id, body, createdAt: 0 });
  const templates = [
    tpl('hi', 'Hi {firstName}, fellow {company} fan here.'),
    tpl('long', `Hi {firstName}. ${'Lorem ipsum dolor sit amet. '.repeat(12)}`),
  ];
  const people = ['ana', 'bo', 'cy', 'di', 'ed'].map((s, i) =>
    target(s, { company: 'Acme', mutualConnections: 10 - i }),
  );
  const notedHistory = (n: number, at: Instant) =>
    Array.from({ length: n }, (_, i) =>
      inv(`noted-${i}`, { sentAt: at, note: 'Hello there', status: 'accepted', statusAt: at + 1 }),
    );

  it.each([
    ['free, none used: all 5', 'free', [], 5],
    ['free, 3 used this month: 2 with notes, 3 dropped', 'free', notedHistory(3, NOW - 29 * DAY_MS), 2],
    ['free, 3 used exactly 30 days ago: they no longer count', 'free', notedHistory(3, NOW - 30 * DAY_MS), 5],
    ['free, 6 used: none', 'free', notedHistory(6, NOW - 2 * DAY_MS), 0],
    ['premium: unlimited', 'premium', notedHistory(9, NOW - 2 * DAY_MS), 5],
  ] as const)('%s', (_label, tier, invitations, withNote) => {
    const p = plan({
      settings: resolveSettings({ accountTier: tier }),
      invitations: [...invitations],
      targets: people,
      templates,
      templateId: 'hi',
    });
    expect(p.sends).toHaveLength(5);
    // notes go to the best-ranked sends first
    expect(p.sends.map((s) => s.note !== null)).toEqual([0, 1, 2, 3, 4].map((i) => i < withNote));
    if (withNote > 0) expect(p.sends[0]!.note).toBe('Hi ana, fellow Acme fan here.');
    expect(p.details.sends.map((d) => d.noteDropped)).toEqual([0, 1, 2, 3, 4].map((i) => i >= withNote));
    expect(p.details.notesDropped).toBe(5 - withNote);
    // left before the plan, the same figure status shows; the plan's sends take all of them
    expect(p.details.notesLeft).toBe(tier === 'premium' ? null : withNote);
    expect(p.details.notesPlanned).toBe(withNote);
  });

  it('fits a long note to the tier, at a sentence', () => {
    for (const tier of ['free', 'premium'] as const) {
      const p = plan({
        settings: resolveSettings({ accountTier: tier }),
        targets: people,
        templates,
        templateId: 'long',
      });
      for (const [i, s] of p.sends.entries()) {
        expect(noteLength(s.note!)).toBeLessThanOrEqual(tier === 'free' ? 200 : 300);
        expect(s.note!.endsWith('amet.')).toBe(true);
        expect(p.details.sends[i]!.noteTrimmed).toBe(true);
      }
    }
  });

  it('sends no half-filled note: a missing value drops the note and spares the budget', () => {
    const noCompany = target('zed', { company: null, mutualConnections: 99 });
    const p = plan({ targets: [noCompany, ...people], templates, templateId: 'hi' });
    expect(p.sends[0]).toMatchObject({ name: 'zed', note: null });
    expect(p.details.sends[0]).toMatchObject({
      noteOmitted: 'UNFILLED_VARIABLE',
      unfilled: ['company'],
      noteDropped: false,
    });
    expect(p.sends.slice(1, 6).every((s) => s.note !== null && !/[{}]/.test(s.note))).toBe(true);
  });

  it('without a template, no notes', () => {
    const p = plan({ targets: people, templates });
    expect(p.sends.every((s) => s.note === null)).toBe(true);
    expect(p.details.sends.every((d) => d.noteOmitted === null && !d.noteDropped)).toBe(true);
    expect(p.details.notesLeft).toBe(5);
  });

  it('refuses an unknown template', () => {
    try {
      plan({ targets: people, templates, templateId: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect(isInviteKeeperError(e) && e.code).toBe('NOT_FOUND');
    }
  });
});

describe('planSends: sendAfter and the JSON shape', () => {
  it('puts every send inside its recipient window, at distinct minutes, at or after now', () => {
    const ts = [
      target('tokyo', { timezone: 'Asia/Tokyo', mutualConnections: 3 }),
      target('bogus-zone', { timezone: 'Not/AZone', mutualConnections: 2 }),
      target('ny-1', { timezone: 'America/New_York', mutualConnections: 1 }),
      target('ny-2', { timezone: 'America/New_York' }),
      target('account-zone', { addedAt: NOW }),
    ];
    const settings = resolveSettings({ timezone: 'Europe/Berlin' });
    const p = plan({ targets: ts, settings });
    expect(p.details.sends.map((d) => d.timezone)).toEqual([
      'Asia/Tokyo',
      'Europe/Berlin',
      'America/New_York',
      'America/New_York',
      'Europe/Berlin',
    ]);
    const times = p.details.sends.map((d) => d.sendAfter);
    expect(new Set(times).size).toBe(times.length);
    p.details.sends.forEach((d, i) => {
      expect(d.sendAfter).toBeGreaterThanOrEqual(NOW);
      expect(isInsideWindow(d.sendAfter, settings.sendWindow, d.timezone)).toBe(true);
      expect(p.sends[i]!.sendAfter).toBe(new Date(d.sendAfter).toISOString());
    });
    // Thursday 21:00 in Tokyo: its window reopens Friday 09:00 there (00:00 UTC)
    expect(p.sends[0]!.sendAfter).toBe('2026-11-27T00:00:00.000Z');
    // Berlin (ranked higher) took 12:00 and 14:00 UTC; New York opens at 09:00 EST (14:00 UTC), so its
    // first send moves a minute on, and its second comes four hours after the opening
    expect(p.sends.slice(2, 4).map((s) => s.sendAfter)).toEqual([
      '2026-11-26T14:01:00.000Z',
      '2026-11-26T18:00:00.000Z',
    ]);
  });

  it('keeps to the contract of SPEC section 7', () => {
    const p = plan({
      targets: [target('a'), target('b', { doNotContact: true })],
      invitations: [],
    });
    expect(Object.keys(p.sends[0]!).sort()).toEqual(['name', 'note', 'profileUrl', 'score', 'sendAfter']);
    expect(Object.keys(p.skipped[0]!).sort()).toEqual(['name', 'profileUrl', 'reason']);
    expect(p.sends[0]!.sendAfter).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
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

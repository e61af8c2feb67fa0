import { describe, expect, it } from 'vitest';
import { isInviteKeeperError } from '../errors.ts';
import { noteLength } from '../notes/fit.ts';
import type { NoteTemplate } from '../outreach.ts';
import { isInsideWindow } from '../policy/send-window.ts';
import { resolveSettings } from '../settings.ts';
import { inv, NOW, plan, target } from '../testing/send-plan.ts';
import { DAY_MS, type Instant } from '../time.ts';

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

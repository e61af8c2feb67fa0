import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { DAY_MS, HOUR_MS } from '../time.ts';
import {
  type AcceptanceBreakdowns,
  type AcceptanceFigures,
  computeAcceptance,
  mutualBucket,
} from './acceptance.ts';
import { arbitraryLedger, invitation } from './fixtures/invitations.ts';

const settings = { ...DEFAULT_SETTINGS, staleAfterDays: 14, timezone: 'Europe/Berlin' };
// Monday 2026-03-02 09:00 Berlin (08:00 UTC).
const monday = Date.UTC(2026, 2, 2, 8);
const now = monday + 30 * DAY_MS;

describe('mutualBucket', () => {
  it.each([
    [0, '0'],
    [1, '1-5'],
    [5, '1-5'],
    [6, '6-20'],
    [20, '6-20'],
    [21, '21+'],
    [500, '21+'],
    [null, 'unknown'],
    [undefined, 'unknown'],
    [-3, 'unknown'],
    [Number.NaN, 'unknown'],
  ])('%s mutual connections -> %s', (n, bucket) => {
    expect(mutualBucket(n)).toBe(bucket);
  });
});

/** The ledger most cases read: five invitations, each with its reason to be there. */
const ledger = [
  // Matured (sent 30 days before now), accepted, with a note and a template, Monday 09:xx Berlin.
  invitation(1, {
    sentAt: monday,
    status: 'accepted',
    statusAt: monday + 2 * DAY_MS,
    note: 'Hi Ana',
    templateId: 'intro',
    mutualConnections: 3,
    relation: 'alumni',
  }),
  // Matured, withdrawn, no note, Tuesday 23:30 Berlin = 22:30 UTC.
  invitation(2, {
    sentAt: monday + DAY_MS + 14.5 * HOUR_MS,
    status: 'withdrawn',
    statusAt: monday + 16 * DAY_MS,
    mutualConnections: 0,
    relation: 'colleague',
  }),
  // Not matured (10 days old, Sunday 2026-03-22), pending, known only as "Sent 1 week ago".
  invitation(3, {
    sentAt: now - 10 * DAY_MS,
    sentAtEarliest: now - 13 * DAY_MS,
    note: '   ',
    mutualConnections: 40,
  }),
  // Accepted after `now`: still pending as of now.
  invitation(4, {
    sentAt: now - 2 * DAY_MS,
    status: 'accepted',
    statusAt: now + DAY_MS,
    templateId: 'intro',
  }),
  // Sent after now: not counted at all.
  invitation(5, { sentAt: now + HOUR_MS }),
  // First listed by Sent pages, which show pending invitations only (see isTracked).
].map((i) => ({ ...i, source: 'sent-page' as const }));

describe('computeAcceptance', () => {
  it('counts overall, matured and tracked figures as of now', () => {
    const a = computeAcceptance(ledger, settings, now, monday + DAY_MS);
    expect(a.overall).toMatchObject({
      key: 'all',
      sent: 4,
      accepted: 1,
      rate: 0.25,
      maturedSent: 2,
      maturedAccepted: 1,
      maturedRate: 0.5,
      smallSample: true,
    });
    expect(a.tracked).toEqual({
      since: '2026-03-03T08:00:00.000Z',
      sent: 3,
      accepted: 0,
      rate: 0,
      maturedSent: 1,
      maturedAccepted: 0,
      maturedRate: 0,
      smallSample: true,
    });
    expect(a.overall.tracked.sent).toBe(3);
  });

  it('breaks down by week, template, note, mutual bucket, relation, weekday and hour', () => {
    const a = computeAcceptance(ledger, settings, now, null);
    const sent = (cells: AcceptanceBreakdowns['byWeek']) =>
      Object.fromEntries(cells.map((c) => [c.key, c.sent]));
    expect(sent(a.byWeek)).toEqual({
      '2026-W10': 2,
      '2026-W11': 0,
      '2026-W12': 1,
      '2026-W13': 0,
      '2026-W14': 1,
    });
    expect(sent(a.byTemplate)).toEqual({ intro: 2, 'no template': 2 });
    expect(sent(a.byNote)).toEqual({ note: 1, 'no note': 3 });
    expect(sent(a.byMutual)).toEqual({ '0': 1, '1-5': 1, '6-20': 0, '21+': 1, unknown: 1 });
    expect(sent(a.byRelation)).toEqual({ colleague: 1, alumni: 1, 'industry-peer': 0, other: 0, unknown: 2 });
    expect(a.byWeekday.map((c) => c.key)).toEqual([
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
      'Sun',
      'unknown',
    ]);
    expect(sent(a.byWeekday)).toMatchObject({ Mon: 2, Tue: 1, unknown: 1 });
    expect(a.byHour).toHaveLength(25);
    expect(sent(a.byHour)).toMatchObject({ '09': 1, '23': 1, unknown: 1 });
    expect(a.byTemplate[0]).toMatchObject({ key: 'intro', accepted: 1, maturedSent: 1, maturedRate: 1 });
    // No tracking yet: nothing is fully observed.
    expect(a.tracked).toMatchObject({ since: null, sent: 0, rate: null });
  });

  it('reads weekday and hour in the account time zone', () => {
    const utc = computeAcceptance(ledger, { ...settings, timezone: 'UTC' }, now, null);
    expect(utc.byHour.find((c) => c.key === '22')!.sent).toBe(1);
    const tokyo = computeAcceptance(ledger, { ...settings, timezone: 'Asia/Tokyo' }, now, null);
    // Tue 22:30 UTC is Wed 07:30 in Tokyo; the two Monday 08:00 UTC sends stay on Monday (17:00).
    expect(tokyo.byWeekday.find((c) => c.key === 'Wed')!.sent).toBe(1);
    expect(tokyo.byWeekday.find((c) => c.key === 'Mon')!.sent).toBe(2);
    expect(tokyo.byHour.find((c) => c.key === '17')!.sent).toBe(2);
  });

  it('marks cells with fewer than 30 matured invitations as a small sample', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      invitation(i + 1, {
        sentAt: monday,
        status: i < 9 ? 'accepted' : 'pending',
        statusAt: i < 9 ? monday + DAY_MS : null,
      }),
    );
    const a = computeAcceptance(many, settings, now, null);
    expect(a.overall).toMatchObject({ maturedSent: 30, maturedRate: 0.3, smallSample: false });
    expect(a.byNote.find((c) => c.key === 'note')).toMatchObject({ sent: 0, rate: null, smallSample: true });
  });

  it('has no weeks for an empty ledger, and zero cells elsewhere', () => {
    const a = computeAcceptance([], settings, now, null);
    expect(a.byWeek).toEqual([]);
    expect(a.overall).toMatchObject({ sent: 0, rate: null, maturedRate: null });
    expect(a.byTemplate).toEqual([expect.objectContaining({ key: 'no template', sent: 0 })]);
  });

  it('every breakdown sums back to the overall figures, for all and for tracked (property)', () => {
    const start = Date.UTC(2025, 9, 1);
    const counts = (f: AcceptanceFigures) => [f.sent, f.accepted, f.maturedSent, f.maturedAccepted];
    const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);
    fc.assert(
      fc.property(
        arbitraryLedger(start, 200),
        fc.integer({ min: 0, max: 220 }),
        fc.option(fc.integer({ min: 0, max: 200 })),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'),
        fc.integer({ min: 1, max: 180 }),
        (ledger, nowDays, trackingDays, timezone, staleAfterDays) => {
          const at = start + nowDays * DAY_MS;
          const tracking = trackingDays === null ? null : start + trackingDays * DAY_MS;
          const a = computeAcceptance(ledger, { staleAfterDays, timezone }, at, tracking);
          const total = counts(a.overall);
          const trackedTotal = counts(a.overall.tracked);
          expect(counts(a.tracked)).toEqual(trackedTotal);
          for (const cells of [
            a.byWeek,
            a.byTemplate,
            a.byNote,
            a.byMutual,
            a.byRelation,
            a.byWeekday,
            a.byHour,
          ]) {
            expect(cells.map(counts).reduce(add, [0, 0, 0, 0])).toEqual(total);
            expect(cells.map((c) => counts(c.tracked)).reduce(add, [0, 0, 0, 0])).toEqual(trackedTotal);
            expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
          }
          expect(a.overall.sent).toBe(ledger.filter((inv) => inv.sentAt <= at).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

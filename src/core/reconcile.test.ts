import { describe, expect, it } from 'vitest';
import {
  acceptedAtFromConnection,
  type LedgerEntry,
  matchSnapshotRow,
  resolveVanished,
  type SnapshotRow,
} from './reconcile.ts';
import { NOW } from './testing/builders.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

const url = 'https://www.linkedin.com/in/ann';
const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: 1,
  personKey: url,
  nameKey: 'ann',
  profileUrl: url,
  sentAt: NOW - 10 * DAY_MS,
  sentAtEarliest: NOW - 10 * DAY_MS,
  status: 'pending',
  source: 'export',
  ...over,
});
const row = (over: Partial<SnapshotRow>): SnapshotRow => ({
  personKey: url,
  nameKey: 'ann',
  profileUrl: url,
  sentAt: NOW - 10 * DAY_MS,
  sentAtEarliest: NOW - 10 * DAY_MS,
  source: 'export',
  ...over,
});

describe('matching a snapshot row to the ledger', () => {
  it.each([
    ['nothing known: new', [], row({}), { kind: 'new' }],
    ['the pending one of the person: same', [entry({})], row({}), { kind: 'same', id: 1, refine: null }],
    [
      'a recorded send gets the export time',
      [
        entry({
          source: 'manual',
          sentAt: NOW - 10 * DAY_MS + HOUR_MS,
          sentAtEarliest: NOW - 10 * DAY_MS + HOUR_MS,
        }),
      ],
      row({}),
      {
        kind: 'same',
        id: 1,
        refine: { sentAt: NOW - 10 * DAY_MS, sentAtEarliest: NOW - 10 * DAY_MS, source: 'manual' },
      },
    ],
    [
      'two Sent-page ranges narrow each other',
      [entry({ source: 'sent-page', sentAt: NOW - 14 * DAY_MS, sentAtEarliest: NOW - 21 * DAY_MS })],
      row({ source: 'sent-page', sentAt: NOW - 17 * DAY_MS, sentAtEarliest: NOW - 30 * DAY_MS }),
      {
        kind: 'same',
        id: 1,
        refine: { sentAt: NOW - 17 * DAY_MS, sentAtEarliest: NOW - 21 * DAY_MS, source: 'sent-page' },
      },
    ],
    [
      'an ended invitation with the same time (older snapshot imported late)',
      [entry({ status: 'withdrawn' })],
      row({}),
      { kind: 'ended', id: 1 },
    ],
    [
      'an ended invitation with another time: a re-invite is new',
      [entry({ status: 'withdrawn', sentAt: NOW - 40 * DAY_MS, sentAtEarliest: NOW - 40 * DAY_MS })],
      row({}),
      { kind: 'new' },
    ],
  ])('%s', (_title, ledger, r, expected) => {
    expect(matchSnapshotRow(r, ledger)).toEqual(expected);
  });
});

describe('namesakes on a Sent page pasted as text (rows without a link)', () => {
  // Two people called Ann Lee, both invited: one 10 days ago, one 3 days ago.
  const older = entry({
    id: 1,
    personKey: 'https://www.linkedin.com/in/ann-lee-1',
    profileUrl: 'https://www.linkedin.com/in/ann-lee-1',
    nameKey: 'ann lee',
    source: 'manual',
  });
  const newer = entry({
    id: 2,
    personKey: 'https://www.linkedin.com/in/ann-lee-2',
    profileUrl: 'https://www.linkedin.com/in/ann-lee-2',
    nameKey: 'ann lee',
    source: 'manual',
    sentAt: NOW - 3 * DAY_MS,
    sentAtEarliest: NOW - 3 * DAY_MS,
  });
  const nameRow = (daysAgo: number) =>
    row({
      personKey: 'name:ann lee',
      profileUrl: null,
      nameKey: 'ann lee',
      source: 'sent-page',
      sentAt: NOW - daysAgo * DAY_MS,
      sentAtEarliest: NOW - (daysAgo + 1) * DAY_MS + 1,
    });

  it('each row takes the invitation whose time agrees with it', () => {
    expect(matchSnapshotRow(nameRow(3), [older, newer])).toMatchObject({ kind: 'same', id: 2 });
    expect(matchSnapshotRow(nameRow(10), [older, newer])).toMatchObject({ kind: 'same', id: 1 });
  });
  it('an invitation another row took is passed over, so two rows stay two invitations', () => {
    expect(matchSnapshotRow(nameRow(3), [older, newer], new Set([2]))).toMatchObject({ kind: 'same', id: 1 });
    expect(matchSnapshotRow(nameRow(10), [older, newer], new Set([1]))).toMatchObject({
      kind: 'same',
      id: 2,
    });
  });
  it('a name-only row whose every candidate is taken is someone else: new', () => {
    expect(matchSnapshotRow(nameRow(3), [older, newer], new Set([1, 2]))).toEqual({ kind: 'new' });
  });
  it("a row with a link is its person's one pending invitation, even listed twice", () => {
    expect(matchSnapshotRow(row({}), [entry({})], new Set([1]))).toMatchObject({ kind: 'same', id: 1 });
  });
});

describe('what became of a vanished invitation', () => {
  const sent = Date.parse('2026-11-10T15:00:00Z');
  const i = { sentAt: sent, sentAtEarliest: sent };
  it.each([
    [
      'connected after sending: accepted that day',
      Date.parse('2026-11-12T00:00:00Z'),
      'accepted',
      Date.parse('2026-11-12T00:00:00Z'),
    ],
    [
      'connected the same day: accepted, not before sending',
      Date.parse('2026-11-10T00:00:00Z'),
      'accepted',
      sent,
    ],
    ['connected before sending: not this invitation', Date.parse('2026-11-01T00:00:00Z'), 'closed', NOW],
    ['no connection: closed at the snapshot', null, 'closed', NOW],
  ])('%s', (_t, connectedOn, status, at) => {
    expect(resolveVanished(i, NOW, connectedOn)).toEqual({ status, at });
  });
  it('expired after 6 calendar months', () => {
    const old = {
      sentAt: Date.parse('2026-05-01T10:00:00Z'),
      sentAtEarliest: Date.parse('2026-05-01T10:00:00Z'),
    };
    expect(resolveVanished(old, NOW, null)).toEqual({
      status: 'expired',
      at: Date.parse('2026-11-01T10:00:00Z'),
    });
  });
  it('needs a connection on or after the sending day', () => {
    expect(acceptedAtFromConnection(i, Date.parse('2026-11-09T00:00:00Z'))).toBeNull();
  });
});

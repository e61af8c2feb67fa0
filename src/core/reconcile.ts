import { expiresAt } from './lifecycle.ts';
import type { InvitationStatus, PersonKey, SourceKind } from './model.ts';
import { type Instant, MINUTE_MS, startOfUtcDay } from './time.ts';

/**
 * How a later snapshot is reconciled against the ledger (SPEC section 2): which row is which
 * invitation, and what became of the pending invitations a snapshot no longer lists.
 */

/** An invitation of the ledger as the matcher sees it. */
export interface LedgerEntry {
  id: number;
  personKey: PersonKey;
  nameKey: string;
  profileUrl: string | null;
  sentAt: Instant;
  sentAtEarliest: Instant;
  status: InvitationStatus;
  source: SourceKind;
}

/** A pending invitation as a snapshot lists it. */
export interface SnapshotRow {
  personKey: PersonKey;
  nameKey: string;
  profileUrl: string | null;
  sentAt: Instant;
  sentAtEarliest: Instant;
  source: Exclude<SourceKind, 'manual'>;
}

export type RowMatch =
  | { kind: 'new' }
  | {
      kind: 'same';
      id: number;
      refine: { sentAt: Instant; sentAtEarliest: Instant; source: SourceKind } | null;
    }
  /** The row is an invitation the ledger already ended (re-imported older snapshot): nothing changes. */
  | { kind: 'ended'; id: number };

/** Two exact times closer than this are the same sending (exports round to the minute). */
const SAME_TIME_MS = 2 * MINUTE_MS;

function overlaps(
  a: { sentAt: Instant; sentAtEarliest: Instant },
  b: { sentAt: Instant; sentAtEarliest: Instant },
) {
  return a.sentAtEarliest <= b.sentAt + SAME_TIME_MS && b.sentAtEarliest <= a.sentAt + SAME_TIME_MS;
}

/**
 * Which ledger invitation a snapshot row is. LinkedIn allows one pending invitation per person,
 * so a pending invitation of the same person is the same one (unless two exports give it two
 * different exact sending times: then the person was invited again); its time is refined when the row
 * knows it better (an exact export time over a recorded or relative one, a narrower Sent-page
 * range). Otherwise an ended invitation with the same time is the same (an older snapshot
 * imported late); anything else is a new invitation.
 */
export function matchSnapshotRow(
  row: SnapshotRow,
  samePerson: readonly LedgerEntry[],
  taken: ReadonlySet<number> = NONE_TAKEN,
): RowMatch {
  const pending = pickPending(row, samePerson, taken);
  if (pending) return { kind: 'same', id: pending.id, refine: refineTime(pending, row) };
  const ended = samePerson.find((e) => e.status !== 'pending' && overlaps(e, row));
  if (ended) return { kind: 'ended', id: ended.id };
  return { kind: 'new' };
}

const NONE_TAKEN: ReadonlySet<number> = new Set();

/**
 * The pending invitation a row is. A name matches namesakes too (the pasted Sent page has no
 * links), so an invitation another row of the same snapshot already took is passed over, and one
 * whose time agrees with the row's is preferred: two pending invitations to two people of the same
 * name stay two. A row with a profile URL names its one person, so it falls back to their pending
 * invitation even when taken (the same row listed twice); a name-only row with every candidate
 * taken is another person.
 */
function pickPending(
  row: SnapshotRow,
  samePerson: readonly LedgerEntry[],
  taken: ReadonlySet<number>,
): LedgerEntry | undefined {
  let free: LedgerEntry | undefined;
  let first: LedgerEntry | undefined;
  for (const e of samePerson) {
    if (e.status !== 'pending') continue;
    // Two exports that give two different sending times name two invitations: the earlier one
    // ended (withdrawn, declined) and the person was invited again.
    if (row.source === 'export' && e.source === 'export' && isExact(row) && isExact(e) && !overlaps(e, row))
      continue;
    first ??= e;
    if (taken.has(e.id)) continue;
    if (overlaps(e, row)) return e;
    free ??= e;
  }
  if (free) return free;
  return row.profileUrl !== null ? first : undefined;
}

function isExact(t: { sentAt: Instant; sentAtEarliest: Instant }): boolean {
  return t.sentAt === t.sentAtEarliest;
}

function refineTime(
  entry: LedgerEntry,
  row: SnapshotRow,
): { sentAt: Instant; sentAtEarliest: Instant; source: SourceKind } | null {
  const rowExact = row.sentAt === row.sentAtEarliest;
  const entryExact = entry.sentAt === entry.sentAtEarliest;
  if (rowExact) {
    if (row.source === 'export' && entry.source !== 'export' && Math.abs(row.sentAt - entry.sentAt) >= 1) {
      return { sentAt: row.sentAt, sentAtEarliest: row.sentAtEarliest, source: entry.source };
    }
    return null;
  }
  if (entryExact) return null;
  // Two ranges: keep what both allow, if they agree at all.
  const sentAt = Math.min(entry.sentAt, row.sentAt);
  const sentAtEarliest = Math.max(entry.sentAtEarliest, row.sentAtEarliest);
  if (sentAtEarliest > sentAt) return null;
  if (sentAt === entry.sentAt && sentAtEarliest === entry.sentAtEarliest) return null;
  return { sentAt, sentAtEarliest, source: entry.source };
}

/**
 * When a connection shows a pending invitation was accepted, or null if it does not: the person
 * connected on or after the day the invitation was sent. The acceptance time is the connection
 * day, but never before the sending.
 */
export function acceptedAtFromConnection(
  invitation: Pick<LedgerEntry, 'sentAt' | 'sentAtEarliest'>,
  connectedOn: Instant,
): Instant | null {
  if (connectedOn < startOfUtcDay(invitation.sentAtEarliest)) return null;
  return Math.max(connectedOn, invitation.sentAt);
}

/** A connection that may show an invitation was accepted: the same profile URL, or the same name. */
export interface ConnectionCandidate {
  connectedOn: Instant;
  /** Matched by name (the invitation or the connection has no profile URL), not by URL. */
  byName: boolean;
}

/**
 * The connection day that shows an invitation was accepted, or null (SPEC 3.1): a connection with
 * the invitation's profile URL that connected on or after the day it was sent; else, by name, only
 * when exactly one connection of that name connected on or after that day (namesakes are common, and
 * a name shared by two recent connections cannot say which one accepted).
 */
export function acceptingConnection(
  invitation: Pick<LedgerEntry, 'sentAt' | 'sentAtEarliest'>,
  candidates: readonly ConnectionCandidate[],
): Instant | null {
  let byUrl: Instant | null = null;
  let byName: Instant | null = null;
  let namesakes = 0;
  for (const c of candidates) {
    if (acceptedAtFromConnection(invitation, c.connectedOn) === null) continue;
    if (!c.byName) byUrl = byUrl === null ? c.connectedOn : Math.min(byUrl, c.connectedOn);
    else {
      namesakes++;
      byName = c.connectedOn;
    }
  }
  if (byUrl !== null) return byUrl;
  return namesakes === 1 ? byName : null;
}

/**
 * What became of a pending invitation that a snapshot taken at `asOf` no longer lists: accepted
 * when a connection says so, expired when its 6 months were up, closed otherwise (treated as
 * withdrawn from `asOf` on).
 */
export function resolveVanished(
  invitation: Pick<LedgerEntry, 'sentAt' | 'sentAtEarliest'>,
  asOf: Instant,
  connectedOn: Instant | null,
): { status: 'accepted' | 'expired' | 'closed'; at: Instant } {
  if (connectedOn !== null) {
    const at = acceptedAtFromConnection(invitation, connectedOn);
    if (at !== null) return { status: 'accepted', at: Math.min(at, Math.max(asOf, invitation.sentAt)) };
  }
  const expiry = expiresAt(invitation);
  if (expiry <= asOf) return { status: 'expired', at: expiry };
  return { status: 'closed', at: asOf };
}

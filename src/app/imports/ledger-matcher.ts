/**
 * The ledger side of an import: a snapshot's rows matched against the account's invitations (held
 * as one small entry each), new ones written in batches, and the pending ones the snapshot no longer
 * lists settled (accepted, closed or expired).
 */
import {
  acceptingConnection,
  type ConnectionCandidate,
  expiresAt,
  type Instant,
  isNameKey,
  type LedgerEntry,
  matchSnapshotRow,
  normalizeName,
  resolveVanished,
  type SnapshotRow,
  toIso,
} from '../../core/index.ts';
import type { InvitationChange, NewInvitation, Repositories } from '../ports.ts';
import type { ImportReport } from './import-snapshot.ts';
import { HashedKeySet } from './key-set.ts';

/** Rows written per statement batch. */
export const BATCH = 2000;

export interface IncomingRow {
  row: SnapshotRow;
  name: string;
  headline: string | null;
  note: string | null;
}

/**
 * Matches a snapshot's rows against the account's ledger held in memory (one small entry per
 * invitation), writes new invitations in batches, and settles the pending ones the snapshot
 * no longer lists.
 */
export class LedgerMatcher {
  private readonly byKey = new Map<string, LedgerEntry[]>();
  private readonly byName = new Map<string, LedgerEntry[]>();
  private readonly byId = new Map<number, LedgerEntry>();
  private readonly headlines: Map<number, string | null>;
  private readonly seen = new Set<number>();
  /** People whose row was new or showed a changed headline. */
  readonly toldNew = new Set<string>();
  private readonly protectedKeys = new Set<string>();
  /** The entries without a profile URL, by name: the only ones a row with a URL can match by name. */
  private readonly byNameWithoutUrl = new Map<string, LedgerEntry[]>();
  /**
   * The invitations this snapshot added, pending and taken by definition. Rows of a snapshot that
   * adds a million invitations must not keep an entry each, so they are kept as 32-bit fingerprints
   * of their keys (a "maybe" is confirmed in the database) and, for the rare ones without a URL,
   * by name; a row that needs one of them in its candidates meets a stand-in entry (ADDED_ID).
   */
  private readonly addedKeys = new HashedKeySet();
  private readonly addedNamesWithoutUrl = new Set<string>();
  private snapshotId = 0;
  /** When the rows are written (the import's `now`). */
  private recordedAt = 0;
  private flushPending: () => Promise<void> = async () => {};

  private constructor(
    private readonly tx: Repositories,
    private readonly accountId: number,
    private readonly entries: LedgerEntry[],
    headlines: ReadonlyMap<number, string | null>,
  ) {
    for (const e of entries) {
      this.index(e);
      if (e.profileUrl === null) push(this.byNameWithoutUrl, e.nameKey, e);
      this.byId.set(e.id, e);
    }
    this.headlines = new Map(headlines);
    this.seen.add(ADDED_ID);
  }

  static async load(
    tx: Repositories,
    accountId: number,
    scope?: Parameters<Repositories['loadInvitationIndex']>[1],
  ): Promise<LedgerMatcher> {
    const index = await tx.loadInvitationIndex(accountId, scope);
    return new LedgerMatcher(tx, accountId, index, new Map(index.map((e) => [e.id, e.headline])));
  }

  pendingCount(): number {
    return this.entries.filter((e) => e.status === 'pending').length;
  }

  private index(e: LedgerEntry): void {
    push(this.byKey, e.personKey, e);
    push(this.byName, e.nameKey, e);
  }

  /**
   * The ledger's records of the row's person, in the order the matcher weighs them: those with the
   * same key, then (a record without a URL can only be matched by name; one with a URL matches
   * name-only records) those with the same name; invitations this snapshot added follow the
   * ledger's of the same kind. Added ones are taken, so only a row with a URL, finding no free
   * candidate, can fall back to one (the same person listed twice): only then are they looked up.
   */
  private async samePerson(row: SnapshotRow): Promise<readonly LedgerEntry[]> {
    const sameKey = this.byKey.get(row.personKey) ?? NONE;
    const withUrl = row.profileUrl !== null;
    let sameName = (withUrl ? this.byNameWithoutUrl : this.byName).get(row.nameKey) ?? NONE;
    if (sameKey.length > 0 && sameName.length > 0) sameName = sameName.filter((e) => !sameKey.includes(e));
    const ledger = sameName.length === 0 ? sameKey : [...sameKey, ...sameName];
    if (!withUrl || ledger.some((e) => e.status === 'pending' && !this.seen.has(e.id))) return ledger;
    const keyAdded =
      this.addedKeys.mightHave(row.personKey) && (await this.confirmAdded(row.personKey))
        ? [this.added(row)]
        : NONE;
    const nameAdded = this.addedNamesWithoutUrl.has(row.nameKey) ? [this.added(row)] : NONE;
    if (keyAdded.length === 0 && nameAdded.length === 0) return ledger;
    return [...sameKey, ...keyAdded, ...sameName, ...nameAdded];
  }

  /** A stand-in for an invitation this snapshot added: pending and taken. */
  private added(row: SnapshotRow): LedgerEntry {
    return { ...row, id: ADDED_ID, status: 'pending' };
  }

  private async confirmAdded(personKey: string): Promise<boolean> {
    await this.flushPending();
    return this.tx.snapshotAddedInvitation(this.accountId, this.snapshotId, { personKey });
  }

  /** Keeps a person whose row was bad from looking vanished. */
  protect(partial: { name?: string; profileUrl?: string | null } | undefined): void {
    if (!partial) return;
    if (partial.profileUrl) this.protectedKeys.add(partial.profileUrl);
    if (partial.name) this.protectedKeys.add(`name:${normalizeName(partial.name)}`);
  }

  async consume(
    batches: AsyncIterable<IncomingRow[]> | Iterable<IncomingRow[]>,
    snapshotId: number,
    report: ImportReport,
    recordedAt: Instant,
  ) {
    this.recordedAt = recordedAt;
    let inserts: NewInvitation[] = [];
    let changes: InvitationChange[] = [];
    const flush = async () => {
      await this.tx.insertInvitations(this.accountId, inserts);
      await this.tx.updateInvitations(this.accountId, changes);
      inserts = [];
      changes = [];
    };
    this.snapshotId = snapshotId;
    this.flushPending = flush;
    for await (const batch of batches)
      for (const { row, name, headline, note } of batch) {
        const match = matchSnapshotRow(row, await this.samePerson(row), this.seen);
        if (match.kind === 'new') {
          inserts.push({
            personKey: row.personKey,
            nameKey: row.nameKey,
            profileUrl: row.profileUrl,
            name,
            headline,
            sentAt: row.sentAt,
            sentAtEarliest: row.sentAtEarliest,
            note: note?.trim() ? note : null,
            templateId: null,
            source: row.source,
            status: 'pending',
            statusAt: null,
            snapshotId,
            recordedAt: this.recordedAt,
          });
          this.addedKeys.add(row.personKey);
          if (row.profileUrl === null) this.addedNamesWithoutUrl.add(row.nameKey);
          report.invitations.new++;
          report.imported++;
          // Only a row with a headline has anything to tell about the person (a Sent page's rows).
          if (headline) this.toldNew.add(row.personKey);
        } else if (match.kind === 'same') {
          this.seen.add(match.id);
          const entry = this.byId.get(match.id);
          const change: InvitationChange = { id: match.id };
          if (match.refine) Object.assign(change, match.refine);
          // A name-only record learns its profile URL from a row that has one.
          if (entry && entry.profileUrl === null && row.profileUrl !== null) {
            change.personKey = row.personKey;
            change.profileUrl = row.profileUrl;
          }
          // A headline is rewritten only when it changed (a page imported daily lists the same ones).
          if (headline && headline !== this.headlines.get(match.id)) {
            change.headline = headline;
            this.toldNew.add(row.personKey);
          }
          if (match.id > 0 && (match.refine || change.personKey)) {
            changes.push(change);
            report.invitations.refined++;
            report.imported++;
          } else {
            if (change.headline !== undefined && match.id > 0) changes.push(change);
            report.invitations.unchanged++;
            report.unchanged++;
          }
        } else {
          report.invitations.unchanged++;
          report.unchanged++;
        }
        if (inserts.length + changes.length >= BATCH) await flush();
      }
    await flush();
  }

  /**
   * Settles pending invitations after the rows: accepted where a connection says so, and, for the
   * ones this snapshot should have listed but did not, expired or closed.
   */
  async settle(opts: {
    asOf: Instant;
    closeVanished: boolean;
    coverFrom: Instant | null;
    /** Invitations sent after this are not closed for being absent (see SENT_PAGE_GRACE_MS). */
    keepAfter: Instant | null;
    report: ImportReport;
  }) {
    const { asOf, report } = opts;
    const closed: LedgerEntry[] = [];
    const kept: LedgerEntry[] = [];
    const matches = await this.tx.pendingWithConnection(this.accountId);
    const candidates = new Map<number, ConnectionCandidate[]>();
    const added = new Map<number, { sentAt: Instant; sentAtEarliest: Instant; personKey: string }>();
    // A person's newest invitation: a connection is the answer to that one only. An older one
    // ended before it was sent (LinkedIn holds one invitation per person), so a connection made
    // after a re-invitation does not make the first invitation accepted.
    const newest = new Map<string, Instant>();
    // A name is not a person (namesakes are common): only a profile URL says it is the same one.
    const seeSent = (key: string, t: Instant) => {
      if (!isNameKey(key)) newest.set(key, Math.max(newest.get(key) ?? t, t));
    };
    for (const e of this.entries) seeSent(e.personKey, e.sentAt);
    for (const m of matches) {
      push(candidates, m.invitationId, m);
      seeSent(m.personKey, m.sentAt);
      if (!this.byId.has(m.invitationId)) added.set(m.invitationId, m);
    }
    const answeredBy = (inv: { sentAt: Instant; sentAtEarliest: Instant; personKey: string }, id: number) =>
      (newest.get(inv.personKey) ?? inv.sentAt) > inv.sentAt
        ? null
        : acceptingConnection(inv, candidates.get(id) ?? NO_CANDIDATES);
    const changes: InvitationChange[] = [];
    for (const e of this.entries) {
      if (e.status !== 'pending' || e.sentAt > asOf) continue;
      const connectedOn = answeredBy(e, e.id);
      const listed = this.seen.has(e.id);
      const covered =
        opts.closeVanished &&
        !listed &&
        (opts.coverFrom === null || e.sentAtEarliest > opts.coverFrom) &&
        !this.protectedKeys.has(e.personKey) &&
        !this.protectedKeys.has(`name:${e.nameKey}`);
      let outcome: { status: 'accepted' | 'expired' | 'closed'; at: Instant } | null = null;
      if (covered) outcome = resolveVanished(e, asOf, connectedOn);
      if (outcome?.status === 'closed' && opts.keepAfter !== null && e.sentAt > opts.keepAfter) {
        kept.push(e);
        outcome = null;
      }
      if (outcome?.status === 'closed') closed.push(e);
      else if (connectedOn !== null) outcome = { status: 'accepted', at: Math.max(connectedOn, e.sentAt) };
      if (!outcome && expiresAt(e) <= asOf) outcome = { status: 'expired', at: expiresAt(e) };
      if (!outcome) continue;
      changes.push({ id: e.id, status: outcome.status, statusAt: outcome.at });
      report.transitions[outcome.status]++;
    }
    // Invitations this snapshot added are not in `entries`; their person may be connected already.
    for (const [id, inv] of added) {
      if (inv.sentAt > asOf) continue;
      const connectedOn = answeredBy(inv, id);
      if (connectedOn === null) continue;
      changes.push({ id, status: 'accepted', statusAt: Math.max(connectedOn, inv.sentAt) });
      report.transitions.accepted++;
    }
    await this.tx.updateInvitations(this.accountId, changes);
    const names = await this.tx.namesOf(
      this.accountId,
      [...closed, ...kept].map((e) => e.id),
    );
    const named = (list: LedgerEntry[]) =>
      list
        .sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)
        .map((e) => ({ name: names.get(e.id) ?? '', profileUrl: e.profileUrl, sentAt: toIso(e.sentAt) }));
    report.closedInvitations = named(closed);
    if (kept.length) {
      report.notes.push(
        `not on the page but sent less than a day before it, so kept pending (a page copied before they were sent does not show them; a later page or export settles them): ${named(
          kept,
        )
          .map((k) => `${k.name || k.profileUrl} (sent ${k.sentAt.slice(0, 16).replace('T', ' ')} UTC)`)
          .join(', ')}`,
      );
    }
  }
}

/** The id the stand-in for an added invitation carries (real ids are positive). */
const ADDED_ID = -1;

const NONE: readonly LedgerEntry[] = [];
const NO_CANDIDATES: readonly ConnectionCandidate[] = [];

/** The slug of a canonical profile URL, decoded: the name of a member the export names no other way. */
export function slugOf(profileUrl: string | null): string {
  if (profileUrl === null) return '';
  const slug = profileUrl.slice(profileUrl.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The end of every snapshot's import: pending invitations settled against it, the connections
 * counted into the report's totals, the report kept with the snapshot, and the import as an event.
 */
export async function finishSnapshot(
  tx: Repositories,
  matcher: LedgerMatcher,
  s: {
    accountId: number;
    snapshotId: number;
    file: string;
    asOf: Instant;
    closeVanished: boolean;
    coverFrom: Instant | null;
    keepAfter?: Instant;
    report: ImportReport;
    recordedAt: Instant;
  },
): Promise<void> {
  const { report } = s;
  await matcher.settle({
    asOf: s.asOf,
    closeVanished: s.closeVanished,
    coverFrom: s.coverFrom,
    keepAfter: s.keepAfter ?? null,
    report,
  });
  report.imported += report.connections.new + report.connections.updated;
  report.unchanged += report.connections.unchanged;
  await tx.saveSnapshotReport(s.accountId, s.snapshotId, report as unknown as Record<string, unknown>);
  await tx.addEvent(s.accountId, {
    kind: 'import',
    personKey: null,
    invitationId: null,
    at: s.asOf,
    data: { snapshotId: s.snapshotId, file: s.file, imported: report.imported, unchanged: report.unchanged },
    recordedAt: s.recordedAt,
  });
}

/**
 * The ledger side of an import: a snapshot's rows matched against the account's invitations in the
 * database (each batch of rows reads only its people's invitations), new ones written in batches,
 * and the pending ones the snapshot no longer lists settled (accepted, closed or expired).
 */
import {
  acceptingConnection,
  type ConnectionCandidate,
  expiresAt,
  expiryBand,
  type Instant,
  isNameKey,
  type LedgerEntry,
  matchSnapshotRow,
  normalizeName,
  type PersonKey,
  resolveVanished,
  type SnapshotRow,
  toIso,
} from '../../core/index.ts';
import type {
  InvitationChange,
  LedgerCandidate,
  NewInvitation,
  PendingConnectionMatch,
  Repositories,
} from '../ports.ts';
import type { ImportReport } from './import-snapshot.ts';
import { HashedKeySet } from './key-set.ts';

/** Rows written per statement batch, and rows whose people are looked up at once. */
export const BATCH = 2000;

/** Invitations read per page when settling. */
const SETTLE_PAGE = 5000;

export interface IncomingRow {
  row: SnapshotRow;
  name: string;
  headline: string | null;
  note: string | null;
}

/** Whose invitations a Sent page's matcher considers (see LedgerMatcher.load). */
interface MatchScope {
  personKeys: ReadonlySet<PersonKey>;
  nameKeys: ReadonlySet<string>;
}

/**
 * Matches a snapshot's rows against the account's ledger, writes new invitations in batches, and
 * settles the pending ones the snapshot no longer lists. The ledger stays in the database: each
 * batch of rows reads the invitations of its people (by person key, and by name key), the
 * invitations the snapshot listed are kept in a temporary table (LedgerMatchStore), and settling
 * reads the pending ones it did not list with an anti-join. The matcher holds the candidates of
 * one batch, and the invitations this import changed as they were before (below).
 */
export class LedgerMatcher {
  /** The current batch's candidates: by person key, by name key, without a URL by name key, by id. */
  private byKey = new Map<string, LedgerCandidate[]>();
  private byName = new Map<string, LedgerCandidate[]>();
  private byNameWithoutUrl = new Map<string, LedgerCandidate[]>();
  private byId = new Map<number, LedgerCandidate>();
  /** The listed ones among the current batch's candidates, and the stand-in (ADDED_ID). */
  private seen = new Set<number>([ADDED_ID]);
  /** People whose row was new or showed a changed headline. */
  readonly toldNew = new Set<string>();
  private readonly protectedKeys = new Set<string>();
  /**
   * The invitations this import changed (a time refined, a URL learned, a headline), as the ledger
   * held them when the import began: the database has their new values from the next write on,
   * but rows match against the ledger as it was (as when it was read whole), so these stand in for
   * what the database returns of them, found by the keys they had. One per changed invitation.
   */
  private readonly before = new Map<number, LedgerCandidate>();
  private readonly beforeByKey = new Map<string, LedgerCandidate[]>();
  private readonly beforeByName = new Map<string, LedgerCandidate[]>();
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
    private readonly pending: number,
    private readonly scope: MatchScope | null,
  ) {}

  /**
   * Starts matching against the account's ledger (inside the write transaction holding its lock).
   * With `scope` (a Sent page, which lists pending invitations only), the invitations considered
   * when settling are the pending ones and those of the people the page names (by key, and every
   * invitation whose name key is listed), as if only those had been read.
   */
  static async load(
    tx: Repositories,
    accountId: number,
    scope?: { personKeys: readonly PersonKey[]; nameKeys: readonly string[] },
  ): Promise<LedgerMatcher> {
    const { pending } = await tx.beginLedgerMatch(accountId);
    return new LedgerMatcher(
      tx,
      accountId,
      pending,
      scope ? { personKeys: new Set(scope.personKeys), nameKeys: new Set(scope.nameKeys) } : null,
    );
  }

  /** How many invitations were pending when the import began. */
  pendingCount(): number {
    return this.pending;
  }

  /**
   * Reads the candidates of a batch of rows: the ledger's invitations (not those this snapshot
   * added) with a row's key, with a URL-less row's name, or without a URL with a row's name; in
   * the order the whole ledger used to be read in (by sending time, then id), which decides
   * between two pending invitations of one person or name.
   */
  private async lookUp(rows: readonly IncomingRow[]): Promise<void> {
    const personKeys = new Set<string>();
    const nameKeys = new Set<string>();
    const urlLessNameKeys = new Set<string>();
    for (const { row } of rows) {
      personKeys.add(row.personKey);
      (row.profileUrl === null ? nameKeys : urlLessNameKeys).add(row.nameKey);
    }
    const found = await this.tx.invitationsByKeys(this.accountId, this.snapshotId, {
      personKeys: [...personKeys],
      nameKeys: [...nameKeys],
      urlLessNameKeys: [...urlLessNameKeys],
    });
    const all = new Map<number, LedgerCandidate>();
    for (const c of found) if (!c.added) all.set(c.id, this.before.get(c.id) ?? c);
    for (const k of personKeys) for (const e of this.beforeByKey.get(k) ?? NONE) all.set(e.id, e);
    for (const k of nameKeys) for (const e of this.beforeByName.get(k) ?? NONE) all.set(e.id, e);
    for (const k of urlLessNameKeys)
      for (const e of this.beforeByName.get(k) ?? NONE) if (e.profileUrl === null) all.set(e.id, e);
    this.byKey = new Map();
    this.byName = new Map();
    this.byNameWithoutUrl = new Map();
    this.byId = new Map();
    this.seen = new Set([ADDED_ID]);
    for (const e of [...all.values()].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)) {
      push(this.byKey, e.personKey, e);
      push(this.byName, e.nameKey, e);
      if (e.profileUrl === null) push(this.byNameWithoutUrl, e.nameKey, e);
      this.byId.set(e.id, e);
      if (e.listed) this.seen.add(e.id);
    }
  }

  /** Keeps an invitation as it was before this import's first change to it (see `before`). */
  private remember(e: LedgerCandidate | undefined): void {
    if (!e || this.before.has(e.id)) return;
    const was = { ...e, listed: true };
    this.before.set(e.id, was);
    push(this.beforeByKey, was.personKey, was);
    push(this.beforeByName, was.nameKey, was);
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
  private added(row: SnapshotRow): LedgerCandidate {
    return { ...row, id: ADDED_ID, status: 'pending', headline: null, listed: true, added: true };
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
    // Written in place and emptied in place: a row's match may flush them (confirmAdded) while it
    // is being matched, and what it adds after that must land in the arrays the next flush writes.
    const inserts: NewInvitation[] = [];
    const changes: InvitationChange[] = [];
    const flush = async () => {
      await this.tx.insertInvitations(this.accountId, inserts);
      await this.tx.updateInvitations(this.accountId, changes);
      inserts.length = 0;
      changes.length = 0;
    };
    this.snapshotId = snapshotId;
    this.flushPending = flush;
    const listed: number[] = [];
    for await (const batch of batches)
      for (let from = 0; from < batch.length; from += BATCH) {
        const slice = batch.slice(from, from + BATCH);
        await this.lookUp(slice);
        for (const incoming of slice) {
          const change = await this.matchRow(incoming, report, inserts, listed);
          if (change) changes.push(change);
          if (inserts.length + changes.length >= BATCH) await flush();
        }
        // Before the next batch reads its candidates: they must know which ones are taken.
        await this.tx.markListed(this.accountId, listed.splice(0));
      }
    await flush();
  }

  /**
   * One row: a new invitation (pushed to `inserts`), or the same as one of the ledger's (marked
   * listed; returns its change if any), or one the ledger ended.
   */
  private async matchRow(
    { row, name, headline, note }: IncomingRow,
    report: ImportReport,
    inserts: NewInvitation[],
    listed: number[],
  ): Promise<InvitationChange | null> {
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
        snapshotId: this.snapshotId,
        recordedAt: this.recordedAt,
      });
      this.addedKeys.add(row.personKey);
      if (row.profileUrl === null) this.addedNamesWithoutUrl.add(row.nameKey);
      report.invitations.new++;
      report.imported++;
      // Only a row with a headline has anything to tell about the person (a Sent page's rows).
      if (headline) this.toldNew.add(row.personKey);
    } else if (match.kind === 'same') {
      if (!this.seen.has(match.id)) {
        this.seen.add(match.id);
        listed.push(match.id);
      }
      const entry = this.byId.get(match.id);
      const change: InvitationChange = { id: match.id };
      if (match.refine) Object.assign(change, match.refine);
      // A name-only record learns its profile URL from a row that has one.
      if (entry && entry.profileUrl === null && row.profileUrl !== null) {
        change.personKey = row.personKey;
        change.profileUrl = row.profileUrl;
      }
      // A headline is rewritten only when it changed (a page imported daily lists the same ones).
      if (headline && headline !== entry?.headline) {
        change.headline = headline;
        this.toldNew.add(row.personKey);
      }
      if (match.id > 0 && (match.refine || change.personKey)) {
        this.remember(entry);
        report.invitations.refined++;
        report.imported++;
        return change;
      }
      report.invitations.unchanged++;
      report.unchanged++;
      if (change.headline !== undefined && match.id > 0) {
        this.remember(entry);
        return change;
      }
    } else {
      report.invitations.unchanged++;
      report.unchanged++;
    }
    return null;
  }

  /**
   * Settles pending invitations after the rows: accepted where a connection says so, and, for the
   * ones this snapshot should have listed but did not, expired or closed. Only the pending
   * invitations that can change are read, page by page: the unlisted ones (an anti-join with the
   * listed set), those old enough to have expired, and those a connection may have answered.
   */
  async settle(opts: SettleOptions) {
    const { asOf, report } = opts;
    const matches = await this.tx.pendingWithConnection(this.accountId);
    const candidates = new Map<number, ConnectionCandidate[]>();
    for (const m of matches) push(candidates, m.invitationId, m);
    const met = await this.tx.invitationsByKeys(this.accountId, this.snapshotId, {
      ids: [...candidates.keys()],
    });
    const addedIds = new Set(met.filter((c) => c.added).map((c) => c.id));
    const added = new Map<number, { sentAt: Instant; sentAtEarliest: Instant; personKey: string }>();
    for (const m of matches) if (addedIds.has(m.invitationId)) added.set(m.invitationId, m);
    const newest = await this.newestSends(matches);
    const answeredBy = (inv: { sentAt: Instant; sentAtEarliest: Instant; personKey: string }, id: number) =>
      (newest.get(inv.personKey) ?? inv.sentAt) > inv.sentAt
        ? null
        : acceptingConnection(inv, candidates.get(id) ?? NO_CANDIDATES);
    const closed: LedgerCandidate[] = [];
    const kept: LedgerCandidate[] = [];
    let changes: InvitationChange[] = [];
    const decide = (e: LedgerCandidate) => {
      const connectedOn = answeredBy(e, e.id);
      const covered =
        opts.closeVanished &&
        !e.listed &&
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
      if (!outcome) return;
      changes.push({ id: e.id, status: outcome.status, statusAt: outcome.at });
      report.transitions[outcome.status]++;
    };
    // What the pages hold: an invitation sent after `sentUpTo` has not expired by `asOf`.
    const sentUpTo = expiryBand(asOf).liveAfter;
    const paged = (c: LedgerCandidate) => (opts.closeVanished && !c.listed) || c.sentAt <= sentUpTo;
    const pending = (c: LedgerCandidate) => c.status === 'pending' && c.sentAt <= asOf;
    // The ones this import changed, as they were (the database holds their new times and keys).
    for (const e of this.before.values()) if (pending(e)) decide(e);
    let after: { sentAt: Instant; id: number } | null = null;
    for (;;) {
      const page = await this.tx.unsettledInvitations(this.accountId, this.snapshotId, {
        asOf,
        unlisted: opts.closeVanished,
        sentUpTo,
        after,
        limit: SETTLE_PAGE,
      });
      for (const c of page) if (!this.before.has(c.id)) decide(c);
      await this.tx.updateInvitations(this.accountId, changes);
      changes = [];
      const last = page[page.length - 1];
      if (!last || page.length < SETTLE_PAGE) break;
      after = { sentAt: last.sentAt, id: last.id };
    }
    // Those a connection may have answered that no page held.
    for (const c of met) if (!c.added && !this.before.has(c.id) && pending(c) && !paged(c)) decide(c);
    // Invitations this snapshot added are not the ledger's; their person may be connected already.
    for (const [id, inv] of added) {
      if (inv.sentAt > asOf) continue;
      const connectedOn = answeredBy(inv, id);
      if (connectedOn === null) continue;
      changes.push({ id, status: 'accepted', statusAt: Math.max(connectedOn, inv.sentAt) });
      report.transitions.accepted++;
    }
    await this.tx.updateInvitations(this.accountId, changes);
    await this.tx.endLedgerMatch(this.accountId);
    await this.reportClosed(closed, kept, report);
  }

  /**
   * A person's newest invitation, for the people a connection may answer: a connection is the
   * answer to that one only. An older one ended before it was sent (LinkedIn holds one invitation
   * per person), so a connection made after a re-invitation does not make the first invitation
   * accepted. The ledger's invitations count as the import found them (within a Sent page's
   * scope), and every pending one as it is now, the snapshot's own included.
   */
  private async newestSends(matches: readonly PendingConnectionMatch[]): Promise<Map<string, Instant>> {
    const newest = new Map<string, Instant>();
    // A name is not a person (namesakes are common): only a profile URL says it is the same one.
    const seeSent = (key: string, t: Instant) => {
      if (!isNameKey(key)) newest.set(key, Math.max(newest.get(key) ?? t, t));
    };
    const keys = [...new Set(matches.map((m) => m.personKey).filter((k) => !isNameKey(k)))];
    const { scope } = this;
    const inScope = (e: LedgerCandidate) =>
      scope === null ||
      e.status === 'pending' ||
      scope.personKeys.has(e.personKey) ||
      scope.nameKeys.has(e.nameKey);
    const ledger = await this.tx.invitationsByKeys(this.accountId, this.snapshotId, { personKeys: keys });
    for (const c of ledger) {
      if (c.added) continue;
      const e = this.before.get(c.id) ?? c;
      if (inScope(e)) seeSent(e.personKey, e.sentAt);
    }
    for (const k of keys)
      for (const e of this.beforeByKey.get(k) ?? NONE) if (inScope(e)) seeSent(k, e.sentAt);
    for (const m of matches) seeSent(m.personKey, m.sentAt);
    return newest;
  }

  /** The closed and kept invitations in the report, by sending time, with their names. */
  private async reportClosed(closed: LedgerCandidate[], kept: LedgerCandidate[], report: ImportReport) {
    const names = await this.tx.namesOf(
      this.accountId,
      [...closed, ...kept].map((e) => e.id),
    );
    const named = (list: LedgerCandidate[]) =>
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

interface SettleOptions {
  asOf: Instant;
  closeVanished: boolean;
  coverFrom: Instant | null;
  /** Invitations sent after this are not closed for being absent (see SENT_PAGE_GRACE_MS). */
  keepAfter: Instant | null;
  report: ImportReport;
}

/** The id the stand-in for an added invitation carries (real ids are positive). */
const ADDED_ID = -1;

const NONE: readonly LedgerCandidate[] = [];
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

import type {
  Instant,
  Invitation,
  InvitationStatus,
  LedgerChanges,
  LedgerFact,
  NoteTemplate,
  PersonKey,
  Report,
  SourceKind,
  Target,
} from '../core/index.ts';

/**
 * The narrow interfaces the use cases need from storage. The store implements them on SQLite and
 * PostgreSQL; tests of the use cases run against the real store, never a mock.
 */

export interface AccountRecord {
  id: number;
  workspaceId: number;
  name: string;
  /** Only the settings the member set for this account, as saved. */
  settings: Record<string, unknown>;
  createdAt: Instant;
  /**
   * Moves whenever a write transaction changes anything of the account, in any process: an answer
   * computed at one version holds as long as the version is the same (and its time allows).
   */
  dataVersion: number;
}

export interface AccountStore {
  findAccount(name: string, workspaceId?: number): Promise<AccountRecord | null>;
  /**
   * The account, created (in the default workspace unless given) if it does not exist. Inside
   * `Store.write` it also takes the account's write lock (see `lockAccount`). A new account starts
   * with `initialSettings` saved (the machine's time zone, see newAccountSettings).
   */
  ensureAccount(
    name: string,
    now: Instant,
    workspaceId?: number,
    initialSettings?: Record<string, unknown>,
  ): Promise<AccountRecord>;
  /** The accounts of one workspace (the default workspace when not given), by name. */
  listAccounts(workspaceId?: number): Promise<AccountRecord[]>;
  saveAccountSettings(accountId: number, settings: Record<string, unknown>): Promise<void>;
  /** How many rows each account-keyed table holds for the account (tables with none left out). */
  countAccountRows(accountId: number): Promise<Record<string, number>>;
  /**
   * Deletes every row of the account, in every table that has an account_id column (found by
   * introspection, so tables added later are covered), then the account itself. Returns the rows
   * deleted per table.
   */
  purgeAccount(accountId: number): Promise<Record<string, number>>;
}

export interface WorkspaceRecord {
  id: number;
  name: string;
  createdAt: Instant;
}

/** viewer reads; member also writes; owner also manages users and accounts. */
export type Role = 'owner' | 'member' | 'viewer';

export interface UserRecord {
  id: number;
  workspaceId: number;
  name: string;
  role: Role;
  createdAt: Instant;
  lastUsedAt: Instant | null;
}

/** Workspaces and their users (team mode). None of these tables is keyed by account. */
export interface TeamStore {
  findWorkspace(name: string): Promise<WorkspaceRecord | null>;
  /** The workspace, created if it does not exist. */
  ensureWorkspace(name: string, now: Instant): Promise<WorkspaceRecord>;
  listWorkspaces(): Promise<WorkspaceRecord[]>;
  /** Adds a user; CONFLICT when the workspace already has one of that name. */
  createUser(user: {
    workspaceId: number;
    name: string;
    role: Role;
    tokenHash: string;
    createdAt: Instant;
  }): Promise<UserRecord>;
  findUser(workspaceId: number, name: string): Promise<UserRecord | null>;
  findUserByTokenHash(tokenHash: string): Promise<UserRecord | null>;
  listUsers(workspaceId: number): Promise<UserRecord[]>;
  touchUser(userId: number, now: Instant): Promise<void>;
  removeUser(userId: number): Promise<void>;
}

/** A new invitation to insert. */
export type NewInvitation = Omit<Invitation, 'id' | 'firstSeenAt'> & {
  /** normalizeName(name), to find people known by name only. */
  nameKey: string;
  headline: string | null;
  snapshotId: number | null;
  /** When it was written to the ledger: the use case's `now` (the injected clock), never the wall clock. */
  recordedAt: Instant;
};

/** A change to an existing invitation; only the fields given change. */
export interface InvitationChange {
  id: number;
  status?: InvitationStatus;
  statusAt?: Instant | null;
  sentAt?: Instant;
  sentAtEarliest?: Instant;
  source?: SourceKind;
  personKey?: PersonKey;
  profileUrl?: string | null;
  name?: string;
  headline?: string | null;
}

/** What the import needs to match a snapshot's rows against the ledger: small, one per invitation. */
export interface InvitationIndexEntry {
  id: number;
  personKey: PersonKey;
  nameKey: string;
  profileUrl: string | null;
  sentAt: Instant;
  sentAtEarliest: Instant;
  status: InvitationStatus;
  source: SourceKind;
  /** As the Sent page last showed it. */
  headline: string | null;
}

/** An invitation as the matcher reads it: listed by the snapshot being matched yet, added by it. */
export type LedgerCandidate = InvitationIndexEntry & { listed: boolean; added: boolean };

/** A snapshot matched in the database (LedgerMatcher); the ledger: all but snapshot `snapshotId`'s invitations. */
export interface LedgerMatchStore {
  /** Starts with an empty set (a temporary table) of listed invitations; returns how many are pending. */
  beginLedgerMatch(accountId: number): Promise<{ pending: number }>;
  /** The invitations of these ids, with these person keys, name keys, or name keys and no URL. */
  invitationsByKeys(
    accountId: number,
    snapshotId: number,
    keys: {
      ids?: readonly number[];
      personKeys?: readonly PersonKey[];
      nameKeys?: readonly string[];
      urlLessNameKeys?: readonly string[];
    },
  ): Promise<LedgerCandidate[]>;
  /** Records invitations of the ledger as listed by the snapshot (each once). */
  markListed(accountId: number, ids: readonly number[]): Promise<void>;
  /** A page, in (sentAt, id) order after `after`, of the ledger's pending invitations sent by `asOf`: unlisted (if `unlisted`) or sent by `sentUpTo`. */
  unsettledInvitations(
    accountId: number,
    snapshotId: number,
    q: {
      asOf: Instant;
      unlisted: boolean;
      sentUpTo: Instant;
      after: { sentAt: Instant; id: number } | null;
      limit: number;
    },
  ): Promise<LedgerCandidate[]>;
  /** Ends a match: the set of listed invitations is dropped. */
  endLedgerMatch(accountId: number): Promise<void>;
}

/** A pending invitation and a connection that may be its invitee (see `acceptingConnection`). */
export interface PendingConnectionMatch {
  invitationId: number;
  /** The invitation's person. */
  personKey: PersonKey;
  sentAt: Instant;
  sentAtEarliest: Instant;
  connectedOn: Instant;
  /** Met by name (one side has no profile URL), not by profile URL. */
  byName: boolean;
}

export interface InvitationStore {
  listInvitations(accountId: number): Promise<Invitation[]>;
  /** The account's whole ledger as the status reads it (no names or links), in no set order. */
  listLedgerFacts(accountId: number): Promise<LedgerFact[]>;
  insertInvitations(accountId: number, rows: readonly NewInvitation[]): Promise<void>;
  updateInvitations(accountId: number, changes: readonly InvitationChange[]): Promise<void>;
  /**
   * Every pair of a pending invitation and a connection of the same person: by profile URL, or by name
   * where either has no URL (each namesake is a pair of its own).
   */
  pendingWithConnection(accountId: number): Promise<PendingConnectionMatch[]>;
  /** Whether any invitation was first recorded from this source. */
  hasInvitationsFrom(accountId: number, source: SourceKind): Promise<boolean>;
  /**
   * Whether snapshot `snapshotId` added an invitation of this person: by key, or by name (any such
   * invitation, or only one without a profile URL).
   */
  snapshotAddedInvitation(
    accountId: number,
    snapshotId: number,
    who: { personKey: PersonKey } | { nameKey: string; withoutUrl: boolean },
  ): Promise<boolean>;
  /** Invitations of one person (by key, or by name key for name-only records), newest first. */
  invitationsOfPerson(accountId: number, personKey: PersonKey, nameKey: string): Promise<Invitation[]>;
  /** Inserts one invitation (a send recorded by hand) and returns its id. */
  insertInvitation(accountId: number, row: NewInvitation): Promise<number>;
  /**
   * The invitations the eligibility rules would match to one person: by key, and by name where
   * either side has no profile URL (so every namesake when `personKey` is a name key).
   */
  invitationsMatching(accountId: number, personKey: PersonKey, nameKey: string): Promise<Invitation[]>;
  /**
   * Invitations sent in (after, upTo] for each window, whatever became of them (what the quota
   * counts); `notes` counts only those sent with a note (stored notes are never blank).
   */
  countSends(
    accountId: number,
    upTo: Instant,
    after: { week: Instant; today: Instant; notes: Instant },
  ): Promise<{ week: number; today: number; notes: number }>;
  /** Invitations withdrawn in [from, to]. */
  countWithdrawnBetween(accountId: number, from: Instant, to: Instant): Promise<number>;
  /**
   * The invitations pending at `now` (pending, or ended after `now`) sent in (`after`, `upTo`]:
   * how many there are, and the oldest of them by sending time: the first `limit` and every one
   * sent at the same instant as the last of those (none when `limit` is 0). What the withdrawal
   * plan and the pause need, without reading a long pending list whole.
   */
  pendingSentBetween(
    accountId: number,
    range: { now: Instant; after: Instant; upTo: Instant; limit: number },
  ): Promise<{ invitations: Invitation[]; count: number; firstSentAt: Instant | null }>;
  /**
   * The first sending and the first status change after `now` (a history read at a past `now`
   * changes there), and the first send of each quota window: when the counts of countSends change.
   */
  nextLedgerChanges(
    accountId: number,
    now: Instant,
    after: { week: Instant; notes: Instant },
  ): Promise<LedgerChanges>;
  /**
   * Every invitation of a queued target's person, in sending order, matched as the eligibility
   * rules match people (by key; by name where either side has no URL): with the counts, all the
   * sends plan reads of the ledger. The rest of the history cannot change it.
   */
  invitationsOfTargets(accountId: number): Promise<Invitation[]>;
  // Status from counts (app/answers/status.ts): figures of the whole ledger without reading it, each read
  // bounded by the rules' instants (core's statusBounds). "Pending at `now`" is as ledgerAt reads
  // it: sent by `now`, and still pending or answered only after `now` (expiry left to the caller).
  /**
   * Of the invitations pending at `now`, how many were sent in each range (after, upTo], and the
   * earliest sending among those in the first range.
   */
  countPendingSent(
    accountId: number,
    now: Instant,
    ranges: readonly SentRange[],
  ): Promise<{ counts: number[]; firstSentAt: Instant | null }>;
  /** Totals over every invitation sent by `now`, as it stood at `now` (see LedgerTotals). */
  ledgerTotals(
    accountId: number,
    query: { now: Instant; maturedUpTo: Instant; trackingSince: Instant | null; seenWithinMs: number },
  ): Promise<LedgerTotals>;
  /** People with an invitation sent by `now` withdrawn or closed in (endedUpTo, now]. */
  countCooldownPeople(accountId: number, now: Instant, endedUpTo: Instant): Promise<number>;
  /** The headlines known for these invitations (from the Sent page), by invitation id; others left out. */
  headlinesOf(accountId: number, invitationIds: readonly number[]): Promise<Map<number, string>>;
  /** The names of these invitations' invitees, by invitation id. */
  namesOf(accountId: number, invitationIds: readonly number[]): Promise<Map<number, string>>;
}

/** Sending instants in (after, upTo]. */
export interface SentRange {
  after: Instant;
  upTo: Instant;
}

/**
 * Every invitation sent by `now`; those accepted by then; those first known from an export; the
 * matured ones (sent at or before `maturedUpTo`) and of them the accepted; the matured tracked ones
 * (isTracked with `trackingSince`, an import listing an invitation within `seenWithinMs` of its
 * sending counting as seeing it sent) and of them the accepted.
 */
export interface LedgerTotals {
  sent: number;
  accepted: number;
  fromExports: number;
  maturedSent: number;
  maturedAccepted: number;
  trackedMaturedSent: number;
  trackedMaturedAccepted: number;
}

export interface NewConnection {
  personKey: PersonKey;
  nameKey: string;
  profileUrl: string | null;
  name: string;
  connectedOn: Instant;
}

export interface ConnectionStore {
  /** Adds new connections and updates changed ones; returns how many were new or changed. */
  upsertConnections(
    accountId: number,
    rows: readonly NewConnection[],
    snapshotId: number | null,
  ): Promise<{ inserted: number; updated: number }>;
  countConnections(accountId: number): Promise<number>;
  findConnection(accountId: number, personKey: PersonKey, nameKey: string): Promise<NewConnection | null>;
  /** The connections the eligibility rules would match to one person (see invitationsMatching). */
  connectionsMatching(
    accountId: number,
    personKey: PersonKey,
    nameKey: string,
  ): Promise<Array<{ personKey: PersonKey; name: string; connectedOn: Instant }>>;
  /** The connections of queued targets' people, matched as invitationsOfTargets matches them. */
  connectionsOfTargets(
    accountId: number,
  ): Promise<Array<{ personKey: PersonKey; name: string; connectedOn: Instant }>>;
  /** Every connection as the eligibility rules need it: key, name and date. */
  listConnectionRefs(
    accountId: number,
  ): Promise<Array<{ personKey: PersonKey; name: string; connectedOn: Instant }>>;
}

export interface SnapshotRecord {
  id: number;
  kind: 'export' | 'sent-page';
  file: string;
  contentHash: string;
  asOf: Instant;
  importedAt: Instant;
  coversInvitations: boolean;
  report: Record<string, unknown>;
}

export interface SnapshotStore {
  findSnapshotByHash(accountId: number, contentHash: string): Promise<SnapshotRecord | null>;
  /** The newest as-of among snapshots that listed pending invitations. */
  latestInvitationSnapshotAsOf(accountId: number): Promise<Instant | null>;
  createSnapshot(accountId: number, snapshot: Omit<SnapshotRecord, 'id'>): Promise<number>;
  saveSnapshotReport(accountId: number, id: number, report: Record<string, unknown>): Promise<void>;
  listSnapshots(accountId: number): Promise<SnapshotRecord[]>;
}

export interface EventRecord {
  kind: 'sent' | 'withdrawn' | 'accepted' | 'reported' | 'import' | 'config' | 'undo';
  personKey: PersonKey | null;
  invitationId: number | null;
  at: Instant;
  data: Record<string, unknown>;
  recordedAt: Instant;
}

/** A record the member made (sent, withdrawn, accepted, reported), as the events keep it. */
export interface RecordedEvent extends EventRecord {
  id: number;
}

export interface EventStore {
  addEvent(accountId: number, event: EventRecord): Promise<void>;
  /** The member's records (sent, withdrawn, accepted, reported) recorded at or after `since`, newest first. */
  recordsSince(accountId: number, since: Instant): Promise<RecordedEvent[]>;
  /**
   * Takes one record back (undo): deletes its event, and the invitation a `sent` record added or the
   * connection an `accepted` one added, as `remove` says. Each only when it is still as the record left it.
   */
  removeRecord(
    accountId: number,
    remove: { eventId: number; invitationId?: number; connectionKey?: string },
  ): Promise<void>;
  listReports(accountId: number): Promise<Report[]>;
  /**
   * When observation began: the first snapshot's as-of, the first recorded send, or the first invitation
   * an export listed (an export is a history), whichever is earliest.
   */
  trackingSince(accountId: number): Promise<Instant | null>;
  lastImportAt(accountId: number): Promise<Instant | null>;
}

export interface PersonFacts {
  personKey: PersonKey;
  profileUrl: string | null;
  name: string;
  headline: string | null;
}

export interface PeopleStore {
  upsertPeople(accountId: number, people: readonly PersonFacts[], now: Instant): Promise<void>;
}

/** The member's own profile as the newest export with a Profile.csv gave it. */
export interface OwnProfileRecord {
  /** The headline, or null when the export says the profile has none. */
  headline: string | null;
  /** The as-of of the export it came from. */
  asOf: Instant;
  snapshotId: number | null;
}

export interface OwnProfileStore {
  /** Saves the profile unless one from a newer export is already saved; returns whether it was saved. */
  saveOwnProfile(accountId: number, profile: OwnProfileRecord, now: Instant): Promise<boolean>;
  /** The saved profile, or null when no export with a Profile.csv was imported. */
  loadOwnProfile(accountId: number): Promise<OwnProfileRecord | null>;
}

/** A target as stored: the planner's Target plus its name key and last change. */
export interface TargetRecord extends Target {
  /** normalizeName(name), to find people known by name only. */
  nameKey: string;
  updatedAt: Instant;
}

export interface TargetStore {
  /** Every target of the account, oldest in the queue first. */
  listTargets(accountId: number): Promise<TargetRecord[]>;
  /** Targets whose key is `personKey` or whose name key is `nameKey`. */
  findTargets(accountId: number, personKey: PersonKey, nameKey: string): Promise<TargetRecord[]>;
  insertTargets(accountId: number, rows: readonly TargetRecord[]): Promise<void>;
  /** Replaces the target stored under `personKey` (its key may change: a name-only target learns its URL). */
  updateTarget(accountId: number, personKey: PersonKey, row: TargetRecord): Promise<void>;
  /** Deletes targets by key; returns how many were deleted. */
  deleteTargets(accountId: number, personKeys: readonly PersonKey[]): Promise<number>;
}

/** A note template as stored. */
export interface TemplateRecord extends NoteTemplate {
  updatedAt: Instant;
}

export interface TemplateStore {
  listTemplates(accountId: number): Promise<TemplateRecord[]>;
  findTemplate(accountId: number, id: string): Promise<TemplateRecord | null>;
  /** Inserts the template, or replaces the one with the same id (keeping its creation time). */
  saveTemplate(accountId: number, template: TemplateRecord): Promise<void>;
  deleteTemplate(accountId: number, id: string): Promise<boolean>;
  /** The template `plan` uses when none is named; null means plans carry no notes. */
  getDefaultTemplateId(accountId: number): Promise<string | null>;
  setDefaultTemplateId(accountId: number, id: string | null): Promise<void>;
}

/** Every repository, bound to one connection or transaction. */
export interface Repositories
  extends AccountStore,
    InvitationStore,
    LedgerMatchStore,
    ConnectionStore,
    SnapshotStore,
    EventStore,
    PeopleStore,
    TargetStore,
    TemplateStore,
    OwnProfileStore,
    TeamStore {
  /**
   * Inside `Store.write`: takes the account's write lock for the rest of the transaction (a
   * transaction-scoped advisory lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
   * every writer). For a transaction that learns its account only once inside (an import that may
   * create it). Writes to account-keyed tables are refused unless the account's lock is held.
   */
  lockAccount(accountId: number): Promise<void>;
}

/** The store as the use cases see it. */
export interface Store extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
  readonly location: string;
  /**
   * Runs `fn` atomically with repositories bound to one write transaction; writers of the same
   * account are serialised (`accountId` is locked before `fn` runs, so what `fn` reads is what it
   * writes against). Everything `fn` wrote is rolled back if it throws. Account-keyed tables can
   * only be written here, under their account's lock: a read-check-write (a send checked against
   * the quota, then recorded) can never interleave with another process's.
   */
  write<R>(accountId: number | null, fn: (tx: Repositories) => Promise<R>): Promise<R>;
  /** Every row of every table (found by introspection), in a stable order: for tests that prove nothing changed. */
  dumpTables(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

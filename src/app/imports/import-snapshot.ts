import {
  acceptingConnection,
  type ConnectionCandidate,
  connectionKeyOf,
  DAY_MS,
  expiresAt,
  type Instant,
  InviteKeeperError,
  isNameKey,
  type LedgerEntry,
  matchSnapshotRow,
  normalizeName,
  personKeyOf,
  resolveVanished,
  type SnapshotRow,
  toIso,
} from '../../core/index.ts';
import {
  isUnidentified,
  openLinkedInExport,
  openLinkedInExportFromBytes,
  readSentPage,
} from '../../sources/index.ts';
import type { Parsed, RowError } from '../../sources/records.ts';
import { newAccountSettings } from '../config.ts';
import type { AppContext } from '../context.ts';
import type {
  InvitationChange,
  NewConnection,
  NewInvitation,
  Repositories,
  SnapshotRecord,
} from '../ports.ts';
import { HashedKeySet } from './key-set.ts';
import type { z } from 'zod';
import type { ImportReportSchema } from './import-snapshot.schema.ts';

/** What an import did: SPEC's `{ imported, unchanged, rowErrors[] }` and the details behind them. */
export type ImportReport = z.output<typeof ImportReportSchema>;

export interface ImportOptions {
  /** The snapshot's moment, when the member knows it better than the file does. */
  asOf?: Instant;
  /** Import the good rows when some are bad (default: refuse the whole file). */
  skipBadRows?: boolean;
  /** Accept an export or a Sent page that lists no outgoing invitation although some are pending. */
  allowEmpty?: boolean;
  /** Called now and then with the rows read so far. */
  onProgress?: (progress: { file: string; rows: number }) => void;
}

const BATCH = 2000;
const PROGRESS_EVERY = 5000;
/** Bad rows listed in a refusal message before "and N more". */
const MAX_LISTED_ERRORS = 20;

/** An export already in memory (an upload): a ZIP or one CSV, and the name to report it by. */
export interface ExportBytes {
  bytes: Uint8Array;
  name: string;
}

/**
 * Imports a LinkedIn data export (ZIP, folder or CSV, from a path or from bytes) atomically and
 * idempotently.
 */
export async function importExport(
  ctx: AppContext,
  source: string | ExportBytes,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const exp =
    typeof source === 'string'
      ? await openLinkedInExport(source)
      : await openLinkedInExportFromBytes(source.bytes, source.name);
  try {
    const now = ctx.config.now;
    // A ZIP's entry times come from the machine that wrote it: one in the future says nothing.
    const entryTime =
      exp.newestEntryTime !== null && exp.newestEntryTime <= now + FUTURE_SLACK_MS
        ? exp.newestEntryTime
        : null;
    const asOf = checkAsOf(options.asOf, now) ?? entryTime ?? now;
    const report = emptyReport(ctx.config.account, exp.path, 'export', asOf);
    report.ignoredFiles = exp.ignoredFiles;
    if (exp.newestEntryTime !== null && entryTime === null && options.asOf === undefined) {
      report.notes.push(
        `the ZIP's files are dated in the future (${toIso(exp.newestEntryTime)}): the export is taken as of now`,
      );
    }
    const plausible = plausibleDates(now);
    return await ctx.store.write(null, async (tx) => {
      const account = await tx.ensureAccount(
        ctx.config.account,
        ctx.config.now,
        ctx.workspaceId,
        newAccountSettings(ctx.config),
      );
      // Everything below reads and writes the account's ledger: serialise with its other writers.
      await tx.lockAccount(account.id);
      const before = await tx.findSnapshotByHash(account.id, exp.contentHash);
      if (before) return alreadyImported(report, before, 'this file was imported before; nothing changed');
      const previousAsOf = await tx.latestInvitationSnapshotAsOf(account.id);
      const snapshotId = await tx.createSnapshot(account.id, {
        kind: 'export',
        file: exp.path,
        contentHash: exp.contentHash,
        asOf,
        importedAt: ctx.config.now,
        coversInvitations: exp.invitations !== null,
        report: {},
      });
      const errors = new RowErrors(options.skipBadRows ?? false);

      if (exp.connections) {
        const connectionsFile = exp.connections.file;
        let batch: NewConnection[] = [];
        let rows = 0;
        const flush = async () => {
          const { inserted, updated } = await tx.upsertConnections(account.id, batch, snapshotId);
          report.connections.new += inserted;
          report.connections.updated += updated;
          report.connections.unchanged += batch.length - inserted - updated;
          batch = [];
        };
        for await (const parsedRows of exp.connections.batches()) {
          for (const parsed of parsedRows) {
            if (++rows % PROGRESS_EVERY === 0) options.onProgress?.({ file: exp.connections.file, rows });
            const dated = plausible(
              parsed,
              connectionsFile,
              (c) => (isUnidentified(c) ? null : c.connectedOn),
              'Connected On',
            );
            if (!errors.accept(dated)) continue;
            const c = dated.value;
            if (isUnidentified(c)) {
              report.connections.nameless++;
              continue;
            }
            batch.push({
              personKey: connectionKeyOf(c.profileUrl, c.name, c.connectedOn),
              nameKey: normalizeName(c.name),
              profileUrl: c.profileUrl,
              name: c.name,
              connectedOn: c.connectedOn,
            });
            if (batch.length >= BATCH) await flush();
          }
        }
        await flush();
      }

      const matcher = await LedgerMatcher.load(tx, account.id);
      if (exp.invitations) {
        const reader = exp.invitations;
        let rows = 0;
        await matcher.consume(
          (async function* () {
            for await (const parsedRows of reader.batches()) {
              const out: IncomingRow[] = [];
              for (const parsed of parsedRows) {
                if (++rows % PROGRESS_EVERY === 0) options.onProgress?.({ file: reader.file, rows });
                const dated = plausible(
                  parsed,
                  reader.file,
                  (i) => (i.direction === 'OUTGOING' ? i.sentAtEarliest : null),
                  'Sent At',
                );
                if (!errors.accept(dated)) continue;
                const inv = dated.value;
                if (inv.direction === 'INCOMING') {
                  report.invitations.incomingIgnored++;
                  continue;
                }
                if (isUnidentified(inv)) {
                  report.invitations.unidentified++;
                  continue;
                }
                // A member who left may have no name but still a link: their slug names them.
                const name = inv.name || slugOf(inv.profileUrl);
                out.push({
                  row: {
                    personKey: personKeyOf(inv.profileUrl, name),
                    nameKey: normalizeName(name),
                    profileUrl: inv.profileUrl,
                    // a day-only time ends no later than the snapshot
                    sentAt: Math.max(inv.sentAtEarliest, Math.min(inv.sentAt, asOf)),
                    sentAtEarliest: inv.sentAtEarliest,
                    source: 'export' as const,
                  },
                  name,
                  headline: null,
                  note: inv.note,
                });
              }
              yield out;
            }
          })(),
          snapshotId,
          report,
          ctx.config.now,
        );
      }
      errors.finish();
      report.rowErrors = errors.list;
      for (const e of errors.list) matcher.protect(e.partial);
      // An export is a history: one that lists no outgoing invitation at all would close every
      // pending one for good. That is a wrong or emptied file far more often than the truth.
      const listed = report.invitations.new + report.invitations.refined + report.invitations.unchanged;
      if (exp.invitations && listed === 0 && matcher.pendingCount() > 0 && !options.allowEmpty) {
        throw new InviteKeeperError(
          'BAD_INPUT',
          `${exp.invitations.file} lists no outgoing invitation, but ${matcher.pendingCount()} are pending: is it the Invitations.csv of your LinkedIn export? (If you really withdrew them all, import it with --allow-empty.)`,
          { file: exp.invitations.file },
        );
      }

      // Only the headline is kept: it is all the own-profile check reads from Profile.csv.
      if (exp.profile) {
        await tx.saveOwnProfile(
          account.id,
          { headline: exp.profile.headline, asOf, snapshotId },
          ctx.config.now,
        );
      }

      const closeVanished = exp.invitations !== null && (previousAsOf === null || asOf >= previousAsOf);
      if (exp.invitations && !closeVanished) {
        report.notes.push(
          `this export is older (${toIso(asOf)}) than one imported before (${toIso(previousAsOf!)}): new invitations were added, none was closed`,
        );
      }
      await finishSnapshot(tx, matcher, {
        accountId: account.id,
        snapshotId,
        file: exp.path,
        asOf,
        closeVanished,
        coverFrom: null,
        report,
        recordedAt: ctx.config.now,
      });
      return report;
    });
  } finally {
    await exp.close();
  }
}

/** Imports the Sent page, pasted as text or saved as HTML. */
export async function importSentPageFile(
  ctx: AppContext,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const asOf = checkAsOf(options.asOf, ctx.config.now) ?? ctx.config.now;
  const page = await readSentPage(path, asOf);
  const report = emptyReport(ctx.config.account, page.file, 'sent-page', asOf);
  const errors = new RowErrors(options.skipBadRows ?? false);
  for (const e of page.errors) errors.accept({ ok: false, error: e });
  errors.finish();
  report.rowErrors = errors.list;
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256')
    .update(JSON.stringify([page.format, page.rows, page.truncated]))
    .digest('hex');

  return ctx.store.write(null, async (tx) => {
    const account = await tx.ensureAccount(
      ctx.config.account,
      ctx.config.now,
      ctx.workspaceId,
      newAccountSettings(ctx.config),
    );
    await tx.lockAccount(account.id);
    const before = await tx.findSnapshotByHash(account.id, hash);
    if (before) return alreadyImported(report, before, 'this page was imported before; nothing changed');
    // A page lists pending invitations only: the matcher needs the pending ones and the history of
    // the people on the page, not the whole ledger.
    const matcher = await LedgerMatcher.load(tx, account.id, {
      personKeys: [...new Set(page.rows.map((r) => personKeyOf(r.profileUrl, r.name)))],
      nameKeys: [...new Set(page.rows.map((r) => normalizeName(r.name)))],
    });
    if (page.rows.length === 0 && matcher.pendingCount() > 0 && !options.allowEmpty) {
      throw new InviteKeeperError(
        'BAD_INPUT',
        `${page.file} lists no invitation, but ${matcher.pendingCount()} are pending: is this the Sent tab of "Manage invitations"? (If you really withdrew them all, import it with --allow-empty.)`,
        { file: page.file },
      );
    }
    const previousAsOf = await tx.latestInvitationSnapshotAsOf(account.id);
    const snapshotId = await tx.createSnapshot(account.id, {
      kind: 'sent-page',
      file: page.file,
      contentHash: hash,
      asOf,
      importedAt: ctx.config.now,
      coversInvitations: true,
      report: {},
    });
    await matcher.consume(
      [
        page.rows.map(
          (r): IncomingRow => ({
            row: {
              personKey: personKeyOf(r.profileUrl, r.name),
              nameKey: normalizeName(r.name),
              profileUrl: r.profileUrl,
              sentAt: r.sentAtLatest,
              sentAtEarliest: r.sentAtEarliest,
              source: 'sent-page' as const,
            },
            name: r.name,
            headline: r.headline,
            note: null,
          }),
        ),
      ],
      snapshotId,
      report,
      ctx.config.now,
    );
    for (const e of errors.list) matcher.protect(e.partial);
    // People are written when the page told something new about them (a daily page repeats itself).
    await tx.upsertPeople(
      account.id,
      page.rows
        .filter((r) => r.headline && matcher.toldNew.has(personKeyOf(r.profileUrl, r.name)))
        .map((r) => ({
          personKey: personKeyOf(r.profileUrl, r.name),
          profileUrl: r.profileUrl,
          name: r.name,
          headline: r.headline,
        })),
      ctx.config.now,
    );
    // Rows are newest first and "Load more" hides older ones: only invitations surely newer than the
    // oldest row shown were on the page, so only they can have vanished.
    let coverFrom: Instant | null = null;
    if (page.truncated) {
      coverFrom = page.rows.length
        ? Math.min(...page.rows.map((r) => r.sentAtLatest))
        : Number.POSITIVE_INFINITY;
      report.notes.push(
        'the page ends with "Load more": invitations older than its oldest row were not checked (scroll to the end before copying to check them all)',
      );
    }
    const closeVanished = previousAsOf === null || asOf >= previousAsOf;
    if (!closeVanished) {
      report.notes.push(
        `this page is older than a snapshot imported before (${toIso(previousAsOf!)}): none was closed`,
      );
    }
    await finishSnapshot(tx, matcher, {
      accountId: account.id,
      snapshotId,
      file: page.file,
      asOf,
      closeVanished,
      coverFrom,
      keepAfter: asOf - SENT_PAGE_GRACE_MS,
      report,
      recordedAt: ctx.config.now,
    });
    return report;
  });
}

/**
 * A Sent page closes no invitation sent less than this before its as-of for being absent: a copy
 * made before a send and imported after it (the page carries no time of its own) would otherwise
 * close the newest sends. A later page or export settles them; one day costs nothing, as no rule
 * acts on an invitation that young.
 */
export const SENT_PAGE_GRACE_MS = DAY_MS;

interface IncomingRow {
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
class LedgerMatcher {
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
function slugOf(profileUrl: string | null): string {
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

/** Clocks differ: a time up to a day ahead of now is still taken as now-ish. */
const FUTURE_SLACK_MS = DAY_MS;
/** LinkedIn opened in May 2003: an earlier date was not written by it. */
const LINKEDIN_FOUNDED: Instant = Date.UTC(2003, 0, 1);

/** The member's `--as-of`, refused when it is later than now (give or take a day). */
function checkAsOf(asOf: Instant | undefined, now: Instant): Instant | undefined {
  if (asOf !== undefined && asOf > now + FUTURE_SLACK_MS) {
    throw new InviteKeeperError(
      'USAGE',
      `--as-of ${toIso(asOf)} is in the future (now is ${toIso(now)}): a snapshot cannot be taken later than now`,
    );
  }
  return asOf;
}

/**
 * A row's date checked against what can be true: not before LinkedIn existed, not after now (give
 * or take a day). A date outside is a row a person broke (or a clock gone wrong), so a bad row.
 */
function plausibleDates(now: Instant) {
  return <T>(
    parsed: Parsed<T>,
    file: string,
    dateOf: (value: T) => Instant | null,
    column: string,
  ): Parsed<T> => {
    if (!parsed.ok) return parsed;
    const t = dateOf(parsed.value);
    if (t === null || (t >= LINKEDIN_FOUNDED && t <= now + FUTURE_SLACK_MS)) return parsed;
    const what =
      t < LINKEDIN_FOUNDED ? 'is before LinkedIn existed (2003)' : `is in the future (now is ${toIso(now)})`;
    const value = parsed.value as { name?: string; profileUrl?: string | null };
    const partial: RowError['partial'] = { profileUrl: value.profileUrl ?? null };
    if (value.name) partial.name = value.name;
    return {
      ok: false,
      error: { file, line: parsed.line, message: `${column} ${toIso(t).slice(0, 10)} ${what}`, partial },
    };
  };
}

/** Collects row errors; in strict mode (the default) any of them refuses the whole import. */
class RowErrors {
  readonly list: RowError[] = [];
  constructor(private readonly skip: boolean) {}

  accept<T>(parsed: Parsed<T>): parsed is { ok: true; line: number; value: T } {
    if (parsed.ok) return true;
    this.list.push(parsed.error);
    return false;
  }

  finish(): void {
    if (this.skip || this.list.length === 0) return;
    const first = this.list[0]!;
    const problems = this.list.map((e) => `${e.file}:${e.line}: ${e.message}`);
    const more =
      problems.length > MAX_LISTED_ERRORS ? `\n  ... and ${problems.length - MAX_LISTED_ERRORS} more` : '';
    throw new InviteKeeperError(
      'BAD_INPUT',
      `${problems.length} bad row${problems.length === 1 ? '' : 's'}; nothing was imported:\n  ${problems
        .slice(0, MAX_LISTED_ERRORS)
        .join('\n  ')}${more}\nFix the file, or import the good rows with --skip-bad-rows.`,
      { file: first.file, line: first.line, problems },
    );
  }
}

function emptyReport(account: string, file: string, kind: ImportReport['kind'], asOf: Instant): ImportReport {
  return {
    account,
    file,
    kind,
    asOf: toIso(asOf),
    alreadyImported: false,
    imported: 0,
    unchanged: 0,
    rowErrors: [],
    invitations: { new: 0, refined: 0, unchanged: 0, incomingIgnored: 0, unidentified: 0 },
    transitions: { accepted: 0, closed: 0, expired: 0 },
    connections: { new: 0, updated: 0, unchanged: 0, nameless: 0 },
    closedInvitations: [],
    notes: [],
    ignoredFiles: [],
  };
}

/**
 * The report of a file imported before: nothing is written, and every row it held is counted as
 * unchanged (they all match what its first import stored).
 */
function alreadyImported(report: ImportReport, before: SnapshotRecord, note: string): ImportReport {
  const first = before.report as Partial<ImportReport>;
  const rows = (c: Record<string, number> | undefined, keys: string[]) =>
    keys.reduce((n, k) => n + (c?.[k] ?? 0), 0);
  report.alreadyImported = true;
  report.unchanged = (first.imported ?? 0) + (first.unchanged ?? 0);
  report.invitations.unchanged = rows(first.invitations, ['new', 'refined', 'unchanged']);
  report.connections.unchanged = rows(first.connections, ['new', 'updated', 'unchanged']);
  report.notes.push(note);
  return report;
}

/**
 * The end of every snapshot's import: pending invitations settled against it, the connections
 * counted into the report's totals, the report kept with the snapshot, and the import as an event.
 */
async function finishSnapshot(
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

import v8 from 'node:v8';
import type { z } from 'zod';
import {
  connectionKeyOf,
  DAY_MS,
  type Instant,
  InviteKeeperError,
  normalizeName,
  personKeyOf,
  toIso,
} from '../../core/index.ts';
import {
  isUnidentified,
  type LinkedInExport,
  openLinkedInExport,
  openLinkedInExportFromBytes,
  readSentPage,
} from '../../sources/index.ts';
import { type AppContext, ensureContextAccount } from '../context.ts';
import type { NewConnection, Repositories } from '../ports.ts';
import { finishSnapshot } from './finish-snapshot.ts';
import type { ImportReportSchema } from './import-snapshot.schema.ts';
import { BATCH, type IncomingRow, LedgerMatcher, slugOf } from './ledger-matcher.ts';
import { alreadyImported, emptyReport } from './report.ts';
import { checkAsOf, FUTURE_SLACK_MS, plausibleDates, RowErrors } from './row-checks.ts';

// An import's rows and batches live for a moment each; on a long import V8's allocation-site
// pretenuring takes some of them for long-lived and allocates them in the old generation, which
// then grows until a full collection: the 1M import peaked at 259 MB with it and 214 MB without,
// in the same time (npm run bench, issue 16). Only while an import runs: the status and the plan,
// which hold what they read, are faster with it.
let importsRunning = 0;
async function shortLived<T>(work: () => Promise<T>): Promise<T> {
  if (importsRunning++ === 0) v8.setFlagsFromString('--no-allocation-site-pretenuring');
  try {
    return await work();
  } finally {
    if (--importsRunning === 0) v8.setFlagsFromString('--allocation-site-pretenuring');
  }
}

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

const PROGRESS_EVERY = 5000;

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
  return shortLived(() => importExportNow(ctx, source, options));
}

async function importExportNow(
  ctx: AppContext,
  source: string | ExportBytes,
  options: ImportOptions,
): Promise<ImportReport> {
  const exp =
    typeof source === 'string'
      ? await openLinkedInExport(source)
      : await openLinkedInExportFromBytes(source.bytes, source.name);
  try {
    const now = ctx.now;
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
    return await ctx.store.write(null, async (tx) => {
      const account = await ensureContextAccount(tx, ctx);
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
        importedAt: ctx.now,
        coversInvitations: exp.invitations !== null,
        report: {},
      });
      const errors = new RowErrors(options.skipBadRows ?? false);

      if (exp.connections) {
        await importConnections(tx, exp.connections, {
          accountId: account.id,
          snapshotId,
          report,
          errors,
          now,
          onProgress: options.onProgress,
        });
      }

      const matcher = await LedgerMatcher.load(tx, account.id);
      if (exp.invitations) {
        const reader = exp.invitations;
        await matcher.consume(
          invitationRows(reader, { asOf, now, report, errors, onProgress: options.onProgress }),
          snapshotId,
          report,
          ctx.now,
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
        await tx.saveOwnProfile(account.id, { headline: exp.profile.headline, asOf, snapshotId }, ctx.now);
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
        recordedAt: ctx.now,
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
  return shortLived(() => importSentPageNow(ctx, path, options));
}

async function importSentPageNow(
  ctx: AppContext,
  path: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const asOf = checkAsOf(options.asOf, ctx.now) ?? ctx.now;
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
    const account = await ensureContextAccount(tx, ctx);
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
      importedAt: ctx.now,
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
      ctx.now,
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
      ctx.now,
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
      recordedAt: ctx.now,
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

/** What the steps of an export's import share. */
interface ExportStep {
  report: ImportReport;
  errors: RowErrors;
}

/** Connections.csv upserted in batches into the account's connections. */
async function importConnections(
  tx: Repositories,
  reader: NonNullable<LinkedInExport['connections']>,
  s: ExportStep & {
    accountId: number;
    snapshotId: number;
    now: Instant;
    onProgress: ImportOptions['onProgress'];
  },
): Promise<void> {
  const { report, errors } = s;
  const plausible = plausibleDates(s.now);
  let batch: NewConnection[] = [];
  let rows = 0;
  const flush = async () => {
    const { inserted, updated } = await tx.upsertConnections(s.accountId, batch, s.snapshotId);
    report.connections.new += inserted;
    report.connections.updated += updated;
    report.connections.unchanged += batch.length - inserted - updated;
    batch = [];
  };
  for await (const parsedRows of reader.batches()) {
    for (const parsed of parsedRows) {
      if (++rows % PROGRESS_EVERY === 0) s.onProgress?.({ file: reader.file, rows });
      const dated = plausible(
        parsed,
        reader.file,
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

/** Invitations.csv's outgoing rows, batch by batch, as the ledger matcher takes them. */
async function* invitationRows(
  reader: NonNullable<LinkedInExport['invitations']>,
  s: ExportStep & { asOf: Instant; now: Instant; onProgress: ImportOptions['onProgress'] },
): AsyncGenerator<IncomingRow[]> {
  const { report, errors, asOf } = s;
  const plausible = plausibleDates(s.now);
  let rows = 0;
  for await (const parsedRows of reader.batches()) {
    const out: IncomingRow[] = [];
    for (const parsed of parsedRows) {
      if (++rows % PROGRESS_EVERY === 0) s.onProgress?.({ file: reader.file, rows });
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
}

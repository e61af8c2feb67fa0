/** The end of a snapshot's import, after its rows. */
import type { Instant } from '../../core/index.ts';
import type { Repositories } from '../ports.ts';
import type { ImportReport } from './import-snapshot.ts';
import type { LedgerMatcher } from './ledger-matcher.ts';

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

/** The import report's two starting points: an empty one, and the one of a file imported before. */
import { type Instant, toIso } from '../../core/index.ts';
import type { SnapshotRecord } from '../ports.ts';
import type { ImportReport } from './import-snapshot.ts';

/** The report of an import that has read nothing yet. */
export function emptyReport(
  account: string,
  file: string,
  kind: ImportReport['kind'],
  asOf: Instant,
): ImportReport {
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
export function alreadyImported(report: ImportReport, before: SnapshotRecord, note: string): ImportReport {
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

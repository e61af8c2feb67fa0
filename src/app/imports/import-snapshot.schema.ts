/** The import report: SPEC's `{ imported, unchanged, rowErrors[] }` and the details behind them. */
import { z } from '@hono/zod-openapi';
import { count, int, iso } from '../../core/schema-parts.ts';

export const RowErrorSchema = z
  .strictObject({
    file: z.string(),
    line: int(),
    message: z.string(),
    partial: z
      .strictObject({ name: z.string().optional(), profileUrl: z.string().nullable().optional() })
      .optional(),
  })
  .openapi('RowError');

export const ImportReportSchema = z
  .strictObject({
    account: z.string(),
    file: z.string(),
    kind: z.enum(['export', 'sent-page']),
    asOf: iso(),
    /** The same file was imported before: nothing changed. */
    alreadyImported: z.boolean(),
    /** Rows that added or changed something. */
    imported: count(),
    /** Rows that matched what the ledger already held. */
    unchanged: count(),
    rowErrors: z.array(RowErrorSchema),
    invitations: z.strictObject({
      new: count(),
      refined: count(),
      unchanged: count(),
      incomingIgnored: count(),
      /** Outgoing rows with neither a name nor a profile URL: counted, not stored. */
      unidentified: count(),
    }),
    transitions: z.strictObject({ accepted: count(), closed: count(), expired: count() }),
    closedInvitations: z
      .array(z.strictObject({ name: z.string(), profileUrl: z.string().nullable(), sentAt: z.string() }))
      .describe('Each invitation the import closed (no longer listed: withdrawn or declined), oldest first'),
    connections: z.strictObject({
      new: count(),
      updated: count(),
      unchanged: count(),
      /** Rows with no name and no URL (members who left or hide their profile): counted, not stored. */
      nameless: count(),
    }),
    /** Why pending invitations missing from this snapshot were not closed, when they were not. */
    notes: z.array(z.string()),
    ignoredFiles: z.array(z.string()),
  })
  .openapi('ImportReport');

import type { Kysely, Selectable } from 'kysely';
import type { InvitationIndexEntry } from '../../app/ports.ts';
import type { Instant, Invitation, InvitationStatus, SourceKind } from '../../core/index.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database, InvitationsTable } from '../schema.ts';

/** Rows per multi-row statement or per call of the dialect's bulk insert. */
export const BATCH = 500;

/** An invitation's sending and what became of it: columns both written and read. */
export const SENDING_COLUMNS = [
  'sent_at',
  'sent_at_earliest',
  'note',
  'template_id',
  'source',
  'status',
  'status_at',
] as const;

/** The columns an Invitation is read from. */
export const INVITATION_READ_COLUMNS = [
  'id',
  'person_key',
  'profile_url',
  'name',
  ...SENDING_COLUMNS,
] as const;

export function toInvitation(
  r: Pick<Selectable<InvitationsTable>, (typeof INVITATION_READ_COLUMNS)[number]>,
): Invitation {
  return {
    id: Number(r.id),
    personKey: r.person_key,
    profileUrl: r.profile_url,
    name: r.name,
    sentAt: Number(r.sent_at),
    sentAtEarliest: Number(r.sent_at_earliest),
    note: r.note,
    templateId: r.template_id,
    source: r.source as SourceKind,
    status: r.status as InvitationStatus,
    statusAt: r.status_at === null ? null : Number(r.status_at),
  };
}

/**
 * An InvitationIndexEntry from a row read as an array: id, person_key, name_key, profile_url,
 * sent_at, sent_at_earliest, status, source, headline (in that order, further columns ignored).
 */
export function toIndexEntry(r: readonly unknown[]): InvitationIndexEntry {
  return {
    id: Number(r[0]),
    personKey: r[1] as string,
    nameKey: r[2] as string,
    profileUrl: r[3] as string | null,
    sentAt: Number(r[4]),
    sentAtEarliest: Number(r[5]),
    status: r[6] as InvitationStatus,
    source: r[7] as SourceKind,
    headline: r[8] as string | null,
  };
}

/** A nullable instant column as read (a number, a numeric string, or null). */
export function toInstant(v: unknown): Instant | null {
  return v === null || v === undefined ? null : Number(v);
}

/** Inserts `rows` in batches of BATCH through the dialect's bulk insert. */
export async function insertInBatches<R>(
  db: Kysely<Database>,
  dialect: StoreDialect,
  table: keyof Database & string,
  columns: readonly string[],
  rows: readonly R[],
  toValues: (row: R) => unknown[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await dialect.insertMany(db, table, columns, rows.slice(i, i + BATCH).map(toValues));
  }
}

/** The rows with distinct keys: the last row of each key, where its first stood. */
export function dedupeBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const map = new Map<string, T>();
  for (const r of rows) map.set(key(r), r);
  return [...map.values()];
}

/** The rows with distinct keys, first occurrence kept. */
export function uniqueBy<T, K>(rows: readonly T[], key: (row: T) => K): T[] {
  const seen = new Set<K>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `list` in pieces of at most `size` (for `in (...)` lists within the databases' parameter limits). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

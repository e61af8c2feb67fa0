import type { Instant, Target } from '../core/index.ts';

/**
 * What the readers hand to the app: plain records with the line they came from, and row errors.
 * Readers turn bytes into these and know nothing of the database.
 */

/** A row that could not be read: reported with its file and line, and skipped. */
export interface RowError {
  /** Display name of the file, e.g. `export.zip:Invitations.csv` or `sent.txt`. */
  file: string;
  /** 1-based physical line where the record starts. */
  line: number;
  message: string;
  /** What could still be read of the row (so a skipped pending row does not look vanished). */
  partial?: { name?: string; profileUrl?: string | null };
}

export type Parsed<T> = { ok: true; line: number; value: T } | { ok: false; error: RowError };

/**
 * One row of `Invitations.csv`. The file is a history (SPEC 3.1): it lists the outgoing invitations
 * still pending and those already accepted; which is which the app tells from `Connections.csv`.
 */
export type ExportInvitation = OutgoingExportInvitation | IncomingExportInvitation;

export interface OutgoingExportInvitation {
  direction: 'OUTGOING';
  /**
   * The invitee's name (the `To` column); empty when LinkedIn wrote none (a member who left), in
   * which case `profileUrl` may still name them, or nothing does (see `isUnidentified`).
   */
  name: string;
  /** Canonical profile URL of the invitee, or null when the export has none (old files, URNs, bare `/in`). */
  profileUrl: string | null;
  /** The latest instant it can have been sent: the time itself, or the day's last millisecond when only the day is written. */
  sentAt: Instant;
  /** The earliest instant: the time itself, or the day's midnight (UTC) when only the day is written. */
  sentAtEarliest: Instant;
  note: string | null;
}

/**
 * An invitation the member received: never stored, only counted, so what LinkedIn wrote in it is
 * never a reason to refuse the file; its fields are kept where readable.
 */
export interface IncomingExportInvitation {
  direction: 'INCOMING';
  name: string;
  profileUrl: string | null;
  sentAt: Instant | null;
  note: string | null;
}

/**
 * One row of `Connections.csv`. Email addresses are never read. Almost every real export has rows with
 * no name and no URL, only `Connected On` (members who left or hide their profile): they come with
 * `name` empty and `profileUrl` null, to be counted, never stored or refused (see `isUnidentified`).
 */
export interface ExportConnection {
  name: string;
  firstName: string;
  lastName: string;
  profileUrl: string | null;
  company: string | null;
  position: string | null;
  /** Midnight UTC of the `Connected On` date. */
  connectedOn: Instant;
}

/** The member's own profile from `Profile.csv`, for the own-profile check. */
export interface ExportProfile {
  firstName: string | null;
  lastName: string | null;
  headline: string | null;
  summary: string | null;
  industry: string | null;
  location: string | null;
}

/** One row of the Sent page: an age range instead of a time. */
export interface SentPageRow {
  name: string;
  headline: string | null;
  /** From a saved HTML page's profile link; null for pasted text. */
  profileUrl: string | null;
  /** The latest instant it can have been sent (age lower bound): rules use this. */
  sentAtLatest: Instant;
  /** The earliest instant it can have been sent (age upper bound). */
  sentAtEarliest: Instant;
  /** The text it came from, e.g. "Sent 3 weeks ago". */
  ageText: string;
}

/** One row of a targets CSV (SPEC section 3.3). */
export type TargetRow = Omit<Target, 'personKey' | 'name' | 'doNotContact' | 'addedAt'> & {
  /** Null when the row gives only a profile URL. */
  name: string | null;
};

/** A row that names nobody: no name and no profile URL (a member who left or hides their profile). */
export function isUnidentified(row: { name: string; profileUrl: string | null }): boolean {
  return row.name === '' && row.profileUrl === null;
}

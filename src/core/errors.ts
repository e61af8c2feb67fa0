/**
 * The one list of failure codes. Expected outcomes (a refused send, a skipped row) are values;
 * only broken invariants, bad input that stops an operation, and I/O failures are thrown, as an
 * InviteKeeperError carrying one of these codes. The CLI and the server map each code in one
 * exhaustive switch.
 */
export const ERROR_CODES = [
  /** Wrong flags or arguments. */
  'USAGE',
  /** A file or payload that cannot be read as what it claims to be (bad CSV, not a ZIP, bad date). */
  'BAD_INPUT',
  /** A path that does not exist or cannot be read. */
  'FILE_NOT_FOUND',
  /** A ZIP that is unsafe to unpack (bomb, path traversal, encrypted, nested). */
  'UNSAFE_ARCHIVE',
  /** Input over a size limit. */
  'TOO_LARGE',
  /** A request body of a type the route does not take (JSON sent as text, a form where JSON is expected). */
  'UNSUPPORTED_MEDIA_TYPE',
  /** A setting outside its allowed range or of the wrong type. */
  'INVALID_SETTING',
  /** An account, invitation, target or template that does not exist. */
  'NOT_FOUND',
  /** An operation the lifecycle forbids (e.g. withdrawing an accepted invitation). */
  'CONFLICT',
  /** A request without a valid token. */
  'UNAUTHORIZED',
  /** A request the caller may not make (foreign Host header, wrong role). */
  'FORBIDDEN',
  /** The database stayed locked longer than the busy timeout. */
  'DB_BUSY',
  /** The database failed (corrupt file, lost connection, failed migration). */
  'DB_ERROR',
  /** A broken invariant: a bug. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** The file the problem is in, when there is one. */
  file?: string;
  /** The 1-based line in that file. */
  line?: number;
  /** Further problems of the same operation (e.g. every bad row of an import). */
  problems?: readonly string[];
  /** Machine-readable extras. */
  data?: Record<string, unknown>;
}

export class InviteKeeperError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly problems: readonly string[];
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'InviteKeeperError';
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.problems = details.problems ?? [];
    this.data = details.data;
  }
}

/** Whether a value is an InviteKeeperError (also across module copies). */
export function isInviteKeeperError(error: unknown): error is InviteKeeperError {
  return error instanceof InviteKeeperError || (error instanceof Error && error.name === 'InviteKeeperError');
}

/** Formats "file:line: message" the way compilers do, so editors can jump to it. */
export function formatLocation(file: string | undefined, line: number | undefined): string {
  if (!file) return '';
  return line ? `${file}:${line}` : file;
}

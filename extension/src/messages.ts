/**
 * What the content script asks the background worker, and the answers. The content script never
 * holds the token nor opens a connection: every request to the member's server goes through here.
 */
import type { ServerView } from './verdicts.ts';

export type Request =
  | { type: 'view' }
  | { type: 'check' }
  | { type: 'sync'; origin: string; html: string; asOf: string; skipBadRows: boolean }
  | { type: 'withdrawn'; origin: string; person: string }
  | { type: 'open-dashboard' }
  | { type: 'open-options' };

/** Why the server could not be used. */
export type Failure =
  | { ok: false; reason: 'unpaired' }
  | { ok: false; reason: 'away'; origin: string }
  | { ok: false; reason: 'refused'; origin: string }
  | { ok: false; reason: 'error'; origin: string; status: number; message: string }
  /** Said by the content script: the pairing moved to another server since the page was opened. */
  | { ok: false; reason: 'repaired'; origin: string };

export interface SyncReport {
  alreadyImported: boolean;
  rowErrors: Array<{ message: string }>;
  invitations: { new: number; refined: number; unchanged: number };
  transitions: { accepted: number; closed: number; expired: number };
  notes: string[];
}

export interface WithdrawalReport {
  recorded: Array<{ name: string; profileUrl: string | null; cooldownUntil: string | null }>;
  withdrawnToday: number;
  cap: number;
  warnings: string[];
}

export type Answer<T> = { ok: true; value: T } | Failure;

export interface Answers {
  view: Answer<ServerView>;
  check: Answer<{ account: string; staleAfterDays: number; maxWithdrawalsPerDay: number }>;
  sync: Answer<SyncReport>;
  withdrawn: Answer<WithdrawalReport>;
  'open-dashboard': Answer<null>;
  'open-options': Answer<null>;
}

/** Whether a message is one of ours, well formed (the background checks every one it gets). */
export function isRequest(m: unknown): m is Request {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  switch (r.type) {
    case 'view':
    case 'check':
    case 'open-dashboard':
    case 'open-options':
      return true;
    case 'sync':
      return (
        typeof r.origin === 'string' &&
        typeof r.html === 'string' &&
        typeof r.asOf === 'string' &&
        !Number.isNaN(Date.parse(r.asOf)) &&
        typeof r.skipBadRows === 'boolean'
      );
    case 'withdrawn':
      return (
        typeof r.origin === 'string' &&
        typeof r.person === 'string' &&
        r.person.length > 0 &&
        r.person.length <= 300
      );
    default:
      return false;
  }
}

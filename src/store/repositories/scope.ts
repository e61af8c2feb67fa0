import { InviteKeeperError } from '../../core/index.ts';

/**
 * Where repositories run: outside any transaction (`null`: account-keyed tables are read-only), or
 * inside `Store.write` holding the write locks of the accounts in `locked`.
 */
export interface WriteScope {
  readonly locked: Set<number>;
  /** Accounts the transaction purged: gone with every row of theirs. */
  readonly purged: Set<number>;
  /**
   * What the transaction's writes changed in each account's kept figures (account_versions,
   * migration 0011): Store.write adds them as it moves the data version.
   */
  readonly counts: Map<number, KeptCounts>;
}

/** An account's invitations, pending and accepted ones, and connections: kept figures, or a change to them. */
export interface KeptCounts {
  invitations: number;
  pending: number;
  accepted: number;
  connections: number;
}

function countsOf(scope: WriteScope, accountId: number): KeptCounts {
  let c = scope.counts.get(accountId);
  if (!c) {
    c = { invitations: 0, pending: 0, accepted: 0, connections: 0 };
    scope.counts.set(accountId, c);
  }
  return c;
}

/** Records in `scope` that `n` connections of the account appeared (or went, n < 0). */
export function countConnections(scope: WriteScope | null, accountId: number, n: number): void {
  if (scope && n !== 0) countsOf(scope, accountId).connections += n;
}

/**
 * Records in `scope` that invitations of the account changed status, appeared or went:
 * `from` null for a new invitation, `to` null for a removed one.
 */
export function countChange(
  scope: WriteScope | null,
  accountId: number,
  from: string | null,
  to: string | null,
  n = 1,
): void {
  if (!scope || from === to || n === 0) return;
  const c = countsOf(scope, accountId);
  if (from === null) c.invitations += n;
  if (to === null) c.invitations -= n;
  if (from === 'pending') c.pending -= n;
  if (from === 'accepted') c.accepted -= n;
  if (to === 'pending') c.pending += n;
  if (to === 'accepted') c.accepted += n;
}

/** Refuses a write to an account-keyed table unless `scope` holds the account's lock (see Store.write). */
export type LockCheck = (accountId: number, operation: string) => void;

/**
 * The check every write of a repository makes first: what makes every read-check-write of a use
 * case safe against other processes on PostgreSQL.
 */
export function lockCheck(scope: WriteScope | null): LockCheck {
  return (accountId, operation) => {
    if (scope?.locked.has(accountId)) return;
    throw new InviteKeeperError(
      'INTERNAL',
      scope
        ? `${operation} on account ${accountId} without its lock: call lockAccount(${accountId}) first, or pass it to store.write`
        : `${operation} outside a write transaction: run it in store.write(${accountId}, ...)`,
    );
  };
}

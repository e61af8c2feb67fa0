import { InviteKeeperError } from '../../core/index.ts';

/**
 * Where repositories run: outside any transaction (`null`: account-keyed tables are read-only), or
 * inside `Store.write` holding the write locks of the accounts in `locked`.
 */
export interface WriteScope {
  readonly locked: Set<number>;
  /** Accounts the transaction purged: gone with every row of theirs. */
  readonly purged: Set<number>;
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

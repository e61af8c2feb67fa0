import { computeStatus, type Status, type StatusDetails } from '../core/index.ts';
import { type AppContext, requireAccount } from './accounts.ts';

/** The account's health at `now` (SPEC section 7), plus the details human output shows. */
export async function getStatus(ctx: AppContext): Promise<Status & { details: StatusDetails }> {
  const { account, settings } = await requireAccount(ctx);
  const store = ctx.store;
  const [invitations, connectionCount, reports, trackingSince, lastImportAt] = await Promise.all([
    store.listLedgerFacts(account.id),
    store.countConnections(account.id),
    store.listReports(account.id),
    store.trackingSince(account.id),
    store.lastImportAt(account.id),
  ]);
  return computeStatus({
    account: account.name,
    now: ctx.config.now,
    settings,
    invitations,
    connectionCount,
    reports,
    trackingSince,
    lastImportAt,
  });
}

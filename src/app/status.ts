import {
  checkOwnProfile,
  computeStatus,
  type Instant,
  type Invitation,
  type LedgerFact,
  type ProfileCheck,
  type Report,
  type Settings,
  type Status,
  type StatusDetails,
  type StatusInput,
  statusStableUntil,
} from '../core/index.ts';
import { type AppContext, requireAccount } from './accounts.ts';
import type { AccountRecord, OwnProfileRecord } from './ports.ts';

/**
 * What status and report are computed from: one read of the account's data. The report reads the
 * whole invitations; the status only their facts (no names or links), a cheaper read of a big ledger.
 */
export interface AccountState<I extends LedgerFact = Invitation> {
  account: AccountRecord;
  settings: Settings;
  invitations: I[];
  connectionCount: number;
  reports: Report[];
  trackingSince: Instant | null;
  lastImportAt: Instant | null;
  /** The member's own profile from the newest export's Profile.csv, if one was imported. */
  ownProfile: OwnProfileRecord | null;
}

/** Reads everything status and report need about the account, in parallel. */
export function loadAccountState(ctx: AppContext): Promise<AccountState> {
  return readAccountState(ctx, (store, accountId) => store.listInvitations(accountId));
}

async function readAccountState<I extends LedgerFact>(
  ctx: AppContext,
  readLedger: (store: AppContext['store'], accountId: number) => Promise<I[]>,
  known?: { account: AccountRecord; settings: Settings },
): Promise<AccountState<I>> {
  const { account, settings } = known ?? (await requireAccount(ctx));
  const store = ctx.store;
  const [invitations, connectionCount, reports, trackingSince, lastImportAt, ownProfile] = await Promise.all([
    readLedger(store, account.id),
    store.countConnections(account.id),
    store.listReports(account.id),
    store.trackingSince(account.id),
    store.lastImportAt(account.id),
    store.loadOwnProfile(account.id),
  ]);
  return {
    account,
    settings,
    invitations,
    connectionCount,
    reports,
    trackingSince,
    lastImportAt,
    ownProfile,
  };
}

/** The own-profile check: the headline from the export when imported, the member's answers for the rest. */
export function ownProfileCheck(
  state: Pick<AccountState<LedgerFact>, 'settings' | 'ownProfile'>,
): ProfileCheck {
  return checkOwnProfile({
    exportProfile: state.ownProfile ? { headline: state.ownProfile.headline } : null,
    answers: state.settings.profile,
  });
}

/** What computeStatus reads, from an account already read, at `now`; own-profile warnings join the status warnings. */
function statusInput(state: AccountState<LedgerFact>, now: Instant): StatusInput {
  return {
    account: state.account.name,
    now,
    settings: state.settings,
    invitations: state.invitations,
    connectionCount: state.connectionCount,
    reports: state.reports,
    trackingSince: state.trackingSince,
    lastImportAt: state.lastImportAt,
    extraWarnings: ownProfileCheck(state).warnings,
  };
}

/** The status of an account already read, at `now`. */
export function statusOf(state: AccountState<LedgerFact>, now: Instant): Status & { details: StatusDetails } {
  return computeStatus(statusInput(state, now));
}

export type StatusAnswer = Status & { details: StatusDetails };

/** The account's health at `now` (SPEC section 7), plus the details human output shows. */
export async function getStatus(ctx: AppContext): Promise<StatusAnswer> {
  const known = await requireAccount(ctx);
  const now = ctx.config.now;
  const compute = async () => {
    const state = await readAccountState(ctx, (store, accountId) => store.listLedgerFacts(accountId), known);
    const input = statusInput(state, now);
    return { answer: computeStatus(input), until: statusStableUntil(input) };
  };
  const kept = ctx.answers?.status;
  if (kept) return kept.answer(known.account, JSON.stringify(known.settings), now, compute);
  return (await compute()).answer;
}

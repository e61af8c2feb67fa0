import {
  checkOwnProfile,
  computeStatus,
  type Instant,
  type Invitation,
  type ProfileCheck,
  type Report,
  type Settings,
  type Status,
  type StatusDetails,
} from '../core/index.ts';
import { type AppContext, requireAccount } from './accounts.ts';
import type { AccountRecord, OwnProfileRecord } from './ports.ts';

/** What status and report are computed from: one read of the account's data. */
export interface AccountState {
  account: AccountRecord;
  settings: Settings;
  invitations: Invitation[];
  connectionCount: number;
  reports: Report[];
  trackingSince: Instant | null;
  lastImportAt: Instant | null;
  /** The member's own profile from the newest export's Profile.csv, if one was imported. */
  ownProfile: OwnProfileRecord | null;
}

/** Reads everything status and report need about the account, in parallel. */
export async function loadAccountState(ctx: AppContext): Promise<AccountState> {
  const { account, settings } = await requireAccount(ctx);
  const store = ctx.store;
  const [invitations, connectionCount, reports, trackingSince, lastImportAt, ownProfile] = await Promise.all([
    store.listInvitations(account.id),
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
export function ownProfileCheck(state: Pick<AccountState, 'settings' | 'ownProfile'>): ProfileCheck {
  return checkOwnProfile({
    exportProfile: state.ownProfile ? { headline: state.ownProfile.headline } : null,
    answers: state.settings.profile,
  });
}

/** The status of an account already read, at `now`; own-profile warnings join the status warnings. */
export function statusOf(state: AccountState, now: Instant): Status & { details: StatusDetails } {
  return computeStatus({
    account: state.account.name,
    now,
    settings: state.settings,
    invitations: state.invitations,
    connectionCount: state.connectionCount,
    reports: state.reports,
    trackingSince: state.trackingSince,
    lastImportAt: state.lastImportAt,
    extraWarnings: ownProfileCheck(state).warnings,
  });
}

/** The account's health at `now` (SPEC section 7), plus the details human output shows. */
export async function getStatus(ctx: AppContext): Promise<Status & { details: StatusDetails }> {
  return statusOf(await loadAccountState(ctx), ctx.config.now);
}

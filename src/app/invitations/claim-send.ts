import {
  checkSend,
  checkSendQuota,
  type Instant,
  InviteKeeperError,
  type SendRefusal,
  toIso,
} from '../../core/index.ts';
import { settingsFor } from '../config.ts';
import { type AppContext, requireAccount } from '../context.ts';
import { parsePersonRef } from './withdrawals.ts';

/** Why a send was not recorded: a person rule of the planner, or a limit. */
export type ClaimRefusal = SendRefusal | 'QUOTA';

export type ClaimResult =
  | { ok: true; invitationId: number; personKey: string; sentAt: string }
  | { ok: false; reason: ClaimRefusal; until?: string; message: string };

/**
 * Records a send only if it is allowed at `at`: the person may be invited (not connected, pending,
 * reported or in cooldown, including by an invitation another process recorded at a later
 * instant) and one more send keeps every rolling 7-day window and the day within the limits
 * (checkSendQuota). The check and the insert run in one write transaction under the account's
 * lock, so any number of processes claiming sends for one account at once never exceed a limit
 * and never record the same person twice. A refusal is a value, not an error: it is what the
 * dashboard's "mark as sent" from the plan and the concurrency test need.
 */
export async function claimSend(
  ctx: AppContext,
  person: string,
  options: { at?: Instant; note?: string | null; templateId?: string | null } = {},
): Promise<ClaimResult> {
  const ref = parsePersonRef(person);
  const at = options.at ?? ctx.now;
  if (at > ctx.now) {
    throw new InviteKeeperError('USAGE', `the send time ${toIso(at)} is after now (${toIso(ctx.now)})`);
  }
  const { account } = await requireAccount(ctx);
  return ctx.store.write(account.id, async (tx) => {
    // Settings are read again under the lock: a limit changed a moment ago applies.
    const fresh = (await tx.findAccount(account.name, account.workspaceId)) ?? account;
    const settings = settingsFor(ctx.config, fresh.settings);
    const [invitations, reports, connection] = await Promise.all([
      tx.listInvitations(account.id),
      tx.listReports(account.id),
      tx.findConnection(account.id, ref.personKey, ref.nameKey),
    ]);
    const name = ref.profileUrl ? ref.profileUrl.replace(/^.*\/in\//, '') : ref.text;
    const later = (await tx.invitationsOfPerson(account.id, ref.personKey, ref.nameKey)).find(
      (i) => i.sentAt > at,
    );
    if (later) {
      return refuse(
        'ALREADY_PENDING',
        `an invitation to ${later.name} was recorded at ${toIso(later.sentAt)}, after ${toIso(at)}`,
      );
    }
    const check = checkSend({
      now: at,
      settings,
      invitations,
      connections: connection ? [connection] : [],
      reports,
      person: { personKey: ref.personKey, name },
    });
    if (!check.ok) {
      return refuse(
        check.reason,
        `${ref.text} may not be invited now (${check.reason})`,
        check.until === undefined ? undefined : toIso(check.until),
      );
    }
    const quota = checkSendQuota(invitations, at, settings);
    if (!quota.ok) {
      return refuse(
        'QUOTA',
        quota.limit === 'weekly'
          ? `${quota.count} invitations in the 7 days up to ${toIso(quota.windowAt)}: the weekly limit is ${quota.max}`
          : `${quota.count} invitations on ${toIso(quota.windowAt).slice(0, 10)} already: the daily limit is ${quota.max}`,
      );
    }
    await tx.insertInvitations(account.id, [
      {
        personKey: ref.personKey,
        nameKey: ref.nameKey,
        profileUrl: ref.profileUrl,
        name,
        headline: null,
        sentAt: at,
        sentAtEarliest: at,
        note: options.note ?? null,
        templateId: options.templateId ?? null,
        source: 'manual',
        status: 'pending',
        statusAt: null,
        snapshotId: null,
        recordedAt: ctx.now,
      },
    ]);
    const inserted = (await tx.invitationsOfPerson(account.id, ref.personKey, ref.nameKey)).find(
      (i) => i.sentAt === at && i.source === 'manual' && i.status === 'pending',
    );
    if (!inserted) throw new InviteKeeperError('INTERNAL', 'the recorded send could not be read back');
    await tx.addEvent(account.id, {
      kind: 'sent',
      personKey: ref.personKey,
      invitationId: inserted.id,
      at,
      data: {},
      recordedAt: ctx.now,
    });
    return { ok: true, invitationId: inserted.id, personKey: ref.personKey, sentAt: toIso(at) };
  });
}

function refuse(reason: ClaimRefusal, message: string, until?: string): ClaimResult {
  return until === undefined ? { ok: false, reason, message } : { ok: false, reason, message, until };
}

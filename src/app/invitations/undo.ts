import type { z } from 'zod';
/**
 * Undo: the member takes back a record made by mistake today (`invitekeeper undo`, the dashboard's
 * Undo after a mark). Each record is undone only while nothing else has changed what it changed: a
 * withdrawal or acceptance while the invitation is still as the record left it, a send while its
 * invitation is still pending and was added by the record. The record's event goes, an `undo` event
 * says what was taken back, and the cooldown, counts and plan follow at once.
 */
import { InviteKeeperError, startOfDayIn, toIso } from '../../core/index.ts';
import { type AppContext, requireAccount } from '../context.ts';
import type { RecordedEvent, Repositories } from '../ports.ts';
import type { UndoableRecordSchema, UndoResultSchema } from './undo.schema.ts';
import { parsePersonRef } from './withdrawals.ts';

/** What `undo` can take back, as it is named on the command line and in the API. */
export const UNDOABLE_KINDS = ['sent', 'withdrawn', 'accepted', 'reported'] as const;
export type UndoableKind = (typeof UNDOABLE_KINDS)[number];
export type UndoableRecord = z.output<typeof UndoableRecordSchema>;
/** The record undone, and how many records of today are still undoable after it. */
export type UndoResult = z.output<typeof UndoResultSchema>;

/** Which record to undo: the newest of today, or the newest of a kind, for a person. */
export interface UndoTarget {
  kind?: UndoableKind;
  person?: string;
}

/** Today's records (the account's day), newest first, as `undo --list` shows them. */
export async function listUndoable(ctx: AppContext): Promise<UndoableRecord[]> {
  const { account, settings } = await requireAccount(ctx);
  const records = await ctx.store.recordsSince(account.id, startOfDayIn(ctx.now, settings.timezone));
  return Promise.all(records.map((r) => describe(ctx.store, account.id, r)));
}

/** Undoes the newest of today's records that `target` names (any, by default). */
export async function undoRecord(ctx: AppContext, target: UndoTarget = {}): Promise<UndoResult> {
  const { account, settings } = await requireAccount(ctx);
  const since = startOfDayIn(ctx.now, settings.timezone);
  const ref = target.person ? parsePersonRef(target.person) : null;
  return ctx.store.write(account.id, async (tx) => {
    const records = await tx.recordsSince(account.id, since);
    const chosen = records.find(
      (r) =>
        (!target.kind || r.kind === target.kind) &&
        (!ref ||
          r.personKey === ref.personKey ||
          (ref.profileUrl === null && r.personKey === `name:${ref.nameKey}`)),
    );
    if (!chosen) {
      throw new InviteKeeperError(
        'NOT_FOUND',
        `nothing to undo: no ${target.kind ? `${KIND_WORDS[target.kind]} ` : ''}record${ref ? ` for ${ref.text}` : ''} made today`,
      );
    }
    const undone = await describe(tx, account.id, chosen);
    await takeBack(tx, account.id, chosen, undone);
    await tx.addEvent(account.id, {
      kind: 'undo',
      personKey: chosen.personKey,
      invitationId: chosen.kind === 'sent' ? null : chosen.invitationId,
      at: ctx.now,
      data: { undid: chosen.kind, eventId: chosen.id, at: toIso(chosen.at) },
      recordedAt: ctx.now,
    });
    return { undone, left: records.length - 1 };
  });
}

const KIND_WORDS: Record<UndoableKind, string> = {
  sent: 'send',
  withdrawn: 'withdrawal',
  accepted: 'acceptance',
  reported: 'report',
};

async function describe(
  store: Pick<Repositories, 'invitationsOfPerson'>,
  accountId: number,
  r: RecordedEvent,
): Promise<UndoableRecord> {
  const invitation =
    r.invitationId === null || r.personKey === null
      ? null
      : ((await store.invitationsOfPerson(accountId, r.personKey, '')).find((i) => i.id === r.invitationId) ??
        null);
  const slug = r.personKey?.startsWith('https://')
    ? r.personKey.replace(/^.*\/in\//, '')
    : (r.personKey ?? '');
  return {
    kind: r.kind as UndoableKind,
    name: invitation?.name || slug,
    profileUrl: invitation?.profileUrl ?? (r.personKey?.startsWith('https://') ? r.personKey : null),
    at: toIso(r.at),
    recordedAt: toIso(r.recordedAt),
  };
}

/** Puts back what the record changed, refusing when something since changed it again. */
async function takeBack(
  tx: Repositories,
  accountId: number,
  r: RecordedEvent,
  what: UndoableRecord,
): Promise<void> {
  const changed = (state: string) =>
    new InviteKeeperError(
      'CONFLICT',
      `the ${KIND_WORDS[r.kind as UndoableKind]} of ${what.name} cannot be undone: the invitation is ${state} since then (a later import or record changed it)`,
    );
  if (r.kind === 'reported') {
    await tx.removeRecord(accountId, { eventId: r.id });
    return;
  }
  const invitation =
    r.personKey === null || r.invitationId === null
      ? undefined
      : (await tx.invitationsOfPerson(accountId, r.personKey, '')).find((i) => i.id === r.invitationId);
  if (!invitation) throw changed('gone');
  if (r.kind === 'sent') {
    if (invitation.status !== 'pending') throw changed(invitation.status);
    // an export or Sent page has listed it since: it was sent, whoever recorded it
    if (invitation.source !== 'manual')
      throw changed(`listed by your ${invitation.source === 'export' ? 'export' : 'Sent page'}`);
    await tx.removeRecord(accountId, { eventId: r.id, invitationId: invitation.id });
    return;
  }
  // withdrawn or accepted: still so, at the recorded moment
  if (invitation.status !== r.kind || invitation.statusAt !== r.at) throw changed(invitation.status);
  await tx.updateInvitations(accountId, [{ id: invitation.id, status: 'pending', statusAt: null }]);
  await tx.removeRecord(accountId, {
    eventId: r.id,
    ...(r.kind === 'accepted' && r.data.connectionRecorded === true && r.personKey !== null
      ? { connectionKey: r.personKey }
      : {}),
  });
}

/** How a record reads in a sentence: "the withdrawal of Ada Lovelace". */
export function undoneText(u: UndoableRecord): string {
  return `the ${KIND_WORDS[u.kind]} of ${u.name}`;
}

import type { Invitation, Relation } from '../model.ts';

/**
 * An invitation as the analytics read it: the ledger entry plus what the app can join in from the
 * target it was sent to. `undefined` and `null` both mean "not known".
 */
export type AnalyticsInvitation = Invitation & {
  mutualConnections?: number | null;
  relation?: Relation | null;
};

/** Whether an invitation carried a personal note (a blank note is none). */
export function hasNote(invitation: Pick<Invitation, 'note'>): boolean {
  return invitation.note !== null && invitation.note.trim() !== '';
}

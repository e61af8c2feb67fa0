import { type Instant, type Invitation, InviteKeeperError, toIso, transition } from '../../core/index.ts';
import type { Repositories } from '../ports.ts';

/**
 * A pending invitation moved to `to` at `at` as the member records it (a withdrawal, an
 * acceptance): the core's transition rule, the ledger's row, and the event an undo reads, in the
 * caller's transaction. `at` before the invitation was sent is the member's mistake (USAGE).
 */
export async function recordTransition<T extends Invitation>(
  tx: Repositories,
  accountId: number,
  invitation: T,
  change: {
    to: 'withdrawn' | 'accepted';
    at: Instant;
    /** What the time is called in a refusal: "withdrawal", "acceptance". */
    what: string;
    recordedAt: Instant;
    data?: Record<string, unknown>;
  },
): Promise<T> {
  if (change.at < invitation.sentAt) {
    throw new InviteKeeperError(
      'USAGE',
      `the invitation to ${invitation.name} was sent at ${toIso(invitation.sentAt)}, after the ${change.what} time ${toIso(change.at)}`,
    );
  }
  const done = transition(invitation, change.to, change.at);
  await tx.updateInvitations(accountId, [{ id: done.id, status: done.status, statusAt: done.statusAt }]);
  await tx.addEvent(accountId, {
    kind: change.to,
    personKey: done.personKey,
    invitationId: done.id,
    at: done.statusAt!,
    data: change.data ?? {},
    recordedAt: change.recordedAt,
  });
  return done;
}

import {
  canonicalProfileUrl,
  cooldownEndsAt,
  type Instant,
  type Invitation,
  InviteKeeperError,
  invitationAt,
  normalizeName,
  personKeyOf,
  startOfDayIn,
  toIso,
  transition,
} from '../core/index.ts';
import { type AppContext, requireAccount } from './accounts.ts';

/** A person as the member names them on the command line: a profile URL, or a name. */
export interface PersonRef {
  text: string;
  profileUrl: string | null;
  personKey: string;
  nameKey: string;
}

/** Reads a profile URL (any LinkedIn form) or, failing that, a name. */
export function parsePersonRef(text: string): PersonRef {
  const trimmed = text.trim();
  if (!trimmed) throw new InviteKeeperError('USAGE', 'an empty profile URL or name was given');
  const url = canonicalProfileUrl(trimmed);
  if (!url && /^(https?:\/\/|www\.)/i.test(trimmed)) {
    throw new InviteKeeperError(
      'USAGE',
      `"${trimmed}" is not a LinkedIn profile URL (expected https://www.linkedin.com/in/<name>)`,
    );
  }
  return {
    text: trimmed,
    profileUrl: url,
    personKey: personKeyOf(url, trimmed),
    nameKey: normalizeName(trimmed),
  };
}

export interface WithdrawalResult {
  recorded: Array<{
    name: string;
    profileUrl: string | null;
    sentAt: string;
    withdrawnAt: string;
    cooldownUntil: string | null;
  }>;
  withdrawnToday: number;
  cap: number;
  warnings: string[];
}

/**
 * Records withdrawals the member made on LinkedIn: each pending invitation becomes withdrawn at
 * `at` (default now), which starts its re-invite cooldown and counts against today's cap. All or
 * nothing: if one person cannot be withdrawn, none is recorded.
 */
export async function recordWithdrawals(
  ctx: AppContext,
  people: readonly string[],
  at: Instant = ctx.config.now,
): Promise<WithdrawalResult> {
  if (people.length === 0)
    throw new InviteKeeperError('USAGE', 'name at least one profile URL to record as withdrawn');
  const { account, settings } = await requireAccount(ctx);
  const refs = people.map(parsePersonRef);
  return ctx.store.write(account.id, async (tx) => {
    const problems: string[] = [];
    const chosen: Array<{ ref: PersonRef; invitation: Invitation }> = [];
    for (const ref of refs) {
      const invitations = await tx.invitationsOfPerson(account.id, ref.personKey, ref.nameKey);
      const asThen = invitations.map((i) => invitationAt(i, at)).filter((i) => i !== null);
      const pending = asThen.filter((i) => i.status === 'pending');
      if (pending.length > 1 && ref.profileUrl === null) {
        problems.push(
          `${ref.text}: ${pending.length} pending invitations match this name; give the profile URL`,
        );
      } else if (pending[0]) {
        if (chosen.some((c) => c.invitation.id === pending[0]!.id)) continue;
        chosen.push({ ref, invitation: pending[0] });
      } else if (asThen[0]) {
        const last = asThen[0];
        problems.push(
          `${ref.text}: the invitation to ${last.name} is ${last.status}${last.statusAt ? ` since ${toIso(last.statusAt).slice(0, 10)}` : ''}, not pending`,
        );
      } else {
        problems.push(
          `${ref.text}: no invitation to this person is known${invitations.length ? ' at that time' : ''} (import your export or Sent page first)`,
        );
      }
    }
    if (problems.length) {
      throw new InviteKeeperError(
        problems.length === refs.length && problems.every((p) => p.includes('no invitation'))
          ? 'NOT_FOUND'
          : 'CONFLICT',
        `nothing was recorded:\n  ${problems.join('\n  ')}`,
        { problems },
      );
    }
    const recorded: WithdrawalResult['recorded'] = [];
    for (const { invitation } of chosen) {
      if (at < invitation.sentAt) {
        throw new InviteKeeperError(
          'USAGE',
          `the invitation to ${invitation.name} was sent at ${toIso(invitation.sentAt)}, after the withdrawal time ${toIso(at)}`,
        );
      }
      const done = transition(invitation, 'withdrawn', at);
      await tx.updateInvitations(account.id, [{ id: done.id, status: 'withdrawn', statusAt: done.statusAt }]);
      await tx.addEvent(account.id, {
        kind: 'withdrawn',
        personKey: done.personKey,
        invitationId: done.id,
        at: done.statusAt!,
        data: {},
        recordedAt: ctx.config.now,
      });
      const until = cooldownEndsAt(done, settings);
      recorded.push({
        name: done.name,
        profileUrl: done.profileUrl,
        sentAt: toIso(done.sentAt),
        withdrawnAt: toIso(done.statusAt!),
        cooldownUntil: until === null ? null : toIso(until),
      });
    }
    const withdrawnToday = await tx.countWithdrawnBetween(
      account.id,
      startOfDayIn(ctx.config.now, settings.timezone),
      ctx.config.now,
    );
    const warnings: string[] = [];
    if (withdrawnToday > settings.maxWithdrawalsPerDay) {
      warnings.push(
        `${withdrawnToday} withdrawals today, over the daily cap of ${settings.maxWithdrawalsPerDay}: spread the rest over the coming days`,
      );
    }
    return { recorded, withdrawnToday, cap: settings.maxWithdrawalsPerDay, warnings };
  });
}

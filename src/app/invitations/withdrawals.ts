import type { z } from 'zod';
import {
  canonicalProfileUrl,
  cooldownEndsAt,
  type Instant,
  type Invitation,
  InviteKeeperError,
  invitationAt,
  ledgerAt,
  normalizeName,
  personKeyOf,
  startOfDayIn,
  toIso,
} from '../../core/index.ts';
import { type AppContext, requireAccount } from '../context.ts';
import type { Repositories } from '../ports.ts';
import { recordTransition } from './transition.ts';
import type { WithdrawalResultSchema } from './withdrawals.schema.ts';

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

/** Someone a name may mean: a pending invitation, a target. */
export interface NamedCandidate {
  personKey: string;
  profileUrl: string | null;
  name: string;
  /** What tells two namesakes apart beside the link ("sent 2026-11-02"). */
  detail?: string;
}

/**
 * The one candidate a name means among those of a command (pending invitations for `withdrawn` and
 * `accepted`, targets for `sent`): null when none has the name; a problem naming each namesake with
 * its link when several do, so that the member gives the link of the one they mean.
 */
export function pickByName<C extends NamedCandidate>(
  ref: PersonRef,
  candidates: readonly C[],
  what: string,
): { one: C | null; problem: string | null } {
  const named: C[] = [];
  for (const c of candidates) {
    if (normalizeName(c.name) === ref.nameKey && !named.some((n) => n.personKey === c.personKey))
      named.push(c);
  }
  if (named.length <= 1) return { one: named[0] ?? null, problem: null };
  const list = named
    .map((c) => `${c.profileUrl ?? `${c.name} (no profile URL known)`}${c.detail ? ` (${c.detail})` : ''}`)
    .join('\n    ');
  return {
    one: null,
    problem: `"${ref.text}" is the name of ${named.length} ${what}s; give the profile URL of the one you mean:\n    ${list}`,
  };
}

/** The reference of a candidate a name was resolved to, keeping what the member typed. */
export function refOfCandidate(c: NamedCandidate, text: string): PersonRef {
  return { text, profileUrl: c.profileUrl, personKey: c.personKey, nameKey: normalizeName(c.name) };
}

/** The invitations pending at `at`: whom a name given to `withdrawn` or `accepted` may mean. */
export async function pendingCandidates(
  tx: Pick<Repositories, 'pendingSentBetween'>,
  accountId: number,
  at: Instant,
): Promise<Array<Invitation & { detail: string }>> {
  const { invitations } = await tx.pendingSentBetween(accountId, {
    now: at,
    after: 0,
    upTo: at,
    limit: Number.POSITIVE_INFINITY,
  });
  return ledgerAt(invitations, at)
    .filter((i) => i.status === 'pending')
    .map((i) => ({ ...i, detail: `sent ${toIso(i.sentAt).slice(0, 10)}` }));
}

export type WithdrawalResult = z.output<typeof WithdrawalResultSchema>;

/**
 * Records withdrawals the member made on LinkedIn: each pending invitation becomes withdrawn at
 * `at` (default now), which starts its re-invite cooldown and counts against today's cap. All or
 * nothing: if one person cannot be withdrawn, none is recorded.
 */
export async function recordWithdrawals(
  ctx: AppContext,
  people: readonly string[],
  at: Instant = ctx.now,
): Promise<WithdrawalResult> {
  if (people.length === 0)
    throw new InviteKeeperError('USAGE', 'name at least one profile URL to record as withdrawn');
  const { account, settings } = await requireAccount(ctx);
  const refs = people.map(parsePersonRef);
  return ctx.store.write(account.id, async (tx) => {
    const problems: string[] = [];
    const chosen: Array<{ ref: PersonRef; invitation: Invitation }> = [];
    const byName = refs.some((r) => r.profileUrl === null) ? await pendingCandidates(tx, account.id, at) : [];
    for (const ref of refs) {
      if (ref.profileUrl === null) {
        // a name means one of the invitations pending then, whatever links they carry
        const { one, problem } = pickByName(ref, byName, 'pending invitation');
        if (problem) {
          problems.push(problem);
          continue;
        }
        if (one) {
          if (!chosen.some((c) => c.invitation.id === one.id)) chosen.push({ ref, invitation: one });
          continue;
        }
      }
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
      const done = await recordTransition(tx, account.id, invitation, {
        to: 'withdrawn',
        at,
        what: 'withdrawal',
        recordedAt: ctx.now,
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
      startOfDayIn(ctx.now, settings.timezone),
      ctx.now,
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

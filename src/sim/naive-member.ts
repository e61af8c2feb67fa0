import { DAY_MS, HOUR_MS, type Instant } from '../core/index.ts';
import type { SendRefusal } from './platform-records.ts';
import type { MemberAction, MemberStrategy, MemberView, StrategySetup } from './strategy.ts';

/**
 * The naive member: every day sends as many invitations as the weekly limit still allows, to the
 * next people on their list, all at once in the morning; never withdraws; uses one note for
 * everyone (LinkedIn's old default text, or none). When LinkedIn refuses because the account is
 * restricted, they try one invitation a day until it goes through again.
 */

export interface NaiveMemberOptions {
  /** The note attached while the allowance lasts; null sends without one. */
  note?: string | null;
  /** UTC hour of the morning burst. */
  sendHourUtc?: number;
  /** Milliseconds between two clicks of the burst. */
  spacingMs?: number;
}

/** Refusals after which the same person is tried again later. */
const RETRY: ReadonlySet<string> = new Set<SendRefusal>([
  'RESTRICTED',
  'WEEKLY_LIMIT',
  'NOTE_QUOTA',
  'NOTE_TOO_LONG',
]);

/** A naive member (see the module comment). */
export function createNaiveMember(options: NaiveMemberOptions = {}): MemberStrategy {
  const note = options.note ?? null;
  const sendHour = options.sendHourUtc ?? 8;
  const spacing = options.spacingMs ?? 30_000;
  let setup: StrategySetup | null = null;
  let cursor = 0;
  const retry: string[] = [];
  const sentAt: Instant[] = [];
  const noteAt: Instant[] = [];
  let restricted = false;
  let noteFits = true;

  return {
    name: 'naive',
    start(s) {
      setup = s;
    },
    decide(view: MemberView): MemberAction[] {
      if (!setup) throw new Error('the naive member was not started');
      const known = setup.knownLimits;
      const retryNow: string[] = [];
      for (const o of view.outcomes) {
        if (o.action.kind !== 'send') continue;
        if (o.ok) {
          sentAt.push(o.at);
          if (o.action.note) noteAt.push(o.at);
          restricted = false;
        } else {
          if (o.reason === 'RESTRICTED') restricted = true;
          if (o.reason === 'NOTE_TOO_LONG') noteFits = false;
          if (RETRY.has(o.reason)) retryNow.push(o.action.profileUrl);
        }
      }
      retry.unshift(...retryNow);
      const at = view.now + sendHour * HOUR_MS;
      let room = known.weeklyInvites - sentAt.filter((t) => t > at - 7 * DAY_MS).length;
      if (restricted) room = Math.min(room, 1);
      let notesLeft =
        known.notesPer30Days === null
          ? Number.POSITIVE_INFINITY
          : known.notesPer30Days - noteAt.filter((t) => t > at - 30 * DAY_MS).length;
      const actions: MemberAction[] = [];
      while (actions.length < room) {
        const profileUrl = retry.shift() ?? setup.targets[cursor++]?.profileUrl;
        if (!profileUrl) break;
        const withNote = note !== null && noteFits && notesLeft > 0;
        if (withNote) notesLeft--;
        actions.push({
          kind: 'send',
          profileUrl,
          note: withNote ? note : null,
          at: at + actions.length * spacing,
        });
      }
      return actions;
    },
  };
}

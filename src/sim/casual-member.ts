import { DAY_MS, HOUR_MS, type Instant, MINUTE_MS, splitName } from '../core/index.ts';
import { DEFAULT_NOTE } from './behaviour.ts';
import type { TargetInfo } from './model.ts';
import { createRng, type Rng } from './random.ts';
import type { MemberAction, MemberStrategy, MemberView, StrategySetup } from './strategy.ts';

/**
 * The casual member: invites a few people on some days, writes a note now and then (commas,
 * quotes, line breaks and emoji included, as people write them), and every so often tidies the
 * Sent page by withdrawing a few old invitations. It is the member behind the sample data: a
 * realistic, modest history rather than a stress test.
 */

/** Notes the casual member writes; each fits the free tier's 200 characters. */
export const CASUAL_NOTES: readonly ((target: TargetInfo, firstName: string) => string)[] = [
  (_t, f) => `Hi ${f}, we met at the "Grid & Growth" meetup in Berlin, would love to stay in touch!`,
  (_t, f) => `Hello ${f},\nI enjoyed your post on partnerships. Let's connect 🙂`,
  (t, f) => `${f}, I work with teams like ${t.company}; happy to swap notes. No pitch, promise.`,
  (_t, f) => `Hi ${f} 👋 fellow alum here, great to see what you're building!`,
  (_t, f) =>
    `Dear ${f},\n\nthanks for the talk yesterday ("Scaling B2B partnerships"). Would be glad to connect.\nBest, Morgan`,
  () => DEFAULT_NOTE,
];

export interface CasualMemberOptions {
  /** Chance of sending on a weekday (weekends a third of it). */
  activeShare?: number;
  /** Invitations on an active day: 1 up to this. */
  maxPerDay?: number;
  /** Chance an invitation carries a note (while the allowance lasts). */
  noteShare?: number;
  /** Chance on a day of tidying the Sent page. */
  tidyShare?: number;
  /** Withdraw only invitations at least this many weeks old (by the Sent page's text). */
  tidyAfterWeeks?: number;
  /** At most this many withdrawals per tidy. */
  tidyMax?: number;
  /** Notes to use; CASUAL_NOTES by default. */
  notes?: readonly ((target: TargetInfo, firstName: string) => string)[];
}

/** Weeks implied by a Sent-page age text (`Sent 3 weeks ago` = 3, `Sent 2 months ago` = 8). */
export function ageTextWeeks(ageText: string): number {
  const m = /(\d+)\s+(day|week|month|year)s?/.exec(ageText);
  if (!m) return 0;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'day':
      return Math.floor(n / 7);
    case 'week':
      return n;
    case 'month':
      return Math.floor((n * 30) / 7);
    default:
      return n * 52;
  }
}

/** A casual member (see the module comment). */
export function createCasualMember(options: CasualMemberOptions = {}): MemberStrategy {
  const activeShare = options.activeShare ?? 0.5;
  const maxPerDay = options.maxPerDay ?? 3;
  const noteShare = options.noteShare ?? 0.35;
  const tidyShare = options.tidyShare ?? 0.08;
  const tidyAfterWeeks = options.tidyAfterWeeks ?? 4;
  const tidyMax = options.tidyMax ?? 4;
  const notes = options.notes ?? CASUAL_NOTES;
  let setup: StrategySetup | null = null;
  let rng: Rng = createRng(0);
  let cursor = 0;
  const noteAt: Instant[] = [];

  return {
    name: 'casual',
    start(s) {
      setup = s;
      rng = createRng(s.seed).fork('casual-member');
    },
    decide(view: MemberView): MemberAction[] {
      if (!setup) throw new Error('the casual member was not started');
      for (const o of view.outcomes) if (o.ok && o.action.kind === 'send' && o.action.note) noteAt.push(o.at);
      const actions: MemberAction[] = [];
      const weekday = new Date(view.now).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      if (rng.chance(weekend ? activeShare / 3 : activeShare)) {
        const count = rng.int(1, maxPerDay + 1);
        let at = view.now + rng.int(7, 19) * HOUR_MS + rng.int(0, 60) * MINUTE_MS;
        const allowance = setup.knownLimits.notesPer30Days;
        let notesLeft =
          allowance === null
            ? Number.POSITIVE_INFINITY
            : allowance - noteAt.filter((t) => t > at - 30 * DAY_MS).length;
        for (let i = 0; i < count; i++) {
          const target = setup.targets[cursor++];
          if (!target) break;
          let note: string | null = null;
          if (notesLeft > 0 && rng.chance(noteShare)) {
            note = rng.pick(notes)(target, splitName(target.name).firstName);
            notesLeft--;
          }
          actions.push({ kind: 'send', profileUrl: target.profileUrl, note, at });
          at += rng.int(1, 25) * MINUTE_MS;
        }
      }
      if (rng.chance(tidyShare)) {
        const old = view.sentPage().filter((r) => ageTextWeeks(r.ageText) >= tidyAfterWeeks);
        const n = Math.min(old.length, rng.int(1, tidyMax + 1));
        let at = view.now + 20 * HOUR_MS + rng.int(0, 60) * MINUTE_MS;
        for (const row of old.slice(-n).reverse()) {
          actions.push({ kind: 'withdraw', profileUrl: row.profileUrl, at });
          at += rng.int(1, 5) * MINUTE_MS;
        }
      }
      return actions;
    },
  };
}

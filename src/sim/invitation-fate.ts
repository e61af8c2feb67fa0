import { HOUR_MS, type Instant } from '../core/index.ts';
import { acceptanceProbability, type InvitationContext, reportProbability } from './behaviour.ts';
import type { Member } from './model.ts';
import type { PlatformParams } from './params.ts';
import { nextVisit } from './population.ts';
import type { Rng } from './random.ts';

/**
 * What becomes of an invitation, drawn once when it is sent: when the recipient first looks, the
 * chances they accept or report it, and how they answer each reminder. The platform schedules the
 * events these draws decide.
 */

/** A reminder's draws: the delay of the answer, and the dice for accepting and reporting. */
export interface ReminderDraw {
  delay: number;
  u: number;
  v: number;
}

/** What the platform keeps of an invitation's draws until the invitation is answered. */
export interface InvitationPlan {
  firstVisit: Instant;
  p: number;
  q: number;
  capBlocked: boolean;
  reminders: ReminderDraw[];
}

/** The draws for one invitation, `u` and `v` being the dice for accepting and reporting at first sight. */
export function drawInvitationFate(
  member: Member,
  ctx: InvitationContext,
  rng: Rng,
  params: PlatformParams,
): { plan: InvitationPlan; u: number; v: number } {
  const at = ctx.sentAt;
  // Draws come in a fixed order whatever happens later, so the same (seed, member, attempt)
  // meets the same dice under every strategy.
  const p = acceptanceProbability(member, ctx, params);
  const q = reportProbability(member, ctx, params);
  const habitualVisit = nextVisit(member, at, rng);
  const u = rng.next();
  const v = rng.next();
  const reminders: ReminderDraw[] = params.reminders.afterDays.map(() => ({
    delay: rng.exponential(params.reminders.responseMeanHours * HOUR_MS),
    u: rng.next(),
    v: rng.next(),
  }));
  // Drawn last, so the draws above stay what they were before notices were modelled. A dormant
  // member opens no notice either.
  const notice = params.notice;
  const noticed = rng.next() < notice.share && !isDormant(member, params);
  const noticeDelay = rng.exponential(notice.meanHours * HOUR_MS);
  const firstVisit = noticed ? Math.min(habitualVisit, at + noticeDelay) : habitualVisit;
  const capBlocked = member.connectionCount >= params.limits.connectionCap;
  return { plan: { firstVisit, p, q, capBlocked, reminders }, u, v };
}

/** A member who visits about once a year (population.dormantShare): they open no notice. */
function isDormant(member: Member, params: PlatformParams): boolean {
  return member.visitsPerWeek <= params.population.dormantVisitsPerWeek;
}

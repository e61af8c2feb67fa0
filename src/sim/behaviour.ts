import type { Instant } from '../core/index.ts';
import type { Member } from './model.ts';
import type { PlatformParams } from './params.ts';
import { localTime } from './zones.ts';

/**
 * How a recipient answers an invitation: the probability they accept, and that they report it,
 * from the factors SPEC section 1 names (mutual connections, relation, a personal note, the
 * sender's profile, the hour it arrives). Pure functions of their inputs.
 */

/** LinkedIn's old default invitation text; attaching it is no personalisation at all. */
export const DEFAULT_NOTE = "I'd like to add you to my professional network.";

function normaliseNote(note: string): string {
  return note
    .trim()
    .replace(/[.!\s]+$/u, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

/** Whether a note counts as personal: not empty and not the default text. */
export function isPersonalNote(note: string | null | undefined): boolean {
  return hasNote(note) && normaliseNote(note) !== normaliseNote(DEFAULT_NOTE);
}

/** Whether a note is attached at all (any non-blank text, the default included); it uses the note allowance. */
export function hasNote(note: string | null | undefined): note is string {
  return !!note && note.trim().length > 0;
}

/** The arrival factor's band for a local time: working hours, awake hours, or night. */
export function arrivalBand(t: Instant, zone: string): 'workHours' | 'awake' | 'night' {
  const { weekday, hour } = localTime(t, zone);
  if (hour < 7 || hour >= 22) return 'night';
  if (weekday <= 5 && hour >= 9 && hour < 17) return 'workHours';
  return 'awake';
}

export interface InvitationContext {
  note: string | null;
  /** Sender's profile completeness, 0..1. */
  senderCompleteness: number;
  /** When the invitation reaches the recipient. */
  sentAt: Instant;
}

/** The chance `member` accepts the invitation when they first see it. */
export function acceptanceProbability(
  member: Member,
  ctx: InvitationContext,
  params: PlatformParams,
): number {
  const a = params.acceptance;
  const mutual = a.mutual.floor + a.mutual.gain * (1 - Math.exp(-member.mutualConnections / a.mutual.scale));
  const relation = a.relation[member.relation];
  const note = isPersonalNote(ctx.note) ? a.personalNote : 1;
  const profile = a.profileFloor + (1 - a.profileFloor) * ctx.senderCompleteness;
  const arrival = a.arrival[arrivalBand(ctx.sentAt, member.timezone)];
  const p = member.propensity * mutual * relation * note * profile * arrival;
  return Math.min(a.maxProbability, Math.max(0, p));
}

/** The chance `member` reports "I don't know this person" when they decline at a visit. */
export function reportProbability(member: Member, ctx: InvitationContext, params: PlatformParams): number {
  const r = params.reports;
  const p =
    r.base *
    member.reportPropensity *
    (member.mutualConnections === 0 ? r.noMutuals : 1) *
    r.relation[member.relation] *
    (isPersonalNote(ctx.note) ? r.personalNote : 1);
  return Math.min(1, Math.max(0, p));
}

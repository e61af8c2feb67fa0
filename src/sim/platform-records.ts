import type { Instant } from '../core/index.ts';
import type { IncomingPlan, InitialConnection, Member, SenderProfile } from './model.ts';
import type { PlatformParams } from './params.ts';

/**
 * What the platform keeps and answers: its refusals, the invitations and connections it records
 * with the time of each change, restrictions, and the options a platform is created with.
 */

/** Why the platform refuses a send, checked in this order. */
export const SEND_REFUSALS = [
  /** No member with that profile URL. */
  'UNKNOWN_RECIPIENT',
  /** The sender's account is restricted from sending (in place, or triggered by this attempt). */
  'RESTRICTED',
  /** The rolling 7-day limit is used up. */
  'WEEKLY_LIMIT',
  /** The sender has the maximum number of connections. */
  'SENDER_AT_CAP',
  'ALREADY_CONNECTED',
  /** An invitation between the two is pending (either direction). */
  'ALREADY_PENDING',
  /** The recipient reported the sender ("I don't know this person") and blocks further invitations. */
  'RECIPIENT_BLOCKED',
  /** Within the wait after a withdrawal. */
  'REINVITE_WAIT',
  /** The note is longer than the tier allows. */
  'NOTE_TOO_LONG',
  /** A free account's notes for the rolling 30 days are used up. */
  'NOTE_QUOTA',
] as const;
export type SendRefusal = (typeof SEND_REFUSALS)[number];

export const WITHDRAW_REFUSALS = ['UNKNOWN_RECIPIENT', 'NOT_PENDING'] as const;
export type WithdrawRefusal = (typeof WITHDRAW_REFUSALS)[number];

/** What triggered a restriction. */
export const RESTRICTION_REASONS = ['PENDING', 'LOW_ACCEPTANCE', 'REPORTS'] as const;
export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];

export type SimInvitationStatus = 'pending' | 'accepted' | 'withdrawn' | 'expired';

/** An outgoing invitation the platform accepted for delivery. */
export interface SimInvitation {
  readonly id: number;
  readonly memberId: number;
  readonly sentAt: Instant;
  readonly note: string | null;
  status: SimInvitationStatus;
  /** When the status left pending. */
  statusAt: Instant | null;
  /** Reminders the platform sent the recipient. */
  readonly reminders: Instant[];
  /** When the recipient reported it; the invitation stays pending for the sender (they are not told). */
  reportedAt: Instant | null;
  /** The chance of acceptance at first sight, for analysis. */
  readonly acceptProbability: number;
}

/** An invitation another member sent the sender. */
export interface SimIncoming {
  readonly id: number;
  readonly memberId: number;
  readonly sentAt: Instant;
  readonly note: string | null;
  status: 'pending' | 'accepted' | 'expired';
  statusAt: Instant | null;
}

export interface SimConnection {
  readonly memberId: number;
  readonly connectedOn: Instant;
  readonly via: 'initial' | 'outgoing' | 'incoming';
}

export interface Restriction {
  readonly from: Instant;
  readonly until: Instant;
  readonly reason: RestrictionReason;
}

export interface Refusal {
  readonly at: Instant;
  readonly profileUrl: string;
  readonly memberId: number | null;
  readonly reason: SendRefusal;
}

export type SendResult =
  | { ok: true; invitation: SimInvitation }
  | { ok: false; reason: SendRefusal; until?: Instant; restriction?: Restriction };

export type WithdrawResult = { ok: true; invitation: SimInvitation } | { ok: false; reason: WithdrawRefusal };

export interface PlatformOptions {
  seed: number;
  params: PlatformParams;
  sender: SenderProfile;
  /** Everyone who can be invited or is connected. */
  members: readonly Member[];
  /** When the clock starts. */
  start: Instant;
  connections?: readonly InitialConnection[];
  incoming?: readonly IncomingPlan[];
}

import type { z } from 'zod';
import type { WarningSchema } from './status.schema.ts';
import type { Instant } from './time.ts';

/** The statuses of an outgoing invitation (SPEC section 2). */
export const INVITATION_STATUSES = ['pending', 'accepted', 'withdrawn', 'expired', 'closed'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Where a fact came from. */
export type SourceKind = 'export' | 'sent-page' | 'manual';

export const RELATIONS = ['colleague', 'alumni', 'industry-peer', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * A person is keyed by the canonical profile URL when one is known, else by `name:<normalised name>`
 * (the Sent page as text, old exports without URLs).
 */
export type PersonKey = string;

/** An outgoing invitation as the rules see it. */
export interface Invitation {
  id: number;
  personKey: PersonKey;
  profileUrl: string | null;
  name: string;
  /**
   * When it was sent; for a range ("Sent 3 weeks ago") the latest possible instant, so that ages
   * computed from it are lower bounds and nothing is withdrawn early.
   */
  sentAt: Instant;
  /** The earliest possible send instant; equal to sentAt when the time is exact. */
  sentAtEarliest: Instant;
  note: string | null;
  templateId: string | null;
  source: SourceKind;
  status: InvitationStatus;
  /** When the status last changed (acceptedAt, withdrawnAt, expiredAt, closedAt); null while pending. */
  statusAt: Instant | null;
  /**
   * When invitekeeper first learnt of it: the as-of of the import that first listed it; null for
   * a send recorded by hand (known from its sending), absent where not read (see isTracked).
   */
  firstSeenAt?: Instant | null;
}

/**
 * An invitation as the status rules read it: no name or link, which the status never shows, so
 * the store can load a whole ledger of them cheaply.
 */
export type LedgerFact = Pick<
  Invitation,
  'id' | 'personKey' | 'sentAt' | 'sentAtEarliest' | 'status' | 'statusAt' | 'note' | 'source' | 'firstSeenAt'
>;

/** A first-degree connection of the account. */
export interface Connection {
  personKey: PersonKey;
  profileUrl: string | null;
  name: string;
  connectedOn: Instant;
}

/** An "I don't know this person" report the member recorded. */
export interface Report {
  personKey: PersonKey;
  at: Instant;
}

/** A warning in status output (its schema: status.schema.ts). */
export type Warning = z.output<typeof WarningSchema>;

import type { Instant, Relation } from '../core/index.ts';

/** A member of the simulated platform: someone the sender may invite, or is already connected to. */
export interface Member {
  /** Unique within a world. */
  id: number;
  firstName: string;
  lastName: string;
  /** As LinkedIn shows it: first and last name joined by a space. */
  name: string;
  /** The public profile slug (lower-case; may hold non-ASCII letters). */
  slug: string;
  /** The canonical profile URL (SPEC section 2). */
  profileUrl: string;
  headline: string;
  company: string;
  position: string;
  /** First-degree connections; at the cap (30,000) the member cannot accept. */
  connectionCount: number;
  /** IANA time zone. */
  timezone: string;
  /** Relative activity by ISO weekday, index 0 = Monday; max 1. */
  weekdayActivity: readonly number[];
  /** Relative activity by local hour 0..23; sums to 1. */
  hourActivity: readonly number[];
  /** Mean visits to the platform per week. */
  visitsPerWeek: number;
  /** How the member relates to the sender. */
  relation: Relation;
  mutualConnections: number;
  /** Openness to invitations before any factor, about 0..1. */
  propensity: number;
  /** Multiplier on the chance to report an invitation they decline (median 1). */
  reportPropensity: number;
  /** An `example.com` placeholder for a few members; never a real-looking address. */
  email: string | null;
}

/** What the member sending the invitations is like. */
export interface SenderProfile {
  firstName: string;
  lastName: string;
  name: string;
  profileUrl: string;
  headline: string;
  company: string;
  position: string;
  summary: string;
  industry: string;
  location: string;
  timezone: string;
  tier: 'free' | 'premium';
  /** The own-profile facts that make invitations recognisable (SPEC section 1). */
  profile: { photo: boolean; headline: boolean; jobTitle: boolean };
}

/** What a member sending invitations knows about a person they want to invite: public facts only. */
export interface TargetInfo {
  name: string;
  profileUrl: string;
  headline: string;
  company: string;
  relation: Relation;
  mutualConnections: number;
  connectionCount: number;
  timezone: string;
}

/** A connection the sender already had when the simulation starts. */
export interface InitialConnection {
  memberId: number;
  connectedOn: Instant;
}

/** An invitation some member sends to the sender during the simulation. */
export interface IncomingPlan {
  memberId: number;
  sentAt: Instant;
  note: string | null;
}

/** Everyone around the sender: whom they may invite, whom they know already, who will invite them. */
export interface World {
  sender: SenderProfile;
  /** The people the sender's strategy may invite, in the order the member listed them. */
  recipients: Member[];
  /** Other members: existing connections and incoming inviters. */
  others: Member[];
  connections: InitialConnection[];
  incoming: IncomingPlan[];
}

/** The public facts of a member, as a target list would hold them. */
export function toTarget(member: Member): TargetInfo {
  return {
    name: member.name,
    profileUrl: member.profileUrl,
    headline: member.headline,
    company: member.company,
    relation: member.relation,
    mutualConnections: member.mutualConnections,
    connectionCount: member.connectionCount,
    timezone: member.timezone,
  };
}

/** Share of the own-profile facts present, 0..1. */
export function profileCompleteness(sender: Pick<SenderProfile, 'profile'>): number {
  const p = sender.profile;
  return ((p.photo ? 1 : 0) + (p.headline ? 1 : 0) + (p.jobTitle ? 1 : 0)) / 3;
}

import { compareText, type Instant } from '../core/index.ts';
import type { Platform } from './platform.ts';

/**
 * What an export at one moment holds, as the writers of LinkedIn's files read it: the owner, the
 * invitations and the connections, drawn from the platform's history or built by a benchmark.
 */

/** A person as an export row shows them. */
export interface ExportPerson {
  firstName: string;
  lastName: string;
  profileUrl: string | null;
  headline?: string;
  company?: string;
  position?: string;
  email?: string | null;
}

export interface ExportInvitationRecord {
  direction: 'OUTGOING' | 'INCOMING';
  /** The person at the other end. */
  other: ExportPerson;
  sentAt: Instant;
  message: string | null;
  /** Accepted by the snapshot's time: in Invitations.csv (a history), not on the Sent page. */
  accepted?: boolean;
}

export interface ExportConnectionRecord {
  person: ExportPerson;
  connectedOn: Instant;
}

/** The member the export belongs to. */
export interface ExportOwner {
  firstName: string;
  lastName: string;
  profileUrl: string;
  headline: string;
  summary: string;
  industry: string;
  location: string;
}

/**
 * Everything an export at one moment holds. The iterables are walked once per file written; a
 * benchmark can pass re-iterable generators (an object with a `*[Symbol.iterator]()`) of any size.
 */
export interface ExportSnapshot {
  asOf: Instant;
  owner: ExportOwner;
  /** Outgoing invitations pending or accepted, incoming ones pending; newest first. */
  invitations: Iterable<ExportInvitationRecord>;
  /** Connections, newest first. */
  connections: Iterable<ExportConnectionRecord>;
}

/** The sender's export as it would be downloaded at `asOf` (at or before the platform's now). */
export function snapshotFromPlatform(platform: Platform, asOf: Instant): ExportSnapshot {
  const person = (id: number): ExportPerson => {
    const m = platform.member(id);
    return {
      firstName: m.firstName,
      lastName: m.lastName,
      profileUrl: m.profileUrl,
      headline: m.headline,
      company: m.company,
      position: m.position,
      email: m.email,
    };
  };
  const invitations: ExportInvitationRecord[] = [
    ...platform.pendingAt(asOf).map((inv) => ({
      direction: 'OUTGOING' as const,
      other: person(inv.memberId),
      sentAt: inv.sentAt,
      message: inv.note,
    })),
    ...platform.acceptedBy(asOf).map((inv) => ({
      direction: 'OUTGOING' as const,
      other: person(inv.memberId),
      sentAt: inv.sentAt,
      message: inv.note,
      accepted: true,
    })),
    ...platform.incomingPendingAt(asOf).map((inv) => ({
      direction: 'INCOMING' as const,
      other: person(inv.memberId),
      sentAt: inv.sentAt,
      message: inv.note,
    })),
  ];
  invitations.sort(
    (a, b) => b.sentAt - a.sentAt || compareText(a.other.profileUrl ?? '', b.other.profileUrl ?? ''),
  );
  // Walked only when Connections.csv is written: a Sent page drawn from the snapshot never needs it.
  const connections: Iterable<ExportConnectionRecord> = {
    *[Symbol.iterator]() {
      const list = platform.connectionsAt(asOf);
      for (let i = list.length - 1; i >= 0; i--) {
        const c = list[i]!;
        yield { person: person(c.memberId), connectedOn: c.connectedOn };
      }
    },
  };
  const s = platform.sender;
  return {
    asOf,
    owner: {
      firstName: s.firstName,
      lastName: s.lastName,
      profileUrl: s.profileUrl,
      headline: s.headline,
      summary: s.summary,
      industry: s.industry,
      location: s.location,
    },
    invitations,
    connections,
  };
}

/** A person's name as LinkedIn's files and pages write it: `First Last`, or the first name alone. */
export function fullName(p: Pick<ExportPerson, 'firstName' | 'lastName'>): string {
  return p.lastName ? `${p.firstName} ${p.lastName}` : p.firstName;
}

import type { Invitation } from '../model.ts';
import { personKeyOf } from '../people.ts';
import { DAY_MS } from '../time.ts';

/** A fixed "now" for tests: Thursday 26 November 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

let nextId = 1;

/** An invitation for tests: pending, exact time, sent `ageDays` before NOW unless given. */
export function inv(over: Partial<Invitation> & { ageDays?: number; slug?: string } = {}): Invitation {
  const { ageDays, slug, ...rest } = over;
  const id = rest.id ?? nextId++;
  const url =
    slug === undefined ? `https://www.linkedin.com/in/person-${id}` : `https://www.linkedin.com/in/${slug}`;
  const sentAt = rest.sentAt ?? NOW - (ageDays ?? 1) * DAY_MS;
  const profileUrl = rest.profileUrl === undefined ? url : rest.profileUrl;
  const name = rest.name ?? `Person ${id}`;
  return {
    id,
    personKey: rest.personKey ?? personKeyOf(profileUrl, name),
    profileUrl,
    name,
    sentAt,
    sentAtEarliest: rest.sentAtEarliest ?? sentAt,
    note: rest.note ?? null,
    templateId: rest.templateId ?? null,
    source: rest.source ?? 'export',
    status: rest.status ?? 'pending',
    statusAt: rest.statusAt ?? null,
    ...(rest.firstSeenAt === undefined ? {} : { firstSeenAt: rest.firstSeenAt }),
  };
}

import type { Connection, Invitation, Report } from '../model.ts';
import { type Target, unknownTargetDetails } from '../outreach.ts';
import { personKeyOf } from '../people.ts';
import { planSends, type SendPlanInput } from '../planner/sends.ts';
import { resolveSettings, type Settings } from '../settings.ts';
import { DAY_MS, HOUR_MS, type Instant } from '../time.ts';
import { inv as invitation, NOW } from './builders.ts';

export { NOW };

/** Builders for the send planner's tests (planner/sends*.test.ts). */

export const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

export function target(slug: string | null, over: Partial<Target> = {}): Target {
  const profileUrl = slug === null ? null : url(slug);
  const name = over.name ?? (slug ? slug.replace(/-/g, ' ') : 'Nobody');
  return {
    personKey: personKeyOf(profileUrl, name),
    profileUrl,
    name,
    ...unknownTargetDetails(),
    doNotContact: false,
    addedAt: NOW - DAY_MS,
    ...over,
  };
}

/** An invitation to `slug` (null: none, by name only), pending, sent 3 days before NOW unless given. */
export function inv(slug: string | null, over: Partial<Invitation> = {}): Invitation {
  const name = over.name ?? (slug ? slug.replace(/-/g, ' ') : 'Nobody');
  return invitation({
    profileUrl: slug === null ? null : url(slug),
    name,
    sentAt: NOW - 3 * DAY_MS,
    ...over,
  });
}

export function conn(slug: string | null, name?: string): Connection {
  const profileUrl = slug === null ? null : url(slug);
  const n = name ?? (slug ? slug.replace(/-/g, ' ') : 'Nobody');
  return { personKey: personKeyOf(profileUrl, n), profileUrl, name: n, connectedOn: NOW - 100 * DAY_MS };
}

export const report = (personKey: string, at = NOW - DAY_MS): Report => ({ personKey, at });

/** Sends spread over the past few days (not today), `n` of them, to strangers. */
export function history(n: number, from: Instant, to: Instant): Invitation[] {
  const out: Invitation[] = [];
  for (let i = 0; i < n; i++) {
    const sentAt = from + Math.floor(((to - from) * i) / Math.max(1, n));
    out.push(inv(`history-${i}`, { sentAt, status: 'accepted', statusAt: sentAt + HOUR_MS }));
  }
  return out;
}

/** planSends at NOW with the default settings and nothing recorded, `over` laid over it. */
export function plan(over: Partial<SendPlanInput> & { settings?: Settings } = {}) {
  return planSends({
    now: NOW,
    settings: resolveSettings({}),
    invitations: [],
    connections: [],
    reports: [],
    targets: [],
    templates: [],
    connectionCount: 500,
    ...over,
  });
}

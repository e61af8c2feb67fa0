import type { Connection, Invitation, PersonKey, Report } from '../model.ts';
import { isNameKey, nameOfKey, normalizeName } from '../people.ts';
import { activeCooldowns } from '../policy/cooldown.ts';
import { RULES, type Settings } from '../settings.ts';
import type { Instant } from '../time.ts';

/**
 * Who may be invited at `now`, shared by the sends planner and the check on a send recorded by
 * hand. People are matched by key (the canonical URL); where either side has no URL, by normalised
 * name. Matching a URL-less name against a record with a URL may over-match a namesake: that only
 * ever skips someone, never invites a person who is connected, pending, reported or in cooldown.
 */

/** Why a person may not be invited now, in precedence order (the first that applies is given). */
export const PERSON_BLOCKS = [
  'DO_NOT_CONTACT',
  'REPORTED',
  'ALREADY_CONNECTED',
  'ALREADY_PENDING',
  'COOLDOWN',
  'AT_CONNECTION_CAP',
] as const;
export type PersonBlock = (typeof PERSON_BLOCKS)[number];

/** The fields matching needs of a person to invite. */
export interface PersonToInvite {
  personKey: PersonKey;
  name: string;
  doNotContact?: boolean;
  /** Their own first-degree connections, if known. */
  connectionCount?: number | null;
  /** When they joined the member's target queue (for `endedUnanswered`). */
  addedAt?: Instant;
}

/** A connection as matching needs it; one dated after `now` is not yet a connection then. */
export type ConnectionRef = Pick<Connection, 'personKey' | 'name'> & { connectedOn?: Instant };

/**
 * A person indexed by key and by normalised name, with a value per person. Names are normalised
 * only when a lookup needs them: a URL-less record is met by name, so its name is indexed at once;
 * the names of records with a URL matter only to a URL-less person, so that index is built on the
 * first such lookup (most plans have none, and normalising every name of a long ledger each plan
 * was most of the planner's time).
 */
export class PeopleIndex<V> {
  private readonly byKey = new Map<PersonKey, V>();
  private readonly byUrlLessName = new Map<string, V>();
  private byAnyName: Map<string, V> | null = null;
  private readonly withUrl: Array<{ name: string; value: V }> = [];

  constructor(private readonly merge: (a: V, b: V) => V) {}

  add(personKey: PersonKey, name: string | null, value: V): void {
    put(this.byKey, personKey, value, this.merge);
    if (isNameKey(personKey)) {
      const norm = nameOfKey(personKey);
      if (!norm) return;
      put(this.byUrlLessName, norm, value, this.merge);
      if (this.byAnyName) put(this.byAnyName, norm, value, this.merge);
    } else if (name) {
      if (this.byAnyName) {
        const norm = normalizeName(name);
        if (norm) put(this.byAnyName, norm, value, this.merge);
      } else this.withUrl.push({ name, value });
    }
  }

  find(person: Pick<PersonToInvite, 'personKey' | 'name'>): V | undefined {
    const direct = this.byKey.get(person.personKey);
    // A person with a URL meets URL-less records by name; a URL-less person meets every record by name.
    let byName: V | undefined;
    if (isNameKey(person.personKey)) {
      const norm = nameOfKey(person.personKey);
      if (norm) byName = this.anyName().get(norm);
    } else if (this.byUrlLessName.size > 0) {
      const norm = normalizeName(person.name);
      if (norm) byName = this.byUrlLessName.get(norm);
    }
    if (direct === undefined) return byName;
    return byName === undefined ? direct : this.merge(direct, byName);
  }

  private anyName(): Map<string, V> {
    if (!this.byAnyName) {
      const map = new Map<string, V>();
      for (const [norm, value] of this.byUrlLessName) put(map, norm, value, this.merge);
      for (const { name, value } of this.withUrl) {
        const norm = normalizeName(name);
        if (norm) put(map, norm, value, this.merge);
      }
      this.withUrl.length = 0;
      this.byAnyName = map;
    }
    return this.byAnyName;
  }
}

function put<K, V>(map: Map<K, V>, key: K, value: V, merge: (a: V, b: V) => V): void {
  const existing = map.get(key);
  map.set(key, existing === undefined ? value : merge(existing, value));
}

const keep = (a: true) => a;

/** The facts about people at one moment that decide who may be invited. */
export interface Eligibility {
  connected: PeopleIndex<true>;
  pending: PeopleIndex<true>;
  reported: PeopleIndex<true>;
  /** When each cooldown ends (the latest if several). */
  cooldownUntil: PeopleIndex<Instant>;
  /** When the person's latest invitation that ended unanswered (withdrawn, closed, expired) ended. */
  unansweredAt: PeopleIndex<Instant>;
}

/** The people connected, pending, reported or in cooldown at `now`; `ledger` is as it stands at `now`. */
export function buildEligibility(
  ledger: readonly Invitation[],
  connections: readonly ConnectionRef[],
  reports: readonly Report[],
  now: Instant,
  settings: Pick<Settings, 'reinviteCooldownDays'>,
): Eligibility {
  const connected = new PeopleIndex<true>(keep);
  const pending = new PeopleIndex<true>(keep);
  const reported = new PeopleIndex<true>(keep);
  const cooldownUntil = new PeopleIndex<Instant>(Math.max);
  const unansweredAt = new PeopleIndex<Instant>(Math.max);
  for (const c of connections) {
    if (c.connectedOn !== undefined && c.connectedOn > now) continue;
    connected.add(c.personKey, c.name, true);
  }
  const cooldowns = activeCooldowns(ledger, now, settings);
  for (const inv of ledger) {
    if (inv.status === 'accepted') connected.add(inv.personKey, inv.name, true);
    else if (inv.status === 'pending') pending.add(inv.personKey, inv.name, true);
    else if (inv.statusAt !== null) unansweredAt.add(inv.personKey, inv.name, inv.statusAt);
    const until = cooldowns.get(inv.personKey);
    if (until !== undefined) cooldownUntil.add(inv.personKey, inv.name, until);
  }
  for (const r of reports) if (r.at <= now) reported.add(r.personKey, null, true);
  return { connected, pending, reported, cooldownUntil, unansweredAt };
}

/** The first reason in PERSON_BLOCKS that bars inviting `person`, or null when they may be invited. */
export function blockOf(
  person: PersonToInvite,
  facts: Eligibility,
): { reason: PersonBlock; until?: Instant } | null {
  if (person.doNotContact) return { reason: 'DO_NOT_CONTACT' };
  if (facts.reported.find(person)) return { reason: 'REPORTED' };
  if (facts.connected.find(person)) return { reason: 'ALREADY_CONNECTED' };
  if (facts.pending.find(person)) return { reason: 'ALREADY_PENDING' };
  const until = facts.cooldownUntil.find(person);
  if (until !== undefined) return { reason: 'COOLDOWN', until };
  if (person.connectionCount != null && person.connectionCount >= RULES.connectionCap) {
    return { reason: 'AT_CONNECTION_CAP' };
  }
  return null;
}

/**
 * Whether an invitation to a queued person ended without an answer (withdrawn, vanished or expired)
 * after they joined the queue. The plan still invites them again once the cooldown is over, as
 * LinkedIn allows (SPEC section 4); `targets prune` lets a member who would rather not re-invite
 * people who ignored them take these off the queue.
 */
export function endedUnanswered(person: PersonToInvite, facts: Eligibility): boolean {
  if (person.addedAt === undefined) return false;
  if (facts.connected.find(person) || facts.pending.find(person)) return false;
  const ended = facts.unansweredAt.find(person);
  return ended !== undefined && ended >= person.addedAt;
}

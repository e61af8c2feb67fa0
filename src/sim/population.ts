import { DAY_MS, HOUR_MS, type Instant, RELATIONS, type Relation } from '../core/index.ts';
import type { IncomingPlan, InitialConnection, Member, SenderProfile, World } from './model.ts';
import { CREDENTIALS, CULTURES, NAME_EMOJI, NATIVE_SCRIPT_NAMES, NICKNAMES } from './names.ts';
import { AUDIENCES, COMPANIES, POSITIONS, TOPICS } from './occupations.ts';
import { type PlatformParams, resolveParams } from './params.ts';
import { createRng, type Rng } from './random.ts';
import { fromLocal, localTime } from './zones.ts';

/**
 * Generated people: the sender's recipients, their existing network and the members who invite
 * them. Everything is drawn from a seeded stream, so a seed names a world.
 */

/** The fictional member whose invitations are simulated, unless a caller brings their own. */
export const DEFAULT_SENDER: Readonly<SenderProfile> = Object.freeze({
  firstName: 'Morgan',
  lastName: 'Keller',
  name: 'Morgan Keller',
  profileUrl: 'https://www.linkedin.com/in/morgan-keller-demo',
  headline: 'Partnerships Lead at Lumen & Loom | B2B partnerships, climate tech',
  company: 'Lumen & Loom',
  position: 'Partnerships Lead',
  summary: 'I connect climate-tech start-ups with the partners who help them grow.',
  industry: 'Renewables & Environment',
  location: 'Berlin, Germany',
  timezone: 'Europe/Berlin',
  tier: 'free',
  profile: Object.freeze({ photo: true, headline: true, jobTitle: true }),
});

/** A monday, the default first day of a simulation. */
export const DEFAULT_START: Instant = Date.UTC(2026, 0, 5);

const BASE_HOURS = [
  0.05, 0.04, 0.03, 0.03, 0.04, 0.08, 0.3, 0.8, 1.0, 0.9, 0.7, 0.7, 0.9, 0.8, 0.6, 0.6, 0.7, 0.8, 0.7, 0.6,
  0.7, 0.6, 0.35, 0.15,
];

/** The canonical profile URL of a lower-case slug (what canonicalProfileUrl makes of it, built directly). */
export function profileUrlOf(slug: string): string {
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}`;
}

/** Lower-case ASCII letters and digits from a name part (Jürgen -> jurgen, Łukasz -> lukasz). */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface GenerateMembersOptions {
  /** The id of the first member; the rest follow. */
  idStart: number;
  /** Slugs already taken in the world (updated). */
  usedSlugs: Set<string>;
  /** Relation shares; defaults to the model's recipient mix. */
  relationShare?: Record<Relation, number>;
  params?: PlatformParams;
}

/** `count` fictional members drawn from `rng`. */
export function generateMembers(rng: Rng, count: number, options: GenerateMembersOptions): Member[] {
  const params = options.params ?? resolveParams();
  const pop = params.population;
  const shares = options.relationShare ?? pop.relationShare;
  const relationWeights = RELATIONS.map((r) => [r, shares[r]] as const);
  const cultureWeights = CULTURES.map((c) => [c, c.weight] as const);
  const members: Member[] = [];
  for (let i = 0; i < count; i++) {
    const id = options.idStart + i;
    const culture = rng.weighted(cultureWeights);
    let firstName = rng.pick(culture.first);
    let lastName = rng.pick(culture.last);
    let slugBase: string | null = null;
    const natives = NATIVE_SCRIPT_NAMES[culture.id];
    if (natives && rng.chance(0.15)) {
      const native = rng.pick(natives);
      firstName = native[0];
      lastName = native[1];
      slugBase = `${firstName}-${lastName}`;
    }
    const decoration = rng.next();
    if (decoration < 0.015) lastName = `${lastName} ${rng.pick(NAME_EMOJI)}`;
    else if (decoration < 0.035) lastName = `${lastName}${rng.pick(CREDENTIALS)}`;
    else if (decoration < 0.045) {
      const [formal, nick] = rng.pick(NICKNAMES);
      firstName = `${formal} "${nick}"`;
    } else if (decoration < 0.07) lastName = `${String.fromCharCode(65 + rng.int(0, 26))}. ${lastName}`;
    const slug = makeSlug(rng, firstName, lastName, slugBase, options.usedSlugs);
    const relation = rng.weighted(relationWeights);
    const company = rng.pick(COMPANIES);
    const position = rng.pick(POSITIONS);
    const zone = rng.weighted(culture.zones);
    const mutualConnections = rng.chance(pop.noMutualShare[relation])
      ? 0
      : Math.min(500, Math.max(1, Math.round(rng.lognormal(pop.mutualMedian[relation], pop.mutualSigma))));
    members.push({
      id,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      slug,
      profileUrl: profileUrlOf(slug),
      headline: makeHeadline(rng, position, company),
      company,
      position,
      connectionCount: connectionCount(rng, params),
      timezone: zone,
      weekdayActivity: weekdayActivity(rng),
      hourActivity: hourActivity(rng),
      visitsPerWeek: rng.chance(pop.dormantShare)
        ? pop.dormantVisitsPerWeek
        : clamp(rng.lognormal(pop.visitsPerWeekMedian, pop.visitsPerWeekSigma), 0.1, 28),
      relation,
      mutualConnections,
      propensity: clamp(pop.propensityMean + pop.propensitySd * rng.normal(), 0.05, 0.95),
      reportPropensity: rng.lognormal(1, pop.reportPropensitySigma),
      email: rng.chance(pop.emailShare) ? exampleEmail(firstName, lastName, id) : null,
    });
  }
  return members;
}

function makeSlug(
  rng: Rng,
  first: string,
  last: string,
  unicodeBase: string | null,
  used: Set<string>,
): string {
  const f = asciiFold(first.replace(/".*"/, '').replace(/,.*$/, '')) || 'member';
  const l = asciiFold(last.replace(/,.*$/, '')) || 'x';
  let slug: string;
  if (unicodeBase) {
    slug = unicodeBase.normalize('NFC').toLowerCase();
  } else {
    const style = rng.next();
    const accented = () =>
      /[^\x20-\x7e]/.test(first + last) && !/\p{Extended_Pictographic}/u.test(first + last);
    if (style < 0.05 && accented())
      slug = `${first}-${last}`
        .normalize('NFC')
        .toLowerCase()
        .replace(/[\s'".,]+/g, '-');
    else if (style < 0.55) slug = `${f}-${l}-${rng.uint32().toString(36).padStart(7, '0').slice(0, 8)}`;
    else if (style < 0.75) slug = `${f}${l}`.replace(/-/g, '');
    else if (style < 0.9) slug = `${f}-${l}`;
    else slug = `${f[0]}${l.replace(/-/g, '')}${rng.int(1, 99)}`;
  }
  slug = slug.replace(/-+/g, '-').replace(/^-|-$/g, '');
  let candidate = slug;
  // The first free `slug-n` (n >= 2). Slugs are never freed, so the search resumes after the last n
  // given for this slug instead of walking past every namesake again: a million members stay linear.
  let suffixes = lastSuffix.get(used);
  if (!suffixes) {
    suffixes = new Map();
    lastSuffix.set(used, suffixes);
  }
  let n = suffixes.get(slug) ?? 1;
  while (used.has(candidate)) candidate = `${slug}-${++n}`;
  if (n > 1) suffixes.set(slug, n);
  used.add(candidate);
  return candidate;
}

/** Per set of used slugs: the last suffix handed out for each slug. */
const lastSuffix = new WeakMap<Set<string>, Map<string, number>>();

function makeHeadline(rng: Rng, position: string, company: string): string {
  const t1 = rng.pick(TOPICS);
  const t2 = rng.pick(TOPICS.filter((t) => t !== t1));
  const style = rng.next();
  if (style < 0.45) return `${position} at ${company}`;
  if (style < 0.65) return `${position} @ ${company} | ${t1} & ${t2}`;
  if (style < 0.78) return `${position} · ${t1}, ${t2}, ${rng.pick(TOPICS)}`;
  if (style < 0.9) return `Helping ${rng.pick(AUDIENCES)} with ${t1} | ${position} at ${company}`;
  if (style < 0.96) return `${position} | ex-${rng.pick(COMPANIES)}`;
  return `${t1} ✦ ${position}`;
}

function connectionCount(rng: Rng, params: PlatformParams): number {
  const pop = params.population;
  const cap = params.limits.connectionCap;
  if (rng.chance(pop.nearCapShare)) return rng.chance(0.5) ? cap : cap - rng.int(1, 50);
  return Math.round(clamp(rng.lognormal(pop.connectionCountMedian, pop.connectionCountSigma), 3, cap - 1000));
}

function weekdayActivity(rng: Rng): number[] {
  const w = [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? rng.between(0.85, 1.15) : 0.3 * rng.between(0.5, 1.5)));
  const max = Math.max(...w);
  return w.map((x) => x / max);
}

function hourActivity(rng: Rng): number[] {
  const shift = rng.weighted([
    [-2, 0.1],
    [-1, 0.2],
    [0, 0.4],
    [1, 0.2],
    [2, 0.1],
  ] as const);
  const h = BASE_HOURS.map((_, i) => BASE_HOURS[(i - shift + 24) % 24]! * rng.between(0.7, 1.3));
  const sum = h.reduce((a, b) => a + b, 0);
  return h.map((x) => x / sum);
}

function exampleEmail(first: string, last: string, id: number): string {
  const f = asciiFold(first.replace(/".*"/, '')).replace(/-/g, '');
  const l = asciiFold(last.replace(/,.*$/, '')).replace(/-/g, '');
  return f && l ? `${f}.${l}@example.com` : `member${id}@example.com`;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** The next instant after `after` at which `member` visits the platform, following their habits. */
export function nextVisit(member: Member, after: Instant, rng: Rng): Instant {
  const meanGapMs = (7 / member.visitsPerWeek) * DAY_MS;
  const candidate = after + rng.exponential(meanGapMs);
  let day = localTime(candidate, member.timezone).localDay;
  for (;;) {
    // Weekdays they rarely use push the visit to a later day.
    for (let tries = 0; tries < 14; tries++) {
      const weekday = (((day + 3) % 7) + 7) % 7;
      if (rng.chance(member.weekdayActivity[weekday] ?? 1)) break;
      day++;
    }
    let x = rng.next();
    let hour = 23;
    for (let h = 0; h < 24; h++) {
      x -= member.hourActivity[h] ?? 0;
      if (x < 0) {
        hour = h;
        break;
      }
    }
    const visit = fromLocal(day, hour * HOUR_MS + Math.floor(rng.next() * HOUR_MS), member.timezone);
    if (visit > after) return visit;
    day++;
  }
}

export interface WorldOptions {
  seed: number;
  /** How many people the strategy may invite. */
  recipients: number;
  /** Connections the sender has at the start. */
  connections?: number;
  /** Invitations other members send the sender during the simulation. */
  incoming?: number;
  /** Share of recipients the sender is, unknowingly, already connected to. */
  alreadyConnectedShare?: number;
  start?: Instant;
  /** Length of the simulation, for spreading incoming invitations. */
  days?: number;
  sender?: SenderProfile;
  params?: PlatformParams;
}

/**
 * The standard world of `invitekeeper simulate` and docs/platform-model.md: 5,000 people to
 * invite, 800 existing connections, 40 incoming invitations over the run.
 */
export function defaultWorld(seed: number, days = 365, start: Instant = DEFAULT_START): World {
  return generateWorld({ seed, recipients: 5000, connections: 800, incoming: 40, days, start });
}

const INCOMING_NOTES = [
  'Hi! We met at the partner summit, great to connect.',
  'Saw your post on grid storage, would love to follow your work.',
  'Hello, fellow alum here. Happy to connect!',
];

/** A whole world around one sender, determined by the seed. */
export function generateWorld(options: WorldOptions): World {
  const params = options.params ?? resolveParams();
  const start = options.start ?? DEFAULT_START;
  const days = options.days ?? 365;
  const root = createRng(options.seed).fork('world');
  const usedSlugs = new Set<string>();
  const sender = options.sender ?? DEFAULT_SENDER;
  usedSlugs.add(sender.profileUrl.slice(sender.profileUrl.lastIndexOf('/') + 1));
  const recipients = generateMembers(root.fork('recipients'), options.recipients, {
    idStart: 0,
    usedSlugs,
    params,
  });
  const nConnections = options.connections ?? 300;
  const connMembers = generateMembers(root.fork('connections'), nConnections, {
    idStart: recipients.length,
    usedSlugs,
    params,
    relationShare: { colleague: 0.35, alumni: 0.25, 'industry-peer': 0.3, other: 0.1 },
  });
  const nIncoming = options.incoming ?? 0;
  const inviters = generateMembers(root.fork('inviters'), nIncoming, {
    idStart: recipients.length + nConnections,
    usedSlugs,
    params,
  });

  const connRng = root.fork('connected-on');
  const connections: InitialConnection[] = connMembers.map((m) => ({
    memberId: m.id,
    connectedOn: start - Math.ceil(clamp(connRng.lognormal(420, 1.0), 1, 12 * 365)) * DAY_MS,
  }));
  const alreadyShare = options.alreadyConnectedShare ?? 0.02;
  const alreadyRng = root.fork('already-connected');
  for (const r of recipients) {
    if (alreadyRng.chance(alreadyShare)) {
      connections.push({
        memberId: r.id,
        connectedOn: start - Math.ceil(alreadyRng.between(30, 2000)) * DAY_MS,
      });
    }
  }
  connections.sort((a, b) => a.connectedOn - b.connectedOn || a.memberId - b.memberId);

  const inRng = root.fork('incoming');
  const incoming: IncomingPlan[] = inviters.map((m) => ({
    memberId: m.id,
    sentAt: nextVisit(m, start + inRng.between(0, Math.max(0, days - 1)) * DAY_MS, inRng),
    note: inRng.chance(0.3) ? inRng.pick(INCOMING_NOTES) : null,
  }));
  incoming.sort((a, b) => a.sentAt - b.sentAt || a.memberId - b.memberId);

  return { sender, recipients, others: [...connMembers, ...inviters], connections, incoming };
}

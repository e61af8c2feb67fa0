import type { Instant } from '../core/index.ts';
import type { IncomingPlan, InitialConnection, Member, SenderProfile } from './model.ts';
import { type DeepPartial, type PlatformParams, resolveParams } from './params.ts';
import { createPlatform, type Platform } from './platform.ts';
import { DEFAULT_SENDER, DEFAULT_START, generateWorld, profileUrlOf } from './population.ts';
import { type SimulationResult, simulate } from './simulate.ts';
import type { MemberStrategy } from './strategy.ts';

/**
 * Small hand-made worlds for the model's tests (not part of the public face). A member's
 * behaviour is set through the model's own knobs: propensity 0 never accepts, a large propensity
 * with maxProbability 1 always accepts, reportPropensity 0 never reports, a huge one always does.
 */

export const T0: Instant = DEFAULT_START;

const FLAT_HOURS = new Array<number>(24).fill(1 / 24);

/** A plain member who visits daily at any hour; override what the test is about. */
export function testMember(id: number, overrides: Partial<Member> = {}): Member {
  const slug = `test-member-${id}`;
  return {
    id,
    firstName: `Test${id}`,
    lastName: 'Member',
    name: `Test${id} Member`,
    slug,
    profileUrl: profileUrlOf(slug),
    headline: 'Tester at Contoso',
    company: 'Contoso',
    position: 'Tester',
    connectionCount: 500,
    timezone: 'UTC',
    weekdayActivity: [1, 1, 1, 1, 1, 1, 1],
    hourActivity: FLAT_HOURS,
    visitsPerWeek: 7,
    relation: 'industry-peer',
    mutualConnections: 5,
    propensity: 0.5,
    reportPropensity: 0,
    email: null,
    ...overrides,
  };
}

export const NEVER_ACCEPTS: Partial<Member> = { propensity: 0, reportPropensity: 0 };
export const ALWAYS_ACCEPTS: Partial<Member> = { propensity: 100, reportPropensity: 0 };
export const ALWAYS_REPORTS: Partial<Member> = { propensity: 0, reportPropensity: 1e9 };

export interface TestPlatformOptions {
  params?: DeepPartial<PlatformParams>;
  sender?: Partial<SenderProfile>;
  connections?: InitialConnection[];
  incoming?: IncomingPlan[];
  seed?: number;
}

/** A platform at T0 over `members`; acceptance can be certain (maxProbability 1). */
export function testPlatform(members: Member[], options: TestPlatformOptions = {}): Platform {
  const params = resolveParams(options.params);
  if (options.params?.acceptance?.maxProbability === undefined) params.acceptance.maxProbability = 1;
  return createPlatform({
    seed: options.seed ?? 1,
    params,
    sender: { ...DEFAULT_SENDER, ...options.sender },
    members,
    start: T0,
    connections: options.connections ?? [],
    incoming: options.incoming ?? [],
  });
}

/** A simulated year of `strategy` on a world of `recipients` people to invite (the sim tests' standard run). */
export async function runYear(
  seed: number,
  strategy: MemberStrategy,
  recipients = 3000,
): Promise<SimulationResult> {
  const w = generateWorld({ seed, recipients, connections: 200, incoming: 20, days: 365 });
  return simulate({
    days: 365,
    seed,
    strategy,
    recipients: w.recipients,
    others: w.others,
    connections: w.connections,
    incoming: w.incoming,
  });
}

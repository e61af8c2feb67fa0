import { DAY_MS, type Instant, InviteKeeperError } from '../core/index.ts';
import { createNaiveMember } from './naive-member.ts';
import { createPlanMember, type PlanMemberLog } from './plan-member.ts';
import { DEFAULT_START, defaultWorld } from './population.ts';
import { type SimulationSummary, simulate, type WeekFigures } from './simulate.ts';
import type { MemberStrategy } from './strategy.ts';

/**
 * Strategies side by side on one world: `invitekeeper simulate`. Each strategy meets the same
 * people (defaultWorld(seed)) and the same dice; the plan-following member works through the
 * product on a throwaway database of its own.
 */

export const STRATEGY_NAMES = ['plan', 'naive'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface CompareOptions {
  days: number;
  seed: number;
  strategies: readonly StrategyName[];
  /** The first day; a Monday in January 2026 unless given. */
  start?: Instant;
  /** Called after each simulated day: days done over all strategies, and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface StrategyRun {
  strategy: StrategyName;
  summary: SimulationSummary;
  weeks: WeekFigures[];
  /** What the plan-following member did through the product. */
  member?: PlanMemberLog;
}

export interface Comparison {
  days: number;
  seed: number;
  start: Instant;
  /** The world both strategies met. */
  world: { recipients: number; connections: number; incomingInvitations: number };
  runs: StrategyRun[];
}

/** Days a simulation may run: a day at least, ten years at most. */
export const MAX_SIMULATED_DAYS = 3650;

/** Runs each strategy for `days` days on defaultWorld(seed), one after the other. */
export async function compareStrategies(options: CompareOptions): Promise<Comparison> {
  const { days, seed } = options;
  if (!Number.isInteger(days) || days < 1 || days > MAX_SIMULATED_DAYS) {
    throw new InviteKeeperError('USAGE', `--days must be a whole number from 1 to ${MAX_SIMULATED_DAYS}`);
  }
  if (!Number.isSafeInteger(seed)) throw new InviteKeeperError('USAGE', '--seed must be a whole number');
  const start = options.start ?? DEFAULT_START;
  const world = defaultWorld(seed, days, start);
  const total = days * options.strategies.length;
  const runs: StrategyRun[] = [];
  for (const [i, name] of options.strategies.entries()) {
    const plan = name === 'plan' ? createPlanMember() : null;
    const strategy: MemberStrategy = plan ?? createNaiveMember();
    const result = await simulate({
      days,
      seed,
      start,
      strategy,
      recipients: world.recipients,
      others: world.others,
      connections: world.connections,
      incoming: world.incoming,
      onDayEnd: ({ day }) => options.onProgress?.(i * days + day + 1, total),
    });
    runs.push({
      strategy: name,
      summary: result.summary,
      weeks: result.weeks,
      ...(plan ? { member: plan.log } : {}),
    });
  }
  return {
    days,
    seed,
    start,
    world: {
      recipients: world.recipients.length,
      connections: world.connections.filter((c) => c.connectedOn < start + DAY_MS).length,
      incomingInvitations: world.incoming.length,
    },
    runs,
  };
}

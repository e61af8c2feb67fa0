import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { getStatus, loadConfig, openApp } from '../app/index.ts';
import { tempDir } from '../app/testing/fixtures.ts';
import { PACKAGE_ROOT } from '../cli/testing.ts';
import { DAY_MS } from '../core/index.ts';
import { createPlanMember } from './plan-member.ts';
import { DEFAULT_START, generateWorld } from './population.ts';
import { simulate } from './simulate.ts';

const run = promisify(execFile);

interface SummaryJson {
  sent: number;
  accepted: number;
  refused: number;
  refusedByReason: Record<string, number>;
  restrictions: number;
  restrictedDays: number;
  peakPending: number;
  withdrawn: number;
}
interface SimulateJson {
  days: number;
  seed: number;
  strategies: {
    plan: {
      summary: SummaryJson;
      weeks: Array<{ sent: number; refused: number; restrictedDays: number }>;
      member: { recorded: { sends: number }; refused: Record<string, number> };
    };
    naive: { summary: SummaryJson };
  };
}

/**
 * The year of `invitekeeper simulate` on three seeds, as the docs report it: the default world
 * (5,000 people to invite), both strategies. Each seed runs the real command in its own process,
 * all three started at once so they share both cores.
 */
describe('a simulated year, the plan beside the naive member (seeds 1 to 3)', () => {
  const SEEDS = [1, 2, 3];
  const years = new Map<number, Promise<SimulateJson>>();
  beforeAll(() => {
    for (const seed of SEEDS) {
      const p = run(
        process.execPath,
        [
          path.join(PACKAGE_ROOT, 'bin', 'invitekeeper.js'),
          'simulate',
          '--days',
          '365',
          '--strategy',
          'both',
          '--seed',
          String(seed),
          '--json',
        ],
        { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      ).then(({ stdout }) => JSON.parse(stdout) as SimulateJson);
      // Awaited by the tests; a failure here must not go unhandled before they run.
      p.catch(() => {});
      years.set(seed, p);
    }
  });

  it.concurrent.each(SEEDS)(
    'seed %i: the member who follows the plan is never refused and never restricted',
    async (seed) => {
      const y = await years.get(seed)!;
      const plan = y.strategies.plan;
      expect(y.days).toBe(365);
      expect(plan.summary.refused).toBe(0);
      expect(plan.summary.refusedByReason).toEqual({});
      expect(plan.summary.restrictions).toBe(0);
      expect(plan.summary.restrictedDays).toBe(0);
      for (const w of plan.weeks) expect(w.restrictedDays + w.refused).toBe(0);
      // Through the product: every send but the last day's (seen the next morning) was recorded.
      expect(plan.member.recorded.sends).toBeLessThanOrEqual(plan.summary.sent);
      expect(plan.member.recorded.sends).toBeGreaterThanOrEqual(plan.summary.sent - 20);
      // It kept sending all year, and pending stayed far below invitekeeper's pause (500).
      expect(plan.summary.sent).toBeGreaterThan(3500);
      expect(plan.summary.peakPending).toBeLessThan(250);
    },
    240_000,
  );

  it.concurrent.each(SEEDS)(
    'seed %i: the naive member is restricted, and the plan ends with more acceptances',
    async (seed) => {
      const y = await years.get(seed)!;
      const naive = y.strategies.naive.summary;
      expect(naive.restrictions).toBeGreaterThan(0);
      expect(naive.restrictedDays).toBeGreaterThanOrEqual(7);
      expect(naive.refusedByReason.RESTRICTED).toBeGreaterThan(0);
      expect(y.strategies.plan.summary.accepted).toBeGreaterThan(naive.accepted);
    },
    240_000,
  );
});

describe('the plan-following member', () => {
  it('keeps the product’s ledger in step with LinkedIn, using only what a member sees', async () => {
    const days = 56;
    const world = generateWorld({ seed: 7, recipients: 400, connections: 60, incoming: 5, days });
    const db = path.join(tempDir('ik-plan-member-'), 'member.db');
    const member = createPlanMember({ db, queueBatch: 60, queueLow: 40 });
    const { platform, summary } = await simulate({
      days,
      seed: 7,
      strategy: member,
      recipients: world.recipients,
      others: world.others,
      connections: world.connections,
      incoming: world.incoming,
    });
    expect(summary.refused).toBe(0);
    expect(summary.sent).toBeGreaterThan(300);
    expect(member.log.imports).toEqual({ exports: 8, sentPages: 48 });
    expect(member.log.queued).toBeGreaterThan(summary.sent);
    expect(member.log.pruned).toBeGreaterThan(0);
    expect(member.context()).toBeNull();

    // The member's database as of the last morning agrees with the platform at that moment.
    const lastMorning = DEFAULT_START + (days - 1) * DAY_MS;
    const config = loadConfig({ db, account: 'simulated' }, { HOME: tempDir('ik-home-') });
    const ctx = await openApp(config, lastMorning);
    try {
      const status = await getStatus(ctx);
      expect(status.pending.count).toBe(platform.pendingAt(lastMorning).length);
      expect(status.acceptance.accepted).toBe(
        platform.invitations.filter((i) => i.status === 'accepted' && i.statusAt! <= lastMorning).length,
      );
      expect(status.quota.sentLast7Days).toBe(platform.sentInLast7Days(lastMorning));
    } finally {
      await ctx.store.close();
    }
  }, 60_000);
});

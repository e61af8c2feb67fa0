import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../core/index.ts';
import { createCasualMember } from './casual-member.ts';
import { createNaiveMember } from './naive-member.ts';
import { generateWorld } from './population.ts';
import { type SimulationResult, simulate } from './simulate.ts';
import type { MemberStrategy, MemberView } from './strategy.ts';
import { runYear } from './testing.ts';

describe('the naive member over a year', () => {
  const seeds = [1, 2, 3];
  const results = new Map<number, SimulationResult>();
  const get = async (seed: number) => {
    let r = results.get(seed);
    if (!r) {
      r = await runYear(seed, createNaiveMember());
      results.set(seed, r);
    }
    return r;
  };

  it.each(seeds)('is restricted at least once (seed %i)', async (seed) => {
    const { summary, platform } = await get(seed);
    expect(summary.restrictions).toBeGreaterThan(0);
    expect(summary.restrictedDays).toBeGreaterThanOrEqual(7);
    expect(summary.refusedByReason.RESTRICTED).toBeGreaterThan(0);
    expect(platform.restrictions.some((r) => r.reason === 'PENDING')).toBe(true);
    expect(summary.withdrawn).toBe(0);
  });

  it('fills its weekly allowance while it may, and piles up pending invitations', async () => {
    const { weeks, summary } = await get(1);
    expect(weeks[0]!.sent).toBe(100);
    expect(summary.peakPending).toBeGreaterThanOrEqual(1000);
    expect(summary.expired).toBeGreaterThan(0);
  });

  it('meets realistic acceptance: about a third to a half accept, mostly within days, with a long tail', async () => {
    const { summary, platform } = await get(2);
    expect(summary.acceptanceRate).toBeGreaterThan(0.25);
    expect(summary.acceptanceRate).toBeLessThan(0.55);
    const delays = platform.invitations
      .filter((i) => i.status === 'accepted')
      .map((i) => (i.statusAt! - i.sentAt) / DAY_MS)
      .sort((a, b) => a - b);
    const quantile = (q: number) => delays[Math.floor(q * (delays.length - 1))]!;
    expect(quantile(0.5)).toBeLessThan(7);
    expect(quantile(0.95)).toBeGreaterThan(14);
    expect(delays.at(-1)!).toBeGreaterThan(28);
  });

  it('weekly figures add up to the summary', async () => {
    const { weeks, summary } = await get(3);
    expect(weeks).toHaveLength(53);
    expect(weeks.reduce((a, w) => a + w.sent, 0)).toBe(summary.sent);
    expect(weeks.reduce((a, w) => a + w.refused, 0)).toBe(summary.refused);
    expect(weeks.at(-1)!.pending).toBe(summary.pendingAtEnd);
    for (const w of weeks) expect(w.restrictedDays).toBeLessThanOrEqual(w.days);
  });
});

describe('determinism', () => {
  it('the same seed gives the same history; another seed another', async () => {
    const a = await runYear(11, createNaiveMember(), 600);
    const b = await runYear(11, createNaiveMember(), 600);
    const c = await runYear(12, createNaiveMember(), 600);
    expect(b.weeks).toEqual(a.weeks);
    expect(b.summary).toEqual(a.summary);
    expect(JSON.stringify(b.platform.invitations)).toBe(JSON.stringify(a.platform.invitations));
    expect(JSON.stringify(c.platform.invitations)).not.toBe(JSON.stringify(a.platform.invitations));
  });

  it('an async strategy runs exactly like the same strategy synchronously', async () => {
    const sync = createCasualMember();
    const inner = createCasualMember();
    const async: MemberStrategy = {
      name: 'casual',
      async start(setup) {
        await Promise.resolve();
        inner.start?.(setup);
      },
      async decide(view: MemberView) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return inner.decide(view);
      },
    };
    const a = await runYear(21, sync, 400);
    const b = await runYear(21, async, 400);
    expect(b.summary).toEqual(a.summary);
    expect(a.summary.sent).toBeGreaterThan(100);
  });
});

describe('what a strategy sees', () => {
  it('its Sent page, connections, notifications, yesterday’s outcomes and the export, as of the moment it looks', async () => {
    const w = generateWorld({ seed: 5, recipients: 50, connections: 30, incoming: 3, days: 60 });
    const seen: {
      day: number;
      sent: number;
      ages: string[];
      connections: number;
      accepted: number;
      outcomes: number;
      csv: string;
    }[] = [];
    const strategy: MemberStrategy = {
      name: 'observer',
      decide(view) {
        const sent = view.sentPage();
        seen.push({
          day: view.day,
          sent: sent.length,
          ages: sent.map((r) => r.ageText),
          connections: view.connections().length,
          accepted: view.notifications.length,
          outcomes: view.outcomes.length,
          csv: view.day === 20 ? view.exportData()['Invitations.csv']! : '',
        });
        if (view.day < 10) {
          const target = w.recipients[view.day]!;
          return [{ kind: 'send', profileUrl: target.profileUrl, note: null, at: view.now + 9 * 3_600_000 }];
        }
        return [];
      },
    };
    const { platform } = await simulate({
      days: 30,
      seed: 5,
      strategy,
      recipients: w.recipients,
      others: w.others,
      connections: w.connections,
      incoming: w.incoming,
    });
    expect(seen[0]!.outcomes).toBe(0);
    expect(seen[1]!.outcomes).toBe(1);
    expect(seen[1]!.ages).toEqual(['Sent 15 hours ago']);
    const accepted = platform.acceptances.length;
    expect(seen.reduce((a, s) => a + s.accepted, 0)).toBe(
      platform.acceptances.filter((x) => x.at <= platform.start + 29 * DAY_MS).length,
    );
    expect(accepted).toBeGreaterThan(0);
    const day20 = seen[20]!;
    expect(day20.sent).toBe(platform.pendingAt(platform.start + 20 * DAY_MS).length);
    // Invitations.csv is a history: the pending invitations and those accepted by then
    const at20 = platform.start + 20 * DAY_MS;
    expect(day20.csv.split('OUTGOING').length - 1).toBe(day20.sent + platform.acceptedBy(at20).length);
    expect(day20.connections).toBeGreaterThanOrEqual(30);
  });
});

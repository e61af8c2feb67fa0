/**
 * The model's acceptance times, measured from what the simulated year produced (the invitations'
 * sending and acceptance instants), held to what real data shows (docs/platform-model.md): of the
 * acceptances, 50 to 70 % within a day, 80 to 92 % within a week, at least 95 % within 30 days; and
 * a mixed list accepted at 25 to 45 %. Measured on three seeds, for the casual member (a few a day,
 * as the sample data) and the naive one (the allowance every week).
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../core/index.ts';
import { createCasualMember } from './casual-member.ts';
import { createNaiveMember } from './naive-member.ts';
import type { Platform } from './platform.ts';
import { runYear } from './testing.ts';

/** Shares of acceptances by age, and the acceptance rate, from the platform's own ledger. */
function measure(platform: Platform) {
  const sent = platform.invitations;
  const delays = sent.filter((i) => i.status === 'accepted').map((i) => (i.statusAt! - i.sentAt) / DAY_MS);
  const within = (days: number) => delays.filter((d) => d <= days).length / delays.length;
  // A mixed list: every invitation old enough to have been answered (30 days before the end).
  const end = Math.max(...sent.map((i) => i.sentAt));
  const matured = sent.filter((i) => i.sentAt <= end - 30 * DAY_MS);
  return {
    acceptances: delays.length,
    day: within(1),
    week: within(7),
    month: within(30),
    rate: matured.filter((i) => i.status === 'accepted').length / matured.length,
  };
}

describe('acceptance times calibrated on real data', () => {
  it.each([
    ['casual', 1],
    ['casual', 2],
    ['casual', 3],
    ['naive', 1],
    ['naive', 2],
    ['naive', 3],
  ] as const)('the %s member, seed %i', async (kind, seed) => {
    const { platform } = await runYear(
      seed,
      kind === 'casual'
        ? createCasualMember({ activeShare: 0.65, maxPerDay: 4, tidyShare: 0.1 })
        : createNaiveMember(),
    );
    const m = measure(platform);
    expect(m.acceptances).toBeGreaterThan(150);
    expect(m.day).toBeGreaterThanOrEqual(0.5);
    expect(m.day).toBeLessThanOrEqual(0.7);
    expect(m.week).toBeGreaterThanOrEqual(0.8);
    expect(m.week).toBeLessThanOrEqual(0.92);
    expect(m.month).toBeGreaterThanOrEqual(0.95);
    expect(m.rate).toBeGreaterThanOrEqual(0.25);
    expect(m.rate).toBeLessThanOrEqual(0.45);
  });
});

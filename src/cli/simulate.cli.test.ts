import { describe, expect, it } from 'vitest';
import { cli } from './testing.ts';

describe('invitekeeper simulate', () => {
  it('prints the weekly table and the summary of both strategies side by side', async () => {
    const r = await cli(['simulate', '--days', '14', '--seed', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('14 days from 2026-01-05 · seed 2');
    expect(r.stdout).toMatch(/Week by week\n\s+plan\s+naive\n/);
    expect(r.stdout).toMatch(/^\s+1\s+2026-01-05\s+100\s/m);
    expect(r.stdout).toMatch(/^\s+2\s+2026-01-12\s/m);
    expect(r.stdout).toMatch(/Invitations sent\s+\d+\s+200/);
    expect(r.stdout).toMatch(/Days restricted\s+0\s+0/);
    expect(r.stdout).toContain('the member followed invitekeeper');
  }, 60_000);

  it('gives the same figures as JSON for the same seed, one strategy at a time', async () => {
    const a = await cli(['simulate', '--days', '10', '--strategy', 'naive', '--seed', '5', '--json']);
    const b = await cli(['simulate', '--days', '10', '--strategy', 'naive', '--seed', '5', '--json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = a.json<{
      days: number;
      seed: number;
      start: string;
      world: { recipients: number };
      strategies: Record<
        string,
        { summary: { sent: number; start: string }; weeks: Array<{ start: string }> }
      >;
    }>();
    expect(Object.keys(json.strategies)).toEqual(['naive']);
    expect(json).toMatchObject({
      days: 10,
      seed: 5,
      start: '2026-01-05T00:00:00.000Z',
      world: { recipients: 5000 },
    });
    expect(json.strategies.naive!.summary.sent).toBe(200);
    expect(json.strategies.naive!.weeks.map((w) => w.start)).toEqual([
      '2026-01-05T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
    ]);
  }, 60_000);

  it.each([
    [['--strategy', 'greedy'], /greedy/],
    [['--days', '0'], /--days must be a whole number from 1/],
    [['--days', 'a year'], /--days must be a whole number/],
    [['--seed', '1.5'], /--seed must be a whole number/],
  ])('refuses %j as bad usage', async (args, message) => {
    const r = await cli(['simulate', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePairingLink } from '../../extension/src/pairing.ts';
import { type PlanView, type ServerView, todayFigures, verdictsFor } from '../../extension/src/verdicts.ts';

/** Each row's verdict comes from the plan and the pending list the server gave, and from nothing else. */

const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

function view(plan: Partial<PlanView>, pending: ServerView['pending']): ServerView {
  return {
    plan: {
      asOf: '2026-11-21T08:30:00.000Z',
      withdrawals: [],
      withdrawalsDeferred: 0,
      details: { withdrawnToday: 0, cap: 20, account: 'default' },
      ...plan,
    },
    pending,
    pendingComplete: true,
    staleAfterDays: 14,
    origin: 'http://127.0.0.1:7755',
  };
}

describe('row verdicts', () => {
  const pending = [
    { name: 'Old One', profileUrl: url('old-one'), ageDays: 90, stale: true },
    { name: 'Old Two', profileUrl: url('old-two'), ageDays: 60, stale: true },
    { name: 'Stale Later', profileUrl: url('stale-later'), ageDays: 20, stale: true },
    { name: 'Fresh', profileUrl: url('fresh'), ageDays: 6, stale: false },
    { name: 'Brand New', profileUrl: url('brand-new'), ageDays: 0, stale: false },
  ];
  const withdrawals = pending.slice(0, 2).map((p) => ({ ...p, sentAt: '2026-08-01T00:00:00.000Z' }));

  it('says withdraw today with its place among today’s withdrawals, later, keep, or unknown', () => {
    const v = view(
      { withdrawals, withdrawalsDeferred: 1, details: { withdrawnToday: 18, cap: 20, account: 'default' } },
      pending,
    );
    const rows = [
      { name: 'Brand New', profileUrl: url('brand-new') },
      { name: 'Fresh', profileUrl: url('fresh') },
      { name: 'Stale Later', profileUrl: url('stale-later') },
      { name: 'Old Two', profileUrl: url('old-two') },
      { name: 'Old One', profileUrl: url('old-one') },
      { name: 'Stranger', profileUrl: url('stranger') },
    ];
    expect(verdictsFor(rows, v).map((x) => x.text)).toEqual([
      'keep: less than a day old, stale at 14',
      'keep: 6 days old, stale at 14',
      "stale: a later day, today's cap is reached",
      'withdraw today, 20 of 20',
      'withdraw today, 19 of 20',
      'not pending in invitekeeper',
    ]);
    expect(todayFigures(v.plan)).toEqual({ done: 18, left: 2, later: 1, cap: 20 });
  });

  it('says a stale row the plan holds back (no connection known yet) is not in today’s plan, not that the cap is reached', () => {
    const v = view({ withdrawals: [], withdrawalsDeferred: 0 }, pending);
    expect(verdictsFor([{ name: 'Old One', profileUrl: url('old-one') }], v)[0]!.text).toBe(
      "stale: 90 days old, not in today's plan",
    );
  });

  it('matches by profile link, not by a namesake', () => {
    const v = view({ withdrawals: [withdrawals[0]!] }, pending);
    expect(verdictsFor([{ name: 'Old One', profileUrl: url('another-old-one') }], v)[0]!.kind).toBe(
      'unknown',
    );
  });
});

describe('pairing links', () => {
  const token = 'A'.repeat(43);
  it.each([
    [`http://127.0.0.1:7755/#token=${token}`, 'http://127.0.0.1:7755'],
    [`  http://127.0.0.1:40123/#token=${token}\n`, 'http://127.0.0.1:40123'],
  ])('reads %s', (link, origin) => {
    expect(parsePairingLink(link)).toEqual({ ok: true, pairing: { origin, token } });
  });

  it.each([
    ['', 'paste the link'],
    ['not a link', 'not a link'],
    [`https://127.0.0.1:7755/#token=${token}`, 'only to a server on this machine'],
    [`http://evil.example:7755/#token=${token}`, 'only to a server on this machine'],
    [`http://localhost:7755/#token=${token}`, 'only to a server on this machine'],
    ['http://127.0.0.1:7755/', 'no token'],
    ['http://127.0.0.1:7755/#token=short', 'no token'],
  ])('refuses %j, saying why', (link, problem) => {
    const parsed = parsePairingLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerAt } from '../lifecycle.ts';
import type { Invitation } from '../model.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { inv, NOW } from '../testing/builders.ts';
import { ageInDays, DAY_MS, HOUR_MS } from '../time.ts';
import { planWithdrawals } from './withdrawals.ts';

const S = DEFAULT_SETTINGS;

describe('planWithdrawals (SPEC section 4)', () => {
  it('takes stale pending invitations, oldest first, ties by profile URL', () => {
    const list = [
      inv({ ageDays: 20, slug: 'b' }),
      inv({ ageDays: 30, slug: 'c' }),
      inv({ ageDays: 20, slug: 'a' }),
      inv({ ageDays: 13, slug: 'young' }),
      inv({ ageDays: 50, slug: 'done', status: 'accepted', statusAt: NOW - DAY_MS }),
    ];
    const plan = planWithdrawals(list, NOW, S);
    expect(plan.withdrawals.map((w) => w.profileUrl?.split('/').at(-1))).toEqual(['c', 'a', 'b']);
    expect(plan.withdrawals.map((w) => w.ageDays)).toEqual([30, 20, 20]);
    expect(plan.deferred).toBe(0);
  });

  it.each([
    [5, 0, 5, 0],
    [25, 0, 20, 5],
    [25, 8, 12, 13],
    [25, 20, 0, 25],
    [25, 30, 0, 25],
  ])('%d stale, %d withdrawn today: %d planned, %d deferred', (stale, doneToday, planned, deferred) => {
    const list = [
      ...Array.from({ length: stale }, (_, k) => inv({ ageDays: 15 + k })),
      ...Array.from({ length: doneToday }, () =>
        inv({ ageDays: 20, status: 'withdrawn', statusAt: NOW - HOUR_MS }),
      ),
    ];
    const plan = planWithdrawals(list, NOW, S);
    expect(plan.withdrawals).toHaveLength(planned);
    expect(plan.deferred).toBe(deferred);
    expect(plan.withdrawnToday).toBe(doneToday);
  });

  it('counts withdrawals from midnight in the account time zone', () => {
    // 11:00 UTC on the 26th is the 26th in UTC but 03:00 in Los Angeles, still the 26th; 05:00 UTC is the 25th there.
    const early = inv({ ageDays: 20, status: 'withdrawn', statusAt: NOW - 7 * HOUR_MS });
    expect(planWithdrawals([early], NOW, S).withdrawnToday).toBe(1);
    expect(planWithdrawals([early], NOW, { ...S, timezone: 'America/Los_Angeles' }).withdrawnToday).toBe(0);
  });

  it('carries the Sent-page link on every entry', () => {
    const plan = planWithdrawals([inv({ ageDays: 30 })], NOW, S);
    expect(plan.withdrawals[0]?.sentPageUrl).toBe(
      'https://www.linkedin.com/mynetwork/invitation-manager/sent/',
    );
  });
});

const statusArb = fc.constantFrom(
  'pending',
  'pending',
  'pending',
  'accepted',
  'withdrawn',
  'closed',
  'expired',
);
const invitationArb = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    ageHours: fc.integer({ min: 0, max: 24 * 200 }),
    status: statusArb,
    endHoursAfterSend: fc.integer({ min: 0, max: 24 * 60 }),
    slug: fc.stringMatching(/^[a-z]{1,6}$/),
  })
  .map(
    (r): Invitation =>
      inv({
        id: r.id,
        slug: `${r.slug}-${r.id}`,
        sentAt: NOW - r.ageHours * HOUR_MS,
        status: r.status,
        statusAt: r.status === 'pending' ? null : NOW - r.ageHours * HOUR_MS + r.endHoursAfterSend * HOUR_MS,
      }),
  );

describe('withdrawal plan invariants (properties)', () => {
  it('never withdraws a young or non-pending invitation, never exceeds the cap, oldest first', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(invitationArb, { selector: (i) => i.id, maxLength: 80 }),
        fc.integer({ min: 1, max: 180 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'),
        fc.integer({ min: -48, max: 48 }),
        (raw, staleAfterDays, maxWithdrawalsPerDay, timezone, shiftHours) => {
          const now = NOW + shiftHours * HOUR_MS;
          const settings = { ...S, staleAfterDays, maxWithdrawalsPerDay, timezone };
          const ledger = ledgerAt(raw, now);
          const plan = planWithdrawals(ledger, now, settings);
          const byId = new Map(ledger.map((i) => [i.id, i]));
          expect(plan.withdrawals.length + plan.withdrawnToday).toBeLessThanOrEqual(
            Math.max(maxWithdrawalsPerDay, plan.withdrawnToday),
          );
          expect(plan.withdrawals.length).toBeLessThanOrEqual(
            Math.max(0, maxWithdrawalsPerDay - plan.withdrawnToday),
          );
          let previous = Number.NEGATIVE_INFINITY;
          for (const w of plan.withdrawals) {
            const i = byId.get(w.invitationId)!;
            expect(i.status).toBe('pending');
            expect(ageInDays(i.sentAt, now)).toBeGreaterThanOrEqual(staleAfterDays);
            expect(i.sentAt).toBeGreaterThanOrEqual(previous);
            previous = i.sentAt;
          }
          const stale = ledger.filter(
            (i) => i.status === 'pending' && ageInDays(i.sentAt, now) >= staleAfterDays,
          );
          expect(plan.withdrawals.length + plan.deferred).toBe(stale.length);
        },
      ),
      { numRuns: 1000, seed: 20261126 },
    );
  });

  it('withdrawing every planned invitation each day never breaks the daily cap', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(invitationArb, { selector: (i) => i.id, maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (raw, cap) => {
          const settings = { ...S, maxWithdrawalsPerDay: cap };
          let ledger = raw.map((i) => ({ ...i }));
          for (let day = 0; day < 10; day++) {
            const now = NOW + day * DAY_MS;
            const plan = planWithdrawals(ledgerAt(ledger, now), now, settings);
            const chosen = new Set(plan.withdrawals.map((w) => w.invitationId));
            ledger = ledger.map((i) =>
              chosen.has(i.id) ? { ...i, status: 'withdrawn' as const, statusAt: now } : i,
            );
            const again = planWithdrawals(ledgerAt(ledger, now), now, settings);
            // Doing today's plan uses exactly its share of the cap, and the same day offers no more once it is used.
            expect(again.withdrawnToday).toBe(plan.withdrawnToday + plan.withdrawals.length);
            if (again.withdrawnToday >= cap) expect(again.withdrawals).toHaveLength(0);
            if (plan.withdrawnToday <= cap) expect(again.withdrawnToday).toBeLessThanOrEqual(cap);
          }
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('lifecycle invariants (properties)', () => {
  it('statuses only move forward from pending, whatever moment the ledger is read at', () => {
    fc.assert(
      fc.property(
        invitationArb,
        fc.array(fc.integer({ min: -24 * 400, max: 24 * 400 }), { minLength: 2, maxLength: 6 }),
        (i, hours) => {
          const moments = [...hours].sort((a, b) => a - b).map((h) => NOW + h * HOUR_MS);
          let ended: string | null = null;
          for (const t of moments) {
            const view = ledgerAt([i], t)[0];
            if (!view) {
              expect(ended).toBeNull();
              continue;
            }
            if (ended) expect(view.status).toBe(ended);
            if (view.status !== 'pending') ended = view.status;
          }
        },
      ),
      { numRuns: 1000, seed: 11 },
    );
  });
});

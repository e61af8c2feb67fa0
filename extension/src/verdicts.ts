/**
 * The plan's verdict on each row of the page, from what the server answered: today's planned
 * withdrawals (in the plan's order), the pending invitations with their ages, and the stale
 * threshold. Nothing is decided here that the plan did not decide; a row the server does not know
 * says so. Pure: no DOM.
 */
import { normalizeName } from '../../src/core/people.ts';

/** The parts of GET /api/plan the companion reads (SPEC section 7, plus the dashboard's details). */
export interface PlanView {
  asOf: string;
  withdrawals: Array<{ name: string; profileUrl: string | null; sentAt: string; ageDays: number }>;
  withdrawalsDeferred: number;
  details: { withdrawnToday: number; cap: number; account: string };
}

/** A pending invitation as GET /api/invitations lists it (the fields read here). */
export interface PendingView {
  name: string;
  profileUrl: string | null;
  ageDays: number;
  stale: boolean;
}

export interface ServerView {
  plan: PlanView;
  pending: PendingView[];
  /** The pending invitations were listed in full (not cut at the companion's page limit). */
  pendingComplete: boolean;
  staleAfterDays: number;
  /** The dashboard's address (its origin). */
  origin: string;
}

export type VerdictKind = 'withdraw' | 'later' | 'stale' | 'keep' | 'unknown';

export interface Verdict {
  kind: VerdictKind;
  text: string;
  /** For `withdraw`: its place in today's withdrawals (1-based, counting those already done today). */
  order?: number;
}

export interface RowRef {
  name: string;
  profileUrl: string | null;
}

function days(n: number): string {
  return n === 0 ? 'less than a day old' : `${n} day${n === 1 ? '' : 's'} old`;
}

/** Finds a row's entry in a list: by profile URL, or by name when the name is unique there. */
function matcher<T extends RowRef>(list: readonly T[]): (row: RowRef) => T | undefined {
  const byUrl = new Map<string, T>();
  const byName = new Map<string, T[]>();
  for (const item of list) {
    if (item.profileUrl) byUrl.set(item.profileUrl, item);
    const n = normalizeName(item.name);
    byName.set(n, [...(byName.get(n) ?? []), item]);
  }
  return (row) => {
    if (row.profileUrl) {
      const hit = byUrl.get(row.profileUrl);
      if (hit) return hit;
    }
    const named = byName.get(normalizeName(row.name)) ?? [];
    return named.length === 1 && (!row.profileUrl || !named[0]!.profileUrl) ? named[0] : undefined;
  };
}

/** The verdict on each row, in the rows' order. */
export function verdictsFor(rows: readonly RowRef[], view: ServerView): Verdict[] {
  const { plan } = view;
  const cap = plan.details.cap;
  const done = plan.details.withdrawnToday;
  const planned = matcher(plan.withdrawals.map((w, i) => ({ ...w, order: done + i + 1 })));
  const pending = matcher(view.pending);
  return rows.map((row): Verdict => {
    const p = planned(row);
    if (p) return { kind: 'withdraw', text: `withdraw today, ${p.order} of ${cap}`, order: p.order };
    const inv = pending(row);
    if (!inv) {
      return {
        kind: 'unknown',
        text: view.pendingComplete ? 'not pending in invitekeeper' : 'not among the pending invitations read',
      };
    }
    if (inv.stale || inv.ageDays >= view.staleAfterDays) {
      return plan.withdrawalsDeferred > 0 && done + plan.withdrawals.length >= cap
        ? { kind: 'later', text: "stale: a later day, today's cap is reached" }
        : { kind: 'stale', text: `stale: ${days(inv.ageDays)}, not in today's plan` };
    }
    return { kind: 'keep', text: `keep: ${days(inv.ageDays)}, stale at ${view.staleAfterDays}` };
  });
}

/** The panel's figures, straight from the plan. */
export function todayFigures(plan: PlanView): { done: number; left: number; later: number; cap: number } {
  return {
    done: plan.details.withdrawnToday,
    left: plan.withdrawals.length,
    later: plan.withdrawalsDeferred,
    cap: plan.details.cap,
  };
}

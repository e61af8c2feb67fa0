import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countStatusFigures,
  DAY_MS,
  DEFAULT_SETTINGS,
  HOUR_MS,
  type Instant,
  resolveSettings,
  type SourceKind,
} from '../../core/index.ts';
import { dialects } from '../../store/testing/dialects.ts';
import type { AppContext } from '../context.ts';
import type { NewInvitation } from '../ports.ts';
import { closingContexts } from '../testing/contexts.ts';
import { getStatus, loadAccountState, statusFigures, statusOf } from './status.ts';

/**
 * Status from counts: the store counts the figures of a status with indexed reads bounded by the
 * rules' instants (statusFigures); these tests pin that they are the figures the rules count from
 * the whole ledger (countStatusFigures), and the status the one computed from it, at random
 * instants around every boundary (sending, answer, stale day, the 7 and 30 days, today in the
 * account's time zone, expiry and the 14 days before it, cooldown's end), on each dialect.
 */

const T0 = Date.UTC(2026, 2, 1);
const STATUSES = ['pending', 'accepted', 'withdrawn', 'expired', 'closed'] as const;
const SOURCES: SourceKind[] = ['export', 'sent-page', 'manual'];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];

/** Offsets from T0 that cluster on day boundaries and six months back. */
const offsetArb = fc.oneof(
  fc.integer({ min: -220 * DAY_MS, max: 10 * DAY_MS }),
  fc
    .tuple(fc.integer({ min: -200, max: 5 }), fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS }))
    .map(([days, ms]) => days * DAY_MS + ms),
  fc.integer({ min: -186 * DAY_MS, max: -165 * DAY_MS }),
);

const ledgerArb = fc.record({
  invitations: fc.array(
    fc.record({
      sent: offsetArb,
      status: fc.constantFrom(...STATUSES),
      answeredAfter: fc.option(fc.integer({ min: 0, max: 40 * DAY_MS }), { nil: null, freq: 6 }),
      note: fc.boolean(),
      person: fc.integer({ min: 0, max: 12 }),
      source: fc.constantFrom(...SOURCES),
      /** When an import first listed it, after its sending (a day is the limit of "seen sent"). */
      seenAfter: fc.option(
        fc.oneof(fc.constantFrom(0, DAY_MS - 1, DAY_MS, DAY_MS + 1), fc.integer({ min: 0, max: 3 * DAY_MS })),
        { nil: null },
      ),
    }),
    { maxLength: 40 },
  ),
  settings: fc.record({
    staleAfterDays: fc.integer({ min: 1, max: 180 }),
    reinviteCooldownDays: fc.integer({ min: 0, max: 30 }),
    timezone: fc.constantFrom(...ZONES),
  }),
  /** When tracking began: any instant, or an invitation's sending (the rule compares with it). */
  tracking: fc.option(
    fc.oneof(
      offsetArb.map((o) => ({ at: o })),
      fc.record({ sentOf: fc.nat(), shift: fc.constantFrom(-1, 0, 1) }),
    ),
    { nil: null },
  ),
  /** Instants to look at: offsets from T0, or from an invitation's sending, answer or expiry. */
  probes: fc.array(
    fc.oneof(
      offsetArb.map((o) => ({ from: 'start' as const, index: 0, o })),
      fc.record({
        from: fc.constantFrom('sent' as const, 'answered' as const, 'expiry' as const),
        index: fc.nat(),
        o: fc.oneof(
          fc.integer({ min: -2 * HOUR_MS, max: 2 * HOUR_MS }),
          fc.integer({ min: -40, max: 40 }).map((d) => d * DAY_MS),
          fc.constantFrom(-1, 0, 1, 7 * DAY_MS, 30 * DAY_MS, -14 * DAY_MS, -14 * DAY_MS + 1),
        ),
      }),
    ),
    { minLength: 4, maxLength: 4 },
  ),
});

type Ledger = typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes the ledger as a new account's invitations; returns the account's id and its rows. */
async function seed(
  ctx: AppContext,
  name: string,
  ledger: Ledger,
): Promise<{ id: number; rows: NewInvitation[] }> {
  const account = await ctx.store.ensureAccount(name, T0);
  return ctx.store.write(account.id, async (tx) => {
    const rows: NewInvitation[] = [];
    for (const [i, x] of ledger.invitations.entries()) {
      const sentAt = T0 + x.sent;
      const snapshotId =
        x.seenAfter === null
          ? null
          : await tx.createSnapshot(account.id, {
              kind: 'sent-page',
              file: `page-${i}.txt`,
              contentHash: `${name}-${i}`,
              asOf: sentAt + x.seenAfter,
              importedAt: sentAt + x.seenAfter,
              coversInvitations: true,
              report: {},
            });
      const answered = x.status !== 'pending' && x.answeredAfter !== null;
      rows.push({
        personKey: `https://www.linkedin.com/in/person-${x.person}`,
        nameKey: `person ${x.person}`,
        profileUrl: `https://www.linkedin.com/in/person-${x.person}`,
        name: `Person ${x.person}`,
        headline: null,
        sentAt,
        sentAtEarliest: sentAt,
        note: x.note ? `Hello ${i}` : null,
        templateId: null,
        source: x.source,
        // an answer without a time (an old row) stays as it is
        status: x.status,
        statusAt: answered ? sentAt + (x.answeredAfter ?? 0) : null,
        snapshotId,
        recordedAt: sentAt,
      });
    }
    await tx.insertInvitations(account.id, rows);
    return { id: account.id, rows };
  });
}

function trackingSince(ledger: Ledger, rows: readonly NewInvitation[]): Instant | null {
  const t = ledger.tracking;
  if (t === null) return null;
  if ('at' in t) return T0 + t.at;
  const row = rows[t.sentOf % Math.max(1, rows.length)];
  return row ? row.sentAt + t.shift : T0;
}

function probeInstants(ledger: Ledger, rows: readonly NewInvitation[]): Instant[] {
  return ledger.probes.map((p) => {
    const row = rows.length ? rows[p.index % rows.length] : undefined;
    if (p.from === 'start' || !row) return T0 + p.o;
    if (p.from === 'sent') return row.sentAt + p.o;
    if (p.from === 'answered') return (row.statusAt ?? row.sentAt) + p.o;
    // six calendar months after sending, where expiry and "expiring within 14 days" flip
    const d = new Date(row.sentAt);
    d.setUTCMonth(d.getUTCMonth() + 6);
    return d.getTime() + p.o;
  });
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    it('counts in the store the figures the rules count from the whole ledger, at any instant', async () => {
      const ctx = await ctxAt('2026-03-01T00:00:00Z');
      let n = 0;
      await fc.assert(
        fc.asyncProperty(ledgerArb, async (ledger) => {
          const { id, rows } = await seed(ctx, `account-${n++}`, ledger);
          const settings = resolveSettings(DEFAULT_SETTINGS, ledger.settings);
          const facts = await ctx.store.listLedgerFacts(id);
          const since = trackingSince(ledger, rows);
          for (const now of probeInstants(ledger, rows)) {
            const counted = await statusFigures(ctx, id, now, settings, since);
            expect(counted, new Date(now).toISOString()).toEqual(
              countStatusFigures(facts, now, settings, since),
            );
          }
        }),
        { numRuns: dialect.name === 'sqlite' ? 150 : 60 },
      );
    });

    it('gives the status computed from the whole ledger', async () => {
      const ctx = await ctxAt('2026-03-01T00:00:00Z');
      let n = 0;
      await fc.assert(
        fc.asyncProperty(ledgerArb, async (ledger) => {
          const name = `status-${n++}`;
          const { id, rows } = await seed(ctx, name, ledger);
          await ctx.store.write(id, (tx) => tx.saveAccountSettings(id, ledger.settings));
          for (const now of probeInstants(ledger, rows)) {
            const at: AppContext = { ...ctx, config: { ...ctx.config, account: name }, now };
            expect(await getStatus(at)).toEqual(statusOf(await loadAccountState(at), now));
          }
        }),
        { numRuns: dialect.name === 'sqlite' ? 40 : 20 },
      );
    });
  });
}

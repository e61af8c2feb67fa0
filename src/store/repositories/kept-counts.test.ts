/**
 * The figures kept per account (account_versions: invitations, pending, accepted, connections;
 * migration 0011)
 * move with every write of the ledger: after any run of inserts, changes of status and removals,
 * in transactions that commit or fail, on every dialect, they equal the counts of the rows.
 */
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../app/ports.ts';
import type { InvitationStatus } from '../../core/index.ts';
import { openPostgres } from '../dialects/postgres.ts';
import { openSqlite } from '../dialects/sqlite.ts';
import { createStore, isPostgresUrl } from '../index.ts';
import { DAY, invitation, storesFor, T } from '../testing/contract.ts';
import { dialects } from '../testing/dialects.ts';

const STATUSES: InvitationStatus[] = ['pending', 'accepted', 'withdrawn', 'expired', 'closed'];
const statusArb = fc.constantFrom(...STATUSES);

/** One write transaction: some inserts, status changes and removals; `fails` throws at its end. */
const writeArb = fc.record({
  account: fc.constantFrom('a', 'b'),
  inserts: fc.array(statusArb, { maxLength: 6 }),
  /** Changes by position in the account's rows (modulo their number); twice the same row may come. */
  changes: fc.array(fc.tuple(fc.nat(), statusArb), { maxLength: 6 }),
  removals: fc.array(fc.nat(), { maxLength: 2 }),
  /** Connections by person number: some new, some already there (updated). */
  connections: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 5 }),
  /** Connections taken back (undo of an acceptance), by person number. */
  unconnect: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 2 }),
  fails: fc.boolean(),
});

type Row = Record<string, unknown>;

async function keptAndCounted(store: Store) {
  const tables = (await store.dumpTables()) as Record<string, Row[]>;
  const kept = new Map<number, number[]>();
  for (const r of tables.account_versions ?? [])
    kept.set(Number(r.account_id), [
      Number(r.invitations),
      Number(r.pending),
      Number(r.accepted),
      Number(r.connections),
    ]);
  const counted = new Map<number, number[]>();
  const of = (id: number) => {
    const c = counted.get(id) ?? [0, 0, 0, 0];
    counted.set(id, c);
    return c;
  };
  for (const r of tables.connections ?? []) of(Number(r.account_id))[3]!++;
  for (const r of tables.invitations ?? []) {
    const c = of(Number(r.account_id));
    c[0]!++;
    if (r.status === 'pending') c[1]!++;
    if (r.status === 'accepted') c[2]!++;
  }
  for (const id of kept.keys()) of(id);
  return { kept, counted };
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('keeps each account’s invitations, pending, accepted and connections counted through every write', async () => {
      // One database; each run writes two accounts of its own.
      const store = await open();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 8 }), async (writes) => {
          run++;
          const ids = {
            a: (await store.ensureAccount(`a-${run}`, T)).id,
            b: (await store.ensureAccount(`b-${run}`, T)).id,
          };
          let n = 0;
          for (const w of writes) {
            const id = ids[w.account as 'a' | 'b'];
            const attempt = store.write(id, async (tx) => {
              await tx.insertInvitations(
                id,
                w.inserts.map((status) =>
                  invitation(`p-${n++}`, `Person ${n}`, T - DAY, {
                    status,
                    statusAt: status === 'pending' ? null : T,
                  }),
                ),
              );
              const rows = await tx.listInvitations(id);
              if (rows.length > 0) {
                await tx.updateInvitations(
                  id,
                  w.changes.map(([i, status]) => ({ id: rows[i % rows.length]!.id, status, statusAt: T })),
                );
                for (const i of w.removals)
                  await tx.removeRecord(id, { eventId: 0, invitationId: rows[i % rows.length]!.id });
              }
              await tx.upsertConnections(
                id,
                w.connections.map((k) => ({
                  personKey: `https://www.linkedin.com/in/c-${k}`,
                  nameKey: `c ${k}`,
                  profileUrl: `https://www.linkedin.com/in/c-${k}`,
                  name: `C ${k}`,
                  connectedOn: T - k * DAY,
                })),
                null,
              );
              for (const k of w.unconnect)
                await tx.removeRecord(id, {
                  eventId: 0,
                  connectionKey: `https://www.linkedin.com/in/c-${k}`,
                });
              // Inside the write too, with what it added so far.
              expect(await tx.countConnections(id)).toBe((await tx.listConnectionRefs(id)).length);
              if (w.fails) throw new Error('the write fails');
            });
            if (w.fails) await expect(attempt).rejects.toThrow('the write fails');
            else await attempt;
            const { kept, counted } = await keptAndCounted(store);
            for (const own of [ids.a, ids.b])
              expect(kept.get(own) ?? [0, 0, 0, 0]).toEqual(counted.get(own) ?? [0, 0, 0, 0]);
          }
        }),
        { numRuns: dialect.name === 'sqlite' ? 60 : 20 },
      );
    });

    it('starts again from nothing when an account is purged', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('a', T);
      await store.write(id, (tx) =>
        tx.insertInvitations(id, [invitation('x', 'X', T), invitation('y', 'Y', T)]),
      );
      await store.write(id, (tx) => tx.purgeAccount(id));
      const again = (await store.ensureAccount('a', T)).id;
      await store.write(again, (tx) => tx.insertInvitations(again, [invitation('z', 'Z', T)]));
      const { kept, counted } = await keptAndCounted(store);
      expect(kept).toEqual(counted);
      expect(kept.get(again)).toEqual([1, 1, 0, 0]);
    });

    it('are filled from the invitations already stored when the database is brought up to date', async () => {
      const location = await dialect.fresh();
      const store = await createStore(location);
      const a = (await store.ensureAccount('a', T)).id;
      const b = (await store.ensureAccount('b', T)).id;
      await store.write(a, (tx) =>
        tx.insertInvitations(a, [
          invitation('x', 'X', T),
          invitation('y', 'Y', T, { status: 'accepted', statusAt: T }),
          invitation('z', 'Z', T, { status: 'withdrawn', statusAt: T }),
        ]),
      );
      await store.write(b, (tx) => tx.insertInvitations(b, [invitation('x', 'X', T)]));
      await store.write(b, (tx) =>
        tx.upsertConnections(
          b,
          [{ personKey: 'name:c', nameKey: 'c', profileUrl: null, name: 'C', connectedOn: T }],
          null,
        ),
      );
      await store.close();
      // The database as it was before migration 0011.
      const raw = isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
      await sql`delete from kysely_migration where name = '0011_account_counts'`.execute(raw.db);
      for (const column of ['invitations', 'pending', 'accepted', 'connections'])
        await raw.db.schema.alterTable('account_versions').dropColumn(column).execute();
      await raw.close();
      const again = await createStore(location);
      try {
        const { kept } = await keptAndCounted(again);
        expect(kept.get(a)).toEqual([3, 1, 1, 0]);
        expect(kept.get(b)).toEqual([1, 1, 0, 1]);
      } finally {
        await again.close();
      }
    });
  });
}

/**
 * A figure made of a kept total less some counts is read in one statement: another process's
 * write, committed before any one of the status's statements, leaves each figure that of the
 * state before it or after it, never a mix (reading the total and the counts apart gave 13 pending
 * where every committed state had 3 or 6).
 */
describe('sqlite', () => {
  it('gives each figure of one committed state while another process writes', async () => {
    const base = await dialects[0]!.fresh();
    for (const call of ['pending', 'totals'] as const)
      for (let position = 1; position <= 6; position++) {
        const file = `${base}.${call}.${position}`;
        let statement = 0;
        let other: BetterSqlite3.Database | null = null;
        const store = await createStore(file, {
          onQuery: () => {
            // Before the position-th statement of the call: expire the 10 old ones, add 3 new ones.
            if (!other || ++statement !== position) return;
            other.exec('begin immediate');
            other
              .prepare("update invitations set status = 'expired', status_at = ? where sent_at < ?")
              .run(T - DAY, T - 185 * DAY);
            other.exec(`insert into invitations (${COPIED})
                        select ${COPIED.replace('person_key', "person_key || '-again'")}
                        from invitations where status = 'pending'`);
            other
              .prepare('update account_versions set invitations = invitations + 3, pending = pending - 7')
              .run();
            other.exec('commit');
          },
        });
        try {
          const { id } = await store.ensureAccount('a', T);
          await store.write(id, (tx) =>
            tx.insertInvitations(id, [
              ...Array.from({ length: 10 }, (_, i) => invitation(`old-${i}`, `Old ${i}`, T - 200 * DAY)),
              ...Array.from({ length: 3 }, (_, i) => invitation(`new-${i}`, `New ${i}`, T - DAY)),
            ]),
          );
          other = new BetterSqlite3(file);
          const at = `${call}, written before statement ${position}`;
          if (call === 'pending') {
            const pending = await store.countPendingSent(id, T, [{ after: T - 180 * DAY, upTo: T }]);
            expect([[3], [6]], at).toContainEqual(pending.counts);
          } else {
            const totals = await store.ledgerTotals(id, {
              now: T,
              maturedUpTo: T - 14 * DAY,
              trackingSince: null,
              seenWithinMs: DAY,
            });
            expect([13, 16], at).toContain(totals.sent);
            expect(totals.maturedSent, at).toBe(10);
          }
        } finally {
          (other as BetterSqlite3.Database | null)?.close();
          await store.close();
        }
      }
  });
});

/** The columns of an invitation copied by the other process's raw insert. */
const COPIED =
  'account_id, person_key, name_key, profile_url, name, headline, sent_at, sent_at_earliest, note, template_id, source, status, status_at, snapshot_id, created_at';

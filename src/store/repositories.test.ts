/**
 * The store contract: every repository operation on every dialect (SQLite always, PostgreSQL when
 * a server is at hand), with the same expected results; and the property docs/scaling.md relies
 * on: every statement that touches an account-keyed table names one account (`account_id = $n`),
 * so each routes to one shard when the tables are distributed by account_id.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AppContext,
  addTemplate,
  blockTarget,
  claimSend,
  getPlan,
  getStatus,
  importExport,
  importSentPageFile,
  importTargets,
  listTargets,
  loadConfig,
  recordAcceptance,
  recordReport,
  recordSend,
  recordWithdrawals,
  removeAccount,
  removeTargets,
  removeTemplate,
  setConfig,
} from '../app/index.ts';
import type { NewInvitation, Store } from '../app/ports.ts';
import { tempDir, writeExport } from '../app/testing.ts';
import { createStore, REFERENCE_TABLES } from './index.ts';
import { dialects } from './testing/dialects.ts';

const T = Date.parse('2026-11-26T12:00:00Z');
const DAY = 86_400_000;
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

function invitation(
  slug: string | null,
  name: string,
  sentAt: number,
  over: Partial<NewInvitation> = {},
): NewInvitation {
  const nameKey = name.toLowerCase();
  return {
    personKey: slug ? url(slug) : `name:${nameKey}`,
    nameKey,
    profileUrl: slug ? url(slug) : null,
    name,
    headline: null,
    sentAt,
    sentAtEarliest: sentAt,
    note: null,
    templateId: null,
    source: 'export',
    status: 'pending',
    statusAt: null,
    snapshotId: null,
    recordedAt: sentAt,
    ...over,
  };
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const stores: Store[] = [];
    async function open(onQuery?: (sql: string) => void) {
      const store = await createStore(await dialect.fresh(), onQuery ? { onQuery } : {});
      stores.push(store);
      return store;
    }
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
    });

    it('accounts and workspaces', async () => {
      const store = await open();
      expect(await store.findAccount('default')).toBeNull();
      const a = await store.ensureAccount('default', T);
      expect(a).toEqual({
        id: a.id,
        workspaceId: a.workspaceId,
        name: 'default',
        settings: {},
        createdAt: T,
        dataVersion: 0,
      });
      expect(await store.ensureAccount('default', T + 1)).toEqual(a);
      const ws = await store.ensureWorkspace('Team', T);
      const b = await store.ensureAccount('default', T, ws.id);
      expect(b.id).not.toBe(a.id);
      await store.ensureAccount('Zed', T);
      await store.ensureAccount('alpha', T);
      expect((await store.listAccounts()).map((x) => x.name)).toEqual(['Zed', 'alpha', 'default']);
      expect((await store.listAccounts(ws.id)).map((x) => x.id)).toEqual([b.id]);
      expect(await store.findAccount('default', ws.id)).toEqual(b);
      await store.write(a.id, (tx) => tx.saveAccountSettings(a.id, { weeklyInviteLimit: 150 }));
      expect((await store.findAccount('default'))?.settings).toEqual({ weeklyInviteLimit: 150 });
      expect((await store.listWorkspaces()).map((w) => w.name)).toEqual(['Team', 'default']);
      expect(await store.findWorkspace('nope')).toBeNull();
    });

    it('the data version moves with every write that changed the account, and with nothing else', async () => {
      const store = await open();
      const a = await store.ensureAccount('default', T);
      const b = await store.ensureAccount('other', T);
      const version = async (id: number) =>
        (await store.listAccounts()).find((x) => x.id === id)!.dataVersion;
      expect(await version(a.id)).toBe(0);
      await store.write(a.id, (tx) => tx.saveAccountSettings(a.id, { weeklyInviteLimit: 150 }));
      expect(await version(a.id)).toBe(1);
      expect(await version(b.id)).toBe(0);
      // A transaction that only read, and one that failed, leave it as it was.
      await store.write(a.id, (tx) => tx.listInvitations(a.id));
      await expect(
        store.write(a.id, async (tx) => {
          await tx.saveAccountSettings(a.id, { weeklyInviteLimit: 90 });
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await version(a.id)).toBe(1);
      await store.write(a.id, (tx) => tx.insertInvitations(a.id, [invitation('ada', 'Ada Lovelace', T)]));
      expect(await version(a.id)).toBe(2);
      // An account locked inside a transaction opened without one moves too.
      await store.write(null, async (tx) => {
        await tx.lockAccount(b.id);
        await tx.saveAccountSettings(b.id, { dailyInviteLimit: 10 });
      });
      expect([await version(a.id), await version(b.id)]).toEqual([2, 1]);
    });

    it('invitations: insert, list, index, update, match by person and by name', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('default', T);
      const other = (await store.ensureAccount('other', T)).id;
      const rows = [
        invitation('ada', 'Ada Lovelace', T - 3 * DAY, { note: 'Hi Ada', templateId: 'intro' }),
        invitation(null, 'Grace Hopper', T - 2 * DAY, { sentAtEarliest: T - 3 * DAY, source: 'sent-page' }),
        invitation('alan', 'Alan Turing', T - 10 * DAY, { status: 'accepted', statusAt: T - 5 * DAY }),
      ];
      await store.write(id, (tx) => tx.insertInvitations(id, rows));
      await store.write(other, (tx) => tx.insertInvitations(other, [invitation('ada', 'Ada Lovelace', T)]));
      const list = await store.listInvitations(id);
      expect(
        list.map((i) => [i.name, i.sentAt, i.status, i.statusAt, i.note, i.templateId, i.source]),
      ).toEqual([
        ['Alan Turing', T - 10 * DAY, 'accepted', T - 5 * DAY, null, null, 'export'],
        ['Ada Lovelace', T - 3 * DAY, 'pending', null, 'Hi Ada', 'intro', 'export'],
        ['Grace Hopper', T - 2 * DAY, 'pending', null, null, null, 'sent-page'],
      ]);
      expect(list.every((i) => typeof i.id === 'number' && typeof i.sentAt === 'number')).toBe(true);
      const index = await store.loadInvitationIndex(id);
      expect(index.map((e) => [e.nameKey, e.sentAtEarliest, e.status]).sort()).toEqual(
        [
          ['ada lovelace', T - 3 * DAY, 'pending'],
          ['alan turing', T - 10 * DAY, 'accepted'],
          ['grace hopper', T - 3 * DAY, 'pending'],
        ].sort(),
      );
      const grace = list.find((i) => i.name === 'Grace Hopper')!;
      await store.write(id, (tx) =>
        tx.updateInvitations(id, [
          { id: grace.id, profileUrl: url('grace'), personKey: url('grace'), headline: 'Admiral' },
          { id: list[1]!.id, status: 'withdrawn', statusAt: T },
        ]),
      );
      expect(
        (await store.invitationsOfPerson(id, url('grace'), 'grace hopper')).map((i) => i.profileUrl),
      ).toEqual([url('grace')]);
      expect((await store.invitationsOfPerson(id, url('ada'), 'ada lovelace')).map((i) => i.status)).toEqual([
        'withdrawn',
      ]);
      // A name-only record is found by name.
      await store.write(id, (tx) => tx.insertInvitations(id, [invitation(null, 'Linus Torvalds', T - DAY)]));
      expect(await store.invitationsOfPerson(id, url('linus'), 'linus torvalds')).toHaveLength(1);
      // The other account is untouched.
      expect((await store.listInvitations(other)).map((i) => i.status)).toEqual(['pending']);
    });

    it('connections: upsert counts, find, and pending matches by URL and by name', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('default', T);
      await store.write(id, (tx) =>
        tx.insertInvitations(id, [
          invitation('ada', 'Ada Lovelace', T - 3 * DAY),
          invitation(null, 'Grace Hopper', T - 2 * DAY),
          invitation('alan', 'Alan Turing', T - 2 * DAY),
        ]),
      );
      const conns = [
        {
          personKey: url('ada'),
          nameKey: 'ada lovelace',
          profileUrl: url('ada'),
          name: 'Ada Lovelace',
          connectedOn: T - DAY,
        },
        {
          personKey: url('grace'),
          nameKey: 'grace hopper',
          profileUrl: url('grace'),
          name: 'Grace Hopper',
          connectedOn: T,
        },
      ];
      expect(await store.write(id, (tx) => tx.upsertConnections(id, conns, null))).toEqual({
        inserted: 2,
        updated: 0,
      });
      expect(
        await store.write(id, (tx) =>
          tx.upsertConnections(id, [{ ...conns[0]!, connectedOn: T - 2 * DAY }, conns[1]!, conns[1]!], null),
        ),
      ).toEqual({ inserted: 0, updated: 1 });
      expect(await store.countConnections(id)).toBe(2);
      expect(await store.findConnection(id, url('ada'), 'ada lovelace')).toEqual({
        ...conns[0],
        connectedOn: T - 2 * DAY,
      });
      expect(await store.findConnection(id, url('nobody'), 'nobody')).toBeNull();
      const matches = await store.pendingWithConnection(id);
      expect(matches.map((m) => m.connectedOn).sort()).toEqual([T - 2 * DAY, T].sort());
    });

    it('snapshots, events, people, row counts', async () => {
      const store = await open();
      const { id } = await store.ensureAccount('default', T);
      expect(await store.latestInvitationSnapshotAsOf(id)).toBeNull();
      expect(await store.trackingSince(id)).toBeNull();
      const snap = {
        kind: 'export' as const,
        file: 'x.zip',
        contentHash: 'abc',
        asOf: T - DAY,
        importedAt: T,
        coversInvitations: true,
        report: {},
      };
      const sid = await store.write(id, (tx) => tx.createSnapshot(id, snap));
      await store.write(id, (tx) =>
        tx.createSnapshot(id, { ...snap, contentHash: 'def', asOf: T, coversInvitations: false }),
      );
      await store.write(id, (tx) => tx.saveSnapshotReport(id, sid, { imported: 3 }));
      expect(await store.findSnapshotByHash(id, 'abc')).toEqual({
        ...snap,
        id: sid,
        report: { imported: 3 },
      });
      expect(await store.latestInvitationSnapshotAsOf(id)).toBe(T - DAY);
      expect(await store.lastImportAt(id)).toBe(T);
      expect((await store.listSnapshots(id)).map((s) => s.contentHash)).toEqual(['abc', 'def']);
      await store.write(id, async (tx) => {
        await tx.addEvent(id, {
          kind: 'reported',
          personKey: url('eve'),
          invitationId: null,
          at: T,
          data: { a: 1 },
          recordedAt: T,
        });
        await tx.insertInvitations(id, [invitation('bob', 'Bob', T - 9 * DAY, { source: 'manual' })]);
        await tx.upsertPeople(
          id,
          [{ personKey: url('bob'), profileUrl: url('bob'), name: 'Bob', headline: 'CTO' }],
          T,
        );
        await tx.upsertPeople(
          id,
          [{ personKey: url('bob'), profileUrl: null, name: 'Bob B', headline: null }],
          T + 1,
        );
      });
      expect(await store.listReports(id)).toEqual([{ personKey: url('eve'), at: T }]);
      expect(await store.trackingSince(id)).toBe(T - 9 * DAY);
      const people = (await store.dumpTables()).people as Array<Record<string, unknown>>;
      expect(people).toEqual([
        {
          account_id: id,
          person_key: url('bob'),
          profile_url: url('bob'),
          name: 'Bob B',
          headline: 'CTO',
          updated_at: T + 1,
        },
      ]);
      expect(await store.countAccountRows(id)).toEqual({
        events: 1,
        invitations: 1,
        people: 1,
        snapshots: 2,
      });
    });

    it('users: create, find by name and token hash, touch, list, remove', async () => {
      const store = await open();
      const ws = await store.ensureWorkspace('w', T);
      const u = await store.createUser({
        workspaceId: ws.id,
        name: 'ann',
        role: 'viewer',
        tokenHash: 'h1',
        createdAt: T,
      });
      expect(u).toEqual({
        id: u.id,
        workspaceId: ws.id,
        name: 'ann',
        role: 'viewer',
        createdAt: T,
        lastUsedAt: null,
      });
      await expect(
        store.createUser({ workspaceId: ws.id, name: 'ann', role: 'owner', tokenHash: 'h2', createdAt: T }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await store.touchUser(u.id, T + 5);
      expect(await store.findUserByTokenHash('h1')).toEqual({ ...u, lastUsedAt: T + 5 });
      expect(await store.findUser(ws.id, 'ann')).toEqual({ ...u, lastUsedAt: T + 5 });
      expect((await store.listUsers(ws.id)).map((x) => x.name)).toEqual(['ann']);
      await store.removeUser(u.id);
      expect(await store.findUserByTokenHash('h1')).toBeNull();
    });

    it('bulk import is written in multi-row statements, not row by row', async () => {
      let inserts = 0;
      const store = await open((q) => {
        if (/^insert into "(invitations|connections)"/i.test(q)) inserts++;
      });
      const n = 12_000;
      const dir = writeExport(tempDir(), {
        invitations: Array.from({ length: n }, (_, k) => ({
          name: `Person ${k}`,
          slug: `p-${k}`,
          sentAt: new Date(T - (k % 150) * DAY - k * 1000).toISOString(),
        })),
        connections: Array.from({ length: n }, (_, k) => ({
          first: 'Conn',
          last: `${k}`,
          slug: `c-${k}`,
          connectedOn: '2026-01-10',
        })),
      });
      const ctx: AppContext = {
        store,
        config: loadConfig({ db: ':memory:', now: '2026-11-26T12:00:00Z' }, {}),
      };
      const report = await importExport(ctx, dir);
      expect(report.invitations.new).toBe(n);
      expect(report.connections.new).toBe(n);
      // 500 rows a statement: 24 each for invitations and connections.
      expect(inserts).toBeLessThanOrEqual(60);
    });

    it.runIf(dialect.name === 'postgres')(
      'every key of an account-keyed table includes account_id, as a distributed table needs (docs/scaling.md)',
      async () => {
        const location = await dialect.fresh();
        const store = await createStore(location);
        stores.push(store);
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          const { rows } = await client.query<{
            table: string;
            constraint: string;
            type: string;
            columns: string[];
          }>(`
            select c.relname as table, k.conname as constraint, k.contype as type,
                   array(select a.attname::text from unnest(k.conkey) n join pg_attribute a
                         on a.attrelid = k.conrelid and a.attnum = n order by a.attname) as columns
            from pg_constraint k join pg_class c on c.oid = k.conrelid
            join pg_namespace s on s.oid = c.relnamespace and s.nspname = current_schema()
            where k.contype in ('p', 'u', 'f') and c.relname not like 'kysely_%'
            order by 1, 2`);
          const keyed = (
            await client.query<{ table: string }>(`
            select table_name as table from information_schema.columns
            where table_schema = current_schema() and column_name = 'account_id' order by 1`)
          ).rows.map((r) => r.table);
          expect(keyed).toEqual(
            expect.arrayContaining(['connections', 'events', 'invitations', 'people', 'snapshots']),
          );
          for (const table of keyed) {
            const keys = rows.filter((r) => r.table === table && r.type !== 'f');
            expect(keys.length, `${table} has a primary key`).toBeGreaterThan(0);
            for (const k of keys) expect(k.columns, `${table}.${k.constraint}`).toContain('account_id');
            // Foreign keys from a distributed table may only point at reference tables.
            for (const f of rows.filter((r) => r.table === table && r.type === 'f')) {
              expect(f.constraint, `${table} has a foreign key`).toBe('allowed only to reference tables');
            }
          }
          // Reference tables never point at distributed ones.
          const reference = rows.filter((r) => (REFERENCE_TABLES as readonly string[]).includes(r.table));
          expect(reference.map((r) => r.table)).toEqual(
            expect.arrayContaining(['accounts', 'users', 'workspaces']),
          );
        } finally {
          await client.end();
        }
      },
    );

    it.runIf(dialect.name === 'postgres')(
      "a purge never touches another schema's tables in the same database",
      async () => {
        const location = await dialect.fresh();
        const store = await createStore(location);
        stores.push(store);
        const account = await store.ensureAccount('default', T);
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          await client.query('create schema other; create table other.notes (account_id bigint not null)');
          await client.query('insert into other.notes values ($1)', [account.id]);
          expect(Object.keys(await store.dumpTables())).not.toContain('notes');
          await store.write(account.id, (tx) => tx.purgeAccount(account.id));
          expect((await client.query('select count(*)::int as n from other.notes')).rows[0].n).toBe(1);
        } finally {
          await client.end();
        }
      },
    );

    it('every statement on an account-keyed table names one account, and only administration writes a reference table (docs/scaling.md)', async () => {
      const statements: string[] = [];
      /** Which statements team administration made (accounts, their configuration): they may write reference tables. */
      const administration = new Set<number>();
      let administering = false;
      const store = await open((q) => {
        if (administering) administration.add(statements.length);
        statements.push(q);
      });
      const administer = async <R>(fn: () => Promise<R>): Promise<R> => {
        administering = true;
        try {
          return await fn();
        } finally {
          administering = false;
        }
      };
      const ctx: AppContext = {
        store,
        config: loadConfig({ db: ':memory:', now: '2026-11-26T12:00:00Z' }, {}),
      };
      const tables = (await store.dumpTables()) && Object.keys(await store.dumpTables());
      statements.length = 0;
      // Every use case, so that every query the repositories make is seen.
      await administer(() => store.ensureAccount('default', T));
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z', message: 'Hi' },
            { name: 'Name Only', slug: null, sentAt: '2026-11-21T09:00:00Z' },
          ],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        }),
      );
      const page = path.join(tempDir(), 'sent.txt');
      fs.writeFileSync(page, ['Grace Hopper', 'Admiral', 'Sent 6 days ago', 'Withdraw'].join('\n'));
      await importSentPageFile(ctx, page, { allowEmpty: true });
      await importExport(
        ctx,
        writeExport(tempDir(), {
          connections: [
            { first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-11' },
            { first: 'Name', last: 'Only', slug: null, connectedOn: '2026-11-22' },
          ],
        }),
      );
      const targets = path.join(tempDir(), 'targets.csv');
      fs.writeFileSync(
        targets,
        'name,profileUrl,relation,mutualConnections,timezone,company\nAnn Ng,https://www.linkedin.com/in/ann-ng,colleague,4,Europe/Paris,Acme\nBo Li,,alumni,1,,\n',
      );
      await importTargets(ctx, targets);
      // The account's configuration (its default template, its settings) is on its own row.
      await administer(() =>
        addTemplate(ctx, {
          id: 'hello',
          body: 'Hi {firstName}, good to meet you at {company}.',
          makeDefault: true,
        }),
      );
      await administer(() => setConfig(ctx, 'weeklyInviteLimit', '120'));
      await getStatus(ctx);
      await getPlan(ctx);
      await listTargets(ctx);
      await recordWithdrawals(ctx, [url('grace-hopper')]);
      await claimSend(ctx, url('new-person'));
      await recordSend(ctx, url('ann-ng'), { templateId: 'hello' });
      await recordAcceptance(ctx, url('ann-ng'));
      await recordReport(ctx, url('someone-else'));
      await blockTarget(ctx, url('bo-li'), { name: 'Bo Li' });
      await removeTargets(ctx, [url('bo-li')]);
      await administer(() => removeTemplate(ctx, 'hello'));
      await administer(() => removeAccount(ctx, 'default', { purge: true }).catch(() => {}));
      await administer(() => store.ensureAccount('default', T));
      await administer(() => removeAccount(ctx, 'default', { purge: true }));

      const accountKeyed = tables.filter((t) => !(REFERENCE_TABLES as readonly string[]).includes(t));
      expect(accountKeyed).toEqual(
        expect.arrayContaining(['connections', 'events', 'invitations', 'people', 'snapshots']),
      );
      const touching = statements.filter((q) =>
        accountKeyed.some((t) => new RegExp(`"${t}"|\\b${t}\\b`, 'i').test(q)),
      );
      expect(touching.length).toBeGreaterThan(20);
      const unscoped = touching.filter((q) => {
        if (/^\s*insert\b/i.test(q)) return !/\(\s*"?account_id"?\s*,/i.test(q);
        return !/"?account_id"?\s*=\s*(\$\d+|\?)/i.test(q);
      });
      expect(unscoped).toEqual([]);

      // A reference table is copied to every node: a write to one is a write to every node. Only
      // administration may do that; the everyday writes (imports, recordings, targets, templates,
      // and the data version every write transaction moves) stay on their account's shard.
      const writes = statements
        .map((q, i) => ({ q, administration: administration.has(i) }))
        .filter(({ q }) => /^\s*(insert|update|delete)\b/i.test(q));
      expect(writes.length).toBeGreaterThan(20);
      const toReference = writes.filter(
        ({ q, administration }) =>
          !administration &&
          REFERENCE_TABLES.some((t) =>
            new RegExp(`^\\s*(insert\\s+into|update|delete\\s+from)\\s+"?${t}"?\\b`, 'i').test(q),
          ),
      );
      expect(toReference.map(({ q }) => q)).toEqual([]);
      expect(writes.some(({ q }) => /account_versions/.test(q))).toBe(true);
    });
  });
}

describe('the SQLite file', () => {
  it('is created readable by its owner alone, in a folder made for it likewise', async () => {
    const dir = path.join(tempDir(), 'new', 'folder');
    const file = path.join(dir, 'invitekeeper.db');
    const store = await createStore(file);
    try {
      await store.ensureAccount('default', Date.UTC(2026, 10, 26));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });
});

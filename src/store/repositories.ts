import { type Kysely, sql } from 'kysely';
import type {
  AccountRecord,
  EventRecord,
  InvitationChange,
  InvitationIndexEntry,
  NewInvitation,
  OwnProfileRecord,
  PendingConnectionMatch,
  PersonFacts,
  Repositories,
  Role,
  SnapshotRecord,
  TargetRecord,
  TemplateRecord,
  UserRecord,
  WorkspaceRecord,
} from '../app/ports.ts';
import {
  compareText,
  type Instant,
  type Invitation,
  type InvitationStatus,
  InviteKeeperError,
  isNameKey,
  type LedgerFact,
  type Relation,
  type Report,
  type SourceKind,
} from '../core/index.ts';
import type { StoreDialect, UpsertSpec } from './dialect.ts';
import type { Database } from './schema.ts';

/** The columns an Invitation is read from. */
/**
 * Invitations (alias i) with the snapshot that first listed each (alias s, none for a send recorded
 * by hand): s.as_of is an invitation's firstSeenAt.
 */
const INVITATIONS_SEEN =
  'invitations i left join snapshots s on s.account_id = i.account_id and s.id = i.snapshot_id';

const INVITATION_READ_COLUMNS = [
  'id',
  'person_key',
  'profile_url',
  'name',
  'sent_at',
  'sent_at_earliest',
  'note',
  'template_id',
  'source',
  'status',
  'status_at',
] as const;

/** A pending invitation (alias i) and a connection (alias c) that may be its invitee. */
const PAIR_COLUMNS = [
  'i.id',
  'i.person_key as invitee',
  'i.sent_at',
  'i.sent_at_earliest',
  'c.connected_on',
  'c.person_key',
] as const;

/** The default workspace every account of a single-user installation lives in. */
export const DEFAULT_WORKSPACE = 'default';

/** Rows per multi-row statement or per call of the dialect's bulk insert. */
const BATCH = 500;

/**
 * Where repositories run: outside any transaction (`null`: account-keyed tables are read-only), or
 * inside `Store.write` holding the write locks of the accounts in `locked`.
 */
export interface WriteScope {
  readonly locked: Set<number>;
  /** Accounts the transaction purged: gone with every row of theirs. */
  readonly purged: Set<number>;
}

/** The account's data version (migration 0008): bookkeeping, not data of the member's; counted nowhere. */
const VERSIONS_TABLE = 'account_versions';

/** Tables that are not keyed by account: reference tables when the schema is distributed. */
export const REFERENCE_TABLES = ['workspaces', 'accounts', 'users'] as const;

/**
 * Every repository of the app's ports, written once in Kysely for both dialects. Writes to
 * account-keyed tables are refused unless `scope` holds the account's lock (see Store.write): that
 * is what makes every read-check-write of a use case safe against other processes on PostgreSQL.
 */
export function createRepositories(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null = null,
): Repositories {
  function mustHold(accountId: number, operation: string): void {
    if (scope?.locked.has(accountId)) return;
    throw new InviteKeeperError(
      'INTERNAL',
      scope
        ? `${operation} on account ${accountId} without its lock: call lockAccount(${accountId}) first, or pass it to store.write`
        : `${operation} outside a write transaction: run it in store.write(${accountId}, ...)`,
    );
  }

  async function ensureWorkspaceRow(name: string, now: number) {
    const existing = await db
      .selectFrom('workspaces')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing) return existing;
    await db
      .insertInto('workspaces')
      .values({ name, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  }

  async function defaultWorkspaceId(now: number): Promise<number> {
    return Number((await ensureWorkspaceRow(DEFAULT_WORKSPACE, now)).id);
  }

  /** Tables with an account_id column, by introspection (so tables added by later migrations count). */
  async function accountKeyedTables(): Promise<string[]> {
    const tables = await ownTables(db, dialect);
    return tables
      .filter((t) => t.columns.some((c) => c.name === 'account_id'))
      .map((t) => t.name)
      .sort();
  }

  /** The account's data version (account_versions, migration 0008): 0 before its first write. */
  async function dataVersion(accountId: number): Promise<number> {
    const rows = await dialect.queryRows(
      db,
      'select data_version from account_versions where account_id = ?',
      [accountId],
    );
    return Number(rows[0]?.[0] ?? 0);
  }

  async function workspaceFor(workspaceId: number | undefined, now: number) {
    return workspaceId ?? (await defaultWorkspaceId(now));
  }

  const repos: Repositories = {
    ...statusCountReads(db, dialect),
    async findAccount(name, workspaceId) {
      // Every command and every API request starts here: prepared statements, no query builder.
      const columns = 'id, workspace_id, name, settings, created_at';
      const rows =
        workspaceId !== undefined
          ? await dialect.queryRows(
              db,
              `select ${columns} from accounts where name = ? and workspace_id = ?`,
              [name, workspaceId],
            )
          : await dialect.queryRows(
              db,
              `select ${columns} from accounts where name = ? and workspace_id in (select id from workspaces where name = ?)`,
              [name, DEFAULT_WORKSPACE],
            );
      const r = rows[0];
      if (!r) return null;
      return toAccount({
        id: r[0] as number,
        workspace_id: r[1] as number,
        name: r[2] as string,
        settings: r[3] as string,
        created_at: r[4] as number,
        data_version: await dataVersion(Number(r[0])),
      });
    },
    async ensureAccount(name, now, workspaceId, initialSettings) {
      // Every use case calls this: one query when the account exists, as it nearly always does.
      const found = await repos.findAccount(name, workspaceId);
      if (found) {
        if (scope) await repos.lockAccount(found.id);
        return found;
      }
      const ws = await workspaceFor(workspaceId, now);
      await db
        .insertInto('accounts')
        .values({ workspace_id: ws, name, settings: JSON.stringify(initialSettings ?? {}), created_at: now })
        .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
        .execute();
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('workspace_id', '=', ws)
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      // Inside a write transaction, resolving the account means working on it: take its lock before
      // the transaction reads anything of it (imports and recordings that may create the account).
      if (scope) await repos.lockAccount(Number(row.id));
      return toAccount({ ...row, data_version: await dataVersion(Number(row.id)) });
    },
    async listAccounts(workspaceId) {
      let q = db.selectFrom('accounts').selectAll();
      if (workspaceId !== undefined) q = q.where('workspace_id', '=', workspaceId);
      else
        q = q.where(
          'workspace_id',
          'in',
          db.selectFrom('workspaces').select('id').where('name', '=', DEFAULT_WORKSPACE),
        );
      // Sorted here, not by the database: collations differ between SQLite and PostgreSQL servers.
      // Each account's version by its key: a join would read every shard of account_versions.
      const accounts = await Promise.all(
        (await q.execute()).map(async (row) =>
          toAccount({ ...row, data_version: await dataVersion(Number(row.id)) }),
        ),
      );
      return accounts.sort((a, b) => compareText(a.name, b.name));
    },
    async countAccountRows(accountId) {
      const out: Record<string, number> = {};
      for (const table of await accountKeyedTables()) {
        if (table === VERSIONS_TABLE) continue;
        const row = await sql<{
          n: number;
        }>`select count(*) as n from ${sql.table(table)} where account_id = ${accountId}`.execute(db);
        const n = Number(row.rows[0]?.n ?? 0);
        if (n > 0) out[table] = n;
      }
      return out;
    },
    async purgeAccount(accountId) {
      mustHold(accountId, 'purgeAccount');
      const out: Record<string, number> = {};
      for (const table of await accountKeyedTables()) {
        const result = await sql`delete from ${sql.table(table)} where account_id = ${accountId}`.execute(db);
        if (table !== VERSIONS_TABLE) out[table] = Number(result.numAffectedRows ?? 0);
      }
      const gone = await db.deleteFrom('accounts').where('id', '=', accountId).executeTakeFirst();
      out.accounts = Number(gone.numDeletedRows);
      // nothing is left whose version would move (Store.write)
      scope?.purged.add(accountId);
      return out;
    },
    async saveAccountSettings(accountId, settings) {
      mustHold(accountId, 'saveAccountSettings');
      await db
        .updateTable('accounts')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', accountId)
        .execute();
    },

    async listInvitations(accountId) {
      // The hot read of status and plan: rows as arrays through the dialect, one object each.
      const rows = await dialect.queryRows(
        db,
        `select i.id, i.person_key, i.profile_url, i.name, i.sent_at, i.sent_at_earliest, i.note, i.template_id,
                i.source, i.status, i.status_at, s.as_of
         from ${INVITATIONS_SEEN}
         where i.account_id = ?`,
        [accountId],
      );
      // Sorted here: SQLite would copy every wide row into a sorter first.
      const list = rows.map(
        (r): Invitation => ({
          id: Number(r[0]),
          personKey: r[1] as string,
          profileUrl: r[2] as string | null,
          name: r[3] as string,
          sentAt: Number(r[4]),
          sentAtEarliest: Number(r[5]),
          note: r[6] as string | null,
          templateId: r[7] as string | null,
          source: r[8] as SourceKind,
          status: r[9] as InvitationStatus,
          statusAt: r[10] === null ? null : Number(r[10]),
          firstSeenAt: r[11] === null ? null : Number(r[11]),
        }),
      );
      return list.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
    },
    async listLedgerFacts(accountId) {
      const rows = await dialect.queryRows(
        db,
        `select i.id, i.person_key, i.sent_at, i.sent_at_earliest, i.note, i.status, i.status_at, i.source, s.as_of
         from ${INVITATIONS_SEEN}
         where i.account_id = ?`,
        [accountId],
      );
      return rows.map(
        (r): LedgerFact => ({
          id: Number(r[0]),
          personKey: r[1] as string,
          sentAt: Number(r[2]),
          sentAtEarliest: Number(r[3]),
          note: r[4] as string | null,
          status: r[5] as InvitationStatus,
          statusAt: r[6] === null ? null : Number(r[6]),
          source: r[7] as SourceKind,
          firstSeenAt: r[8] === null ? null : Number(r[8]),
        }),
      );
    },
    async loadInvitationIndex(accountId, scope) {
      const base = db
        .selectFrom('invitations')
        .select([
          'id',
          'person_key',
          'name_key',
          'profile_url',
          'sent_at',
          'sent_at_earliest',
          'status',
          'source',
          'headline',
        ])
        .where('account_id', '=', accountId);
      let rows: Awaited<ReturnType<typeof base.execute>>;
      if (!scope) {
        // The whole ledger (an import's matcher): rows as arrays through the dialect, one object each.
        const all = await dialect.queryRows(
          db,
          `select id, person_key, name_key, profile_url, sent_at, sent_at_earliest, status, source, headline
           from invitations where account_id = ?`,
          [accountId],
        );
        return all.map(
          (r): InvitationIndexEntry => ({
            id: Number(r[0]),
            personKey: r[1] as string,
            nameKey: r[2] as string,
            profileUrl: r[3] as string | null,
            sentAt: Number(r[4]),
            sentAtEarliest: Number(r[5]),
            status: r[6] as InvitationStatus,
            source: r[7] as SourceKind,
            headline: r[8] as string | null,
          }),
        );
      } else {
        const parts = [await base.where('status', '=', 'pending').execute()];
        for (const keys of chunks(scope.personKeys, BATCH))
          parts.push(await base.where('person_key', 'in', keys).execute());
        for (const names of chunks(scope.nameKeys, BATCH))
          parts.push(await base.where('name_key', 'in', names).execute());
        rows = uniqueBy(parts.flat(), (r) => Number(r.id));
      }
      return rows.map(
        (r): InvitationIndexEntry => ({
          id: Number(r.id),
          personKey: r.person_key,
          nameKey: r.name_key,
          profileUrl: r.profile_url,
          sentAt: Number(r.sent_at),
          sentAtEarliest: Number(r.sent_at_earliest),
          status: r.status as InvitationStatus,
          source: r.source as SourceKind,
          headline: r.headline,
        }),
      );
    },
    async insertInvitations(accountId, rows) {
      mustHold(accountId, 'insertInvitations');
      await insertInBatches(db, dialect, 'invitations', INVITATION_COLUMNS, rows, (r: NewInvitation) => [
        accountId,
        r.personKey,
        r.nameKey,
        r.profileUrl,
        r.name,
        r.headline,
        r.sentAt,
        r.sentAtEarliest,
        r.note,
        r.templateId,
        r.source,
        r.status,
        r.statusAt,
        r.snapshotId,
        r.recordedAt,
      ]);
    },
    async updateInvitations(accountId, changes) {
      mustHold(accountId, 'updateInvitations');
      // One statement per set of columns changed, each row with its own values.
      const byColumns = new Map<string, { columns: string[]; rows: unknown[][] }>();
      for (const change of changes) {
        const set = invitationSet(change);
        const columns = Object.keys(set);
        if (columns.length === 0) continue;
        const id = columns.join(',');
        const group = byColumns.get(id) ?? { columns, rows: [] };
        group.rows.push([...columns.map((c) => set[c]), accountId, change.id]);
        byColumns.set(id, group);
      }
      for (const { columns, rows } of byColumns.values()) {
        await dialect.updateMany(db, 'invitations', columns, ['account_id', 'id'], rows);
      }
    },
    async pendingWithConnection(accountId) {
      // Connections outside (CROSS JOIN fixes the order in SQLite; PostgreSQL plans it freely): both
      // sides are walked in key order, and only a match reads the invitation's row. URL-less
      // connections have keys of their own (name and day), so this finds matches by URL only.
      const byKey = await db
        .selectFrom('connections as c')
        .crossJoin('invitations as i')
        .whereRef('i.account_id', '=', 'c.account_id')
        .whereRef('i.person_key', '=', 'c.person_key')
        .select(PAIR_COLUMNS)
        .where('c.account_id', '=', accountId)
        .where('i.status', '=', 'pending')
        .execute();
      // Records without a profile URL can only be matched by name, through the indexes of the records
      // without one. Each half scans the other side of the account once, so it runs only when there
      // is a record without a URL at all (rare: Sent-page text, old exports).
      const hasNameOnly = async (table: 'invitations' | 'connections') =>
        (await db
          .selectFrom(table)
          .select('account_id')
          .where('account_id', '=', accountId)
          .where('profile_url', 'is', null)
          .limit(1)
          .executeTakeFirst()) !== undefined;
      // CROSS JOIN keeps the scanned side outside in SQLite (PostgreSQL plans it as an inner join).
      const nameOnlyInvitations = (await hasNameOnly('invitations'))
        ? await db
            .selectFrom('connections as c')
            .crossJoin('invitations as i')
            .whereRef('i.account_id', '=', 'c.account_id')
            .whereRef('i.name_key', '=', 'c.name_key')
            .select(PAIR_COLUMNS)
            .where('c.account_id', '=', accountId)
            .where('i.profile_url', 'is', null)
            .where('i.status', '=', 'pending')
            .execute()
        : [];
      const nameOnlyConnections = (await hasNameOnly('connections'))
        ? await db
            .selectFrom('invitations as i')
            .crossJoin('connections as c')
            .whereRef('c.account_id', '=', 'i.account_id')
            .whereRef('c.name_key', '=', 'i.name_key')
            .select(PAIR_COLUMNS)
            .where('i.account_id', '=', accountId)
            .where('i.status', '=', 'pending')
            .where('c.profile_url', 'is', null)
            .execute()
        : [];
      const out: PendingConnectionMatch[] = [];
      const seen = new Set<string>();
      const add = (r: (typeof byKey)[number], byName: boolean) => {
        // a URL-less invitation and a URL-less connection meet in both halves
        const pair = `${r.id}\u0000${r.person_key}`;
        if (seen.has(pair)) return;
        seen.add(pair);
        out.push({
          invitationId: Number(r.id),
          personKey: r.invitee,
          sentAt: Number(r.sent_at),
          sentAtEarliest: Number(r.sent_at_earliest),
          connectedOn: Number(r.connected_on),
          byName,
        });
      };
      for (const r of byKey) add(r, false);
      if (nameOnlyInvitations.length + nameOnlyConnections.length > 0) {
        for (const r of [...nameOnlyInvitations, ...nameOnlyConnections]) add(r, true);
      }
      return out;
    },
    async hasInvitationsFrom(accountId, source) {
      const row = await db
        .selectFrom('invitations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('source', '=', source)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async snapshotAddedInvitation(accountId, snapshotId, who) {
      const base = db
        .selectFrom('invitations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('snapshot_id', '=', snapshotId)
        .limit(1);
      if ('personKey' in who) {
        return (await base.where('person_key', '=', who.personKey).executeTakeFirst()) !== undefined;
      }
      // Through the index of records without a URL first; the others have no name index (rare path).
      const named = base.where('name_key', '=', who.nameKey);
      if ((await named.where('profile_url', 'is', null).executeTakeFirst()) !== undefined) return true;
      return !who.withoutUrl && (await named.executeTakeFirst()) !== undefined;
    },
    async headlinesOf(accountId, invitationIds) {
      const out = new Map<number, string>();
      for (let i = 0; i < invitationIds.length; i += BATCH) {
        const rows = await db
          .selectFrom('invitations as i')
          .leftJoin('people as p', (j) =>
            j.onRef('p.account_id', '=', 'i.account_id').onRef('p.person_key', '=', 'i.person_key'),
          )
          .select(['i.id', 'i.headline', 'p.headline as person_headline'])
          .where('i.account_id', '=', accountId)
          .where('i.id', 'in', invitationIds.slice(i, i + BATCH))
          .execute();
        for (const r of rows) {
          const headline = r.headline ?? r.person_headline;
          if (headline) out.set(Number(r.id), headline);
        }
      }
      return out;
    },
    async namesOf(accountId, invitationIds) {
      const out = new Map<number, string>();
      for (let i = 0; i < invitationIds.length; i += BATCH) {
        const rows = await db
          .selectFrom('invitations')
          .select(['id', 'name'])
          .where('account_id', '=', accountId)
          .where('id', 'in', invitationIds.slice(i, i + BATCH))
          .execute();
        for (const r of rows) out.set(Number(r.id), r.name);
      }
      return out;
    },
    async invitationsOfPerson(accountId, personKey, nameKey) {
      const rows = db
        .selectFrom('invitations')
        .select([
          'id',
          'person_key',
          'profile_url',
          'name',
          'sent_at',
          'sent_at_earliest',
          'note',
          'template_id',
          'source',
          'status',
          'status_at',
        ])
        .where('account_id', '=', accountId);
      // Two indexed lookups in one statement rather than one `key = ? or (name = ? ...)`, which
      // SQLite answers by scanning every invitation of the account.
      const found = await rows
        .where('person_key', '=', personKey)
        .unionAll(rows.where('name_key', '=', nameKey).where('profile_url', 'is', null))
        .execute();
      return uniqueBy(found, (r) => Number(r.id))
        .map(toInvitation)
        .sort((a, b) => b.sentAt - a.sentAt || b.id - a.id);
    },
    async invitationsMatching(accountId, personKey, nameKey) {
      const rows = db
        .selectFrom('invitations')
        .select(INVITATION_READ_COLUMNS)
        .where('account_id', '=', accountId);
      const byName = isNameKey(personKey)
        ? rows.where('name_key', '=', nameKey)
        : rows.where('name_key', '=', nameKey).where('profile_url', 'is', null);
      const found = await rows.where('person_key', '=', personKey).unionAll(byName).execute();
      return uniqueBy(found, (r) => Number(r.id))
        .map(toInvitation)
        .sort((x, y) => x.sentAt - y.sentAt || x.id - y.id);
    },
    async countSends(accountId, upTo, after) {
      // Two index ranges, neither visiting a row: sends by time (invitations_sent_at), and those
      // with a note (invitations_noted, migration 0009).
      const [sends, notes] = await Promise.all([
        dialect.queryRows(
          db,
          `select sum(case when sent_at > ? then 1 else 0 end) as week,
                  sum(case when sent_at > ? then 1 else 0 end) as today
           from invitations where account_id = ? and sent_at > ? and sent_at <= ?`,
          [after.week, after.today, accountId, Math.min(after.week, after.today), upTo],
        ),
        dialect.queryRows(
          db,
          `select count(*) as notes from invitations
           where account_id = ? and note is not null and sent_at > ? and sent_at <= ?`,
          [accountId, after.notes, upTo],
        ),
      ]);
      return {
        week: Number(sends[0]?.[0] ?? 0),
        today: Number(sends[0]?.[1] ?? 0),
        notes: Number(notes[0]?.[0] ?? 0),
      };
    },
    async pendingSentBetween(accountId, { now, after, upTo, limit }) {
      // Pending at `now`: pending still, or ended after `now` (ledgerAt reads it as pending then).
      const pendingIn = db
        .selectFrom('invitations')
        .where('account_id', '=', accountId)
        .where('sent_at', '>', after)
        .where('sent_at', '<=', Math.min(upTo, now))
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb('status_at', '>', now)]));
      const countRow = await pendingIn
        .select((eb) => [
          eb.fn.countAll<number | string | bigint>().as('n'),
          eb.fn.min<number | string | null>('sent_at').as('first'),
        ])
        .executeTakeFirst();
      const count = Number(countRow?.n ?? 0);
      const firstSentAt =
        countRow?.first === null || countRow?.first === undefined ? null : Number(countRow.first);
      if (limit <= 0 || count === 0) return { invitations: [], count, firstSentAt };
      // The sending time of the limit-th oldest; every row up to it, ties included, so that the
      // caller's exact order (sending time, then link, name and id) can pick among equals.
      let last = Math.min(upTo, now);
      if (count > limit) {
        const row = await pendingIn
          .select('sent_at')
          .orderBy('sent_at')
          .limit(1)
          .offset(limit - 1)
          .executeTakeFirst();
        if (row) last = Number(row.sent_at);
      }
      const rows = await pendingIn
        .where('sent_at', '<=', last)
        .select(INVITATION_READ_COLUMNS)
        .orderBy('sent_at')
        .orderBy('id')
        .execute();
      return { invitations: rows.map(toInvitation), count, firstSentAt };
    },
    async nextLedgerChanges(accountId, now, after) {
      const mine = db.selectFrom('invitations').where('account_id', '=', accountId);
      const toInstant = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      const [sent, status, week, notes] = await Promise.all([
        mine
          .where('sent_at', '>', now)
          .select((eb) => eb.fn.min<number>('sent_at').as('t'))
          .executeTakeFirst(),
        mine
          .where('status_at', '>', now)
          .select((eb) => eb.fn.min<number>('status_at').as('t'))
          .executeTakeFirst(),
        mine
          .where('sent_at', '>', after.week)
          .where('sent_at', '<=', now)
          .select((eb) => eb.fn.min<number>('sent_at').as('t'))
          .executeTakeFirst(),
        mine
          .where('sent_at', '>', after.notes)
          .where('sent_at', '<=', now)
          .where('note', 'is not', null)
          .select((eb) => eb.fn.min<number>('sent_at').as('t'))
          .executeTakeFirst(),
      ]);
      return {
        sentAfterNow: toInstant(sent?.t),
        statusAfterNow: toInstant(status?.t),
        firstInWeek: toInstant(week?.t),
        firstNoteInNotes: toInstant(notes?.t),
      };
    },
    async invitationsOfTargets(accountId) {
      const own = db
        .selectFrom('invitations')
        .select(INVITATION_READ_COLUMNS)
        .where('account_id', '=', accountId);
      const targets = db.selectFrom('targets').where('account_id', '=', accountId);
      // By name only where one side has no URL: each side's keys are looked up in the other's name
      // index (a join on the names would probe every invitation of the account).
      const rows = await own
        .where('person_key', 'in', targets.select('person_key'))
        .unionAll(own.where('name_key', 'in', targets.select('name_key').where('profile_url', 'is', null)))
        .unionAll(own.where('profile_url', 'is', null).where('name_key', 'in', targets.select('name_key')))
        .execute();
      return uniqueBy(rows, (r) => Number(r.id))
        .map(toInvitation)
        .sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
    },
    async countWithdrawnBetween(accountId, from, to) {
      const row = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('account_id', '=', accountId)
        .where('status', '=', 'withdrawn')
        .where('status_at', '>=', from)
        .where('status_at', '<=', to)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async insertInvitation(accountId, r) {
      mustHold(accountId, 'insertInvitation');
      const row = await db
        .insertInto('invitations')
        .values({
          account_id: accountId,
          person_key: r.personKey,
          name_key: r.nameKey,
          profile_url: r.profileUrl,
          name: r.name,
          headline: r.headline,
          sent_at: r.sentAt,
          sent_at_earliest: r.sentAtEarliest,
          note: r.note,
          template_id: r.templateId,
          source: r.source,
          status: r.status,
          status_at: r.statusAt,
          snapshot_id: r.snapshotId,
          created_at: r.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async upsertConnections(accountId, rows, snapshotId) {
      mustHold(accountId, 'upsertConnections');
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = dedupeBy(rows.slice(i, i + BATCH), (r) => r.personKey);
        const done = await dialect.upsertMany(
          db,
          'connections',
          CONNECTION_UPSERT,
          batch.map((r) => [
            accountId,
            r.personKey,
            r.nameKey,
            r.profileUrl,
            r.name,
            r.connectedOn,
            snapshotId,
          ]),
        );
        inserted += done.inserted;
        updated += done.updated;
      }
      return { inserted, updated };
    },
    async countConnections(accountId) {
      const row = await db
        .selectFrom('connections')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findConnection(accountId, personKey, nameKey) {
      const rows = db.selectFrom('connections').selectAll().where('account_id', '=', accountId);
      const row =
        (await rows.where('person_key', '=', personKey).executeTakeFirst()) ??
        (await rows.where('name_key', '=', nameKey).where('profile_url', 'is', null).executeTakeFirst());
      return row
        ? {
            personKey: row.person_key,
            nameKey: row.name_key,
            profileUrl: row.profile_url,
            name: row.name,
            connectedOn: Number(row.connected_on),
          }
        : null;
    },

    async connectionsMatching(accountId, personKey, nameKey) {
      const rows = db
        .selectFrom('connections')
        .select(['person_key', 'name', 'connected_on'])
        .where('account_id', '=', accountId);
      const byName = isNameKey(personKey)
        ? rows.where('name_key', '=', nameKey)
        : rows.where('name_key', '=', nameKey).where('profile_url', 'is', null);
      const found = await rows.where('person_key', '=', personKey).unionAll(byName).execute();
      return uniqueBy(found, (r) => r.person_key).map((r) => ({
        personKey: r.person_key,
        name: r.name,
        connectedOn: Number(r.connected_on),
      }));
    },
    async connectionsOfTargets(accountId) {
      const own = db
        .selectFrom('connections')
        .select(['person_key', 'name', 'connected_on'])
        .where('account_id', '=', accountId);
      const targets = db.selectFrom('targets').where('account_id', '=', accountId);
      const found = await own
        .where('person_key', 'in', targets.select('person_key'))
        .unionAll(own.where('name_key', 'in', targets.select('name_key').where('profile_url', 'is', null)))
        .unionAll(own.where('profile_url', 'is', null).where('name_key', 'in', targets.select('name_key')))
        .execute();
      return uniqueBy(found, (r) => r.person_key).map((r) => ({
        personKey: r.person_key,
        name: r.name,
        connectedOn: Number(r.connected_on),
      }));
    },
    async listConnectionRefs(accountId) {
      const rows = await db
        .selectFrom('connections')
        .select(['person_key', 'name', 'connected_on'])
        .where('account_id', '=', accountId)
        .execute();
      return rows.map((r) => ({
        personKey: r.person_key,
        name: r.name,
        connectedOn: Number(r.connected_on),
      }));
    },

    async findSnapshotByHash(accountId, contentHash) {
      const row = await db
        .selectFrom('snapshots')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('content_hash', '=', contentHash)
        .executeTakeFirst();
      return row ? toSnapshot(row) : null;
    },
    async latestInvitationSnapshotAsOf(accountId) {
      const row = await db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.max('as_of').as('as_of'))
        .where('account_id', '=', accountId)
        .where('covers_invitations', '=', 1)
        .executeTakeFirst();
      return row?.as_of == null ? null : Number(row.as_of);
    },
    async createSnapshot(accountId, s) {
      mustHold(accountId, 'createSnapshot');
      const row = await db
        .insertInto('snapshots')
        .values({
          account_id: accountId,
          kind: s.kind,
          file: s.file,
          content_hash: s.contentHash,
          as_of: s.asOf,
          imported_at: s.importedAt,
          covers_invitations: s.coversInvitations ? 1 : 0,
          report: JSON.stringify(s.report),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async saveSnapshotReport(accountId, id, report) {
      mustHold(accountId, 'saveSnapshotReport');
      await db
        .updateTable('snapshots')
        .set({ report: JSON.stringify(report) })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },
    async listSnapshots(accountId) {
      const rows = await db
        .selectFrom('snapshots')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('as_of')
        .orderBy('id')
        .execute();
      return rows.map(toSnapshot);
    },

    async addEvent(accountId, e: EventRecord) {
      mustHold(accountId, 'addEvent');
      await db
        .insertInto('events')
        .values({
          account_id: accountId,
          kind: e.kind,
          person_key: e.personKey,
          invitation_id: e.invitationId,
          at: e.at,
          data: JSON.stringify(e.data),
          recorded_at: e.recordedAt,
        })
        .execute();
    },
    async recordsSince(accountId, since) {
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', 'in', ['sent', 'withdrawn', 'accepted', 'reported'])
        .where('recorded_at', '>=', since)
        .orderBy('recorded_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind as EventRecord['kind'],
        personKey: r.person_key,
        invitationId: r.invitation_id === null ? null : Number(r.invitation_id),
        at: Number(r.at),
        data: JSON.parse(r.data) as Record<string, unknown>,
        recordedAt: Number(r.recorded_at),
      }));
    },
    async removeRecord(accountId, remove) {
      mustHold(accountId, 'removeRecord');
      await db
        .deleteFrom('events')
        .where('account_id', '=', accountId)
        .where('id', '=', remove.eventId)
        .execute();
      if (remove.invitationId !== undefined)
        await db
          .deleteFrom('invitations')
          .where('account_id', '=', accountId)
          .where('id', '=', remove.invitationId)
          .execute();
      if (remove.connectionKey !== undefined)
        await db
          .deleteFrom('connections')
          .where('account_id', '=', accountId)
          .where('person_key', '=', remove.connectionKey)
          .execute();
    },
    async listReports(accountId): Promise<Report[]> {
      const rows = await db
        .selectFrom('events')
        .select(['person_key', 'at'])
        .where('account_id', '=', accountId)
        .where('kind', '=', 'reported')
        .orderBy('at')
        .execute();
      return rows
        .filter((r) => r.person_key !== null)
        .map((r) => ({ personKey: r.person_key!, at: Number(r.at) }));
    },
    async trackingSince(accountId) {
      const snap = await db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.min('as_of').as('t'))
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      const manual = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.min('sent_at').as('t'))
        .where('account_id', '=', accountId)
        // a literal, so that SQLite can use the partial index of invitations recorded by hand
        .where('source', '=', sql.lit('manual'))
        .executeTakeFirst();
      // An export is a history: tracking reaches back to the first invitation one listed.
      const fromExport = await db
        .selectFrom('invitations')
        .select('sent_at as t')
        .where('account_id', '=', accountId)
        .where('source', '=', sql.lit('export'))
        .orderBy('sent_at')
        .limit(1)
        .executeTakeFirst();
      const values = [snap?.t, manual?.t, fromExport?.t].filter((v) => v != null).map(Number);
      return values.length ? Math.min(...values) : null;
    },
    async lastImportAt(accountId) {
      const row = await db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.max('as_of').as('t'))
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.t == null ? null : Number(row.t);
    },

    async upsertPeople(accountId, people: readonly PersonFacts[], now) {
      mustHold(accountId, 'upsertPeople');
      for (const p of dedupeBy(people, (x) => x.personKey)) {
        await db
          .insertInto('people')
          .values({
            account_id: accountId,
            person_key: p.personKey,
            profile_url: p.profileUrl,
            name: p.name,
            headline: p.headline,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['account_id', 'person_key']).doUpdateSet({
              name: p.name,
              headline: sql`coalesce(${p.headline}, people.headline)`,
              profile_url: sql`coalesce(${p.profileUrl}, people.profile_url)`,
              updated_at: now,
            }),
          )
          .execute();
      }
    },

    async saveOwnProfile(accountId, profile: OwnProfileRecord, now) {
      mustHold(accountId, 'saveOwnProfile');
      const existing = await db
        .selectFrom('own_profiles')
        .select('as_of')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (existing && Number(existing.as_of) > profile.asOf) return false;
      const values = {
        headline: profile.headline,
        as_of: profile.asOf,
        snapshot_id: profile.snapshotId,
        updated_at: now,
      };
      await db
        .insertInto('own_profiles')
        .values({ account_id: accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .execute();
      return true;
    },
    async loadOwnProfile(accountId) {
      const row = await db
        .selectFrom('own_profiles')
        .select(['headline', 'as_of', 'snapshot_id'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        headline: row.headline,
        asOf: Number(row.as_of),
        snapshotId: row.snapshot_id === null ? null : Number(row.snapshot_id),
      };
    },

    async listTargets(accountId) {
      const rows = await db
        .selectFrom('targets')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('added_at')
        .orderBy('person_key')
        .execute();
      return rows.map(toTarget);
    },
    async findTargets(accountId, personKey, nameKey) {
      const rows = db.selectFrom('targets').selectAll().where('account_id', '=', accountId);
      const found = await rows
        .where('person_key', '=', personKey)
        .unionAll(rows.where('name_key', '=', nameKey))
        .execute();
      return uniqueBy(found, (r) => r.person_key)
        .map(toTarget)
        .sort((a, b) => a.addedAt - b.addedAt || compareText(a.personKey, b.personKey));
    },
    async insertTargets(accountId, rows) {
      mustHold(accountId, 'insertTargets');
      await insertInBatches(db, dialect, 'targets', TARGET_COLUMNS, rows, (t: TargetRecord) => [
        accountId,
        ...targetValues(t),
      ]);
    },
    async updateTarget(accountId, personKey, t) {
      mustHold(accountId, 'updateTarget');
      const values = targetValues(t);
      const set: Record<string, unknown> = {};
      TARGET_COLUMNS.slice(1).forEach((column, i) => {
        set[column] = values[i];
      });
      await db
        .updateTable('targets')
        .set(set)
        .where('account_id', '=', accountId)
        .where('person_key', '=', personKey)
        .execute();
    },
    async deleteTargets(accountId, personKeys) {
      mustHold(accountId, 'deleteTargets');
      let deleted = 0;
      for (let i = 0; i < personKeys.length; i += BATCH) {
        const result = await db
          .deleteFrom('targets')
          .where('account_id', '=', accountId)
          .where('person_key', 'in', personKeys.slice(i, i + BATCH))
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    },

    async listTemplates(accountId) {
      const rows = await db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();
      return rows.map(toTemplate);
    },
    async findTemplate(accountId, id) {
      const row = await db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toTemplate(row) : null;
    },
    async saveTemplate(accountId, t: TemplateRecord) {
      mustHold(accountId, 'saveTemplate');
      await db
        .insertInto('templates')
        .values({
          account_id: accountId,
          id: t.id,
          name: t.name,
          body: t.body,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'id'])
            .doUpdateSet({ name: t.name, body: t.body, updated_at: t.updatedAt }),
        )
        .execute();
    },
    async deleteTemplate(accountId, id) {
      mustHold(accountId, 'deleteTemplate');
      const result = await db
        .deleteFrom('templates')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async getDefaultTemplateId(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select('default_template_id')
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row?.default_template_id ?? null;
    },
    async setDefaultTemplateId(accountId, id) {
      mustHold(accountId, 'setDefaultTemplateId');
      await db.updateTable('accounts').set({ default_template_id: id }).where('id', '=', accountId).execute();
    },

    async lockAccount(accountId) {
      if (!scope) {
        throw new InviteKeeperError('INTERNAL', 'lockAccount outside a write transaction (use store.write)');
      }
      if (scope.locked.has(accountId)) return;
      await dialect.lockAccount(db, accountId);
      scope.locked.add(accountId);
    },

    async findWorkspace(name) {
      const row = await db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toWorkspace(row) : null;
    },
    async ensureWorkspace(name, now) {
      return toWorkspace(await ensureWorkspaceRow(name, now));
    },
    async listWorkspaces() {
      const rows = await db.selectFrom('workspaces').selectAll().execute();
      return rows.map(toWorkspace).sort((a, b) => compareText(a.name, b.name));
    },
    async createUser(u) {
      const existing = await db
        .selectFrom('users')
        .select('id')
        .where('workspace_id', '=', u.workspaceId)
        .where('name', '=', u.name)
        .executeTakeFirst();
      if (existing) {
        throw new InviteKeeperError('CONFLICT', `the workspace already has a user named "${u.name}"`);
      }
      const row = await db
        .insertInto('users')
        .values({
          workspace_id: u.workspaceId,
          name: u.name,
          role: u.role,
          token_hash: u.tokenHash,
          created_at: u.createdAt,
          last_used_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async findUser(workspaceId, name) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async findUserByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async listUsers(workspaceId) {
      const rows = await db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).execute();
      return rows.map(toUser).sort((a, b) => compareText(a.name, b.name));
    },
    async touchUser(userId, now) {
      await db.updateTable('users').set({ last_used_at: now }).where('id', '=', userId).execute();
    },
    async removeUser(userId) {
      await db.deleteFrom('users').where('id', '=', userId).execute();
    },
  };
  return repos;
}

const TARGET_COLUMNS = [
  'account_id',
  'person_key',
  'name',
  'name_key',
  'profile_url',
  'relation',
  'mutual_connections',
  'connection_count',
  'timezone',
  'tags',
  'company',
  'headline',
  'custom',
  'do_not_contact',
  'added_at',
  'updated_at',
] as const;

/** A target's values in the order of TARGET_COLUMNS without account_id. */
function targetValues(t: TargetRecord): unknown[] {
  return [
    t.personKey,
    t.name,
    t.nameKey,
    t.profileUrl,
    t.relation,
    t.mutualConnections,
    t.connectionCount,
    t.timezone,
    JSON.stringify(t.tags),
    t.company,
    t.headline,
    JSON.stringify(t.custom),
    t.doNotContact ? 1 : 0,
    t.addedAt,
    t.updatedAt,
  ];
}

function toTarget(r: {
  person_key: string;
  name: string;
  name_key: string;
  profile_url: string | null;
  relation: string | null;
  mutual_connections: number | null;
  connection_count: number | null;
  timezone: string | null;
  tags: string;
  company: string | null;
  headline: string | null;
  custom: string;
  do_not_contact: number;
  added_at: number;
  updated_at: number;
}): TargetRecord {
  return {
    personKey: r.person_key,
    name: r.name,
    nameKey: r.name_key,
    profileUrl: r.profile_url,
    relation: r.relation as Relation | null,
    mutualConnections: r.mutual_connections === null ? null : Number(r.mutual_connections),
    connectionCount: r.connection_count === null ? null : Number(r.connection_count),
    timezone: r.timezone,
    tags: JSON.parse(r.tags) as string[],
    company: r.company,
    headline: r.headline,
    custom: JSON.parse(r.custom) as Record<string, string>,
    doNotContact: Number(r.do_not_contact) === 1,
    addedAt: Number(r.added_at),
    updatedAt: Number(r.updated_at),
  };
}

function toTemplate(r: {
  id: string;
  name: string;
  body: string;
  created_at: number;
  updated_at: number;
}): TemplateRecord {
  return {
    id: r.id,
    name: r.name,
    body: r.body,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/**
 * The schema's own tables: on PostgreSQL only those of the current schema (the one unqualified
 * names resolve to), never another schema's that happen to share the database.
 */
export async function ownTables(db: Kysely<Database>, dialect: StoreDialect) {
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView);
  if (dialect.name !== 'postgres') return tables;
  const current = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  return tables.filter((t) => t.schema === current);
}

/** Code-point order: the same on every database and machine. */

function toWorkspace(row: { id: number; name: string; created_at: number }): WorkspaceRecord {
  return { id: Number(row.id), name: row.name, createdAt: Number(row.created_at) };
}

function toUser(row: {
  id: number;
  workspace_id: number;
  name: string;
  role: string;
  created_at: number;
  last_used_at: number | null;
}): UserRecord {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    role: row.role as Role,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

const INVITATION_COLUMNS = [
  'account_id',
  'person_key',
  'name_key',
  'profile_url',
  'name',
  'headline',
  'sent_at',
  'sent_at_earliest',
  'note',
  'template_id',
  'source',
  'status',
  'status_at',
  'snapshot_id',
  'created_at',
] as const;

const CONNECTION_COLUMNS = [
  'account_id',
  'person_key',
  'name_key',
  'profile_url',
  'name',
  'connected_on',
  'snapshot_id',
] as const;

/** A connection is new by (account, person); it changes when its date or name does. */
const CONNECTION_UPSERT: UpsertSpec = {
  columns: CONNECTION_COLUMNS,
  key: ['account_id', 'person_key'],
  compare: ['connected_on', 'name'],
  update: ['connected_on', 'name', 'name_key', 'snapshot_id'],
};

async function insertInBatches<R>(
  db: Kysely<Database>,
  dialect: StoreDialect,
  table: keyof Database & string,
  columns: readonly string[],
  rows: readonly R[],
  toValues: (row: R) => unknown[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await dialect.insertMany(db, table, columns, rows.slice(i, i + BATCH).map(toValues));
  }
}

function invitationSet(c: InvitationChange): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (c.status !== undefined) set.status = c.status;
  if (c.statusAt !== undefined) set.status_at = c.statusAt;
  if (c.sentAt !== undefined) set.sent_at = c.sentAt;
  if (c.sentAtEarliest !== undefined) set.sent_at_earliest = c.sentAtEarliest;
  if (c.source !== undefined) set.source = c.source;
  if (c.personKey !== undefined) set.person_key = c.personKey;
  if (c.profileUrl !== undefined) set.profile_url = c.profileUrl;
  if (c.name !== undefined) set.name = c.name;
  if (c.headline !== undefined) set.headline = c.headline;
  return set;
}

function dedupeBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const map = new Map<string, T>();
  for (const r of rows) map.set(key(r), r);
  return [...map.values()];
}

function toAccount(row: {
  id: number;
  workspace_id: number;
  name: string;
  settings: string;
  created_at: number;
  data_version: number | string;
}): AccountRecord {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    dataVersion: Number(row.data_version),
  };
}

function toInvitation(r: {
  id: number;
  person_key: string;
  profile_url: string | null;
  name: string;
  sent_at: number;
  sent_at_earliest: number;
  note: string | null;
  template_id: string | null;
  source: string;
  status: string;
  status_at: number | null;
}): Invitation {
  return {
    id: Number(r.id),
    personKey: r.person_key,
    profileUrl: r.profile_url,
    name: r.name,
    sentAt: Number(r.sent_at),
    sentAtEarliest: Number(r.sent_at_earliest),
    note: r.note,
    templateId: r.template_id,
    source: r.source as SourceKind,
    status: r.status as InvitationStatus,
    statusAt: r.status_at === null ? null : Number(r.status_at),
  };
}

function toSnapshot(r: {
  id: number;
  kind: string;
  file: string;
  content_hash: string;
  as_of: number;
  imported_at: number;
  covers_invitations: number;
  report: string;
}): SnapshotRecord {
  return {
    id: Number(r.id),
    kind: r.kind as SnapshotRecord['kind'],
    file: r.file,
    contentHash: r.content_hash,
    asOf: Number(r.as_of),
    importedAt: Number(r.imported_at),
    coversInvitations: Number(r.covers_invitations) === 1,
    report: JSON.parse(r.report) as Record<string, unknown>,
  };
}

/** The rows with distinct keys, first occurrence kept. */
function uniqueBy<T, K>(rows: readonly T[], key: (row: T) => K): T[] {
  const seen = new Set<K>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `list` in pieces of at most `size` (for `in (...)` lists within the databases' parameter limits). */
function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

// --- Status from counts ----------------------------------------------------------------------
// The reads behind app/status.ts: each an aggregate over a range of one index of one account's
// ledger (migration 0009), bounded by the instants the rules give (core's statusBounds), so that a
// status costs a few index ranges, not a read of the ledger.

/**
 * The sending instants of the invitations pending at `?3` sent in (?1, ?2], as ledgerAt reads them:
 * still pending (invitations_pending), or answered only after `?3` (invitations_answered, where
 * the instant of the answer comes first: few rows, if any). Parameters: account, after, upTo, now,
 * account, now, after, upTo.
 */
const PENDING_SENT = `(select sent_at from invitations
    where account_id = ? and status = 'pending' and sent_at > ? and sent_at <= ?
  union all
  select sent_at from invitations
    where account_id = ? and status_at is not null and status_at > ? and status <> 'pending'
      and sent_at > ? and sent_at <= ?) p`;

function pendingSentParams(accountId: number, now: Instant, after: Instant, upTo: Instant): unknown[] {
  const last = Math.min(upTo, now);
  return [accountId, after, last, accountId, now, after, last];
}

type StatusCountReads = Pick<
  Repositories,
  'countPendingSent' | 'pendingSendTimes' | 'ledgerTotals' | 'countCooldownPeople'
>;

function statusCountReads(db: Kysely<Database>, dialect: StoreDialect): StatusCountReads {
  const num = (v: unknown) => Number(v ?? 0);
  // Every column is named: PostgreSQL's rows are objects, where two columns called `sum` would be one.
  const one = async (text: string, params: readonly unknown[]) =>
    (await dialect.queryRows(db, text, params))[0] ?? [];
  return {
    async countPendingSent(accountId, now, ranges) {
      if (ranges.length === 0) return { counts: [], firstSentAt: null };
      const [first] = ranges;
      const columns = ranges.map(
        (_, i) => `sum(case when sent_at > ? and sent_at <= ? then 1 else 0 end) as n${i}`,
      );
      const row = await one(
        `select ${columns.join(', ')},
                min(case when sent_at > ? and sent_at <= ? then sent_at end) as first_sent
         from ${PENDING_SENT}`,
        [
          ...ranges.flatMap((r) => [r.after, r.upTo]),
          first!.after,
          first!.upTo,
          ...pendingSentParams(
            accountId,
            now,
            Math.min(...ranges.map((r) => r.after)),
            Math.max(...ranges.map((r) => r.upTo)),
          ),
        ],
      );
      const firstSent = row[ranges.length];
      return {
        counts: ranges.map((_, i) => num(row[i])),
        firstSentAt: firstSent === null || firstSent === undefined ? null : Number(firstSent),
      };
    },
    async pendingSendTimes(accountId, now, range) {
      const rows = await dialect.queryRows(
        db,
        `select sent_at from ${PENDING_SENT} order by sent_at`,
        pendingSentParams(accountId, now, range.after, range.upTo),
      );
      return rows.map((r) => Number(r[0]));
    },
    async ledgerTotals(accountId, { now, maturedUpTo, trackingSince, seenWithinMs }) {
      const matured = 'case when sent_at <= ? then 1 else 0 end';
      // Every invitation, and the matured ones (invitations_sent_at).
      const all = await one(
        `select count(*) as n, sum(${matured}) as matured from invitations where account_id = ? and sent_at <= ?`,
        [maturedUpTo, accountId, now],
      );
      // The accepted ones (invitations_accepted), less those accepted only after `now`
      // (invitations_answered): ledgerAt reads these as pending.
      const accepted = await one(
        `select count(*) as n, sum(${matured}) as matured from invitations
         where account_id = ? and status = 'accepted' and sent_at <= ?`,
        [maturedUpTo, accountId, now],
      );
      const acceptedLater = await one(
        `select count(*) as n, sum(${matured}) as matured from invitations
         where account_id = ? and status_at is not null and status_at > ? and status = 'accepted' and sent_at <= ?`,
        [maturedUpTo, accountId, now, now],
      );
      // Those not from an export (invitations_not_exported), with the snapshot that first listed
      // each: isTracked in SQL (an export's invitation is always tracked: the rest of the count).
      const acceptedNow = `(i.status = 'accepted' and (i.status_at is null or i.status_at <= ?))`;
      const maturedI = 'i.sent_at <= ?';
      const tracked =
        trackingSince === null
          ? '1 = 0'
          : `(i.sent_at >= ? and (i.source = 'manual' or s.as_of is null or s.as_of - i.sent_at <= ?))`;
      const trackedParams = trackingSince === null ? [] : [trackingSince, seenWithinMs];
      const others = await one(
        `select count(*) as n,
                sum(case when ${maturedI} then 1 else 0 end) as matured,
                sum(case when ${maturedI} and ${acceptedNow} then 1 else 0 end) as matured_accepted,
                sum(case when ${maturedI} and ${tracked} then 1 else 0 end) as tracked,
                sum(case when ${maturedI} and ${tracked} and ${acceptedNow} then 1 else 0 end) as tracked_accepted
         from invitations i left join snapshots s on s.account_id = i.account_id and s.id = i.snapshot_id
         where i.account_id = ? and i.source <> 'export' and i.sent_at <= ?`,
        [
          maturedUpTo,
          maturedUpTo,
          now,
          maturedUpTo,
          ...trackedParams,
          maturedUpTo,
          ...trackedParams,
          now,
          accountId,
          now,
        ],
      );
      const sent = num(all[0]);
      const maturedSent = num(all[1]);
      const maturedAccepted = num(accepted[1]) - num(acceptedLater[1]);
      return {
        sent,
        accepted: num(accepted[0]) - num(acceptedLater[0]),
        fromExports: sent - num(others[0]),
        maturedSent,
        maturedAccepted,
        trackedMaturedSent: maturedSent - num(others[1]) + num(others[3]),
        trackedMaturedAccepted: maturedAccepted - num(others[2]) + num(others[4]),
      };
    },
    async countCooldownPeople(accountId, now, endedUpTo) {
      // The window of answers (invitations_answered), then the person of each withdrawal in it.
      const row = await one(
        `select count(distinct person_key) as people from invitations
         where account_id = ? and status_at is not null and status_at > ? and status_at <= ?
           and status in ('withdrawn', 'closed') and sent_at <= ?`,
        [accountId, endedUpTo, now, now],
      );
      return num(row[0]);
    },
  };
}

import { type Kysely, type Selectable, sql } from 'kysely';
import type { AccountRecord, AccountStore, Repositories } from '../../app/ports.ts';
import { compareText, InviteKeeperError } from '../../core/index.ts';
import type { StoreDialect } from '../dialect.ts';
import type { AccountsTable, Database } from '../schema.ts';
import { lockCheck, type WriteScope } from './scope.ts';
import { accountKeyedTables, VERSIONS_TABLE } from './tables.ts';
import { ensureWorkspaceRow } from './team.ts';

/** The default workspace every account of a single-user installation lives in. */
export const DEFAULT_WORKSPACE = 'default';

/** The accounts, and the account write lock a transaction takes for the rest of its life. */
export function accountRepository(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null,
): AccountStore & Pick<Repositories, 'lockAccount'> {
  const mustHold = lockCheck(scope);
  const repos: AccountStore & Pick<Repositories, 'lockAccount'> = {
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
        data_version: await dataVersion(db, dialect, Number(r[0])),
      });
    },
    async ensureAccount(name, now, workspaceId, initialSettings) {
      // Every use case calls this: one query when the account exists, as it nearly always does.
      const found = await repos.findAccount(name, workspaceId);
      if (found) {
        if (scope) await repos.lockAccount(found.id);
        return found;
      }
      const ws = workspaceId ?? Number((await ensureWorkspaceRow(db, DEFAULT_WORKSPACE, now)).id);
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
      return toAccount({ ...row, data_version: await dataVersion(db, dialect, Number(row.id)) });
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
          toAccount({ ...row, data_version: await dataVersion(db, dialect, Number(row.id)) }),
        ),
      );
      return accounts.sort((a, b) => compareText(a.name, b.name));
    },
    async countAccountRows(accountId) {
      const out: Record<string, number> = {};
      for (const table of await accountKeyedTables(db, dialect)) {
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
      for (const table of await accountKeyedTables(db, dialect)) {
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
    async lockAccount(accountId) {
      if (!scope) {
        throw new InviteKeeperError('INTERNAL', 'lockAccount outside a write transaction (use store.write)');
      }
      if (scope.locked.has(accountId)) return;
      await dialect.lockAccount(db, accountId);
      scope.locked.add(accountId);
    },
  };
  return repos;
}

/** The account's data version (account_versions, migration 0008): 0 before its first write. */
async function dataVersion(db: Kysely<Database>, dialect: StoreDialect, accountId: number): Promise<number> {
  const rows = await dialect.queryRows(db, 'select data_version from account_versions where account_id = ?', [
    accountId,
  ]);
  return Number(rows[0]?.[0] ?? 0);
}

function toAccount(
  row: Pick<Selectable<AccountsTable>, 'id' | 'workspace_id' | 'name' | 'settings' | 'created_at'> & {
    data_version: number | string;
  },
): AccountRecord {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    dataVersion: Number(row.data_version),
  };
}

import type { Kysely, Selectable } from 'kysely';
import type { Role, TeamStore, UserRecord, WorkspaceRecord } from '../../app/ports.ts';
import { compareText, InviteKeeperError } from '../../core/index.ts';
import type { Database, UsersTable, WorkspacesTable } from '../schema.ts';

/** The workspace row, created if it does not exist (another process creating it first is fine). */
export async function ensureWorkspaceRow(db: Kysely<Database>, name: string, now: number) {
  const existing = await db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
  if (existing) return existing;
  await db
    .insertInto('workspaces')
    .values({ name, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

/** Workspaces and their users (team mode): reference tables, none keyed by account. */
export function teamRepository(db: Kysely<Database>): TeamStore {
  return {
    async findWorkspace(name) {
      const row = await db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toWorkspace(row) : null;
    },
    async ensureWorkspace(name, now) {
      return toWorkspace(await ensureWorkspaceRow(db, name, now));
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
}

function toWorkspace(row: Selectable<WorkspacesTable>): WorkspaceRecord {
  return { id: Number(row.id), name: row.name, createdAt: Number(row.created_at) };
}

function toUser(row: Omit<Selectable<UsersTable>, 'token_hash'>): UserRecord {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    role: row.role as Role,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

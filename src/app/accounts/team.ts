/**
 * Team mode: workspaces, their users, and the two questions the HTTP server asks of every request:
 * who is this token (`authenticate`) and may they do this to that account (`authorize`). A user
 * sees only the accounts of their own workspace; an account of another workspace is reported as
 * not found, never as forbidden, so a token cannot learn that it exists.
 */
import { createHash, randomBytes } from 'node:crypto';
import { InviteKeeperError } from '../../core/index.ts';
import { type AppContext, workspaceIdOf } from '../context.ts';
import { checkName } from '../names.ts';
import type { AccountRecord, Role, UserRecord, WorkspaceRecord } from '../ports.ts';

export const ROLES: readonly Role[] = ['owner', 'member', 'viewer'];

/** What a request wants to do with an account: read it, write to it, or manage users and accounts. */
export type Action = 'read' | 'write' | 'admin';

const ALLOWED: Readonly<Record<Role, readonly Action[]>> = {
  viewer: ['read'],
  member: ['read', 'write'],
  owner: ['read', 'write', 'admin'],
};

/** Whether `role` may do `action`. */
export function roleAllows(role: Role, action: Action): boolean {
  return ALLOWED[role].includes(action);
}

/** Who a token belongs to. */
export interface Principal {
  user: UserRecord;
  workspaceId: number;
  role: Role;
}

const TOKEN_PREFIX = 'ik_';
/** How stale last_used_at may get before a request refreshes it (one write per user a minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

/** A new API token: 32 random bytes, base64url, with a prefix that makes it recognisable in a leak scan. */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a token. A plain SHA-256 is enough (and lets the database find the user by an
 * index): the token is 256 random bits, so there is nothing to brute-force that a slow hash would
 * protect, unlike a password.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The user a token belongs to; UNAUTHORIZED when it belongs to nobody. */
export async function authenticate(ctx: AppContext, token: string | null | undefined): Promise<Principal> {
  const text = token?.trim() ?? '';
  if (!text)
    throw new InviteKeeperError('UNAUTHORIZED', 'an API token is required (Authorization: Bearer ...)');
  const user = /^ik_[A-Za-z0-9_-]{43}$/.test(text)
    ? await ctx.store.findUserByTokenHash(hashToken(text))
    : null;
  if (!user) throw new InviteKeeperError('UNAUTHORIZED', 'this API token is not valid (revoked or mistyped)');
  const now = ctx.now;
  if (user.lastUsedAt === null || now - user.lastUsedAt >= TOUCH_EVERY_MS) {
    await ctx.store.touchUser(user.id, now);
    user.lastUsedAt = now;
  }
  return { user, workspaceId: user.workspaceId, role: user.role };
}

/** The context a principal works in: every use case called with it sees only their workspace. */
export function contextFor(ctx: AppContext, principal: Principal, accountName?: string): AppContext {
  return {
    ...ctx,
    workspaceId: principal.workspaceId,
    config: accountName === undefined ? ctx.config : { ...ctx.config, account: accountName },
  };
}

export interface Authorized {
  /** The context to call use cases with: the principal's workspace, and the account when one was named. */
  ctx: AppContext;
  /** The account, when one was named. */
  account: AccountRecord | null;
}

/**
 * Whether `principal` may do `action` to the account named `accountName` (null for workspace-wide
 * actions such as managing users). NOT_FOUND when the account is not in their workspace (whether or
 * not another workspace has one of that name), FORBIDDEN when it is but their role does not allow
 * the action.
 */
export async function authorize(
  ctx: AppContext,
  principal: Principal,
  accountName: string | null,
  action: Action,
): Promise<Authorized> {
  const scoped = contextFor(ctx, principal, accountName ?? undefined);
  let account: AccountRecord | null = null;
  if (accountName !== null) {
    account = await ctx.store.findAccount(accountName, principal.workspaceId);
    if (!account) throw new InviteKeeperError('NOT_FOUND', `no account named "${accountName}"`);
  }
  if (!roleAllows(principal.role, action)) {
    throw new InviteKeeperError(
      'FORBIDDEN',
      `a ${principal.role} may not ${action === 'admin' ? 'manage users and accounts' : 'change data'}${
        action === 'write' ? ' (ask an owner for the member role)' : ''
      }`,
    );
  }
  return { ctx: scoped, account };
}

// ---------------------------------------------------------------------------------------------
// Workspaces

/** Creates a workspace; CONFLICT when the name is taken. */
export async function addWorkspace(ctx: AppContext, name: string): Promise<WorkspaceRecord> {
  const clean = checkName(name.trim(), 'workspace', name);
  if (await ctx.store.findWorkspace(clean)) {
    throw new InviteKeeperError('CONFLICT', `a workspace named "${clean}" already exists`);
  }
  return ctx.store.ensureWorkspace(clean, ctx.now);
}

export async function listWorkspaces(
  ctx: AppContext,
): Promise<Array<WorkspaceRecord & { accounts: number; users: number }>> {
  const out = [];
  for (const w of await ctx.store.listWorkspaces()) {
    out.push({
      ...w,
      accounts: (await ctx.store.listAccounts(w.id)).length,
      users: (await ctx.store.listUsers(w.id)).length,
    });
  }
  return out;
}

/** The workspace of a name, NOT_FOUND with a hint when there is none. */
export async function requireWorkspace(ctx: AppContext, name: string): Promise<WorkspaceRecord> {
  const found = await ctx.store.findWorkspace(name);
  if (!found) {
    throw new InviteKeeperError(
      'NOT_FOUND',
      `no workspace named "${name}"; create it with \`invitekeeper workspaces add "${name}"\``,
    );
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Users

/** A user as shown: never the token or its hash. */
export interface UserOut {
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

function userOut(u: UserRecord): UserOut {
  return {
    name: u.name,
    role: u.role,
    createdAt: new Date(u.createdAt).toISOString(),
    lastUsedAt: u.lastUsedAt === null ? null : new Date(u.lastUsedAt).toISOString(),
  };
}

/** Adds a user to the context's workspace and returns their token: shown this once, only its hash is kept. */
export async function addUser(
  ctx: AppContext,
  name: string,
  role: string,
): Promise<{ user: UserOut; token: string; workspace: string }> {
  const clean = checkName(name.trim(), 'user', name);
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new InviteKeeperError('USAGE', `role "${role}" is not one of ${ROLES.join(', ')}`);
  }
  const workspaceId = await workspaceIdOf(ctx);
  const token = newToken();
  const user = await ctx.store.createUser({
    workspaceId,
    name: clean,
    role: role as Role,
    tokenHash: hashToken(token),
    createdAt: ctx.now,
  });
  return { user: userOut(user), token, workspace: await workspaceName(ctx, workspaceId) };
}

export async function listUsers(ctx: AppContext): Promise<UserOut[]> {
  return (await ctx.store.listUsers(await workspaceIdOf(ctx))).map(userOut);
}

/** Removes a user of the context's workspace (their token stops working at once). */
export async function removeUser(ctx: AppContext, name: string): Promise<UserOut> {
  const user = await ctx.store.findUser(await workspaceIdOf(ctx), name);
  if (!user) throw new InviteKeeperError('NOT_FOUND', `no user named "${name}" in this workspace`);
  await ctx.store.removeUser(user.id);
  return userOut(user);
}

async function workspaceName(ctx: AppContext, id: number): Promise<string> {
  return (await ctx.store.listWorkspaces()).find((w) => w.id === id)?.name ?? String(id);
}

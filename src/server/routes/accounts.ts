import { createRoute } from '@hono/zod-openapi';
import { AccountsSchema } from '../../app/accounts/accounts.schema.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';

const accounts = createRoute({
  method: 'get',
  path: '/api/accounts',
  tags: ['health'],
  summary: 'The accounts the caller may see, and the default one',
  responses: { 200: json(AccountsSchema, 'The accounts'), ...COMMON_ERRORS },
});

/** GET /api/accounts: the accounts the caller may see, the default one, and who the caller is. */
export function registerAccountRoutes(api: Api): void {
  api.openapi(accounts, async (c) => {
    const ctx = c.var.ctx;
    const list = await ctx.store.listAccounts(ctx.workspaceId);
    const names = list.map((a) => a.name);
    // The single member always has their default account; a team user starts on the configured one
    // when their workspace has it, else on the first of theirs.
    if (ctx.workspaceId === undefined && !names.includes(ctx.config.account))
      names.unshift(ctx.config.account);
    const preferred = names.includes(ctx.config.account)
      ? ctx.config.account
      : (names[0] ?? ctx.config.account);
    const caller = c.var.caller;
    return c.json(
      {
        defaultAccount: preferred,
        accounts: names.map((name) => ({ name })),
        caller: { user: caller.user ?? null, role: caller.role ?? null, canWrite: caller.canWrite },
      },
      200,
    );
  });
}

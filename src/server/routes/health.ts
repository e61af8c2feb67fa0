import { createRoute } from '@hono/zod-openapi';
import { getPlanJson, getStatus, type PlanAnswer, requireAccount } from '../../app/index.ts';
import { noteMaxChars, SENT_PAGE_URL } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';
import { AccountQuery, AccountsSchema, PlanSchema, SettingsSchema, StatusSchema } from '../schemas.ts';

const status = createRoute({
  method: 'get',
  path: '/api/status',
  tags: ['health'],
  summary: "The account's health: pending load, quota, notes, acceptance, cooldowns, risk",
  request: { query: AccountQuery },
  responses: { 200: json(StatusSchema, 'The status, as `invitekeeper status --json`'), ...COMMON_ERRORS },
});

const plan = createRoute({
  method: 'get',
  path: '/api/plan',
  tags: ['health'],
  summary: "Today's plan: withdrawals in order, then sends",
  request: { query: AccountQuery },
  responses: {
    200: json(PlanSchema, 'The plan, as `invitekeeper plan --json`, with details'),
    ...COMMON_ERRORS,
  },
});

const settings = createRoute({
  method: 'get',
  path: '/api/settings',
  tags: ['health'],
  summary: "The account's effective settings",
  request: { query: AccountQuery },
  responses: { 200: json(SettingsSchema, 'The settings the rules use'), ...COMMON_ERRORS },
});

const accounts = createRoute({
  method: 'get',
  path: '/api/accounts',
  tags: ['health'],
  summary: 'The accounts the caller may see, and the default one',
  responses: { 200: json(AccountsSchema, 'The accounts'), ...COMMON_ERRORS },
});

export function registerHealthRoutes(api: Api): void {
  api.openapi(status, async (c) => {
    const { details: _details, ...contract } = await getStatus(c.var.ctx);
    return c.json(contract, 200);
  });

  api.openapi(plan, async (c) => {
    // The plan of a big queue is a large document: kept with its JSON text between requests.
    const text = await getPlanJson(c.var.ctx, 'api', planView);
    return c.body(text, 200, { 'content-type': 'application/json' }) as never;
  });

  api.openapi(settings, async (c) => {
    const { account, settings: s } = await requireAccount(c.var.ctx);
    return c.json(
      {
        account: account.name,
        staleAfterDays: s.staleAfterDays,
        maxWithdrawalsPerDay: s.maxWithdrawalsPerDay,
        reinviteCooldownDays: s.reinviteCooldownDays,
        weeklyInviteLimit: s.weeklyInviteLimit,
        dailyInviteLimit: s.dailyInviteLimit,
        pendingWarnAt: s.pendingWarnAt,
        pendingPauseAt: s.pendingPauseAt,
        lowAcceptanceRate: s.lowAcceptanceRate,
        accountTier: s.accountTier,
        noteMaxChars: noteMaxChars(s.accountTier),
        timezone: s.timezone,
      },
      200,
    );
  });

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

/** The plan as /api/plan answers it: the contract, and the details the dashboard shows. */
function planView({ details, ...contract }: PlanAnswer) {
  return {
    ...contract,
    details: {
      account: details.account,
      withdrawnToday: details.withdrawal.withdrawnToday,
      cap: details.withdrawal.cap,
      sentPageUrl: SENT_PAGE_URL,
      sending: {
        sendable: details.sending.sendable,
        paused: details.sending.paused,
        targets: details.targets,
        template: details.template,
        notesLeft: details.sending.notesLeft,
        notesPlanned: details.sending.notesPlanned,
        notesDropped: details.sending.notesDropped,
        timezone: details.timezone,
        sends: details.sending.sends.map((s) => ({
          timezone: s.timezone,
          noteDropped: s.noteDropped,
          noteOmitted: s.noteOmitted,
          noteTrimmed: s.noteTrimmed,
          unfilled: s.unfilled,
        })),
      },
    },
  };
}

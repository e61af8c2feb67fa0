import { createRoute, z } from '@hono/zod-openapi';
import { getPlanJson, getStatus, type PlanAnswer, requireAccount } from '../../app/index.ts';
import { noteMaxChars, SENT_PAGE_URL } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';
import { AccountQuery, AccountsSchema, PlanSchema, SettingsSchema, StatusSchema } from '../schemas.ts';

/**
 * Skipped targets the plan answer lists unless asked for all: a queue of thousands skipped for the
 * quota would otherwise make every plan a large document; the counts by reason come with it.
 */
export const PLAN_SKIPPED_SHOWN = 50;

const PlanQuery = AccountQuery.extend({
  skipped: z
    .enum(['all'])
    .optional()
    .openapi({ description: '`all`: every skipped target, not only the first ones' }),
});

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
  request: { query: PlanQuery },
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
    const all = c.req.valid('query').skipped === 'all';
    const text = await getPlanJson(c.var.ctx, all ? 'api-all' : 'api', (p) => planView(p, all));
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
function planView({ details, ...contract }: PlanAnswer, allSkipped: boolean) {
  const byReason: Record<string, number> = {};
  for (const s of contract.skipped) byReason[s.reason] = (byReason[s.reason] ?? 0) + 1;
  return {
    ...contract,
    skipped: allSkipped ? contract.skipped : contract.skipped.slice(0, PLAN_SKIPPED_SHOWN),
    skippedCount: { total: contract.skipped.length, byReason },
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

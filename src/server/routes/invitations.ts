import { createRoute } from '@hono/zod-openapi';
import {
  getAgeHistogram,
  getWeeklyAcceptance,
  listInvitationsPage,
  recordWithdrawals,
} from '../../app/index.ts';
import { parseInstant } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json, WRITE_ERRORS } from '../api.ts';
import {
  AccountQuery,
  AgeHistogramSchema,
  InvitationPageSchema,
  InvitationsQuery,
  WeeklyAcceptanceSchema,
  WithdrawalResultSchema,
  WithdrawalsBody,
} from '../schemas.ts';

/** Rows per page when the request says nothing. */
export const DEFAULT_PAGE_SIZE = 100;

const list = createRoute({
  method: 'get',
  path: '/api/invitations',
  tags: ['invitations'],
  summary: 'Invitations, filtered by status, age and name, a page at a time (oldest first by default)',
  request: { query: InvitationsQuery },
  responses: { 200: json(InvitationPageSchema, 'One page and the total'), ...COMMON_ERRORS },
});

const ages = createRoute({
  method: 'get',
  path: '/api/invitations/ages',
  tags: ['invitations'],
  summary: 'Pending invitations counted by age, week by week',
  request: { query: AccountQuery },
  responses: { 200: json(AgeHistogramSchema, 'The histogram and the stale threshold'), ...COMMON_ERRORS },
});

const acceptance = createRoute({
  method: 'get',
  path: '/api/invitations/acceptance',
  tags: ['invitations'],
  summary: 'Acceptance week by week sent (the last 26 weeks)',
  request: { query: AccountQuery },
  responses: { 200: json(WeeklyAcceptanceSchema, 'Figures per ISO week, oldest first'), ...COMMON_ERRORS },
});

const withdraw = createRoute({
  method: 'post',
  path: '/api/withdrawals',
  tags: ['invitations'],
  summary: 'Record withdrawals made on LinkedIn (all or nothing); starts each cooldown',
  request: {
    query: AccountQuery,
    body: { content: { 'application/json': { schema: WithdrawalsBody } }, required: true },
  },
  responses: {
    200: json(WithdrawalResultSchema, 'What was recorded, and today’s count against the cap'),
    ...WRITE_ERRORS,
  },
});

export function registerInvitationRoutes(api: Api): void {
  api.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const page = await listInvitationsPage(c.var.ctx, {
      status: q.status,
      minAgeDays: q.minAgeDays,
      maxAgeDays: q.maxAgeDays,
      search: q.q,
      order: q.order,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      offset: q.offset ?? 0,
    });
    return c.json(page, 200);
  });

  api.openapi(ages, async (c) => c.json(await getAgeHistogram(c.var.ctx), 200));

  api.openapi(acceptance, async (c) => c.json(await getWeeklyAcceptance(c.var.ctx), 200));

  api.openapi(withdraw, async (c) => {
    const body = c.req.valid('json');
    const at = body.at === undefined ? undefined : parseInstant(body.at, 'at');
    return c.json(await recordWithdrawals(c.var.ctx, body.people, at), 200);
  });
}

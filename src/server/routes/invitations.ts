import { createRoute, z } from '@hono/zod-openapi';
import {
  getAgeHistogram,
  getWeeklyAcceptance,
  listInvitationsPage,
  recordWithdrawals,
  UNDOABLE_KINDS,
  undoRecord,
} from '../../app/index.ts';
import {
  AgeHistogramSchema,
  InvitationPageSchema,
  WeeklyAcceptanceSchema,
} from '../../app/invitations/list.schema.ts';
import { UndoResultSchema } from '../../app/invitations/undo.schema.ts';
import { WithdrawalResultSchema } from '../../app/invitations/withdrawals.schema.ts';
import { INVITATION_STATUSES, parseInstant } from '../../core/index.ts';
import { iso } from '../../core/schema-parts.ts';
import { type Api, COMMON_ERRORS, json, WRITE_ERRORS } from '../api.ts';
import { AccountQuery, PersonText, queryInt } from '../schemas.ts';

/** Rows per page when the request says nothing. */
export const DEFAULT_PAGE_SIZE = 100;

const InvitationsQuery = AccountQuery.extend({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((x) => x.trim());
      for (const x of list) {
        if (!(INVITATION_STATUSES as readonly string[]).includes(x)) {
          ctx.addIssue({ code: 'custom', message: `"${x}" is not one of ${INVITATION_STATUSES.join(', ')}` });
          return z.NEVER;
        }
      }
      return list as Array<(typeof INVITATION_STATUSES)[number]>;
    })
    .openapi({
      type: 'string',
      description: `Comma-separated statuses (${INVITATION_STATUSES.join(', ')}); all when absent`,
      example: 'pending',
    }),
  minAgeDays: queryInt(0, 100_000).optional(),
  maxAgeDays: queryInt(0, 100_000).optional(),
  q: z.string().max(200).optional().openapi({ description: 'Part of the name (case and accents ignored)' }),
  order: z.enum(['oldest', 'newest']).optional(),
  limit: queryInt(1, 500).optional().openapi({ description: 'Page size (default 100, at most 500)' }),
  offset: queryInt(0, 10_000_000).optional(),
});

const WithdrawalsBody = z
  .strictObject({
    people: z.array(PersonText).min(1).max(100),
    at: iso().optional().openapi({ description: 'When they were withdrawn (default now)' }),
  })
  .openapi('WithdrawalsRequest');

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

const UndoBody = z
  .strictObject({
    kind: z.enum(UNDOABLE_KINDS).optional(),
    person: z.string().min(1).max(500).optional().openapi({ description: 'Profile URL or name' }),
  })
  .openapi('UndoRequest');

const undo = createRoute({
  method: 'post',
  path: '/api/undo',
  tags: ['invitations'],
  summary: "Take back today's last record (of a kind, for a person): `invitekeeper undo`",
  description:
    'NOT_FOUND when no such record was made today; CONFLICT when a later import or record changed what it changed.',
  request: {
    query: AccountQuery,
    body: { content: { 'application/json': { schema: UndoBody } }, required: true },
  },
  responses: { 200: json(UndoResultSchema, 'What was undone'), ...WRITE_ERRORS },
});

export function registerInvitationRoutes(api: Api): void {
  api.openapi(undo, async (c) => {
    const body = c.req.valid('json');
    return c.json(await undoRecord(c.var.ctx, body), 200);
  });
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

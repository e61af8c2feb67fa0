import { createRoute, z } from '@hono/zod-openapi';
import { PlanSchema } from '../../app/answers/plan.schema.ts';
import { getPlanJson, type PlanAnswer } from '../../app/index.ts';
import { SENT_PAGE_URL } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';
import { AccountQuery } from '../schemas.ts';

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

/** GET /api/plan: today's plan, as `invitekeeper plan --json`, with the details the dashboard shows. */
export function registerPlanRoutes(api: Api): void {
  api.openapi(plan, async (c) => {
    // The plan of a big queue is a large document: kept with its JSON text between requests.
    const all = c.req.valid('query').skipped === 'all';
    const text = await getPlanJson(c.var.ctx, all ? 'api-all' : 'api', (p) => planView(p, all));
    return c.body(text, 200, { 'content-type': 'application/json' }) as never;
  });
}

/** The plan as /api/plan answers it: the contract, and the details the dashboard shows. */
function planView({ details, ...contract }: PlanAnswer, allSkipped: boolean): z.output<typeof PlanSchema> {
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

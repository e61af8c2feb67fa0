import { createRoute, z } from '@hono/zod-openapi';
import { applyRecommendedStaleAfter, getReport } from '../../app/index.ts';
import { REPORT_JSON_SCHEMA } from '../../core/analytics/report-schema.ts';
import type { AnalyticsReport } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json, WRITE_ERRORS } from '../api.ts';
import { AccountQuery } from '../schemas.ts';

/**
 * The report document is defined once, as the core's zod schema (report.schema.ts); the OpenAPI
 * document embeds the JSON Schema generated from it (OpenAPI 3.1 schemas are JSON Schema 2020-12)
 * as is, the same one `report --json` documents (docs/report.md).
 */
const ReportSchema = z
  .custom<AnalyticsReport>(() => true)
  .openapi('Report', REPORT_JSON_SCHEMA as unknown as Record<string, never>);

const ReportQuery = AccountQuery.extend({
  whatIf: z
    .union([z.string().max(500), z.array(z.string().max(500)).max(10)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .openapi({
      param: { name: 'whatIf', in: 'query', style: 'form', explode: true },
      description: 'A setting and the values to replay it with, as `report --what-if`; repeat for more',
      example: 'staleAfterDays=7,14,21',
    }),
});

const report = createRoute({
  method: 'get',
  path: '/api/report',
  tags: ['health'],
  summary: 'Acceptance analytics and advice: breakdowns, time to accept, what-if, own profile, risk',
  description: 'The document of `invitekeeper report --json` (docs/report.md).',
  request: { query: ReportQuery },
  responses: { 200: json(ReportSchema, 'The report'), ...COMMON_ERRORS },
});

const AppliedSchema = z
  .object({
    account: z.string(),
    key: z.literal('staleAfterDays'),
    recommended: z.number().int(),
    changed: z.boolean(),
  })
  .openapi('AppliedRecommendation');

const applyRecommended = createRoute({
  method: 'post',
  path: '/api/settings/stale-after-days/recommended',
  tags: ['health'],
  summary: 'Set staleAfterDays to the recommended threshold (`config set staleAfterDays --recommended`)',
  description: 'Refused with 409 (CONFLICT) while no acceptance is known to learn from.',
  request: { query: AccountQuery },
  responses: { 200: json(AppliedSchema, 'The threshold now in force'), ...WRITE_ERRORS },
});

export function registerReportRoutes(api: Api): void {
  api.openapi(applyRecommended, async (c) => {
    const r = await applyRecommendedStaleAfter(c.var.ctx);
    return c.json(
      { account: r.account, key: 'staleAfterDays' as const, recommended: r.recommended, changed: r.changed },
      200,
    );
  });

  api.openapi(report, async (c) => {
    const q = c.req.valid('query');
    return c.json(await getReport(c.var.ctx, q.whatIf ? { whatIf: q.whatIf } : {}), 200);
  });
}

import { createRoute, z } from '@hono/zod-openapi';
import { getReport } from '../../app/index.ts';
import { type AnalyticsReport, REPORT_JSON_SCHEMA } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';
import { AccountQuery } from '../schemas.ts';

/**
 * The report document is defined once, as the core's JSON Schema (docs/report.md); the OpenAPI
 * document embeds it as is (OpenAPI 3.1 schemas are JSON Schema 2020-12), so there is no second copy.
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

export function registerReportRoutes(api: Api): void {
  api.openapi(report, async (c) => {
    const q = c.req.valid('query');
    return c.json(await getReport(c.var.ctx, q.whatIf ? { whatIf: q.whatIf } : {}), 200);
  });
}

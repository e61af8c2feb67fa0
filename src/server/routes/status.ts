import { createRoute } from '@hono/zod-openapi';
import { getStatus } from '../../app/index.ts';
import { StatusSchema } from '../../core/status.schema.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';
import { AccountQuery } from '../schemas.ts';

const status = createRoute({
  method: 'get',
  path: '/api/status',
  tags: ['health'],
  summary: "The account's health: pending load, quota, notes, acceptance, cooldowns, risk",
  request: { query: AccountQuery },
  responses: { 200: json(StatusSchema, 'The status, as `invitekeeper status --json`'), ...COMMON_ERRORS },
});

/** GET /api/status: the account's health, as `invitekeeper status --json`. */
export function registerStatusRoutes(api: Api): void {
  api.openapi(status, async (c) => {
    const { details: _details, ...contract } = await getStatus(c.var.ctx);
    return c.json(contract, 200);
  });
}

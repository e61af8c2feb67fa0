/** What recording withdrawals answers. */
import { z } from '@hono/zod-openapi';
import { count, iso } from '../../core/schema-parts.ts';

export const WithdrawalResultSchema = z
  .strictObject({
    recorded: z.array(
      z.strictObject({
        name: z.string(),
        profileUrl: z.string().nullable(),
        sentAt: iso(),
        withdrawnAt: iso(),
        cooldownUntil: iso().nullable(),
      }),
    ),
    withdrawnToday: count(),
    cap: count(),
    warnings: z.array(z.string()),
  })
  .openapi('WithdrawalResult');

/** The `status --json` document (SPEC section 7): the one definition of the contract. */
import { z } from '@hono/zod-openapi';
import { count, iso } from './schema-parts.ts';

export const WarningSchema = z.strictObject({ code: z.string(), message: z.string() }).openapi('Warning');

export const StatusSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    pending: z.strictObject({
      count: count(),
      stale: count(),
      oldestAgeDays: count().nullable(),
      expiringWithin14Days: count(),
    }),
    quota: z.strictObject({
      weeklyLimit: count(),
      sentLast7Days: count(),
      remaining: count(),
      dailyLimit: count(),
      sentToday: count(),
    }),
    notes: z.strictObject({
      maxChars: count(),
      monthlyLimit: count().nullable(),
      usedLast30Days: count(),
    }),
    acceptance: z.strictObject({
      sent: count(),
      accepted: count(),
      rate: z.number().min(0).max(1).nullable(),
      maturedSent: count(),
      maturedRate: z.number().min(0).max(1).nullable(),
    }),
    cooldowns: z.strictObject({ active: count() }),
    risk: z.strictObject({ level: z.enum(['ok', 'watch', 'high']), reasons: z.array(z.string()) }),
    warnings: z.array(WarningSchema),
  })
  .openapi('Status', { description: 'The same document as `invitekeeper status --json` (SPEC section 7).' });

/** What recording a send answers: the send, and the quota and notes budget after it. */
import { z } from '@hono/zod-openapi';
import { count, iso } from '../../core/schema-parts.ts';

export const SendResultSchema = z
  .strictObject({
    name: z.string(),
    profileUrl: z.string().nullable(),
    sentAt: iso(),
    note: z.string().nullable(),
    templateId: z.string().nullable(),
    quota: z.strictObject({
      weeklyLimit: count(),
      sentLast7Days: count(),
      dailyLimit: count(),
      sentToday: count(),
    }),
    notes: z.strictObject({ maxChars: count(), monthlyLimit: count().nullable(), usedLast30Days: count() }),
    warnings: z.array(z.string()),
  })
  .openapi('SendResult');

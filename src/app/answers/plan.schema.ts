/**
 * The plan's contracts: `plan --json` (SPEC section 7) and /api/plan, which is that document with the
 * skipped targets counted and the details the dashboard shows beside it.
 */
import { z } from '@hono/zod-openapi';
import { SKIP_REASONS } from '../../core/index.ts';
import { count, iso } from '../../core/schema-parts.ts';
import { WarningSchema } from '../../core/status.schema.ts';

/** `invitekeeper plan --json` (SPEC section 7), with the warnings that qualify it (added field). */
export const PlanJsonSchema = z.strictObject({
  asOf: iso(),
  withdrawals: z.array(
    z.strictObject({
      name: z.string(),
      profileUrl: z.string().nullable(),
      sentAt: iso(),
      ageDays: count(),
    }),
  ),
  withdrawalsDeferred: count(),
  sends: z.array(
    z.strictObject({
      name: z.string(),
      profileUrl: z.string().nullable(),
      note: z.string().nullable(),
      sendAfter: iso(),
      score: z.number(),
    }),
  ),
  skipped: z.array(
    z.strictObject({
      name: z.string(),
      profileUrl: z.string().nullable(),
      reason: z.enum(SKIP_REASONS),
      until: iso().optional(),
    }),
  ),
  warnings: z.array(WarningSchema),
});

/** /api/plan: the plan, its skipped targets counted (the list may be a first page), and details. */
export const PlanSchema = PlanJsonSchema.extend({
  skipped: PlanJsonSchema.shape.skipped.openapi({
    description:
      'The skipped targets in order: the first PLAN_SKIPPED_SHOWN unless `skipped=all` (skippedCount has them all)',
  }),
  skippedCount: z
    .strictObject({
      total: count(),
      byReason: z
        .record(z.string(), count())
        .openapi({ description: 'How many are skipped for each reason' }),
    })
    .openapi({
      description: 'Every skipped target counted, by reason: the list above may be a first page',
    }),
  details: z
    .strictObject({
      account: z.string(),
      withdrawnToday: count().openapi({ description: 'Withdrawals already recorded today' }),
      cap: count().openapi({ description: 'maxWithdrawalsPerDay' }),
      sentPageUrl: z.string(),
      sending: z.strictObject({
        sendable: count().openapi({ description: 'Sends allowed now (0 while paused)' }),
        paused: z.boolean(),
        targets: count().openapi({ description: 'Targets in the queue' }),
        template: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
        notesLeft: count().nullable().openapi({
          description: 'Notes still allowed in the rolling 30 days, before this plan; null: unlimited',
        }),
        notesPlanned: count().openapi({ description: "Notes this plan's sends carry, out of notesLeft" }),
        notesDropped: count(),
        timezone: z.string(),
        sends: z
          .array(
            z.strictObject({
              timezone: z.string(),
              noteDropped: z.boolean(),
              noteOmitted: z.enum(['BUDGET', 'UNFILLED_VARIABLE', 'EMPTY']).nullable(),
              noteTrimmed: z.boolean(),
              unfilled: z.array(z.string()),
            }),
          )
          .openapi({ description: 'One entry per send, in the order of `sends`' }),
      }),
    })
    .openapi({ description: 'Not part of `plan --json`: what the dashboard shows beside the plan.' }),
}).openapi('Plan', { description: '`invitekeeper plan --json` (SPEC section 7) plus `details`.' });

/** The invitations as the dashboard lists and charts them: a page, the age histogram, acceptance by week. */
import { z } from '@hono/zod-openapi';
import { INVITATION_STATUSES } from '../../core/index.ts';
import { count, int, iso } from '../../core/schema-parts.ts';

export const InvitationRowSchema = z
  .strictObject({
    id: int(),
    name: z.string(),
    profileUrl: z.string().nullable(),
    headline: z.string().nullable(),
    status: z.enum(INVITATION_STATUSES),
    sentAt: iso(),
    /** When the send time is only known as a range ("Sent 3 weeks ago"), its earliest instant. */
    sentAtEarliest: iso(),
    ageDays: count(),
    stale: z.boolean(),
    note: z.string().nullable(),
    statusAt: iso().nullable(),
    /** When LinkedIn withdraws it by itself (pending only). */
    expiresAt: iso().nullable(),
    /** When the person may be invited again (withdrawn or closed, while it lasts). */
    cooldownUntil: iso().nullable(),
    source: z.enum(['export', 'sent-page', 'manual']),
  })
  .openapi('Invitation');

export const InvitationPageSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    /** How many match the filters, over all pages. */
    total: count(),
    limit: count(),
    offset: count(),
    /** The offset of the next page, or null on the last one. */
    nextOffset: count().nullable(),
    invitations: z.array(InvitationRowSchema),
  })
  .openapi('InvitationPage');

export const AgeHistogramSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    staleAfterDays: count(),
    pending: count(),
    buckets: z.array(
      z.strictObject({
        fromDays: count(),
        toDays: count().nullable().openapi({ description: 'Inclusive; null for the last, open bucket' }),
        count: count(),
      }),
    ),
  })
  .openapi('AgeHistogram');

const AcceptanceFiguresSchema = z.strictObject({
  sent: count(),
  accepted: count(),
  rate: z.number().min(0).max(1).nullable(),
  maturedSent: count(),
  maturedAccepted: count(),
  maturedRate: z.number().min(0).max(1).nullable(),
  smallSample: z.boolean().openapi({ description: 'Fewer than 30 matured invitations: the rate is noise' }),
});

export const WeeklyAcceptanceSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    staleAfterDays: count(),
    /** When observation began; weeks before it show only invitations that were still pending then. */
    trackingSince: iso().nullable(),
    weeks: z.array(
      AcceptanceFiguresSchema.extend({
        key: z.string().openapi({ description: 'ISO week sent, like 2026-W47', example: '2026-W47' }),
        tracked: AcceptanceFiguresSchema.openapi({
          description: 'The same figures over invitations sent since tracking began (fully observed)',
        }),
      }),
    ),
  })
  .openapi('WeeklyAcceptance');

/** /api/settings: the account's effective settings, the ones the rules use. */
import { z } from '@hono/zod-openapi';
import { count } from '../../core/schema-parts.ts';

export const SettingsSchema = z
  .strictObject({
    account: z.string(),
    staleAfterDays: count(),
    maxWithdrawalsPerDay: count(),
    reinviteCooldownDays: count(),
    weeklyInviteLimit: count(),
    dailyInviteLimit: count(),
    pendingWarnAt: count(),
    pendingPauseAt: count(),
    lowAcceptanceRate: z.number(),
    accountTier: z.enum(['free', 'premium']),
    noteMaxChars: count(),
    timezone: z.string(),
  })
  .openapi('Settings', { description: "The account's effective settings (the ones the rules use)." });

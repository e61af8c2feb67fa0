import { createRoute } from '@hono/zod-openapi';
import { SettingsSchema } from '../../app/accounts/settings.schema.ts';
import { requireAccount } from '../../app/index.ts';
import { noteMaxChars } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json } from '../api.ts';
import { AccountQuery } from '../schemas.ts';

const settings = createRoute({
  method: 'get',
  path: '/api/settings',
  tags: ['health'],
  summary: "The account's effective settings",
  request: { query: AccountQuery },
  responses: { 200: json(SettingsSchema, 'The settings the rules use'), ...COMMON_ERRORS },
});

/** GET /api/settings: the account's effective settings. */
export function registerSettingsRoutes(api: Api): void {
  api.openapi(settings, async (c) => {
    const { account, settings: s } = await requireAccount(c.var.ctx);
    return c.json(
      {
        account: account.name,
        staleAfterDays: s.staleAfterDays,
        maxWithdrawalsPerDay: s.maxWithdrawalsPerDay,
        reinviteCooldownDays: s.reinviteCooldownDays,
        weeklyInviteLimit: s.weeklyInviteLimit,
        dailyInviteLimit: s.dailyInviteLimit,
        pendingWarnAt: s.pendingWarnAt,
        pendingPauseAt: s.pendingPauseAt,
        lowAcceptanceRate: s.lowAcceptanceRate,
        accountTier: s.accountTier,
        noteMaxChars: noteMaxChars(s.accountTier),
        timezone: s.timezone,
      },
      200,
    );
  });
}

import type { AccountTier } from '../settings.ts';

/**
 * LinkedIn's note length limit by tier, in characters as LinkedIn counts them. Here rather than with
 * the settings so that the dashboard's note composer counts against it without bundling the
 * settings' validation (zod); RULES.noteMaxChars is this object.
 */
export const NOTE_MAX_CHARS = { free: 200, premium: 300 } as const satisfies Record<AccountTier, number>;

/** The note length limit of a tier. */
export function noteMaxChars(tier: AccountTier): number {
  return NOTE_MAX_CHARS[tier];
}

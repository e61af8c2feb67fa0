// zod's mini build (the same checks, functions instead of methods): every command validates the
// settings, and the mini build keeps the start of `status` from loading the whole of zod.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { InviteKeeperError } from './errors.ts';
import { NOTE_MAX_CHARS } from './notes/limits.ts';
import { isValidTimeZone } from './time.ts';

/**
 * The platform's rules of SPEC section 1. Figures LinkedIn does not publish are settings with
 * community-observed defaults; the ones LinkedIn fixes are constants.
 */
export const RULES = {
  /** LinkedIn withdraws a pending invitation by itself after this many calendar months. */
  expiryMonths: 6,
  /** A member with this many first-degree connections cannot accept more invitations. */
  connectionCap: 30_000,
  /** Personalised notes a free account may attach per rolling 30 days. */
  freeNotesPer30Days: 5,
  /** Note length by tier. */
  noteMaxChars: NOTE_MAX_CHARS,
  /** The acceptance-rate warning needs at least this many matured invitations. */
  minMaturedForRate: 30,
  /** "Expiring soon" horizon for status. */
  expiringWithinDays: 14,
  /** Restrictions usually last about this long (advice only). */
  restrictionDays: 7,
} as const;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

// The messages of zod's English locale, as the full build gives them (the mini build has none).
z.config(en());

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00'));

export const sendWindowSchema = z
  .object({
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    days: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(7))).check(z.minLength(1)),
    start: hhmm,
    end: hhmm,
  })
  .check(z.refine((w) => w.start < w.end, { message: 'the window must end after it starts' }));

export type SendWindow = z.infer<typeof sendWindowSchema>;

const profileAnswer = z.nullable(z.boolean());

/** A whole number from `min` to `max`, `fallback` when absent. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z._default(z.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);

/** Every setting with its allowed range and its default. */
export const settingsSchema = z
  .object({
    staleAfterDays: wholeNumber(1, 180, 14),
    maxWithdrawalsPerDay: wholeNumber(1, 100, 20),
    reinviteCooldownDays: wholeNumber(0, 90, 21),
    weeklyInviteLimit: wholeNumber(0, 200, 100),
    dailyInviteLimit: wholeNumber(0, 100, 20),
    pendingWarnAt: wholeNumber(1, 5000, 400),
    pendingPauseAt: wholeNumber(1, 5000, 500),
    lowAcceptanceRate: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.3),
    accountTier: z._default(z.enum(['free', 'premium']), 'free'),
    sendWindow: z._default(sendWindowSchema, { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }),
    timezone: z._default(
      z.string().check(z.refine(isValidTimeZone, { message: 'an IANA time zone such as Europe/Berlin' })),
      'UTC',
    ),
    profile: z._default(
      z.object({
        photo: z._default(profileAnswer, null),
        headline: z._default(profileAnswer, null),
        jobTitle: z._default(profileAnswer, null),
      }),
      { photo: null, headline: null, jobTitle: null },
    ),
  })
  .check(
    z.refine((s) => s.pendingWarnAt <= s.pendingPauseAt, {
      message: 'pendingWarnAt must not be above pendingPauseAt',
      path: ['pendingWarnAt'],
    }),
  );

export type Settings = z.infer<typeof settingsSchema>;
export type AccountTier = Settings['accountTier'];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(settingsSchema.parse({}));

/** The keys `config get|set` accepts, dotted for nested ones. */
export const SETTING_KEYS = [
  'staleAfterDays',
  'maxWithdrawalsPerDay',
  'reinviteCooldownDays',
  'weeklyInviteLimit',
  'dailyInviteLimit',
  'pendingWarnAt',
  'pendingPauseAt',
  'lowAcceptanceRate',
  'accountTier',
  'sendWindow',
  'timezone',
  'profile.photo',
  'profile.headline',
  'profile.jobTitle',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** One line per setting: what it means, for `config list` and the docs. */
export const SETTING_HELP: Record<SettingKey, string> = {
  staleAfterDays: 'a pending invitation this many days old is stale and planned for withdrawal (1..180)',
  maxWithdrawalsPerDay: 'withdrawals planned per day at most, so they never come in bulk (1..100)',
  reinviteCooldownDays: 'days after a withdrawal before the same person may be invited again (0..90)',
  weeklyInviteLimit: 'invitations per rolling 7 days (0..200; LinkedIn allows 100 to 200)',
  dailyInviteLimit: 'invitations per day at most, to avoid bursts (0..100)',
  pendingWarnAt: 'warn when this many invitations are pending (1..5000)',
  pendingPauseAt: 'plan no sends while this many are pending (1..5000)',
  lowAcceptanceRate:
    'warn when the matured acceptance rate falls below this (0..1, or a percentage like 30%)',
  accountTier: 'free or premium: note length and monthly note allowance',
  sendWindow: 'when to send, in the recipient\'s time zone, e.g. "Mon-Fri 09:00-17:00"',
  timezone: 'the account\'s IANA time zone; "today" starts at its midnight',
  'profile.photo': 'your own profile has a photo (yes/no)',
  'profile.headline': 'your own profile has a headline (yes/no)',
  'profile.jobTitle': 'your own profile has a current job title (yes/no)',
};

/** Validates a partial settings object over the defaults; throws INVALID_SETTING naming the range. */
export function resolveSettings(...layers: readonly unknown[]): Settings {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) deepMerge(merged, layer);
  const result = settingsSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`,
    );
    throw new InviteKeeperError('INVALID_SETTING', `invalid setting: ${problems.join('; ')}`, { problems });
  }
  return result.data;
}

function deepMerge(into: Record<string, unknown>, layer: unknown): void {
  if (!layer || typeof layer !== 'object') return;
  for (const [key, value] of Object.entries(layer as Record<string, unknown>)) {
    if (value === undefined) continue;
    const existing = into[key];
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      existing &&
      typeof existing === 'object' &&
      !Array.isArray(existing)
    ) {
      const copy = { ...(existing as Record<string, unknown>) };
      deepMerge(copy, value);
      into[key] = copy;
    } else {
      into[key] = value;
    }
  }
}

/** Reads one setting's value from text as a member types it, into a partial settings object. */
export function parseSettingText(key: string, text: string): Record<string, unknown> {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) {
    throw new InviteKeeperError(
      'INVALID_SETTING',
      `unknown setting "${key}"; known: ${SETTING_KEYS.join(', ')}`,
    );
  }
  const k = key as SettingKey;
  const raw = text.trim();
  let value: unknown;
  switch (k) {
    case 'accountTier':
    case 'timezone':
      value = raw;
      break;
    case 'sendWindow':
      value = parseSendWindow(raw);
      break;
    case 'lowAcceptanceRate':
      value = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
      if (Number.isNaN(value)) throw invalid(k, raw, 'a number from 0 to 1, or a percentage like 30%');
      break;
    case 'profile.photo':
    case 'profile.headline':
    case 'profile.jobTitle':
      value = parseYesNo(k, raw);
      break;
    default: {
      if (!/^-?\d+$/.test(raw)) throw invalid(k, raw, 'a whole number');
      value = Number(raw);
    }
  }
  if (k.startsWith('profile.')) return { profile: { [k.slice('profile.'.length)]: value } };
  return { [k]: value };
}

function invalid(key: string, raw: string, expected: string): InviteKeeperError {
  return new InviteKeeperError('INVALID_SETTING', `invalid setting: ${key} = "${raw}" is not ${expected}`);
}

function parseYesNo(key: string, raw: string): boolean | null {
  const t = raw.toLowerCase();
  if (['yes', 'y', 'true', '1', 'on'].includes(t)) return true;
  if (['no', 'n', 'false', '0', 'off'].includes(t)) return false;
  if (['unknown', 'unset', ''].includes(t)) return null;
  throw invalid(key, raw, 'yes or no');
}

/** "Mon-Fri 09:00-17:00" or "Mon,Wed,Fri 08:30-12:00" into a SendWindow. */
export function parseSendWindow(text: string): SendWindow {
  const m = /^\s*([A-Za-z,\-\s]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
  if (!m) throw invalid('sendWindow', text, 'of the form "Mon-Fri 09:00-17:00"');
  const days = new Set<number>();
  for (const part of m[1]!.split(',')) {
    const [from, to] = part.split('-').map((d) => weekdayNumber(d.trim(), text));
    if (from === undefined) continue;
    if (to === undefined) days.add(from);
    else
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === to) break;
      }
  }
  const pad = (t: string) => t.padStart(5, '0');
  const window = { days: [...days].sort((a, b) => a - b), start: pad(m[2]!), end: pad(m[3]!) };
  const result = sendWindowSchema.safeParse(window);
  if (!result.success) throw invalid('sendWindow', text, result.error.issues[0]?.message ?? 'a valid window');
  return result.data;
}

function weekdayNumber(name: string, whole: string): number {
  const i = WEEKDAYS.findIndex((d) => d.toLowerCase() === name.slice(0, 3).toLowerCase());
  if (i < 0) throw invalid('sendWindow', whole, `a window with weekdays Mon..Sun ("${name}" is not one)`);
  return i + 1;
}

/** "Mon-Fri 09:00-17:00", the way a member writes it back. */
export function formatSendWindow(w: SendWindow): string {
  const days = [...w.days].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    const a = WEEKDAYS[days[i]! - 1]!;
    const b = WEEKDAYS[days[j]! - 1]!;
    runs.push(j - i >= 2 ? `${a}-${b}` : j > i ? `${a},${b}` : a);
    i = j + 1;
  }
  return `${runs.join(',')} ${w.start}-${w.end}`;
}

/** Reads a setting back out of resolved settings, by its dotted key. */
export function getSetting(settings: Settings, key: SettingKey): unknown {
  if (key.startsWith('profile.')) return settings.profile[key.slice(8) as keyof Settings['profile']];
  return settings[key as Exclude<SettingKey, `profile.${string}`>];
}

// The note length limit of a tier; it lives with the notes (the dashboard bundles them).
export { noteMaxChars } from './notes/limits.ts';

/** Notes allowed per rolling 30 days; null means unlimited. */
export function noteMonthlyLimit(tier: AccountTier): number | null {
  return tier === 'free' ? RULES.freeNotesPer30Days : null;
}

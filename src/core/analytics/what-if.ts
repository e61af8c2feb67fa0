import { InviteKeeperError } from '../errors.ts';
import type { Invitation } from '../model.ts';
import {
  DEFAULT_SETTINGS,
  parseSettingText,
  resolveSettings,
  SETTING_KEYS,
  type Settings,
} from '../settings.ts';
import type { Instant } from '../time.ts';
import type { KaplanMeierCurve } from './kaplan-meier.ts';
import { type ReplayHistory, type ReplayResult, replayHistory } from './replay.ts';

/** The settings a what-if may vary: those the replay (replay.ts) knows how to change. */
export const WHAT_IF_KEYS = [
  'staleAfterDays',
  'maxWithdrawalsPerDay',
  'weeklyInviteLimit',
  'dailyInviteLimit',
] as const;
export type WhatIfKey = (typeof WHAT_IF_KEYS)[number];
export type WhatIfVariant = Partial<Pick<Settings, WhatIfKey>>;

/** One row of a what-if table. */
export interface WhatIfRow {
  /**
   * `what happened` for the actual history, `current` for the replay under the current settings,
   * else the changed settings, e.g. `staleAfterDays=7, weeklyInviteLimit=150`.
   */
  label: string;
  /** The actual history (not a replay): shown apart, as the line the replays are not. */
  isBase: boolean;
  variant: WhatIfVariant;
  replay: ReplayResult;
}

/**
 * The actual history (first row, `what happened`), then the same replay, the member following the
 * plan, under the current settings (`current`) and under each variant laid over them, side by side:
 * every replayed row is the same kind of replay, so they compare with one another; the actual row
 * shows how far the member's own history is from following any of them. Each variant is validated against the settings schema
 * (INVALID_SETTING). The range defaults to [trackingSince (else the first send), to], since before
 * tracking began only the invitations still pending then are known.
 */
export function whatIf(
  history: ReplayHistory,
  baseSettings: Settings,
  variants: readonly WhatIfVariant[],
  range: {
    from?: Instant;
    to: Instant;
    survival?: Pick<KaplanMeierCurve, 'steps'>;
    /** `history.invitations` already read as of `to` with ledgerAt, so it is not read again. */
    ledger?: readonly Invitation[];
  },
): WhatIfRow[] {
  const to = range.to;
  let from = range.from ?? history.trackingSince;
  if (from === null || from === undefined) {
    from = to;
    for (const inv of history.invitations) if (inv.sentAt < from) from = inv.sentAt;
  }
  from = Math.min(from, to);
  const options = { from, to, base: baseSettings, survival: range.survival };
  const plan = { ...options, followPlan: true };
  const rows: WhatIfRow[] = [
    {
      label: 'what happened',
      isBase: true,
      variant: {},
      replay: replayHistory(history, baseSettings, options),
    },
    { label: 'current', isBase: false, variant: {}, replay: replayHistory(history, baseSettings, plan) },
  ];
  for (const variant of variants) {
    const settings = resolveSettings(baseSettings, variant);
    rows.push({
      label: variantLabel(variant),
      isBase: false,
      variant,
      replay: replayHistory(history, settings, plan),
    });
  }
  return rows;
}

function variantLabel(variant: WhatIfVariant): string {
  const parts = WHAT_IF_KEYS.filter((k) => variant[k] !== undefined).map((k) => `${k}=${variant[k]}`);
  return parts.length > 0 ? parts.join(', ') : 'current';
}

/** More variants than this in one what-if is a typo, not a question. */
export const MAX_WHAT_IF_VARIANTS = 64;

/**
 * Reads `key=v1,v2` specs (`--vary staleAfterDays=7,14,21 --vary weeklyInviteLimit=100,150`) into
 * the cartesian product of variants, each validated over `base` (default: the defaults). Throws
 * USAGE for malformed specs, settings the replay cannot vary, repeated keys or too many variants,
 * and INVALID_SETTING for a value outside its range.
 */
export function parseWhatIfSpec(
  specs: readonly string[],
  base: Settings = DEFAULT_SETTINGS,
): WhatIfVariant[] {
  const seen = new Set<string>();
  const axes: { key: WhatIfKey; values: number[] }[] = [];
  for (const spec of specs) {
    const m = /^\s*([A-Za-z.]+)\s*=\s*(.*?)\s*$/.exec(spec);
    if (!m) throw usage(`"${spec}" is not of the form setting=value[,value...], e.g. staleAfterDays=7,14,21`);
    const key = m[1]!;
    if (!(WHAT_IF_KEYS as readonly string[]).includes(key)) {
      const known = (SETTING_KEYS as readonly string[]).includes(key);
      throw usage(
        `${known ? `${key} cannot be replayed` : `unknown setting "${key}"`}: what-if varies ${WHAT_IF_KEYS.join(', ')}`,
      );
    }
    if (seen.has(key)) throw usage(`${key} is given twice; list all its values once, e.g. ${key}=7,14,21`);
    seen.add(key);
    const texts = m[2]!.split(',').map((t) => t.trim());
    if (texts.some((t) => t === '')) throw usage(`"${spec}" has an empty value`);
    const values: number[] = [];
    for (const text of texts) {
      const value = (parseSettingText(key, text) as Record<string, number>)[key]!;
      resolveSettings(base, { [key]: value });
      if (!values.includes(value)) values.push(value);
    }
    axes.push({ key: key as WhatIfKey, values });
  }
  let variants: WhatIfVariant[] = [{}];
  for (const axis of axes) {
    if (variants.length * axis.values.length > MAX_WHAT_IF_VARIANTS) {
      throw usage(
        `that makes more than ${MAX_WHAT_IF_VARIANTS} variants; vary fewer settings or values at once`,
      );
    }
    variants = variants.flatMap((v) => axis.values.map((value) => ({ ...v, [axis.key]: value })));
  }
  if (axes.length === 0) return [];
  for (const v of variants) resolveSettings(base, v);
  return variants;
}

function usage(message: string): InviteKeeperError {
  return new InviteKeeperError('USAGE', `what-if: ${message}`);
}

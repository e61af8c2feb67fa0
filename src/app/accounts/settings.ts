import {
  formatSendWindow,
  getSetting,
  InviteKeeperError,
  isInviteKeeperError,
  parseSettingText,
  resolveSettings,
  SETTING_HELP,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
} from '../../core/index.ts';
import { type Config, settingsFor } from '../config.ts';
import { type AppContext, ensureContextAccount, requireAccount } from '../context.ts';
import type { OwnProfileRecord } from '../ports.ts';

/**
 * `config get|set|unset|list`: the settings of SPEC section 1, per account. Each setting is read
 * from four layers, lowest first: the default, the config file, the account's own value (what
 * `config set` writes, kept in the accounts table as JSON), then INVITEKEEPER_* environment
 * variables. A value is validated with the whole settings schema before it is saved, so an
 * out-of-range value is refused with the allowed range and nothing changes.
 */

/** Where a value comes from; `export`: read from your data export (the headline from Profile.csv). */
export type SettingSource = 'default' | 'file' | 'account' | 'environment' | 'export';

export interface SettingView {
  key: SettingKey;
  /** The effective value as JSON. */
  value: unknown;
  /** The effective value as a member would type it (`Mon-Fri 09:00-17:00`, `yes`). */
  text: string;
  /** The layer the effective value comes from. */
  source: SettingSource;
  help: string;
}

export interface SettingsView {
  account: string;
  settings: SettingView[];
}

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

function checkKey(key: string): SettingKey {
  if (isSettingKey(key)) return key;
  const near = SETTING_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
  throw new InviteKeeperError(
    'USAGE',
    `unknown setting "${key}"${near ? ` (did you mean ${near}?)` : ''}; settings: ${SETTING_KEYS.join(', ')}`,
  );
}

/** Whether a settings layer holds `key` (dotted for nested ones). */
function layerHas(layer: Readonly<Record<string, unknown>>, key: SettingKey): boolean {
  const [head, tail] = key.split('.') as [string, string | undefined];
  const value = layer[head];
  if (tail === undefined) return value !== undefined;
  return Boolean(
    value && typeof value === 'object' && (value as Record<string, unknown>)[tail] !== undefined,
  );
}

/** A setting's value the way a member types it. */
export function settingText(key: SettingKey, value: unknown): string {
  if (key === 'sendWindow') return formatSendWindow(value as Settings['sendWindow']);
  if (key.startsWith('profile.')) return value === true ? 'yes' : value === false ? 'no' : 'unknown';
  return String(value);
}

function viewOf(
  config: Config,
  saved: Readonly<Record<string, unknown>>,
  settings: Settings,
  key: SettingKey,
  ownProfile: OwnProfileRecord | null,
): SettingView {
  const source: SettingSource = layerHas(config.settingsOverrides, key)
    ? 'environment'
    : layerHas(saved, key)
      ? 'account'
      : layerHas(config.settingsDefaults, key)
        ? 'file'
        : 'default';
  // what no one said but the export tells (the report's own-profile check reads it the same way)
  if (source === 'default' && key === 'profile.headline' && ownProfile) {
    const value = ownProfile.headline !== null;
    return { key, value, text: settingText(key, value), source: 'export', help: SETTING_HELP[key] };
  }
  const value = getSetting(settings, key);
  return { key, value, text: settingText(key, value), source, help: SETTING_HELP[key] };
}

/** Every setting of the account (or the one named), with where its value comes from. */
export async function getConfig(ctx: AppContext, key?: string): Promise<SettingsView> {
  const keys = key === undefined ? [...SETTING_KEYS] : [checkKey(key)];
  const { account, settings } = await requireAccount(ctx);
  const ownProfile = keys.includes('profile.headline') ? await ctx.store.loadOwnProfile(account.id) : null;
  return {
    account: account.name,
    settings: keys.map((k) => viewOf(ctx.config, account.settings, settings, k, ownProfile)),
  };
}

/** Every setting with its help line: `config list`. */
export async function listConfig(ctx: AppContext): Promise<SettingsView> {
  return getConfig(ctx);
}

export interface SettingChange {
  account: string;
  key: SettingKey;
  previous: SettingView;
  current: SettingView;
  /** An environment variable sets this key, so the account's value does not take effect. */
  overriddenByEnvironment: boolean;
}

/** `config set key value`: validated against the settings schema, then saved for the account. */
export async function setConfig(ctx: AppContext, key: string, text: string): Promise<SettingChange> {
  const k = checkKey(key);
  let part: Record<string, unknown>;
  try {
    part = parseSettingText(k, text);
  } catch (error) {
    throw withRange(error, k, text);
  }
  return change(ctx, k, (saved) => merge(saved, part), { value: text }, text);
}

/** `config unset key`: the account's own value is removed; the file's or the default applies again. */
export async function unsetConfig(ctx: AppContext, key: string): Promise<SettingChange> {
  const k = checkKey(key);
  return change(ctx, k, (saved) => without(saved, k), { unset: true }, null);
}

async function change(
  ctx: AppContext,
  key: SettingKey,
  edit: (saved: Record<string, unknown>) => Record<string, unknown>,
  eventData: Record<string, unknown>,
  text: string | null,
): Promise<SettingChange> {
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const before = settingsFor(ctx.config, account.settings);
    const saved = edit(structuredClone(account.settings));
    let after: Settings;
    try {
      // The account's value must be valid on its own (over the file and defaults) and with the environment.
      resolveSettings(ctx.config.settingsDefaults, saved);
      after = settingsFor(ctx.config, saved);
    } catch (error) {
      throw withRange(error, key, text);
    }
    await tx.saveAccountSettings(account.id, saved);
    await tx.addEvent(account.id, {
      kind: 'config',
      personKey: null,
      invitationId: null,
      at: ctx.now,
      data: { key, ...eventData },
      recordedAt: ctx.now,
    });
    const ownProfile = key === 'profile.headline' ? await tx.loadOwnProfile(account.id) : null;
    return {
      account: account.name,
      key,
      previous: viewOf(ctx.config, account.settings, before, key, ownProfile),
      current: viewOf(ctx.config, saved, after, key, ownProfile),
      overriddenByEnvironment: layerHas(ctx.config.settingsOverrides, key),
    };
  });
}

/** An INVALID_SETTING error that also names the allowed values of `key`. */
function withRange(error: unknown, key: SettingKey, text: string | null): unknown {
  if (!isInviteKeeperError(error) || error.code !== 'INVALID_SETTING') return error;
  const what = text === null ? `unsetting ${key}` : `${key} = ${JSON.stringify(text)}`;
  const why = error.message.replace(/^invalid setting: /, '');
  return new InviteKeeperError('INVALID_SETTING', `${what} refused (${why}). ${key}: ${SETTING_HELP[key]}`, {
    problems: error.problems,
    data: { key },
  });
}

function merge(into: Record<string, unknown>, part: Record<string, unknown>): Record<string, unknown> {
  const out = { ...into };
  for (const [k, v] of Object.entries(part)) {
    const existing = out[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && existing && typeof existing === 'object') {
      out[k] = { ...(existing as Record<string, unknown>), ...(v as Record<string, unknown>) };
    } else out[k] = v;
  }
  return out;
}

function without(saved: Record<string, unknown>, key: SettingKey): Record<string, unknown> {
  const out = { ...saved };
  const [head, tail] = key.split('.') as [string, string | undefined];
  if (tail === undefined) {
    delete out[head];
    return out;
  }
  const nested = out[head];
  if (nested && typeof nested === 'object') {
    const copy = { ...(nested as Record<string, unknown>) };
    delete copy[tail];
    if (Object.keys(copy).length) out[head] = copy;
    else delete out[head];
  }
  return out;
}

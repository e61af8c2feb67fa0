import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// zod's mini build, as for the settings (src/core/settings.ts): every command reads the config.
import * as z from 'zod/mini';
import {
  type Instant,
  InviteKeeperError,
  isValidTimeZone,
  parseInstant,
  parseSettingText,
  resolveSettings,
  SETTING_KEYS,
  type Settings,
} from '../core/index.ts';
import { defaultDatabasePath, isPostgresUrl } from '../store/index.ts';
import { checkName } from './names.ts';

/**
 * The one config loader (DESIGN convention 9): defaults, then the config file, then INVITEKEEPER_*
 * environment variables, then flags. Validated, frozen; nothing else reads process.env.
 */
export interface Config {
  /** A SQLite file path, `:memory:` or a postgres:// URL. */
  readonly db: string;
  readonly account: string;
  /** The workspace to work in (team mode: --workspace, INVITEKEEPER_WORKSPACE), null for the default one. */
  readonly workspace: string | null;
  /**
   * The folder of the installation's own files (the serve token): the SQLite database's folder, or
   * the default database's when the database is a server or in memory.
   */
  readonly dataDir: string;
  /** Settings for every account, under each account's own saved settings. */
  readonly settingsDefaults: Readonly<Record<string, unknown>>;
  /** Settings that override every account's saved ones (environment variables). */
  readonly settingsOverrides: Readonly<Record<string, unknown>>;
  readonly configFile: string | null;
  /** The token for team mode / the API, when given. */
  readonly token: string | null;
  /**
   * This machine's time zone (TZ, else the system's): a new account's `timezone` setting starts as
   * it, so "today" is the member's day without configuring anything.
   */
  readonly systemTimezone: string;
}

export interface ConfigFlags {
  db?: string;
  account?: string;
  workspace?: string;
  config?: string;
}

const nonEmpty = () => z.optional(z.string().check(z.minLength(1)));
const fileSchema = z.strictObject({
  db: nonEmpty(),
  account: nonEmpty(),
  workspace: nonEmpty(),
  settings: z.optional(z.record(z.string(), z.unknown())),
});

export const DEFAULT_ACCOUNT = 'default';

/** Where the config file is looked for when --config and INVITEKEEPER_CONFIG say nothing. */
export function defaultConfigPath(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  const base = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return path.join(base, 'invitekeeper', 'config.json');
}

/**
 * The clock commands act by: a fixed moment when --now or INVITEKEEPER_NOW gives one, else `clock`.
 * The edge (a command, a request, the simulation) reads it once and passes the moment in the
 * use case's context (`AppContext.now`); the configuration holds settings only.
 */
export function clockOf(
  flags: NowFlag,
  env: Readonly<Record<string, string | undefined>>,
  clock: () => Instant = Date.now,
): () => Instant {
  const fixed = givenNow(flags, env);
  return fixed === null ? clock : () => fixed;
}

/** The moment --now or INVITEKEEPER_NOW gives, or null when neither does. */
export function givenNow(flags: NowFlag, env: Readonly<Record<string, string | undefined>>): Instant | null {
  const nowText = flags.now ?? env.INVITEKEEPER_NOW;
  return nowText ? parseInstant(nowText, '--now') : null;
}

interface NowFlag {
  now?: string | undefined;
}

/** Resolves the configuration from its four layers. */
export function loadConfig(flags: ConfigFlags, env: Readonly<Record<string, string | undefined>>): Config {
  const explicitFile = flags.config ?? env.INVITEKEEPER_CONFIG;
  const configFile = explicitFile ?? defaultConfigPath(env);
  const file = readConfigFile(configFile, explicitFile !== undefined);

  const settingsOverrides: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const name = `INVITEKEEPER_${key
      .replace('.', '_')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toUpperCase()}`;
    const value = env[name];
    if (value !== undefined && value !== '') mergeInto(settingsOverrides, parseSettingText(key, value));
  }
  // Validate early, so a bad file or variable is reported before anything else happens.
  resolveSettings(file?.settings ?? {}, settingsOverrides);

  const account = flags.account ?? env.INVITEKEEPER_ACCOUNT ?? file?.account ?? DEFAULT_ACCOUNT;
  checkName(account, 'account');
  const db = flags.db ?? env.INVITEKEEPER_DB ?? file?.db ?? defaultDatabasePath(env);
  return Object.freeze({
    db,
    dataDir: path.dirname(
      db === ':memory:' || isPostgresUrl(db) ? defaultDatabasePath(env) : path.resolve(db),
    ),
    account,
    workspace: flags.workspace ?? env.INVITEKEEPER_WORKSPACE ?? file?.workspace ?? null,
    settingsDefaults: Object.freeze(file?.settings ?? {}),
    settingsOverrides: Object.freeze(settingsOverrides),
    configFile: file ? configFile : null,
    token: env.INVITEKEEPER_TOKEN ?? null,
    systemTimezone: systemTimezoneOf(env),
  });
}

/** The machine's IANA time zone: TZ when it names one, else the system's, else UTC. */
export function systemTimezoneOf(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.TZ?.replace(/^:/, '');
  if (fromEnv && isValidTimeZone(fromEnv)) return fromEnv;
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && isValidTimeZone(zone)) return zone;
  } catch {
    // no Intl time zone data: UTC
  }
  return 'UTC';
}

/** The settings a new account starts with: the machine's time zone, when it is not UTC. */
export function newAccountSettings(config: Pick<Config, 'systemTimezone'>): Record<string, unknown> {
  return config.systemTimezone === 'UTC' ? {} : { timezone: config.systemTimezone };
}

/** An account's settings: defaults, config file, the account's saved settings, environment. */
export function settingsFor(config: Config, saved: Readonly<Record<string, unknown>>): Settings {
  return resolveSettings(config.settingsDefaults, saved, config.settingsOverrides);
}

function readConfigFile(file: string, mustExist: boolean): z.infer<typeof fileSchema> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (!mustExist && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InviteKeeperError(
      'FILE_NOT_FOUND',
      `cannot read the config file ${file}: ${(error as Error).message}`,
      {
        file,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InviteKeeperError(
      'BAD_INPUT',
      `the config file ${file} is not valid JSON: ${(error as Error).message}`,
      {
        file,
      },
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new InviteKeeperError('BAD_INPUT', `the config file ${file} is not valid: ${problems.join('; ')}`, {
      file,
      problems,
    });
  }
  return parsed.data;
}

function mergeInto(into: Record<string, unknown>, part: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(part)) {
    const existing = into[k];
    if (existing && typeof existing === 'object' && v && typeof v === 'object') {
      Object.assign(existing as object, v);
    } else into[k] = v;
  }
}

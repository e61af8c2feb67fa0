import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { type AppContext, authenticate, authorize, type Config, roleAllows } from '../app/index.ts';
import { type Instant, InviteKeeperError, isInviteKeeperError } from '../core/index.ts';
import { respondWithError } from './errors.ts';

/**
 * The local server's defences. A page on any other site the member visits can make the browser send
 * requests to 127.0.0.1, and can even make its own domain resolve to 127.0.0.1 (DNS rebinding); the
 * Host check refuses those, and the token (which such a page cannot know) guards every API call.
 */

/** Who is calling, once the token is checked. */
export interface Caller {
  /** The workspace the caller may see (team mode); undefined for the single local member. */
  workspaceId?: number;
  /** The user, in team mode. */
  user?: string;
  /** Their role, in team mode. */
  role?: string;
  /** Whether the caller may change data (a read-only team role may not). */
  canWrite: boolean;
  /**
   * Checks that the caller may `action` the account (null: no account, e.g. listing the accounts).
   * Team mode: NOT_FOUND for an account outside their workspace, FORBIDDEN when the role is too low.
   */
  authorize?(account: string | null, action: 'read' | 'write'): Promise<void>;
}

/** Turns the bearer token of a request into a caller, or null when it is not valid. */
export interface Authenticator {
  readonly mode: 'local' | 'team';
  authenticate(token: string): Promise<Caller | null>;
}

/** The local mode: one per-installation token that may do everything. */
export function createLocalTokenAuth(token: string): Authenticator {
  const expected = digest(token);
  return {
    mode: 'local',
    async authenticate(given) {
      // Compared as fixed-length digests in constant time, so the response time says nothing.
      return timingSafeEqual(digest(given), expected) ? { canWrite: true } : null;
    },
  };
}

/**
 * Team mode (PostgreSQL): every request carries a user's token; the app's `authenticate` says whose
 * it is and `authorize` whether their role may do this to that account of their workspace.
 */
export function createTeamAuth(app: AppContext, clock: () => Instant): Authenticator {
  const at = (): AppContext => ({ ...app, now: clock() });
  return {
    mode: 'team',
    async authenticate(token) {
      let principal: Awaited<ReturnType<typeof authenticate>>;
      try {
        principal = await authenticate(at(), token);
      } catch (error) {
        if (isInviteKeeperError(error) && error.code === 'UNAUTHORIZED') return null;
        throw error;
      }
      return {
        workspaceId: principal.workspaceId,
        user: principal.user.name,
        role: principal.role,
        canWrite: roleAllows(principal.role, 'write'),
        async authorize(account, action) {
          await authorize(at(), principal, account, action);
        },
      };
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A new random token: 256 bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Where the installation's token is kept: in the configuration's data folder (beside the SQLite
 * database, or beside the default one when the database is a server); null for an in-memory
 * database (the token then lives as long as the process).
 */
export function tokenFileFor(config: Pick<Config, 'db' | 'dataDir'>): string | null {
  return config.db === ':memory:' ? null : path.join(config.dataDir, 'serve-token');
}

export interface InstallationToken {
  token: string;
  file: string | null;
  created: boolean;
  /** Set when the file's permissions were wider than 0600 and were narrowed. */
  repaired: boolean;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,200}$/;

/**
 * Reads the installation's token, creating it (random, in a file only the owner may read) on first
 * use. A file others could read is narrowed to 0600 and said so.
 */
export function loadOrCreateToken(file: string | null): InstallationToken {
  if (file === null) return { token: generateToken(), file: null, created: true, repaired: false };
  let text: string | null = null;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new InviteKeeperError(
        'FILE_NOT_FOUND',
        `cannot read the token file ${file}: ${(error as Error).message}`,
        {
          file,
        },
      );
    }
  }
  if (text !== null && TOKEN_PATTERN.test(text)) {
    let repaired = false;
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
      fs.chmodSync(file, 0o600);
      repaired = true;
    }
    return { token: text, file, created: false, repaired };
  }
  const token = generateToken();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A broken or empty file is replaced; a new one is created with the owner-only mode from the start.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, file, created: true, repaired: false };
}

/** Whether a host name is a loopback address (only this machine can reach it). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The Host header values a server bound to `host:port` accepts: the bound address itself and, for a
 * loopback address, the other names of the loopback (a browser may say localhost or 127.0.0.1).
 */
export function allowedHostsFor(host: string, port: number, extra: readonly string[] = []): string[] {
  const names = new Set<string>([formatHost(host), ...extra.map(formatHost)]);
  if (isLoopbackHost(host)) for (const n of ['localhost', '127.0.0.1', '[::1]']) names.add(n);
  const out: string[] = [];
  for (const n of names) {
    out.push(`${n}:${port}`);
    if (port === 80) out.push(n);
  }
  return out;
}

function formatHost(host: string): string {
  const h = host.toLowerCase();
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
}

/** Refuses (403) a request whose Host header is not one the server is bound to: DNS rebinding. */
export function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  const set = new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const host = c.req.header('host')?.trim().toLowerCase();
    if (!host || !set.has(host)) {
      return respondWithError(
        c,
        new InviteKeeperError(
          'FORBIDDEN',
          `this server answers only to ${allowed[0] ?? 'its own address'}, not to the Host "${host ?? ''}"`,
        ),
      );
    }
    await next();
  };
}

/**
 * The Content-Security-Policy and companion headers for every response. The dashboard loads only its
 * own scripts and styles, talks only to this server, can be framed by no one, and may not turn a
 * string into HTML (Trusted Types): names, headlines and notes can only ever be text.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      requireTrustedTypesFor: ["'script'"],
      trustedTypes: ["'none'"],
    },
    crossOriginEmbedderPolicy: 'require-corp',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    referrerPolicy: 'no-referrer',
    // Plain HTTP on the loopback: HSTS would mean nothing there.
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
}

/**
 * The origin of a browser extension: Chrome's, Edge's and Brave's `chrome-extension://<32 letters a-p>`,
 * Firefox's `moz-extension://<uuid>`. The Sent-page companion calls the API from there.
 */
export function isExtensionOrigin(origin: string | undefined): origin is string {
  return (
    origin !== undefined &&
    /^(?:chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(
      origin,
    )
  );
}

/**
 * CORS for the Sent-page companion, which runs at an extension's origin rather than the dashboard's.
 * `preflight` answers a browser's OPTIONS from an extension origin before the token check: a
 * preflight never carries the token, and only says which method and headers may be tried. `answer`
 * runs after the token check, so only an answer to a request with a valid token is readable by the
 * extension; a web page's origin never gets CORS headers, and the Host and token checks are unchanged.
 */
export function extensionCors(): { preflight: MiddlewareHandler; answer: MiddlewareHandler } {
  const allow = cors({
    origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  return {
    preflight: (c, next) =>
      c.req.method === 'OPTIONS' && isExtensionOrigin(c.req.header('origin')) ? allow(c, next) : next(),
    answer: (c, next) =>
      c.req.method !== 'OPTIONS' && isExtensionOrigin(c.req.header('origin')) ? allow(c, next) : next(),
  };
}

/** The token a request carries, from `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1] ?? null;
}

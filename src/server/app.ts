import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  type AppContext,
  KeptAnswers,
  type PlanAnswer,
  runImportJob,
  runImportJobAside,
  type StatusAnswer,
} from '../app/index.ts';
import { type Instant, InviteKeeperError } from '../core/index.ts';
import { type Api, type ServerEnv, TAGS } from './api.ts';
import { asInviteKeeperError, isRefusal, respondWithError } from './errors.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerImportRoutes } from './routes/import.ts';
import { registerInvitationRoutes } from './routes/invitations.ts';
import { registerOutreachRoutes } from './routes/outreach.ts';
import { registerPlanRoutes } from './routes/plan.ts';
import { registerReportRoutes } from './routes/report.ts';
import { registerSettingsRoutes } from './routes/settings.ts';
import { registerStatusRoutes } from './routes/status.ts';
import { type Authenticator, bearerToken, extensionCors, hostGuard, securityHeaders } from './security.ts';

/** Uploads larger than this are refused with 413 unless the server is started with another limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** JSON bodies (withdrawals, pasted Sent pages) are limited apart from file uploads. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** POST routes that only read (their input is too long for a query string): open to read-only roles. */
const READING_POSTS = new Set(['/api/templates/lint']);

/** Routes about the caller's accounts as a whole rather than one account. */
const ACCOUNTLESS_PATHS = new Set(['/api/accounts']);

/** The paths whose bodies are file uploads. */
const UPLOAD_PATHS = new Set(['/api/import', '/api/targets/import']);

export interface ServerDeps {
  /** The store and the configuration the use cases run with (its `account` is the default one). */
  app: AppContext;
  /** Read once per request: the moment the request's use case acts at (fixed by --now). */
  clock: () => Instant;
  /** Checks the bearer token of every API request. */
  auth: Authenticator;
  /** The Host header values accepted (`host:port`); anything else is refused with 403. */
  allowedHosts: readonly string[];
  /** The built dashboard (web/dist); null serves the API alone. */
  dashboardDir: string | null;
  /** The upload limit in bytes (default DEFAULT_MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
  /** Where unexpected failures are reported (default: nowhere). */
  log?: (message: string) => void;
  /**
   * Keep each account's status between requests while nothing changed it (StatusCache); default
   * true. Answers are the same either way, only faster.
   */
  keepAnswers?: boolean;
  /**
   * Run each import in a worker thread on its own connection, so the server keeps answering while a
   * large file is read and written (`runImportJobAside`); default false: in the request's thread.
   */
  importsAside?: boolean;
}

export const OPENAPI_PATH = '/api/openapi.json';

/** Builds the HTTP app: the JSON API under /api, its OpenAPI document, and the dashboard. */
export function createApp(deps: ServerDeps): Api {
  const api: Api = new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const problems = result.error.issues.map((i) => `${i.path.join('.') || result.target}: ${i.message}`);
        throw new InviteKeeperError('USAGE', `invalid ${result.target}: ${problems.join('; ')}`, {
          problems,
        });
      }
    },
  });
  const maxUpload = deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const answers =
    deps.keepAnswers === false
      ? undefined
      : { status: new KeptAnswers<StatusAnswer>(), plan: new KeptAnswers<PlanAnswer>() };

  api.onError((error, c) => {
    const known = asInviteKeeperError(error);
    if (!isRefusal(error)) deps.log?.(`unexpected failure on ${c.req.method} ${c.req.path}: ${error.stack}`);
    return respondWithError(c, known);
  });

  api.use('*', securityHeaders());
  api.use('*', hostGuard(deps.allowedHosts));

  api.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  const cors = extensionCors();
  api.use('/api/*', cors.preflight);
  api.use('/api/*', limitBodies(maxUpload));
  api.use('/api/*', refuseUnstorableText());
  api.use('/api/*', async (c, next) => {
    if (c.req.path === OPENAPI_PATH) return next();
    const token = bearerToken(c.req.header('authorization'));
    const caller = token === null ? null : await deps.auth.authenticate(token);
    if (!caller) {
      throw new InviteKeeperError(
        'UNAUTHORIZED',
        deps.auth.mode === 'team'
          ? token === null
            ? 'this API needs your user token (Authorization: Bearer <token>), as `invitekeeper users add` printed it'
            : 'the token is not valid: use your user token, as `invitekeeper users add` printed it'
          : token === null
            ? 'this API needs the token printed by `invitekeeper serve` (Authorization: Bearer <token>)'
            : 'the token is not valid: use the one printed by `invitekeeper serve`',
      );
    }
    const reads = ['GET', 'HEAD'].includes(c.req.method) || READING_POSTS.has(c.req.path);
    const base = deps.app.config;
    const account = c.req.query('account') || base.account;
    if (caller.authorize)
      await caller.authorize(ACCOUNTLESS_PATHS.has(c.req.path) ? null : account, reads ? 'read' : 'write');
    if (!caller.canWrite && !reads)
      throw new InviteKeeperError('FORBIDDEN', 'your role may read but not change data');
    c.set('caller', caller);
    c.set('ctx', {
      ...deps.app,
      ...(answers ? { answers } : {}),
      config: { ...base, account },
      now: deps.clock(),
      ...(caller.workspaceId === undefined ? {} : { workspaceId: caller.workspaceId }),
    });
    await next();
  });

  // Only past the token check: an extension reads nothing it did not authenticate for.
  api.use('/api/*', (c, next) => (c.get('caller') ? cors.answer(c, next) : next()));

  registerStatusRoutes(api);
  registerPlanRoutes(api);
  registerSettingsRoutes(api);
  registerAccountRoutes(api);
  registerInvitationRoutes(api);
  registerImportRoutes(api, deps.importsAside ? runImportJobAside : runImportJob);
  registerOutreachRoutes(api);
  registerReportRoutes(api);

  api.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token `invitekeeper serve` prints (in the URL after #token=); team mode: a user token',
  });
  api.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'invitekeeper',
      version: '0.1.0',
      description:
        'The JSON API behind the dashboard of `invitekeeper serve`: the same operations as the command line. Every route needs the bearer token; errors are `{ "error": { "code", "message" } }`.',
    },
    tags: TAGS.map((t) => ({ ...t })),
    security: [{ token: [] }],
  });

  api.notFound((c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return respondWithError(
        c,
        new InviteKeeperError('NOT_FOUND', `no API route ${c.req.method} ${c.req.path}`),
      );
    }
    return c.text('Not found', 404);
  });

  serveDashboard(api, deps.dashboardDir);
  return api;
}

/** A NUL (PostgreSQL text cannot hold one) or half of a surrogate pair (not a character at all). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL is what it finds
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string in `value` that holds unstorable text, or null. */
function unstorableAt(value: unknown, at: string): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableAt(value[i], `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorableAt(k, at) ?? unstorableAt(v, at ? `${at}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses, before anything reaches the store, text no database can keep as it is: a NUL or a lone
 * surrogate in a query parameter or anywhere in a JSON body (SQLite would store invalid UTF-8,
 * PostgreSQL would fail the statement). A body that is not JSON is left to the route's validator.
 */
function refuseUnstorableText(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (values.some((v) => UNSTORABLE.test(v)) || UNSTORABLE.test(key))
        throw new InviteKeeperError(
          'USAGE',
          `the query parameter ${JSON.stringify(key)} holds a NUL or a broken character`,
        );
    }
    const hasBody = !['GET', 'HEAD'].includes(c.req.method);
    if (hasBody && /^application\/([a-z.+-]+\+)?json/i.test(c.req.header('content-type') ?? '')) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new InviteKeeperError('USAGE', 'the request body is not valid JSON');
      }
      const where = unstorableAt(body, '');
      if (where !== null)
        throw new InviteKeeperError(
          'USAGE',
          `${where || 'the body'}: holds a NUL or a broken character (half of a surrogate pair)`,
        );
    }
    await next();
  };
}

/** File uploads get the upload limit, everything else the (smaller) JSON limit; 413 beyond. */
function limitBodies(maxUpload: number): MiddlewareHandler<ServerEnv> {
  const tooLarge = (limit: number) => (c: Parameters<MiddlewareHandler>[0]) =>
    respondWithError(
      c,
      new InviteKeeperError('TOO_LARGE', `the request body is larger than the limit of ${formatMiB(limit)}`),
    );
  const uploads = bodyLimit({ maxSize: maxUpload, onError: tooLarge(maxUpload) });
  const others = bodyLimit({ maxSize: MAX_JSON_BYTES, onError: tooLarge(MAX_JSON_BYTES) });
  return (c, next) => (UPLOAD_PATHS.has(c.req.path) ? uploads(c, next) : others(c, next));
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`;
}

/**
 * The built dashboard: hashed assets cached for good, every other page path answered with
 * index.html (the page routes itself), which is never cached so a rebuild shows at once.
 */
function serveDashboard(api: Api, dir: string | null): void {
  const index = dir ? path.join(dir, 'index.html') : null;
  if (!dir || !index || !fs.existsSync(index)) {
    api.get('*', (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      return c.text(
        'The dashboard is not built. Run `npm run build` (or start `invitekeeper serve`, which builds it when it is missing).\nThe API answers under /api (see /api/openapi.json).',
        503,
      );
    });
    return;
  }
  api.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  api.use('/assets/*', serveStatic({ root: dir }));
  api.get('/favicon.svg', serveStatic({ root: dir }));
  api.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/assets/')) return next();
    c.header('Cache-Control', 'no-cache');
    return serveStatic({ path: index })(c, next);
  });
}

/**
 * What every route module shares: the Hono environment (the caller and the use-case context set by
 * the middleware), the OpenAPI app type, and helpers for the documented responses.
 */
import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppContext } from '../app/index.ts';
import { ErrorSchema } from './schemas.ts';
import type { Caller } from './security.ts';

export interface ServerEnv {
  Variables: {
    /** The use cases' context for this request: its account, its `now`, its workspace. */
    ctx: AppContext;
    caller: Caller;
  };
}

export type Api = OpenAPIHono<ServerEnv>;

/** A JSON response of the documented schema. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

const error = (description: string) => json(ErrorSchema, description);

/** The error responses every API route may give. */
export const COMMON_ERRORS = {
  400: error('The request is malformed (USAGE)'),
  401: error('No token, or not the right one (UNAUTHORIZED)'),
  403: error('A foreign Host header, or a role that may not do this (FORBIDDEN)'),
  404: error('No such account, invitation, target or template (NOT_FOUND)'),
  500: error('The database failed or a bug (DB_ERROR, INTERNAL)'),
  503: error('The database stayed locked (DB_BUSY)'),
} as const;

/** The further error responses of routes that change data. */
export const WRITE_ERRORS = {
  ...COMMON_ERRORS,
  409: error('The lifecycle forbids it, e.g. withdrawing an accepted invitation (CONFLICT)'),
  413: error('The body is larger than the limit (TOO_LARGE)'),
  415: error(
    'The body is not of the type the route takes: JSON, or a multipart upload (UNSUPPORTED_MEDIA_TYPE)',
  ),
  422: error(
    'The content cannot be read as what it claims to be (BAD_INPUT, UNSAFE_ARCHIVE, INVALID_SETTING)',
  ),
} as const;

/** OpenAPI tags, in the order the document lists them. */
export const TAGS = [
  { name: 'health', description: 'Status, plan, settings and accounts' },
  { name: 'invitations', description: 'The ledger of invitations, and withdrawals' },
  { name: 'import', description: 'Data exports and the Sent page' },
  { name: 'outreach', description: 'Targets, note templates and recorded sends' },
] as const;

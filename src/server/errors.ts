import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, InviteKeeperError, isInviteKeeperError } from '../core/index.ts';

/** The HTTP status of each failure code: the server's one exhaustive switch (DESIGN convention 8). */
export function httpStatusFor(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'USAGE':
      return 400;
    case 'BAD_INPUT':
    case 'UNSAFE_ARCHIVE':
    case 'INVALID_SETTING':
      return 422;
    // A path the server was asked to read and cannot: the request named it, so it is the caller's.
    case 'FILE_NOT_FOUND':
      return 400;
    case 'TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'DB_BUSY':
      return 503;
    case 'DB_ERROR':
    case 'INTERNAL':
      return 500;
  }
}

/** The body of every error response: `{ error: { code, message, ... } }`. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    file?: string;
    line?: number;
    problems?: string[];
    data?: Record<string, unknown>;
  };
}

export function errorBody(error: InviteKeeperError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.file ? { file: error.file } : {}),
      ...(error.line ? { line: error.line } : {}),
      ...(error.problems.length ? { problems: [...error.problems] } : {}),
      ...(error.data ? { data: error.data } : {}),
    },
  };
}

/** Any thrown value as an InviteKeeperError; an unknown one is a bug (INTERNAL) and says no more. */
export function asInviteKeeperError(error: unknown): InviteKeeperError {
  if (isInviteKeeperError(error)) return error;
  // What Hono's body parsing refuses is the request's fault, not a bug.
  if (error instanceof HTTPException) {
    if (error.status === 415) {
      return new InviteKeeperError(
        'UNSUPPORTED_MEDIA_TYPE',
        'the request body must be JSON, sent with Content-Type: application/json (an upload: multipart/form-data)',
      );
    }
    if (error.status === 413) return new InviteKeeperError('TOO_LARGE', 'the request body is too large');
    if (error.status < 500) {
      return new InviteKeeperError(
        'USAGE',
        /json/i.test(error.message)
          ? 'the request body is not valid JSON'
          : `the request is not valid: ${error.message}`,
      );
    }
  }
  return new InviteKeeperError('INTERNAL', 'unexpected failure; see the server log');
}

/** Whether a thrown value is the server's own business (logged) or a refusal of the request. */
export function isRefusal(error: unknown): boolean {
  return isInviteKeeperError(error) || (error instanceof HTTPException && error.status < 500);
}

/** Responds with the error's status and body. */
export function respondWithError(c: Context, error: InviteKeeperError): Response {
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(error), httpStatusFor(error.code));
}

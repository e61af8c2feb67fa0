import type { ErrorCode } from '../core/index.ts';

/** Exit codes of SPEC section 7: 0 success, 1 runtime failure, 2 bad usage or bad input. */
export function exitCodeFor(code: ErrorCode): 1 | 2 {
  switch (code) {
    case 'USAGE':
    case 'BAD_INPUT':
    case 'FILE_NOT_FOUND':
    case 'UNSAFE_ARCHIVE':
    case 'TOO_LARGE':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'INVALID_SETTING':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return 2;
    case 'DB_BUSY':
    case 'DB_ERROR':
    case 'INTERNAL':
      return 1;
  }
}

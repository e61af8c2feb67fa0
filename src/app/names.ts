import { InviteKeeperError } from '../core/index.ts';

/** What the member names things by (accounts, workspaces, users), said once for every message. */
export const NAME_RULE = 'letters, digits, space, dot, dash, underscore or @, up to 100';

/** What an account (or workspace, or user) name may be: see NAME_RULE. */
export const ACCOUNT_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,99}$/u;

/**
 * `name` when it is usable as the name of a `what` ("account", "workspace", "user"); USAGE otherwise,
 * quoting the name as the member gave it (`given`, before any trimming).
 */
export function checkName(name: string, what: string, given = name): string {
  if (!ACCOUNT_NAME_PATTERN.test(name)) {
    throw new InviteKeeperError('USAGE', `${what} name "${given}" is not usable: ${NAME_RULE}`);
  }
  return name;
}

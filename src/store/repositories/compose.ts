/**
 * The repositories: every port of the app (src/app/ports.ts) written once in Kysely for both
 * dialects, one file a port (the invitations' port, the largest, in four: the ledger, lookups, the
 * send counts and the status counts). `createRepositories` binds them all to one connection or
 * transaction. Writes to account-keyed tables are refused unless `scope` holds the account's lock
 * (see Store.write): that is what makes every read-check-write of a use case safe against other
 * processes on PostgreSQL.
 */
import type { Kysely } from 'kysely';
import type { Repositories } from '../../app/ports.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { accountRepository } from './accounts.ts';
import { connectionRepository } from './connections.ts';
import { eventRepository } from './events.ts';
import { invitationLookupRepository } from './invitation-lookups.ts';
import { invitationRepository } from './invitations.ts';
import { ledgerMatchRepository } from './ledger-match.ts';
import { peopleRepository } from './people.ts';
import type { WriteScope } from './scope.ts';
import { sendCountRepository } from './send-counts.ts';
import { snapshotRepository } from './snapshots.ts';
import { statusCountRepository } from './status-counts.ts';
import { targetRepository } from './targets.ts';
import { teamRepository } from './team.ts';
import { templateRepository } from './templates.ts';

/** Every repository of the app's ports, bound to `db` (a connection, or a write transaction with its `scope`). */
export function createRepositories(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scope: WriteScope | null = null,
): Repositories {
  return {
    ...accountRepository(db, dialect, scope),
    ...teamRepository(db),
    ...invitationRepository(db, dialect, scope),
    ...invitationLookupRepository(db),
    ...ledgerMatchRepository(db, dialect, scope),
    ...sendCountRepository(db, dialect),
    ...statusCountRepository(db, dialect),
    ...connectionRepository(db, dialect, scope),
    ...snapshotRepository(db, scope),
    ...eventRepository(db, scope),
    ...peopleRepository(db, scope),
    ...targetRepository(db, dialect, scope),
    ...templateRepository(db, scope),
  };
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_outreach.ts';
import * as m0003 from './0003_own_profile.ts';
import * as m0004 from './0004_team.ts';
import * as m0005 from './0005_invitations_sent_at.ts';
import * as m0006 from './0006_lean_indexes.ts';
import * as m0007 from './0007_account_data_version.ts';
import * as m0008 from './0008_account_versions.ts';
import * as m0009 from './0009_status_indexes.ts';
import * as m0010 from './0010_no_status_sent_index.ts';
import * as m0011 from './0011_account_counts.ts';

export interface StoreMigration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when they were written
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}

/** Every migration, in order. A new one is a new file `NNNN_name.ts` added at the end. */
export const MIGRATIONS: readonly StoreMigration[] = [
  { name: '0001_initial', up: m0001.up },
  { name: '0002_outreach', up: m0002.up },
  { name: '0003_own_profile', up: m0003.up },
  { name: '0004_team', up: m0004.up },
  { name: '0005_invitations_sent_at', up: m0005.up },
  { name: '0006_lean_indexes', up: m0006.up },
  { name: '0007_account_data_version', up: m0007.up },
  { name: '0008_account_versions', up: m0008.up },
  { name: '0009_status_indexes', up: m0009.up },
  { name: '0010_no_status_sent_index', up: m0010.up },
  { name: '0011_account_counts', up: m0011.up },
];

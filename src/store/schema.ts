import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Every table carries `account_id` (or is the accounts table
 * itself), so the schema can be sharded by account. Instants are integers of epoch milliseconds
 * (bigint on PostgreSQL), booleans are 0/1, JSON is text: the same values on both dialects.
 */
export interface Database {
  workspaces: WorkspacesTable;
  accounts: AccountsTable;
  account_versions: AccountVersionsTable;
  invitations: InvitationsTable;
  connections: ConnectionsTable;
  people: PeopleTable;
  snapshots: SnapshotsTable;
  events: EventsTable;
  targets: TargetsTable;
  templates: TemplatesTable;
  own_profiles: OwnProfilesTable;
  users: UsersTable;
}

export interface WorkspacesTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export interface AccountsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** The account's own settings (only those set by `config set`), as JSON. */
  settings: string;
  created_at: number;
  /** The template `plan` takes its notes from when no --template is given; null means no notes. */
  default_template_id: Generated<string | null>;
}

/** One row per account that was ever written to (migration 0008); none means version 0. */
export interface AccountVersionsTable {
  account_id: number;
  /** Moved by every write transaction that changed the account's data (see Store.write). */
  data_version: number;
  /** The account's invitations, of them the pending and the accepted ones, and its connections (migration 0011). */
  invitations: number;
  pending: number;
  accepted: number;
  connections: number;
}

export interface InvitationsTable {
  account_id: number;
  id: Generated<number>;
  person_key: string;
  /** normalizeName(name), to match records that carry no profile URL. */
  name_key: string;
  profile_url: string | null;
  name: string;
  headline: string | null;
  sent_at: number;
  sent_at_earliest: number;
  note: string | null;
  template_id: string | null;
  source: string;
  status: string;
  status_at: number | null;
  /** The snapshot that first showed it, null when recorded by hand. */
  snapshot_id: number | null;
  created_at: number;
}

export interface ConnectionsTable {
  account_id: number;
  person_key: string;
  name_key: string;
  profile_url: string | null;
  name: string;
  connected_on: number;
  snapshot_id: number | null;
}

export interface PeopleTable {
  account_id: number;
  person_key: string;
  profile_url: string | null;
  name: string;
  headline: string | null;
  updated_at: number;
}

export interface SnapshotsTable {
  account_id: number;
  id: Generated<number>;
  /** 'export' or 'sent-page'. */
  kind: string;
  file: string;
  content_hash: string;
  as_of: number;
  imported_at: number;
  /** 1 when the snapshot listed the pending invitations (and so may close vanished ones). */
  covers_invitations: number;
  /** The import report, as JSON. */
  report: string;
}

export interface EventsTable {
  account_id: number;
  id: Generated<number>;
  /** sent, withdrawn, accepted, reported, import, config. */
  kind: string;
  person_key: string | null;
  invitation_id: number | null;
  at: number;
  data: string;
  recorded_at: number;
}

/** The member's own profile from the newest export's Profile.csv: only what the own-profile check uses. */
export interface OwnProfilesTable {
  account_id: number;
  /** The headline as exported; null when the profile has none. */
  headline: string | null;
  /** The as-of of the export it came from: an older export never overwrites a newer one. */
  as_of: number;
  snapshot_id: number | null;
  updated_at: number;
}

export interface TargetsTable {
  account_id: number;
  /** The canonical profile URL, else `name:<normalised name>`. */
  person_key: string;
  name: string;
  name_key: string;
  profile_url: string | null;
  relation: string | null;
  mutual_connections: number | null;
  connection_count: number | null;
  timezone: string | null;
  /** JSON array of strings. */
  tags: string;
  company: string | null;
  headline: string | null;
  /** JSON object of the extra CSV columns, by header. */
  custom: string;
  /** 1 when the member said never to invite this person. */
  do_not_contact: number;
  added_at: number;
  updated_at: number;
}

export interface TemplatesTable {
  account_id: number;
  /** A slug such as `alumni-intro`. */
  id: string;
  name: string;
  body: string;
  created_at: number;
  updated_at: number;
}

/** A person who may use a workspace through the API (team mode). */
export interface UsersTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** owner, member or viewer. */
  role: string;
  /** SHA-256 (hex) of the API token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

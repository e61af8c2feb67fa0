import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/** Accounts, the invitation ledger, connections, people, snapshots and events. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const big = dialect.bigint;

  await dialect
    .addAccountScopedId(db.schema.createTable('workspaces'), { accountScoped: false })
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();

  await dialect
    .addAccountScopedId(db.schema.createTable('accounts'), { accountScoped: false })
    .addColumn('workspace_id', big, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', big, (c) => c.notNull())
    .addUniqueConstraint('accounts_workspace_name', ['workspace_id', 'name'])
    .execute();

  await dialect
    .addAccountScopedId(
      db.schema.createTable('invitations').addColumn('account_id', big, (c) => c.notNull()),
      {
        accountScoped: true,
      },
    )
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('headline', 'text')
    .addColumn('sent_at', big, (c) => c.notNull())
    .addColumn('sent_at_earliest', big, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('template_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_at', big)
    .addColumn('snapshot_id', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitations_person')
    .on('invitations')
    .columns(['account_id', 'person_key'])
    .execute();
  await db.schema
    .createIndex('invitations_status')
    .on('invitations')
    .columns(['account_id', 'status', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('invitations_name')
    .on('invitations')
    .columns(['account_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('connections')
    .addColumn('account_id', big, (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('connected_on', big, (c) => c.notNull())
    .addColumn('snapshot_id', big)
    .addPrimaryKeyConstraint('connections_pk', ['account_id', 'person_key'])
    .execute();
  await db.schema
    .createIndex('connections_name')
    .on('connections')
    .columns(['account_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('account_id', big, (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('headline', 'text')
    .addColumn('updated_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('people_pk', ['account_id', 'person_key'])
    .execute();

  await dialect
    .addAccountScopedId(
      db.schema.createTable('snapshots').addColumn('account_id', big, (c) => c.notNull()),
      {
        accountScoped: true,
      },
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('as_of', big, (c) => c.notNull())
    .addColumn('imported_at', big, (c) => c.notNull())
    .addColumn('covers_invitations', 'integer', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('snapshots_hash')
    .on('snapshots')
    .columns(['account_id', 'content_hash'])
    .execute();

  await dialect
    .addAccountScopedId(
      db.schema.createTable('events').addColumn('account_id', big, (c) => c.notNull()),
      {
        accountScoped: true,
      },
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_key', 'text')
    .addColumn('invitation_id', big)
    .addColumn('at', big, (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('recorded_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_kind').on('events').columns(['account_id', 'kind', 'at']).execute();
}

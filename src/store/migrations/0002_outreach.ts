import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/**
 * Outreach: the member's targets and note templates, and the account's default template.
 *
 * Targets are keyed by person (the canonical profile URL, else `name:<normalised name>`), so
 * importing a list again updates rows instead of adding them. Templates are keyed by their slug.
 * The default template is a column of `accounts` (null = plan without notes) rather than a key in
 * the settings JSON: settings are validated against the settings schema, which knows nothing of
 * templates, and a column lets the store check nothing else.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const big = dialect.bigint;

  await db.schema
    .createTable('targets')
    .addColumn('account_id', big, (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** normalizeName(name), to match people known by name only. */
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text')
    .addColumn('relation', 'text')
    .addColumn('mutual_connections', 'integer')
    .addColumn('connection_count', 'integer')
    .addColumn('timezone', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('company', 'text')
    .addColumn('headline', 'text')
    .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('do_not_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('targets_pk', ['account_id', 'person_key'])
    .execute();
  await db.schema.createIndex('targets_name').on('targets').columns(['account_id', 'name_key']).execute();

  await db.schema
    .createTable('templates')
    .addColumn('account_id', big, (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('templates_pk', ['account_id', 'id'])
    .execute();

  await db.schema.alterTable('accounts').addColumn('default_template_id', 'text').execute();
}

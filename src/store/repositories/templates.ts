import type { Kysely, Selectable } from 'kysely';
import type { TemplateRecord, TemplateStore } from '../../app/ports.ts';
import type { Database, TemplatesTable } from '../schema.ts';
import { lockCheck, type WriteScope } from './scope.ts';

/** The account's note templates, and the one `plan` uses when none is named. */
export function templateRepository(db: Kysely<Database>, scope: WriteScope | null): TemplateStore {
  const mustHold = lockCheck(scope);
  return {
    async listTemplates(accountId) {
      const rows = await db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();
      return rows.map(toTemplate);
    },
    async findTemplate(accountId, id) {
      const row = await db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toTemplate(row) : null;
    },
    async saveTemplate(accountId, t: TemplateRecord) {
      mustHold(accountId, 'saveTemplate');
      await db
        .insertInto('templates')
        .values({
          account_id: accountId,
          id: t.id,
          name: t.name,
          body: t.body,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'id'])
            .doUpdateSet({ name: t.name, body: t.body, updated_at: t.updatedAt }),
        )
        .execute();
    },
    async deleteTemplate(accountId, id) {
      mustHold(accountId, 'deleteTemplate');
      const result = await db
        .deleteFrom('templates')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async getDefaultTemplateId(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select('default_template_id')
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row?.default_template_id ?? null;
    },
    async setDefaultTemplateId(accountId, id) {
      mustHold(accountId, 'setDefaultTemplateId');
      await db.updateTable('accounts').set({ default_template_id: id }).where('id', '=', accountId).execute();
    },
  };
}

function toTemplate(r: Omit<Selectable<TemplatesTable>, 'account_id'>): TemplateRecord {
  return {
    id: r.id,
    name: r.name,
    body: r.body,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

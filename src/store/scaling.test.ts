/**
 * The property docs/scaling.md relies on, on every dialect: every statement that touches an
 * account-keyed table names one account (`account_id = $n`), so each routes to one shard when the
 * tables are distributed by account_id; and only administration writes a reference table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AppContext,
  addTemplate,
  blockTarget,
  claimSend,
  getPlan,
  getStatus,
  importExport,
  importSentPageFile,
  importTargets,
  listTargets,
  loadConfig,
  recordAcceptance,
  recordReport,
  recordSend,
  recordWithdrawals,
  removeAccount,
  removeTargets,
  removeTemplate,
  setConfig,
} from '../app/index.ts';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { REFERENCE_TABLES } from './index.ts';
import { storesFor, T, url } from './testing/contract.ts';
import { dialects } from './testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('every statement on an account-keyed table names one account, and only administration writes a reference table (docs/scaling.md)', async () => {
      const statements: string[] = [];
      /** Which statements team administration made (accounts, their configuration): they may write reference tables. */
      const administration = new Set<number>();
      let administering = false;
      const store = await open((q) => {
        if (administering) administration.add(statements.length);
        statements.push(q);
      });
      const administer = async <R>(fn: () => Promise<R>): Promise<R> => {
        administering = true;
        try {
          return await fn();
        } finally {
          administering = false;
        }
      };
      const ctx: AppContext = {
        store,
        config: loadConfig({ db: ':memory:' }, {}),
        now: Date.parse('2026-11-26T12:00:00Z'),
      };
      const tables = (await store.dumpTables()) && Object.keys(await store.dumpTables());
      statements.length = 0;
      // Every use case, so that every query the repositories make is seen.
      await administer(() => store.ensureAccount('default', T));
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z', message: 'Hi' },
            { name: 'Name Only', slug: null, sentAt: '2026-11-21T09:00:00Z' },
          ],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        }),
      );
      const page = path.join(tempDir(), 'sent.txt');
      fs.writeFileSync(page, ['Grace Hopper', 'Admiral', 'Sent 6 days ago', 'Withdraw'].join('\n'));
      await importSentPageFile(ctx, page, { allowEmpty: true });
      await importExport(
        ctx,
        writeExport(tempDir(), {
          connections: [
            { first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-11' },
            { first: 'Name', last: 'Only', slug: null, connectedOn: '2026-11-22' },
          ],
        }),
      );
      const targets = path.join(tempDir(), 'targets.csv');
      fs.writeFileSync(
        targets,
        'name,profileUrl,relation,mutualConnections,timezone,company\nAnn Ng,https://www.linkedin.com/in/ann-ng,colleague,4,Europe/Paris,Acme\nBo Li,,alumni,1,,\n',
      );
      await importTargets(ctx, targets);
      // The account's configuration (its default template, its settings) is on its own row.
      await administer(() =>
        addTemplate(ctx, {
          id: 'hello',
          body: 'Hi {firstName}, good to meet you at {company}.',
          makeDefault: true,
        }),
      );
      await administer(() => setConfig(ctx, 'weeklyInviteLimit', '120'));
      await getStatus(ctx);
      await getPlan(ctx);
      await listTargets(ctx);
      await recordWithdrawals(ctx, [url('grace-hopper')]);
      await claimSend(ctx, url('new-person'));
      await recordSend(ctx, url('ann-ng'), { templateId: 'hello' });
      await recordAcceptance(ctx, url('ann-ng'));
      await recordReport(ctx, url('someone-else'));
      await blockTarget(ctx, url('bo-li'), { name: 'Bo Li' });
      await removeTargets(ctx, [url('bo-li')]);
      await administer(() => removeTemplate(ctx, 'hello'));
      await administer(() => removeAccount(ctx, 'default', { purge: true }).catch(() => {}));
      await administer(() => store.ensureAccount('default', T));
      await administer(() => removeAccount(ctx, 'default', { purge: true }));

      const accountKeyed = tables.filter((t) => !(REFERENCE_TABLES as readonly string[]).includes(t));
      expect(accountKeyed).toEqual(
        expect.arrayContaining(['connections', 'events', 'invitations', 'people', 'snapshots']),
      );
      const touching = statements.filter((q) =>
        accountKeyed.some((t) => new RegExp(`"${t}"|\\b${t}\\b`, 'i').test(q)),
      );
      expect(touching.length).toBeGreaterThan(20);
      const unscoped = touching.filter((q) => {
        if (/^\s*insert\b/i.test(q)) return !/\(\s*"?account_id"?\s*,/i.test(q);
        return !/"?account_id"?\s*=\s*(\$\d+|\?)/i.test(q);
      });
      expect(unscoped).toEqual([]);

      // A reference table is copied to every node: a write to one is a write to every node. Only
      // administration may do that; the everyday writes (imports, recordings, targets, templates,
      // and the data version every write transaction moves) stay on their account's shard.
      const writes = statements
        .map((q, i) => ({ q, administration: administration.has(i) }))
        .filter(({ q }) => /^\s*(insert|update|delete)\b/i.test(q));
      expect(writes.length).toBeGreaterThan(20);
      const toReference = writes.filter(
        ({ q, administration }) =>
          !administration &&
          REFERENCE_TABLES.some((t) =>
            new RegExp(`^\\s*(insert\\s+into|update|delete\\s+from)\\s+"?${t}"?\\b`, 'i').test(q),
          ),
      );
      expect(toReference.map(({ q }) => q)).toEqual([]);
      expect(writes.some(({ q }) => /account_versions/.test(q))).toBe(true);
    });
  });
}

/**
 * The store as a whole on every dialect: a bulk import is written in multi-row statements; and the
 * SQLite file is the member's alone.
 */

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AppContext, importExport, loadConfig } from '../app/index.ts';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { createStore } from './index.ts';
import { DAY, storesFor, T } from './testing/contract.ts';
import { dialects } from './testing/dialects.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const { open } = storesFor(dialect);

    it('bulk import is written in multi-row statements, not row by row', async () => {
      let inserts = 0;
      const store = await open((q) => {
        if (/^insert into "(invitations|connections)"/i.test(q)) inserts++;
      });
      const n = 12_000;
      const dir = writeExport(tempDir(), {
        invitations: Array.from({ length: n }, (_, k) => ({
          name: `Person ${k}`,
          slug: `p-${k}`,
          sentAt: new Date(T - (k % 150) * DAY - k * 1000).toISOString(),
        })),
        connections: Array.from({ length: n }, (_, k) => ({
          first: 'Conn',
          last: `${k}`,
          slug: `c-${k}`,
          connectedOn: '2026-01-10',
        })),
      });
      const ctx: AppContext = {
        store,
        config: loadConfig({ db: ':memory:' }, {}),
        now: Date.parse('2026-11-26T12:00:00Z'),
      };
      const report = await importExport(ctx, dir);
      expect(report.invitations.new).toBe(n);
      expect(report.connections.new).toBe(n);
      // 500 rows a statement: 24 each for invitations and connections.
      expect(inserts).toBeLessThanOrEqual(60);
    });
  });
}

describe('the SQLite file', () => {
  it('is created readable by its owner alone, in a folder made for it likewise', async () => {
    const dir = path.join(tempDir(), 'new', 'folder');
    const file = path.join(dir, 'invitekeeper.db');
    const store = await createStore(file);
    try {
      await store.ensureAccount('default', Date.UTC(2026, 10, 26));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });
});

/**
 * A disk that fills up during an import: the database file is capped with SQLite's max_page_count
 * (as a full disk would stop it), and the import must say so, as a database error (exit code 1),
 * and leave the database exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../cli/exit-codes.ts';
import { isInviteKeeperError } from '../../core/index.ts';
import { createStore } from '../../store/index.ts';
import { at, tempDir, testContext, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

const NOW = '2026-11-26T12:00:00Z';

describe('a full disk during an import', () => {
  it('is reported as a full disk, exit code 1, with the database unchanged', async () => {
    const db = path.join(tempDir(), 'small.db');
    const first = await testContext({ now: NOW, db });
    await importExport(
      first,
      writeExport(tempDir(), {
        invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' }],
        connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
      }),
    );
    await first.store.close();
    const file = new BetterSqlite3(db, { readonly: true });
    const pages = Number(file.pragma('page_count', { simple: true }));
    file.close();

    // Room for a few more pages only: the next, bigger import fills the "disk".
    const store = await createStore(db, { maxPages: pages + 4 });
    const ctx = at({ store, config: first.config, now: first.now }, NOW);
    try {
      const before = await store.dumpTables();
      const big = writeExport(tempDir(), {
        invitations: Array.from({ length: 3000 }, (_, k) => ({
          name: `Person ${k} ${'x'.repeat(40)}`,
          slug: `p-${k}`,
          sentAt: '2026-11-02T09:00:00Z',
        })),
      });
      const error = await importExport(ctx, big).catch((e: unknown) => e);
      expect(isInviteKeeperError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'DB_ERROR',
        message: expect.stringContaining('the disk is full (or not writable): nothing was written'),
      });
      expect((error as Error).message).not.toMatch(/no transaction is active/);
      expect(exitCodeFor('DB_ERROR')).toBe(1);
      expect(await store.dumpTables()).toEqual(before);
      // Figures for docs/reliability.md (npm run docs:reliability).
      const out = path.join(
        path.dirname(fileURLToPath(import.meta.url)),
        '..',
        '..',
        '..',
        '.tmp',
        'reliability',
      );
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(
        path.join(out, 'full-disk.json'),
        `${JSON.stringify(
          {
            test: 'src/app/imports/full-disk.test.ts',
            pagesBefore: pages,
            capPages: pages + 4,
            rowsTried: 3000,
            code: (error as { code: string }).code,
            exitCode: exitCodeFor('DB_ERROR'),
            message: (error as Error).message.replace(db, '<db>'),
            databaseUnchanged: true,
          },
          null,
          2,
        )}\n`,
      );
    } finally {
      await store.close();
    }
  });
});

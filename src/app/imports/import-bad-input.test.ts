import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

/** Bad input loses nothing: a refused import leaves the database as it was. */

const NOW = '2026-11-26T12:00:00Z';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('bad input loses nothing', () => {
      async function seeded() {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), { invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-20T09:00:00Z' }] }),
        );
        return ctx;
      }

      it('refuses a CSV with one bad date, naming the file and line', async () => {
        const ctx = await seeded();
        const before = await ctx.store.dumpTables();
        const dir = tempDir();
        fs.writeFileSync(
          path.join(dir, 'Invitations.csv'),
          'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\nMe,Bob,"3/5/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/bob\r\nMe,Eve,"13/45/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/eve\r\n',
        );
        await expect(importExport(ctx, path.join(dir, 'Invitations.csv'))).rejects.toMatchObject({
          code: 'BAD_INPUT',
          line: 3,
          message: expect.stringContaining('Invitations.csv:3'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it.each([
        ['a missing path', (d: string) => path.join(d, 'nope.zip'), 'FILE_NOT_FOUND'],
        [
          'a file that is not a ZIP',
          (d: string) => {
            fs.writeFileSync(path.join(d, 'export.zip'), 'this is not a zip at all');
            return path.join(d, 'export.zip');
          },
          'BAD_INPUT',
        ],
        [
          'a binary file named .csv',
          (d: string) => {
            fs.writeFileSync(path.join(d, 'Invitations.csv'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
            return path.join(d, 'Invitations.csv');
          },
          'BAD_INPUT',
        ],
        [
          'a folder without Invitations.csv or Connections.csv',
          (d: string) => {
            fs.writeFileSync(path.join(d, 'Messages.csv'), 'a,b\n1,2\n');
            return d;
          },
          'BAD_INPUT',
        ],
      ])('refuses %s with a clear error and changes nothing', async (_t, make, code) => {
        const ctx = await seeded();
        const before = await ctx.store.dumpTables();
        await expect(importExport(ctx, make(tempDir()))).rejects.toMatchObject({ code });
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it('imports the good rows with skipBadRows, and does not close a person whose row was bad', async () => {
        const ctx = await seeded();
        const dir = tempDir();
        fs.writeFileSync(
          path.join(dir, 'Invitations.csv'),
          'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nMe,Ada Lovelace,not a date,,OUTGOING,,https://www.linkedin.com/in/ada-lovelace\nMe,Bob,"11/21/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/bob\n',
        );
        const report = await importExport(at(ctx, '2026-11-27T12:00:00Z'), dir, { skipBadRows: true });
        expect(report.rowErrors).toHaveLength(1);
        expect(report.transitions.closed).toBe(0);
        expect(report.invitations.new).toBe(1);
      });
    });
  });
}

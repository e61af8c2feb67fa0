import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getStatus } from '../answers/status.ts';
import { recordSend } from '../invitations/sends.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport, importSentPageFile } from './import-snapshot.ts';

/** Importing a Sent page: it closes only what the page covered, and nothing sent after it was copied. */

const NOW = '2026-11-26T12:00:00Z';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('importing a LinkedIn export', () => {
      it('a Sent page copied before a send closes nothing sent after it, and names each invitation it closes', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', slug: 'ada', sentAt: '2026-11-01T09:00:00Z' },
              { name: 'Alan Turing', slug: 'alan', sentAt: '2026-11-05T09:00:00Z' },
            ],
            connections: [],
          }),
        );
        // sent an hour ago; then an older copy of the page, from before that send, is imported
        await recordSend(at(ctx, '2026-11-26T11:00:00Z'), 'https://www.linkedin.com/in/grace');
        const file = path.join(tempDir(), 'sent.txt');
        fs.writeFileSync(file, 'Ada Lovelace\nAnalyst\nSent 3 weeks ago\nWithdraw\n');
        const report = await importSentPageFile(ctx, file);
        // Alan is gone from the page: closed, and named
        expect(report.transitions.closed).toBe(1);
        expect(report.closedInvitations).toEqual([
          {
            name: 'Alan Turing',
            profileUrl: 'https://www.linkedin.com/in/alan',
            sentAt: '2026-11-05T09:00:00.000Z',
          },
        ]);
        // Grace was sent an hour before: kept pending, and the report says why
        expect(report.notes.join(' ')).toMatch(/sent less than a day before it, so kept pending.*grace/);
        const grace = (await ctx.store.listInvitations(1)).find((i) => i.profileUrl?.endsWith('/grace'))!;
        expect(grace.status).toBe('pending');
        expect((await getStatus(ctx)).pending.count).toBe(2);
        // a later page without her settles it
        const later = at(ctx, '2026-11-28T12:00:00Z');
        fs.writeFileSync(file, 'Ada Lovelace\nAnalyst\nSent 3 weeks ago\nWithdraw\nSomeone\nSent today\n');
        const next = await importSentPageFile(later, file);
        expect(next.closedInvitations.map((c) => c.profileUrl)).toEqual([
          'https://www.linkedin.com/in/grace',
        ]);
      });
    });

    describe('the Sent page', () => {
      it('imports age ranges and closes only what the page covered', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', sentAt: '2026-11-24T09:00:00Z' },
              { name: 'Grace Hopper', sentAt: '2026-11-10T09:00:00Z' },
              { name: 'Alan Turing', sentAt: '2026-08-01T09:00:00Z' },
            ],
          }),
          { asOf: Date.parse('2026-11-25T12:00:00Z') },
        );
        const file = path.join(tempDir(), 'sent.txt');
        fs.writeFileSync(
          file,
          [
            'Manage invitations',
            'Received',
            'Sent',
            '',
            'Linus Torvalds',
            'Kernel hacker',
            'Sent yesterday',
            'Withdraw',
            'Ada Lovelace',
            'Analyst',
            'Sent 2 days ago',
            'Withdraw',
            'Load more',
          ].join('\n'),
        );
        const report = await importSentPageFile(ctx, file);
        expect(report.invitations).toMatchObject({ new: 1, unchanged: 1 });
        // Grace (16 days) is older than the oldest row shown and "Load more" hid the rest: not closed.
        expect(report.transitions.closed).toBe(0);
        const linus = (await ctx.store.listInvitations(1)).find((i) => i.name === 'Linus Torvalds')!;
        expect(linus.sentAt - linus.sentAtEarliest).toBe(86_400_000 - 1);
        expect((await getStatus(ctx)).pending.count).toBe(4);
      });
    });
  });
}

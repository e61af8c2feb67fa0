import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { importExport, importSentPageFile } from '../imports/import-snapshot.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { recordAcceptance, recordReport, recordSend } from './sends.ts';
import { listUndoable, undoRecord } from './undo.ts';
import { recordWithdrawals } from './withdrawals.ts';

const NOW = '2026-11-26T12:00:00Z';
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`${dialect.label}: undo (issue 14)`, () => {
    const ctxAt = closingContexts(dialect);

    async function seeded() {
      const ctx = await ctxAt(NOW);
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Ada Lovelace', slug: 'ada', sentAt: '2026-10-01T09:00:00Z' },
            { name: 'Alan Turing', slug: 'alan', sentAt: '2026-10-02T09:00:00Z' },
            { name: 'Grace Hopper', slug: 'grace', sentAt: '2026-10-03T09:00:00Z' },
          ],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        }),
      );
      return ctx;
    }

    it('takes back a withdrawal: pending again, no cooldown, the day count back, on the plan again', async () => {
      const ctx = await seeded();
      const before = { status: await getStatus(ctx), plan: await getPlan(ctx) };
      await recordWithdrawals(at(ctx, '2026-11-26T12:01:00Z'), [url('ada')]);
      const later = at(ctx, '2026-11-26T12:05:00Z');
      expect((await getStatus(later)).cooldowns.active).toBe(1);
      const result = await undoRecord(later);
      expect(result.undone).toMatchObject({
        kind: 'withdrawn',
        name: 'Ada Lovelace',
        profileUrl: url('ada'),
      });
      expect(result.left).toBe(0);
      const after = await getStatus(later);
      expect(after.pending.count).toBe(before.status.pending.count);
      expect(after.cooldowns.active).toBe(0);
      expect((await getPlan(later)).withdrawals.map((w) => w.name)).toEqual(
        before.plan.withdrawals.map((w) => w.name),
      );
      // the undo itself is kept in the history
      const events = (await ctx.store.dumpTables()).events as Array<{ kind: string }>;
      expect(events.map((e) => e.kind)).toContain('undo');
      expect(events.map((e) => e.kind)).not.toContain('withdrawn');
    });

    it('takes back a send (quota back), an acceptance (and the connection it added) and a report, newest first', async () => {
      const ctx = await seeded();
      const t = (m: number) => at(ctx, `2026-11-26T12:${String(m).padStart(2, '0')}:00Z`);
      await recordSend(t(1), url('linus'));
      await recordAcceptance(t(2), url('alan'));
      await recordReport(t(3), url('grace'));
      expect((await listUndoable(t(4))).map((r) => r.kind)).toEqual(['reported', 'accepted', 'sent']);
      expect((await undoRecord(t(4))).undone.kind).toBe('reported');
      expect((await undoRecord(t(4))).undone).toMatchObject({ kind: 'accepted', name: 'Alan Turing' });
      const tables = await ctx.store.dumpTables();
      expect((tables.connections as Array<{ person_key: string }>).map((c) => c.person_key)).not.toContain(
        url('alan'),
      );
      expect((await getStatus(t(4))).quota.sentToday).toBe(1);
      expect((await undoRecord(t(4), { kind: 'sent', person: url('linus') })).undone.kind).toBe('sent');
      const status = await getStatus(t(5));
      expect(status.quota.sentToday).toBe(0);
      expect(status.pending.count).toBe(3);
      await expect(undoRecord(t(5))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses when a later import changed what the record did, and never reaches back before today', async () => {
      const ctx = await seeded();
      await recordSend(at(ctx, '2026-11-25T10:00:00Z'), url('yesterday'));
      await recordWithdrawals(at(ctx, '2026-11-26T12:01:00Z'), [url('ada')]);
      // a Sent page taken afterwards no longer lists Grace: closed by the import
      await recordSend(at(ctx, '2026-11-26T12:02:00Z'), url('linus'));
      const page = path.join(tempDir(), 'sent.txt');
      fs.writeFileSync(
        page,
        'Alan Turing\nSent 2 months ago\nWithdraw\nGrace Hopper\nSent 2 months ago\nWithdraw\n',
      );
      await importSentPageFile(at(ctx, '2026-11-28T12:00:00Z'), page);
      const next = at(ctx, '2026-11-28T12:05:00Z');
      // the records were two days ago: not today's
      await expect(undoRecord(next)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // on the day, the send is closed by the page: refused, and nothing changes
      const sameDay = at(ctx, '2026-11-26T23:00:00Z');
      const before = await ctx.store.dumpTables();
      await expect(undoRecord(sameDay, { kind: 'sent' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await ctx.store.dumpTables()).toEqual(before);
    });
  });
}

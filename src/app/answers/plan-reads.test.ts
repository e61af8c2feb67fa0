import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { recordSend } from '../invitations/sends.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { importTargets } from '../outreach/targets.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { getPlan } from './plan.ts';
import { expectPlansAsFromWholeLedger, url } from './plan-reads.testing.ts';

/**
 * The plan and a recorded send read only the part of the history their rules depend on (the
 * store's invitationsMatching, countSends, invitationsForPlan, connectionsOfTargets): these tests
 * pin that they decide exactly as they would from the whole ledger, matching people by link and,
 * where a record has no link, by name.
 */

/** Thursday 26 November 2026, before the 09:00 window opens in Europe. */
const NOW = '2026-11-26T07:00:00Z';

function csv(text: string, name = 'targets.csv'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    async function seeded() {
      const ctx = await ctxAt(NOW);
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Pending Person', sentAt: '2026-11-20T09:00:00Z' },
            { name: 'Withdrawn Person', sentAt: '2026-10-01T09:00:00Z' },
          ],
          connections: [{ first: 'Connected', last: 'Person', connectedOn: '2026-01-10' }],
        }),
        { asOf: Date.parse('2026-11-25T12:00:00Z') },
      );
      await recordWithdrawals(ctx, [url('withdrawn-person')], Date.parse('2026-11-20T10:00:00Z'));
      return ctx;
    }

    it('matches the person as the plan does: by link, and by name where a record has no link', async () => {
      const ctx = await seeded();
      await importExport(
        ctx,
        writeExport(tempDir(), {
          invitations: [
            { name: 'Pending Person', sentAt: '2026-11-20T09:00:00Z' },
            { name: 'Nora Name', slug: null, sentAt: '2026-11-24T09:00:00Z' },
          ],
        }),
        { asOf: Date.parse('2026-11-25T13:00:00Z') },
      );
      await importTargets(
        ctx,
        csv(
          'name,profileUrl\nNora Name,https://www.linkedin.com/in/nora-name\nPending Person,https://www.linkedin.com/in/pending-person-2\n',
        ),
      );
      // The export's Nora Name has no link: a send to the Nora Name of the list may be to her.
      await expect(recordSend(ctx, url('nora-name'))).rejects.toMatchObject({
        data: { reason: 'ALREADY_PENDING' },
      });
      // A namesake with another link is someone else: the invitation to /in/pending-person does not bar them.
      expect((await recordSend(ctx, url('pending-person-2'))).name).toBe('Pending Person');
      // Counts of the last 7 days and today come from every send, not only this person's.
      expect((await recordSend(ctx, url('ada-lovelace'))).quota).toEqual({
        weeklyLimit: 100,
        sentLast7Days: 4,
        dailyLimit: 20,
        sentToday: 2,
      });
    });

    it('reads only the history the plan depends on, yet plans exactly as from the whole ledger', async () => {
      // A year of history: invitations of people not in the queue, unanswered and accepted ones of
      // people who are, namesakes with and without links, connections with and without links.
      const ctx = await ctxAt('2026-06-01T07:00:00Z');
      const invitations = [];
      const connections = [];
      for (let i = 0; i < 40; i++) {
        const day = `2026-${String(1 + (i % 5)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
        invitations.push({
          name: `Old Person ${i}`,
          slug: i % 7 === 0 ? null : `old-person-${i}`,
          sentAt: `${day}T10:00:00Z`,
        });
        if (i % 3 === 0)
          connections.push({
            first: 'Old',
            last: `Person ${i + 1}`,
            slug: i % 2 ? null : `old-person-${i + 1}`,
            connectedOn: day,
          });
      }
      invitations.push({ name: 'Nora Name', slug: null, sentAt: '2026-05-20T10:00:00Z' });
      invitations.push({ name: 'Lin Link', sentAt: '2026-05-01T10:00:00Z' });
      await importExport(ctx, writeExport(tempDir(), { invitations, connections }), {
        asOf: Date.parse('2026-05-31T12:00:00Z'),
      });
      await recordWithdrawals(ctx, [url('lin-link')], Date.parse('2026-05-31T13:00:00Z'));
      await importTargets(
        ctx,
        csv(
          [
            'name,profileUrl,relation,mutualConnections',
            'Old Person 3,https://www.linkedin.com/in/old-person-3,colleague,4',
            'Old Person 7,,alumni,2',
            'Old Person 5,,other,1',
            'Nora Name,https://www.linkedin.com/in/nora-name,industry-peer,3',
            'Lin Link,https://www.linkedin.com/in/lin-link,other,9',
            'Fresh Face,https://www.linkedin.com/in/fresh-face,other,0',
            'Old Person 10,https://www.linkedin.com/in/old-person-10-other,other,5',
          ].join('\n'),
        ),
      );
      await recordWithdrawals(
        at(ctx, '2026-06-01T08:00:00Z'),
        [url('old-person-3')],
        Date.parse('2026-06-01T08:00:00Z'),
      );
      // Withdrawn by name (the record has no link) and by link (the target has none): matched by name.
      const june2 = at(ctx, '2026-06-02T08:00:00Z');
      await recordWithdrawals(june2, ['Nora Name', url('old-person-5')], Date.parse('2026-06-02T08:00:00Z'));
      await expectPlansAsFromWholeLedger(ctx, [
        '2026-06-01T09:00:00Z',
        '2026-06-10T09:00:00Z',
        '2026-07-15T09:00:00Z',
        '2026-12-01T09:00:00Z',
      ]);
      // The history did matter: a namesake's pending invitation, a withdrawal, a connection.
      const first = await getPlan(at(ctx, '2026-06-01T09:00:00Z'));
      expect(first.skipped.map((x) => `${x.name}:${x.reason}`)).toEqual(
        expect.arrayContaining([
          'Lin Link:COOLDOWN',
          'Old Person 3:COOLDOWN',
          'Nora Name:ALREADY_PENDING',
          'Old Person 7:ALREADY_CONNECTED',
        ]),
      );
      // A week on, only the match by name knows of these two withdrawals and their cooldowns.
      const june10 = await getPlan(at(ctx, '2026-06-10T09:00:00Z'));
      expect(june10.skipped.map((x) => `${x.name}:${x.reason}:${x.until}`)).toEqual(
        expect.arrayContaining([
          'Nora Name:COOLDOWN:2026-06-23T08:00:00.000Z',
          'Old Person 5:COOLDOWN:2026-06-23T08:00:00.000Z',
        ]),
      );
      // Once the cooldowns are over they may be invited again (SPEC section 4).
      const july = await getPlan(at(ctx, '2026-07-15T09:00:00Z'));
      expect(july.sends.map((x) => x.name)).toEqual(expect.arrayContaining(['Nora Name', 'Old Person 5']));
    });
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_SETTINGS, isInsideWindow, toIso } from '../../core/index.ts';
import { dialects } from '../../store/testing/dialects.ts';
import { getConfig, listConfig, setConfig, unsetConfig } from '../accounts/settings.ts';
import { getPlan } from '../answers/plan.ts';
import { getStatus } from '../answers/status.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { recordAcceptance, recordReport, recordSend } from '../invitations/sends.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, tempDir, writeExport } from '../testing/fixtures.ts';
import { addTarget, blockTarget, importTargets, listTargets, removeTargets } from './targets.ts';
import { addTemplate, lintTemplate, listTemplates, removeTemplate, setDefaultTemplate } from './templates.ts';

/** Thursday 26 November 2026, before the 09:00 window opens in Europe. */
const NOW = '2026-11-26T07:00:00Z';
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

function csv(text: string, name = 'targets.csv'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

const TARGETS = `name,profileUrl,relation,mutualConnections,connectionCount,timezone,tags,company,headline,event
Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,colleague,12,500,Europe/London,math;engines,Babbage & Co,Programmer,PyCon
Grace Hopper,linkedin.com/in/grace-hopper/,industry-peer,3,,America/New_York,navy,US Navy,Rear Admiral,
Alan Turing,,alumni,0,,,,,,Bletchley reunion
`;

// The store contract: every use case here runs on SQLite and on PostgreSQL (when a server is at hand).
for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('targets', () => {
      it('imports a list; importing it again changes nothing; a changed list updates without duplicating', async () => {
        const ctx = await ctxAt(NOW);
        const first = await importTargets(ctx, csv(TARGETS));
        expect(first).toMatchObject({ imported: 3, unchanged: 0, rowErrors: [], targets: { new: 3 } });
        const before = await ctx.store.dumpTables();

        const again = await importTargets(at(ctx, '2026-11-27T07:00:00Z'), csv(TARGETS));
        expect(again).toMatchObject({
          imported: 0,
          unchanged: 3,
          targets: { new: 0, updated: 0, unchanged: 3 },
        });
        expect(await ctx.store.dumpTables()).toEqual(before);

        // Ada's mutuals change; Alan is now known by URL; a new person joins.
        const changed = TARGETS.replace('colleague,12,', 'colleague,14,').replace(
          'Alan Turing,,alumni',
          'Alan Turing,https://www.linkedin.com/in/alan-turing,alumni',
        );
        const update = await importTargets(
          at(ctx, '2026-11-28T07:00:00Z'),
          csv(`${changed}Barbara Liskov,https://www.linkedin.com/in/barbara-liskov,other,1,,,,,,\n`),
        );
        expect(update.targets).toEqual({ new: 1, updated: 2, unchanged: 1 });
        const list = await ctx.store.listTargets(1);
        expect(list.map((t) => t.personKey).sort()).toEqual(
          [url('ada-lovelace'), url('alan-turing'), url('barbara-liskov'), url('grace-hopper')].sort(),
        );
        const ada = list.find((t) => t.name === 'Ada Lovelace')!;
        expect(ada).toMatchObject({
          mutualConnections: 14,
          tags: ['math', 'engines'],
          custom: { event: 'PyCon' },
          addedAt: Date.parse(NOW),
          updatedAt: Date.parse('2026-11-28T07:00:00Z'),
        });
        // Alan keeps his place in the queue and his custom field.
        expect(list.find((t) => t.name === 'Alan Turing')).toMatchObject({
          addedAt: Date.parse(NOW),
          custom: { event: 'Bletchley reunion' },
        });
      });

      it('refuses a list with bad rows unless told to skip them, and then leaves the database as it was', async () => {
        const ctx = await ctxAt(NOW);
        await importTargets(ctx, csv(TARGETS));
        const before = await ctx.store.dumpTables();
        const bad = csv(`${TARGETS}Eve,https://example.com/eve,colleague,1,,,,,,\nMallory,,friend,1,,,,,,\n`);
        await expect(importTargets(ctx, bad)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          line: 5,
          message: expect.stringContaining('targets.csv:6'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
        const skipped = await importTargets(ctx, bad, { skipBadRows: true });
        expect(skipped.rowErrors.map((e) => e.line)).toEqual([5, 6]);
        expect(skipped.unchanged).toBe(3);
        expect(await ctx.store.dumpTables()).toEqual(before);
      });

      it('merges rows that name the same person twice into one target', async () => {
        const ctx = await ctxAt(NOW);
        const report = await importTargets(
          ctx,
          csv(`name,profileUrl,relation,mutualConnections
Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,colleague,1
Ada Lovelace,https://uk.linkedin.com/in/Ada-Lovelace/,,5
Grace Hopper,,other,2
grace  HOPPER,https://www.linkedin.com/in/grace-hopper,,
`),
        );
        expect(report.targets).toEqual({ new: 2, updated: 2, unchanged: 0 });
        expect(report.notes).toHaveLength(1);
        const list = await ctx.store.listTargets(1);
        expect(list.map((t) => [t.personKey, t.relation, t.mutualConnections])).toEqual([
          [url('ada-lovelace'), 'colleague', 5],
          [url('grace-hopper'), 'other', 2],
        ]);
      });

      it('adds, lists with status and score, removes, and blocks people who are not targets yet', async () => {
        const ctx = await ctxAt(NOW);
        const added = await addTarget(ctx, {
          person: 'https://www.linkedin.com/in/Ada-Lovelace?trk=x',
          name: 'Ada Lovelace',
          relation: 'alumni',
          mutualConnections: '7',
          timezone: 'Europe/London',
          custom: { event: 'PyCon' },
        });
        expect(added).toMatchObject({ created: true, target: { status: 'ready', score: 73_000 } });
        const again = await addTarget(ctx, { person: url('ada-lovelace'), mutualConnections: 8 });
        expect(again).toMatchObject({
          created: false,
          changed: true,
          target: { mutualConnections: 8, name: 'Ada Lovelace' },
        });
        await expect(addTarget(ctx, { person: 'Bob', relation: 'friend' })).rejects.toMatchObject({
          code: 'USAGE',
        });
        await expect(addTarget(ctx, { person: 'Bob', timezone: 'Mars/Base' })).rejects.toMatchObject({
          code: 'USAGE',
        });

        const blocked = await blockTarget(ctx, url('john-roe'));
        expect(blocked).toMatchObject({
          created: true,
          target: { status: 'DO_NOT_CONTACT', doNotContact: true },
        });
        const list = await listTargets(ctx);
        expect(list.targets.map((t) => [t.profileUrl, t.status])).toEqual([
          [url('ada-lovelace'), 'ready'],
          [url('john-roe'), 'DO_NOT_CONTACT'],
        ]);
        expect((await listTargets(ctx, { status: 'ready' })).targets).toHaveLength(1);

        await expect(removeTargets(ctx, [url('ada-lovelace'), url('nobody')])).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        expect((await listTargets(ctx)).targets).toHaveLength(2);
        expect((await removeTargets(ctx, [url('ada-lovelace')])).removed).toHaveLength(1);
        expect((await blockTarget(ctx, url('john-roe'), { block: false })).target.status).toBe('ready');
      });
    });

    describe('templates', () => {
      it('adds (the first becomes the default), lists, lints per target, and removes', async () => {
        const ctx = await ctxAt(NOW);
        await importTargets(ctx, csv(TARGETS));
        const added = await addTemplate(ctx, {
          id: 'event',
          body: 'Hi {firstName}, great to meet you at {event}!',
        });
        expect(added.template).toMatchObject({ isDefault: true, variables: ['firstName', 'event'] });
        expect(added.lint).toEqual([]);
        await addTemplate(ctx, { id: 'plain', body: "I'd like to add you to my professional network." });
        await expect(addTemplate(ctx, { id: 'plain', body: 'x' })).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        await expect(addTemplate(ctx, { id: 'Not A Slug', body: 'x' })).rejects.toMatchObject({
          code: 'USAGE',
          message: expect.stringContaining('not-a-slug'),
        });
        expect((await listTemplates(ctx)).defaultTemplate).toBe('event');

        const lint = await lintTemplate(ctx, { id: 'event' }, { allTargets: true });
        // Grace has no {event}: an error for her only.
        expect(lint.targets.map((t) => [t.name, t.issues.map((i) => i.code)])).toEqual([
          ['Ada Lovelace', []],
          ['Grace Hopper', ['UNFILLED_VARIABLE']],
          ['Alan Turing', []],
        ]);
        const plain = await lintTemplate(ctx, { id: 'plain' });
        expect(plain.issues.map((i) => i.code)).toEqual(['GENERIC_NOTE', 'NO_PERSONAL_DETAIL']);
        const long = await lintTemplate(ctx, { text: 'x'.repeat(201) });
        expect(long.issues.map((i) => i.code)).toEqual(['TOO_LONG']);

        await setDefaultTemplate(ctx, 'plain');
        expect((await removeTemplate(ctx, 'plain')).wasDefault).toBe(true);
        expect((await listTemplates(ctx)).defaultTemplate).toBeNull();
      });
    });

    describe('recording sends, acceptances and reports', () => {
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

      it.each([
        ['pending-person', 'ALREADY_PENDING', undefined],
        ['connected-person', 'ALREADY_CONNECTED', undefined],
        ['withdrawn-person', 'COOLDOWN', '2026-12-11T10:00:00.000Z'],
      ])(
        'refuses a send to %s with %s and the date it is allowed, changing nothing',
        async (slug, reason, until) => {
          const ctx = await seeded();
          const before = await ctx.store.dumpTables();
          const error = await recordSend(ctx, url(slug)).catch((e: unknown) => e);
          expect(error).toMatchObject({ code: 'CONFLICT', data: until ? { reason, until } : { reason } });
          expect((error as Error).message).toContain(reason);
          if (until) expect((error as Error).message).toContain(until);
          expect(await ctx.store.dumpTables()).toEqual(before);
        },
      );

      it('allows the send once the cooldown has passed', async () => {
        const ctx = await seeded();
        const later = at(ctx, '2026-12-11T10:00:00Z');
        expect((await recordSend(later, url('withdrawn-person'))).sentAt).toBe('2026-12-11T10:00:00.000Z');
      });

      it('refuses a blocked person and a reporter; a report leaves the pending invitation pending', async () => {
        const ctx = await seeded();
        await blockTarget(ctx, url('jane-doe'));
        await expect(recordSend(ctx, url('jane-doe'))).rejects.toMatchObject({
          data: { reason: 'DO_NOT_CONTACT' },
        });
        const report = await recordReport(ctx, url('pending-person'));
        expect(report).toMatchObject({
          alreadyReported: false,
          pendingInvitation: { sentAt: '2026-11-20T09:00:00.000Z' },
        });
        expect((await recordReport(ctx, url('pending-person'))).alreadyReported).toBe(true);
        const pending = (await ctx.store.listInvitations(1)).find((i) => i.name === 'Pending Person');
        expect(pending?.status).toBe('pending');
        await expect(recordSend(ctx, url('pending-person'))).rejects.toMatchObject({
          data: { reason: 'REPORTED' },
        });
        expect((await getStatus(ctx)).risk.reasons.join(' ')).toMatch(/report/i);
      });

      it('records a send with its template note, counts it in status, and refuses a time in the future', async () => {
        const ctx = await seeded();
        await importTargets(ctx, csv(TARGETS));
        await addTemplate(ctx, { id: 'event', body: 'Hi {firstName}, great to meet you at {event}!' });
        const sent = await recordSend(ctx, url('ada-lovelace'), {
          templateId: 'event',
          at: Date.parse('2026-11-26T06:30:00Z'),
        });
        expect(sent).toMatchObject({
          name: 'Ada Lovelace',
          note: 'Hi Ada, great to meet you at PyCon!',
          templateId: 'event',
          quota: { sentLast7Days: 2, sentToday: 1 },
          notes: { usedLast30Days: 1 },
          warnings: [],
        });
        await expect(
          recordSend(ctx, url('grace-hopper'), { at: Date.parse('2026-11-26T08:00:00Z') }),
        ).rejects.toMatchObject({ code: 'USAGE' });
        await expect(
          recordSend(ctx, url('grace-hopper'), { note: 'x', templateId: 'event' }),
        ).rejects.toMatchObject({
          code: 'USAGE',
        });
        const status = await getStatus(ctx);
        expect(status.quota).toEqual({
          weeklyLimit: 100,
          sentLast7Days: 2,
          remaining: 98,
          dailyLimit: 20,
          sentToday: 1,
        });
        expect(status.notes).toEqual({ maxChars: 200, monthlyLimit: 5, usedLast30Days: 1 });
        expect(status.cooldowns).toEqual({ active: 1 });
        const plan = await getPlan(ctx);
        expect(plan.skipped).toContainEqual({
          name: 'Ada Lovelace',
          profileUrl: url('ada-lovelace'),
          reason: 'ALREADY_PENDING',
        });
      });

      it("records a send named by a target's name under its profile URL", async () => {
        const ctx = await seeded();
        await importTargets(ctx, csv(TARGETS));
        const sent = await recordSend(ctx, 'ada lovelace');
        expect(sent).toMatchObject({ name: 'Ada Lovelace', profileUrl: url('ada-lovelace') });
        await expect(recordSend(ctx, url('ada-lovelace'))).rejects.toMatchObject({
          data: { reason: 'ALREADY_PENDING' },
        });
        expect((await recordAcceptance(ctx, 'Ada Lovelace')).profileUrl).toBe(url('ada-lovelace'));
      });

      it('records an acceptance: accepted at that time, a connection from then, never planned again', async () => {
        const ctx = await seeded();
        const accepted = await recordAcceptance(ctx, url('pending-person'), {
          at: Date.parse('2026-11-25T15:00:00Z'),
        });
        expect(accepted).toMatchObject({ acceptedAt: '2026-11-25T15:00:00.000Z', connectionRecorded: true });
        const inv = (await ctx.store.listInvitations(1)).find((i) => i.name === 'Pending Person');
        expect(inv).toMatchObject({ status: 'accepted', statusAt: Date.parse('2026-11-25T15:00:00Z') });
        expect(await ctx.store.countConnections(1)).toBe(2);
        await expect(recordAcceptance(ctx, url('pending-person'))).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        await expect(recordAcceptance(ctx, url('nobody-known'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(recordSend(ctx, url('pending-person'))).rejects.toMatchObject({
          data: { reason: 'ALREADY_CONNECTED' },
        });
      });
    });

    describe('config', () => {
      it('sets, reads back with its source, and unsets a setting per account', async () => {
        const ctx = await ctxAt(NOW);
        const change = await setConfig(ctx, 'weeklyInviteLimit', '150');
        expect(change).toMatchObject({
          previous: { value: 100, source: 'default' },
          current: { value: 150, source: 'account' },
        });
        expect((await getConfig(ctx, 'weeklyInviteLimit')).settings[0]).toMatchObject({
          value: 150,
          source: 'account',
        });
        await setConfig(ctx, 'sendWindow', 'Mon,Wed 08:30-12:00');
        expect((await getConfig(ctx, 'sendWindow')).settings[0]).toMatchObject({
          value: { days: [1, 3], start: '08:30', end: '12:00' },
          text: 'Mon,Wed 08:30-12:00',
        });
        await setConfig(ctx, 'profile.photo', 'yes');
        await setConfig(ctx, 'lowAcceptanceRate', '25%');
        expect((await getStatus(ctx)).quota.weeklyLimit).toBe(150);
        await unsetConfig(ctx, 'weeklyInviteLimit');
        await unsetConfig(ctx, 'profile.photo');
        const all = await listConfig(ctx);
        expect(all.settings.find((s) => s.key === 'weeklyInviteLimit')).toMatchObject({
          value: 100,
          source: 'default',
        });
        expect(all.settings.find((s) => s.key === 'lowAcceptanceRate')).toMatchObject({
          value: 0.25,
          source: 'account',
        });
        expect(all.settings.map((s) => s.key)).toContain('profile.jobTitle');
        // Another account keeps its own settings.
        const other = { ...ctx, config: { ...ctx.config, account: 'agency-2' } };
        await setConfig(other, 'weeklyInviteLimit', '120');
        expect((await getConfig(ctx, 'weeklyInviteLimit')).settings[0]!.value).toBe(100);
      });

      it.each([
        ['weeklyInviteLimit', '-3', /0\.\.200/],
        ['weeklyInviteLimit', '5000', /0\.\.200/],
        ['weeklyInviteLimit', 'lots', /whole number/],
        ['staleAfterDays', '0', /1\.\.180/],
        ['pendingPauseAt', '100', /pendingWarnAt must not be above pendingPauseAt/],
        ['timezone', 'Mars/Base', /IANA/],
        ['sendWindow', 'Mon-Fri 17:00-09:00', /end after it starts/],
        ['accountTier', 'gold', /free or premium/],
      ])('refuses %s = %s with the allowed values, and keeps the old value', async (key, value, message) => {
        const ctx = await ctxAt(NOW);
        await expect(setConfig(ctx, key, value)).rejects.toMatchObject({
          code: 'INVALID_SETTING',
          message: expect.stringMatching(message),
        });
        expect((await getConfig(ctx, key)).settings[0]!.source).toBe('default');
      });

      it('refuses an unknown key as bad usage', async () => {
        const ctx = await ctxAt(NOW);
        await expect(setConfig(ctx, 'weeklyinvitelimit', '5')).rejects.toMatchObject({
          code: 'USAGE',
          message: expect.stringContaining('did you mean weeklyInviteLimit'),
        });
      });
    });

    describe('the sends part of the plan', () => {
      it('plans ranked sends inside each recipient window, with the default template and skip reasons', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [{ name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z' }],
            connections: [],
          }),
          { asOf: Date.parse('2026-11-25T12:00:00Z') },
        );
        await importTargets(ctx, csv(TARGETS));
        await addTemplate(ctx, { id: 'event', body: 'Hi {firstName}, great to meet you at {event}!' });
        const plan = await getPlan(ctx);
        expect(plan.sends.map((s) => [s.name, s.score, s.note])).toEqual([
          ['Ada Lovelace', 124_000, 'Hi Ada, great to meet you at PyCon!'],
          ['Alan Turing', 3_000, 'Hi Alan, great to meet you at Bletchley reunion!'],
        ]);
        expect(Object.keys(plan.sends[0]!)).toEqual(['name', 'profileUrl', 'note', 'sendAfter', 'score']);
        // Ada's window is 09:00 London; Alan has no zone, so the account's (UTC).
        expect(plan.sends[0]!.sendAfter).toBe('2026-11-26T09:00:00.000Z');
        for (const [i, send] of plan.sends.entries()) {
          const zone = plan.details.sending.sends[i]!.timezone;
          expect(isInsideWindow(Date.parse(send.sendAfter), DEFAULT_SETTINGS.sendWindow, zone)).toBe(true);
        }
        expect(plan.details.sending.sends.map((s) => s.timezone)).toEqual(['Europe/London', 'UTC']);
        expect(plan.skipped).toEqual([
          { name: 'Grace Hopper', profileUrl: url('grace-hopper'), reason: 'ALREADY_PENDING' },
        ]);
        expect(plan.details.template).toEqual({ id: 'event', name: 'event' });

        const plain = await getPlan(ctx, { templateId: 'event' });
        expect(plain.sends).toEqual(plan.sends);
        await expect(getPlan(ctx, { templateId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await setDefaultTemplate(ctx, null);
        expect((await getPlan(ctx)).sends.every((s) => s.note === null)).toBe(true);
      });

      it('holds sends back at the daily limit and while too many are pending', async () => {
        const ctx = await ctxAt(NOW);
        await importTargets(ctx, csv(TARGETS));
        await setConfig(ctx, 'dailyInviteLimit', '1');
        const plan = await getPlan(ctx);
        expect(plan.sends).toHaveLength(1);
        expect(plan.skipped.map((s) => s.reason)).toEqual(['QUOTA', 'QUOTA']);
        await setConfig(ctx, 'pendingWarnAt', '1');
        await setConfig(ctx, 'pendingPauseAt', '1');
        await recordSend(ctx, url('ada-lovelace'), { at: Date.parse(NOW) - DAY_MS });
        const paused = await getPlan(ctx);
        expect(paused.sends).toEqual([]);
        expect(paused.skipped.map((s) => s.reason).sort()).toEqual(['ALREADY_PENDING', 'PAUSED', 'PAUSED']);
        expect(toIso(Date.parse(paused.asOf))).toBe(paused.asOf);
      });
    });
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { cli, type PlanJson, url } from './testing.ts';

/** The outreach commands end to end: targets, templates, the plan, `sent`, and the figures they share. */

const NOW = '2026-11-26T07:00:00Z';
/** A database with a small export (two invitations, one connection) and four targets, three of them people it knows. */
async function seeded() {
  const db = path.join(tempDir(), 'x.db');
  const exportDir = writeExport(tempDir(), {
    invitations: [
      { name: 'Pending Person', sentAt: '2026-11-20T09:00:00Z' },
      { name: 'Old Person', sentAt: '2026-10-01T09:00:00Z' },
    ],
    connections: [{ first: 'Connected', last: 'Person', connectedOn: '2026-01-10' }],
  });
  expect((await cli(['import', exportDir, '--db', db, '--as-of', '2026-11-25T12:00:00Z'])).code).toBe(0);
  const csv = path.join(tempDir(), 'targets.csv');
  fs.writeFileSync(
    csv,
    `name,profileUrl,relation,mutualConnections,timezone,company,event
Ada Lovelace,${url('ada-lovelace')},colleague,12,Europe/London,Babbage & Co,PyCon
Pending Person,${url('pending-person')},other,1,,,
Connected Person,${url('connected-person')},alumni,2,,,
Old Person,${url('old-person')},other,0,,,
`,
  );
  expect((await cli(['targets', 'import', csv, '--db', db, '--now', NOW])).code).toBe(0);
  return db;
}

describe('outreach commands end to end', () => {
  it('targets, templates, a plan with sends and skip reasons, a refused send, and config', async () => {
    const db = await seeded();
    const g = ['--db', db, '--now', NOW];
    const list = await cli(['targets', 'list', ...g]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Ada Lovelace\s+ready\s+12\s+colleague\s+0 d\s+Europe\/London/);
    expect(list.stdout).toMatch(/Pending Person\s+pending/);

    expect(
      (await cli(['templates', 'add', 'event', 'Hi {firstName}, great to meet you at {event}!', ...g])).code,
    ).toBe(0);
    const lint = await cli(['templates', 'lint', 'event', '--all-targets', '--json', ...g]);
    expect(lint.json<{ errors: number }>().errors).toBe(3);
    // Errors fail the command, as a linter's do; warnings alone do not.
    expect(lint.code).toBe(2);
    const clean = await cli([
      'templates',
      'lint',
      '--text',
      'Hi {firstName}, enjoyed your PyCon talk',
      '--json',
      ...g,
    ]);
    expect(clean.json<{ errors: number }>().errors).toBe(0);
    expect(clean.code).toBe(0);

    const withdrawn = await cli(['withdrawn', url('old-person'), ...g]);
    expect(withdrawn.code).toBe(0);
    const plan = await cli(['plan', '--json', ...g]);
    const p = plan.json<PlanJson>();
    expect(p.sends).toEqual([
      {
        name: 'Ada Lovelace',
        profileUrl: url('ada-lovelace'),
        note: 'Hi Ada, great to meet you at PyCon!',
        sendAfter: '2026-11-26T09:00:00.000Z',
        score: 124_000,
      },
    ]);
    expect(p.skipped).toEqual([
      { name: 'Connected Person', profileUrl: url('connected-person'), reason: 'ALREADY_CONNECTED' },
      // Just withdrawn: in the re-invite cooldown, with the day it ends.
      {
        name: 'Old Person',
        profileUrl: url('old-person'),
        reason: 'COOLDOWN',
        until: '2026-12-17T07:00:00.000Z',
      },
      { name: 'Pending Person', profileUrl: url('pending-person'), reason: 'ALREADY_PENDING' },
    ]);
    const human = await cli(['plan', ...g]);
    expect(human.stdout).toContain('Send today: 1');
    // the member's time, the recipient's, and why the target ranks there, instead of a raw score
    expect(human.stdout).toMatch(
      /Ada Lovelace\s+Thu 26 Nov 09:00\s+Thu 26 Nov 09:00 Europe\/London\s+12 mutual · colleague · added today/,
    );
    // the note in full, under the profile link
    expect(human.stdout).toMatch(
      /1 {2}Ada Lovelace {2}https:\/\/www\.linkedin\.com\/in\/ada-lovelace\n\s+Hi Ada, great to meet you at PyCon!/,
    );
    // On a Sunday night the allowance is free but the windows open on Monday: not "Send today".
    const sunday = await cli(['plan', '--db', db, '--now', '2026-11-29T03:30:00Z']);
    expect(sunday.stdout).not.toContain('Send today');
    expect(sunday.stdout).toContain(
      'Next sends: 1, from Mon 30 Nov 09:00 (none today: the send windows are closed)',
    );
    expect(human.stdout).toContain(
      'Skipped 3 targets: 1 already connected, 1 in the re-invite cooldown, 1 already pending',
    );

    const refused = await cli(['sent', url('old-person'), '--json', ...g]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('allowed from 2026-12-17T07:00:00.000Z');
    expect(refused.json<{ error: { code: string; data: unknown } }>().error).toMatchObject({
      code: 'CONFLICT',
      data: { reason: 'COOLDOWN', until: '2026-12-17T07:00:00.000Z' },
    });

    const sent = await cli([
      'sent',
      url('ada-lovelace'),
      '--template',
      'event',
      '--at',
      '2026-11-26T06:55:00Z',
      '--json',
      ...g,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.json<{ note: string }>().note).toBe('Hi Ada, great to meet you at PyCon!');
    const status = (await cli(['status', '--json', ...g])).json<Record<string, unknown>>();
    expect(status.quota).toEqual({
      weeklyLimit: 100,
      sentLast7Days: 2,
      remaining: 98,
      dailyLimit: 20,
      sentToday: 1,
    });
    expect(status.notes).toEqual({ maxChars: 200, monthlyLimit: 5, usedLast30Days: 1 });
    expect(status.cooldowns).toEqual({ active: 1 });

    expect((await cli(['accepted', url('ada-lovelace'), ...g])).code).toBe(0);
    expect((await cli(['reported', url('pending-person'), ...g])).code).toBe(0);
    const after = (await cli(['plan', '--json', ...g])).json<PlanJson>();
    expect(after.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Ada Lovelace', 'ALREADY_CONNECTED'],
      ['Connected Person', 'ALREADY_CONNECTED'],
      ['Old Person', 'COOLDOWN'],
      ['Pending Person', 'REPORTED'],
    ]);
    expect((await cli(['targets', 'block', url('someone-else'), ...g])).code).toBe(0);
    expect((await cli(['sent', url('someone-else'), ...g])).stderr).toContain('DO_NOT_CONTACT');
  });

  it('refuses bad targets input with exit 2 and leaves the list as it was', async () => {
    const db = await seeded();
    const before = (await cli(['targets', 'list', '--json', '--db', db, '--now', NOW])).stdout;
    const bad = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(bad, `name,profileUrl,relation\nEve,https://example.com/eve,colleague\n`);
    const result = await cli(['targets', 'import', bad, '--db', db, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.csv:2');
    expect((await cli(['targets', 'list', '--json', '--db', db, '--now', NOW])).stdout).toBe(before);
    expect((await cli(['plan', '--template', 'missing', '--db', db, '--now', NOW])).code).toBe(2);
  });
});

describe('figures that agree (issue 14)', () => {
  it('notes left: status, plan and the API give one figure, from before the plan, in the rolling 30 days', async () => {
    const db = path.join(tempDir(), 'notes.db');
    const at = '2026-11-26T07:00:00Z';
    const dir = writeExport(tempDir(), {
      invitations: [
        { name: 'Noted One', sentAt: '2026-11-20T09:00:00Z', message: 'Hi, enjoyed your talk' },
        { name: 'Noted Two', sentAt: '2026-11-21T09:00:00Z', message: 'Hi again' },
      ],
      connections: [],
    });
    expect((await cli(['import', dir, '--db', db, '--now', at])).code).toBe(0);
    const csv = path.join(tempDir(), 'targets.csv');
    fs.writeFileSync(
      csv,
      `name,profileUrl,company\nAda Lovelace,${url('ada')},Acme\nAlan Turing,${url('alan')},Acme\n`,
    );
    expect((await cli(['targets', 'import', csv, '--db', db, '--now', at])).code).toBe(0);
    expect(
      (
        await cli([
          'templates',
          'add',
          'hi',
          'Hi {firstName}, a fellow {company} fan here.',
          '--db',
          db,
          '--now',
          at,
        ])
      ).code,
    ).toBe(0);
    expect((await cli(['templates', 'default', 'hi', '--db', db, '--now', at])).code).toBe(0);
    const status = await cli(['status', '--db', db, '--now', at]);
    expect(status.stdout).toMatch(/Notes\s+3 left: 2 of 5 used in the rolling 30 days/);
    const plan = await cli(['plan', '--db', db, '--now', at]);
    expect(plan.stdout).toContain('3 of 5 notes left in the rolling 30 days, 2 of them for these sends');
    const json = (await cli(['plan', '--db', db, '--now', at, '--json'])).json<{
      sends: Array<{ note: string }>;
    }>();
    expect(json.sends.filter((s) => s.note !== null)).toHaveLength(2);
  });
});

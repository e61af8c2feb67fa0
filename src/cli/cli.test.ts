import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { cli, PACKAGE_ROOT } from './testing.ts';

const run = promisify(execFile);
const NOW = '2026-11-26T12:00:00Z';

function sampleExport() {
  return writeExport(tempDir(), {
    invitations: [
      { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z', message: 'Hi Ada, loved your "notes", truly' },
      { name: 'Grace Hopper', sentAt: '2026-11-01T09:00:00Z' },
      { name: 'Alan Turing', sentAt: '2026-09-01T09:00:00Z' },
    ],
    connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
  });
}

describe('the installed command', () => {
  it('runs through npx from the project root and lists the commands', async () => {
    const { stdout } = await run('npx', ['invitekeeper', '--help'], { cwd: PACKAGE_ROOT });
    for (const command of ['import', 'status', 'plan', 'withdrawn', 'report', 'demo'])
      expect(stdout).toContain(command);
  });
});

describe('CLI end to end on a temporary database', () => {
  it('imports, then status and plan follow the JSON contract key for key', async () => {
    const db = path.join(tempDir(), 'x.db');
    const imported = await cli(['import', sampleExport(), '--db', db, '--now', NOW, '--json']);
    expect(imported.code).toBe(0);
    expect(imported.json<{ invitations: { new: number } }>().invitations.new).toBe(3);

    const status = await cli(['status', '--json', '--now', NOW, '--db', db]);
    expect(status.code).toBe(0);
    const s = status.json<Record<string, Record<string, unknown>>>();
    expect(Object.keys(s)).toEqual([
      'asOf',
      'account',
      'pending',
      'quota',
      'notes',
      'acceptance',
      'cooldowns',
      'risk',
      'warnings',
    ]);
    expect(s.pending).toEqual({ count: 3, stale: 2, oldestAgeDays: 86, expiringWithin14Days: 0 });
    expect(s.quota).toEqual({
      weeklyLimit: 100,
      sentLast7Days: 1,
      remaining: 99,
      dailyLimit: 20,
      sentToday: 0,
    });

    const plan = await cli(['plan', '--json', '--now', NOW, '--db', db]);
    expect(plan.code).toBe(0);
    const p = plan.json<{ withdrawals: Array<Record<string, unknown>> }>();
    expect(Object.keys(p)).toEqual([
      'asOf',
      'withdrawals',
      'withdrawalsDeferred',
      'sends',
      'skipped',
      'warnings',
    ]);
    expect(p.withdrawals).toEqual([
      {
        name: 'Alan Turing',
        profileUrl: 'https://www.linkedin.com/in/alan-turing',
        sentAt: '2026-09-01T09:00:00.000Z',
        ageDays: 86,
      },
      {
        name: 'Grace Hopper',
        profileUrl: 'https://www.linkedin.com/in/grace-hopper',
        sentAt: '2026-11-01T09:00:00.000Z',
        ageDays: 25,
      },
    ]);
  });

  it('prints readable tables without colour when not on a terminal', async () => {
    const db = path.join(tempDir(), 'x.db');
    await cli(['import', sampleExport(), '--db', db, '--now', NOW]);
    const plan = await cli(['plan', '--now', NOW, '--db', db]);
    expect(plan.stdout).toContain('Withdraw today: 2');
    expect(plan.stdout).toContain('https://www.linkedin.com/in/alan-turing');
    expect(plan.stdout).toContain('https://www.linkedin.com/mynetwork/invitation-manager/sent/');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(plan.stdout).not.toMatch(/\u001b\[/);
    const status = await cli(['status', '--now', NOW, '--db', db]);
    expect(status.stdout).toMatch(/Pending\s+3/);
  });

  it('records a withdrawal: out of pending and plans, cooldown counted, cap counted', async () => {
    const db = path.join(tempDir(), 'x.db');
    await cli(['import', sampleExport(), '--db', db, '--now', NOW]);
    const w = await cli([
      'withdrawn',
      'https://www.linkedin.com/in/alan-turing/',
      '--db',
      db,
      '--now',
      NOW,
      '--json',
    ]);
    expect(w.code).toBe(0);
    expect(w.json<{ withdrawnToday: number }>().withdrawnToday).toBe(1);
    const s = (await cli(['status', '--json', '--now', NOW, '--db', db])).json<{
      pending: { count: number };
      cooldowns: { active: number };
    }>();
    expect(s.pending.count).toBe(2);
    expect(s.cooldowns.active).toBe(1);
    const p = (await cli(['plan', '--json', '--now', NOW, '--db', db])).json<{
      withdrawals: Array<{ name: string }>;
    }>();
    expect(p.withdrawals.map((x) => x.name)).toEqual(['Grace Hopper']);
    const again = await cli([
      'withdrawn',
      'https://www.linkedin.com/in/alan-turing',
      '--db',
      db,
      '--now',
      NOW,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('withdrawn');
  });
});

describe('CLI end to end: refusals and the demo', () => {
  it.each([
    ['a missing path', () => '/nonexistent/export.zip', /export\.zip/],
    [
      'a file that is not a ZIP',
      () => {
        const f = path.join(tempDir(), 'export.zip');
        fs.writeFileSync(f, 'hello');
        return f;
      },
      /export\.zip/,
    ],
    [
      'a CSV with one bad date',
      () => {
        const f = path.join(tempDir(), 'Invitations.csv');
        fs.writeFileSync(
          f,
          'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nMe,Bob,"3/5/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/bob\nMe,Eve,"31/31/26, 1:45 AM",,OUTGOING,,https://www.linkedin.com/in/eve\n',
        );
        return f;
      },
      /Invitations\.csv:3/,
    ],
    [
      'a binary file named .csv',
      () => {
        const f = path.join(tempDir(), 'Connections.csv');
        fs.writeFileSync(f, Buffer.from([0x50, 0x4b, 0, 0, 0xff, 0xfe, 0, 1, 2]));
        return f;
      },
      /Connections\.csv/,
    ],
  ])('refuses %s: exit 2, a message naming it, the database as it was', async (_t, make, message) => {
    const db = path.join(tempDir(), 'x.db');
    await cli(['import', sampleExport(), '--db', db, '--now', NOW]);
    const before = (await cli(['status', '--json', '--now', NOW, '--db', db])).stdout;
    const result = await cli(['import', make(), '--db', db, '--now', NOW, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.json<{ error: { code: string } }>().error.code).toMatch(/BAD_INPUT|FILE_NOT_FOUND/);
    expect((await cli(['status', '--json', '--now', NOW, '--db', db])).stdout).toBe(before);
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await cli(['bogus'])).code).toBe(2);
    expect((await cli(['status', '--now', 'yesterday', '--db', ':memory:'])).code).toBe(2);
    expect((await cli(['import', '--db', ':memory:'])).code).toBe(2);
    expect((await cli(['status', '--account', 'nobody', '--db', ':memory:'])).stderr).toContain(
      'no account named "nobody"',
    );
  });

  it('runs the demo on the bundled sample', async () => {
    const demo = await cli(['demo', '--json']);
    expect(demo.code).toBe(0);
    const out = demo.json<{ status: { pending: { count: number } }; plan: { withdrawals: unknown[] } }>();
    expect(out.status.pending.count).toBeGreaterThan(0);
    expect(out.plan.withdrawals.length).toBeGreaterThan(0);
  });
});

describe('names taken from imported files reach the terminal inert', () => {
  // A name that would clear the screen, turn text red, plant a hyperlink, ring and reverse the line.
  const HOSTILE = '\u001b[2J\u001b[31m\u001b]8;;https://evil.example\u0007Jane\u202e Doe';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for live control characters
  const live = /[\u0007\u001b\u202e]/;

  it('in every human output, with --no-color: plan, targets list, status, report, and row errors', async () => {
    const db = path.join(tempDir(), 'x.db');
    const dir = writeExport(tempDir(), {
      invitations: [
        { name: HOSTILE, slug: 'jane-doe', sentAt: '2026-09-01T09:00:00Z', message: `Hi ${HOSTILE}` },
        { name: 'Alan Turing', sentAt: '2026-09-02T09:00:00Z' },
      ],
      connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
    });
    expect((await cli(['import', dir, '--db', db, '--now', NOW])).code).toBe(0);
    const targets = path.join(tempDir(), 'targets.csv');
    fs.writeFileSync(targets, `name,profileUrl\n"${HOSTILE}",https://www.linkedin.com/in/someone-else\n`);
    expect((await cli(['targets', 'import', targets, '--db', db, '--now', NOW])).code).toBe(0);
    // --json escapes them as JSON does, and keeps the name as it is
    const json = await cli(['plan', '--db', db, '--now', NOW, '--json']);
    expect(json.stdout).not.toMatch(live);
    expect(json.json<{ withdrawals: Array<{ name: string }> }>().withdrawals.map((w) => w.name)).toContain(
      HOSTILE,
    );
    const outputs = [
      await cli(['plan', '--db', db, '--now', NOW, '--no-color']),
      await cli(['targets', 'list', '--db', db, '--now', NOW, '--no-color']),
      await cli(['status', '--db', db, '--now', NOW, '--no-color']),
      await cli(['report', '--db', db, '--now', NOW, '--no-color']),
      await cli(['withdrawn', HOSTILE, '--db', db, '--now', NOW, '--no-color']),
    ];
    const bad = writeExport(tempDir(), {
      invitations: [{ name: HOSTILE, slug: 'jane-doe', sentAt: 'not a date' }],
    });
    outputs.push(await cli(['import', path.join(bad, 'Invitations.csv'), '--db', db, '--now', NOW]));
    for (const out of outputs) {
      expect(out.stdout).not.toMatch(live);
      expect(out.stderr).not.toMatch(live);
    }
    // shown escaped, so the member still sees what the file holds
    expect(outputs[0]!.stdout).toContain(
      '\\x1b[2J\\x1b[31m\\x1b]8;;https://evil.example\\x07Jane\\u202e Doe',
    );
    // the name given to `withdrawn` means the one pending invitation of that name
    expect(outputs[4]!.code).toBe(0);
    expect(outputs[4]!.stdout).toContain('jane-doe');
    expect(outputs[5]!.code).toBe(2);
  });
});

describe('small things a new member trips over (issue 14)', () => {
  it("each command's --help lists the options every command takes", async () => {
    for (const command of [['status'], ['targets', 'list'], ['import']]) {
      const help = await cli([...command, '--help']);
      expect(help.code).toBe(0);
      for (const option of ['--db', '--json', '--now', '--account']) expect(help.stdout).toContain(option);
    }
  });

  it('a refused command leaves no database behind where there was none; a good one keeps it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'fresh.db');
    const refused = await cli(['withdrawn', 'https://www.linkedin.com/in/nobody', '--db', db]);
    expect(refused.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await cli(['status', '--db', db])).code).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
    // an existing database stays whatever a command does
    expect((await cli(['withdrawn', 'https://www.linkedin.com/in/nobody', '--db', db])).code).toBe(2);
    expect(fs.existsSync(db)).toBe(true);
  });

  it("a new account starts in the machine's time zone (still a setting); an existing one keeps its own", async () => {
    const db = path.join(tempDir(), 'zone.db');
    const dir = writeExport(tempDir(), {
      invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' }],
      connections: [],
    });
    const paris = { TZ: 'Europe/Paris' };
    expect((await cli(['import', dir, '--db', db, '--now', '2026-11-26T12:00:00Z'], paris)).code).toBe(0);
    const zone = async (env: Record<string, string>, account = 'default') =>
      (await cli(['config', 'get', 'timezone', '--db', db, '--account', account, '--json'], env)).json<{
        settings: Array<{ value: string; source: string }>;
      }>().settings[0];
    expect(await zone(paris)).toEqual(expect.objectContaining({ value: 'Europe/Paris', source: 'account' }));
    // the same account read from a machine elsewhere: its zone is saved, not the machine's
    expect(await zone({ TZ: 'Asia/Tokyo' })).toEqual(expect.objectContaining({ value: 'Europe/Paris' }));
    // a machine on UTC saves nothing: the default applies
    expect((await cli(['accounts', 'add', 'second', '--db', db], { TZ: 'UTC' })).code).toBe(0);
    expect(await zone({ TZ: 'UTC' }, 'second')).toEqual(
      expect.objectContaining({ value: 'UTC', source: 'default' }),
    );
    // times are shown in the account's zone
    const plan = await cli(['plan', '--db', db, '--now', '2026-11-26T23:30:00Z', '--no-color'], paris);
    expect(plan.stdout).toContain('plan for 2026-11-27 00:30 Europe/Paris');
    const status = await cli(['status', '--db', db, '--now', '2026-11-26T23:30:00Z', '--no-color'], paris);
    expect(status.stdout).toContain('2026-11-27 00:30 Europe/Paris');
  });

  it('undo takes back the last record of the day; --list shows what can be (exit 2 when nothing)', async () => {
    const db = path.join(tempDir(), 'undo.db');
    const NOW = '2026-11-26T12:00:00Z';
    const dir = writeExport(tempDir(), {
      invitations: [{ name: 'Ada Lovelace', slug: 'ada', sentAt: '2026-10-01T09:00:00Z' }],
      connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
    });
    expect((await cli(['import', dir, '--db', db, '--now', NOW])).code).toBe(0);
    expect((await cli(['withdrawn', 'Ada Lovelace', '--db', db, '--now', NOW])).code).toBe(0);
    const list = await cli(['undo', '--list', '--db', db, '--now', NOW, '--no-color']);
    expect(list.stdout).toMatch(/withdrawn\s+Ada Lovelace\s+https:\/\/www\.linkedin\.com\/in\/ada/);
    const undo = await cli(['undo', '--db', db, '--now', NOW, '--no-color']);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('Undone: the withdrawal of Ada Lovelace');
    const status = (await cli(['status', '--db', db, '--now', NOW, '--json'])).json<{
      pending: { count: number };
    }>();
    expect(status.pending.count).toBe(1);
    const again = await cli(['undo', '--db', db, '--now', NOW]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('nothing to undo');
  });

  it('templates show names a template saved without a name once; config list reads the headline from the export', async () => {
    const db = path.join(tempDir(), 'x.db');
    const NOW = '2026-11-26T12:00:00Z';
    const dir = writeExport(tempDir(), {
      invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' }],
      connections: [],
      profile: { headline: 'Engineer at Babbage & Co' },
    });
    expect((await cli(['import', dir, '--db', db, '--now', NOW])).code).toBe(0);
    expect((await cli(['templates', 'add', 'intro', 'Hi {firstName}!', '--db', db, '--now', NOW])).code).toBe(
      0,
    );
    const show = await cli(['templates', 'show', 'intro', '--db', db, '--now', NOW, '--no-color']);
    expect(show.stdout.split('\n')[0]).toBe('intro · default · 15 characters');
    const list = await cli(['config', 'list', '--db', db, '--now', NOW, '--no-color']);
    expect(list.stdout).toMatch(/profile\.headline\s+yes\s+export/);
    const json = (await cli(['config', 'get', 'profile.headline', '--db', db, '--now', NOW, '--json'])).json<{
      settings: Array<{ value: unknown; source: string }>;
    }>();
    expect(json.settings[0]).toMatchObject({ value: true, source: 'export' });
  });
});

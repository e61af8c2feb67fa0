import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { cli, url } from './testing.ts';

describe('people given by name (issue 14)', () => {
  const AT = '2026-11-26T12:00:00Z';

  async function namesakes(): Promise<string> {
    const db = path.join(tempDir(), 'names.db');
    const dir = writeExport(tempDir(), {
      invitations: [
        { name: 'Mason Kelly', slug: 'mason-kelly-1', sentAt: '2026-11-01T09:00:00Z' },
        { name: 'Ana Diaz', slug: 'ana-diaz-a', sentAt: '2026-11-02T09:00:00Z' },
        { name: 'Ana Diaz', slug: 'ana-diaz-b', sentAt: '2026-11-03T09:00:00Z' },
      ],
      connections: [{ first: 'Mason', last: 'Kelly', slug: 'mason-kelly-2', connectedOn: '2025-05-01' }],
    });
    expect((await cli(['import', dir, '--db', db, '--now', AT])).code).toBe(0);
    const targets = path.join(tempDir(), 'targets.csv');
    fs.writeFileSync(
      targets,
      `name,profileUrl\nMason Kelly,${url('mason-kelly-3')}\nLi Wei,${url('li-wei-1')}\nLi Wei,${url('li-wei-2')}\n`,
    );
    expect((await cli(['targets', 'import', targets, '--db', db, '--now', AT])).code).toBe(0);
    return db;
  }

  it('withdrawn and accepted: a name means the one pending invitation of that name, links or not', async () => {
    const db = await namesakes();
    const one = await cli(['withdrawn', 'Mason Kelly', '--db', db, '--now', AT, '--json']);
    expect(one.code).toBe(0);
    expect(one.json<{ recorded: Array<{ profileUrl: string }> }>().recorded.map((r) => r.profileUrl)).toEqual(
      [url('mason-kelly-1')],
    );
    for (const command of ['withdrawn', 'accepted']) {
      const two = await cli([command, 'Ana Diaz', '--db', db, '--now', AT]);
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('is the name of 2 pending invitations');
      expect(two.stderr).toContain(url('ana-diaz-a'));
      expect(two.stderr).toContain(url('ana-diaz-b'));
    }
    const status = (await cli(['status', '--db', db, '--now', AT, '--json'])).json<{
      pending: { count: number };
    }>();
    expect(status.pending.count).toBe(2);
  });

  it('sent: a name means the one target of that name; anything else is refused with exit 2, nothing recorded', async () => {
    const db = await namesakes();
    const quota = async () =>
      (await cli(['status', '--db', db, '--now', AT, '--json'])).json<{ quota: { sentToday: number } }>()
        .quota.sentToday;
    // the connection of the same name is someone else: the target is meant
    const sent = await cli(['sent', 'Mason Kelly', '--db', db, '--now', AT, '--json']);
    expect(sent.code).toBe(0);
    expect(sent.json<{ profileUrl: string }>().profileUrl).toBe(url('mason-kelly-3'));
    expect(await quota()).toBe(1);
    for (const [person, message] of [
      ['not-a-url', 'is neither a LinkedIn profile URL nor the name of one of your targets'],
      ['Somebody Unknown', 'is neither a LinkedIn profile URL nor the name of one of your targets'],
      ['Li Wei', 'is the name of 2 targets'],
    ] as const) {
      const refused = await cli(['sent', person, '--db', db, '--now', AT]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
    }
    expect(await quota()).toBe(1);
  });
});

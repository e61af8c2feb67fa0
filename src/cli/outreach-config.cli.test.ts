import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../app/testing/fixtures.ts';
import { cli } from './testing.ts';

describe('config from the CLI', () => {
  it('config: set, get, list, unset; out-of-range values refused with exit 2 and the range', async () => {
    const db = path.join(tempDir(), 'x.db');
    const set = await cli(['config', 'set', 'weeklyInviteLimit', '150', '--db', db, '--json']);
    expect(set.code).toBe(0);
    expect((await cli(['config', 'get', 'weeklyInviteLimit', '--db', db])).stdout.trim()).toBe(
      '150  (account)',
    );
    for (const value of ['-3', '5000']) {
      const bad = await cli(['config', 'set', 'weeklyInviteLimit', value, '--db', db, '--json']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('0..200');
      expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_SETTING');
    }
    expect((await cli(['config', 'set', 'nonsense', '1', '--db', db])).code).toBe(2);
    const list = await cli(['config', 'list', '--db', db]);
    expect(list.stdout).toMatch(/weeklyInviteLimit\s+150\s+account\s+invitations per rolling 7 days/);
    expect(list.stdout).toMatch(/sendWindow\s+Mon-Fri 09:00-17:00\s+default/);
    expect((await cli(['config', 'unset', 'weeklyInviteLimit', '--db', db])).code).toBe(0);
    const all = (await cli(['config', 'get', '--db', db, '--json'])).json<{
      settings: Array<{ key: string; value: unknown }>;
    }>();
    expect(all.settings.find((s) => s.key === 'weeklyInviteLimit')?.value).toBe(100);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { importExport } from '../app/imports/import-snapshot.ts';
import { importSample, tempDir, testContext, writeExport } from '../app/testing/fixtures.ts';
import { REPORT_JSON_SCHEMA } from '../core/analytics/report-schema.ts';
import type { AnalyticsReport } from '../core/index.ts';
import { runCli } from './program.ts';
import { REPORT_SECTIONS } from './render/report.ts';
import { cli, PACKAGE_ROOT } from './testing.ts';

const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': true } });
const validate = ajv.compile(REPORT_JSON_SCHEMA);
const SAMPLE_NOW = '2026-11-21T08:30:00Z';

let sampleDb: string;
beforeAll(async () => {
  sampleDb = path.join(tempDir(), 'sample.db');
  const ctx = await testContext({ now: SAMPLE_NOW, db: sampleDb });
  await importSample(ctx);
  await ctx.store.close();
});

describe('invitekeeper report on the sample export', () => {
  it('--json prints the documented document: it validates against REPORT_JSON_SCHEMA', async () => {
    const result = await cli(['report', '--json', '--db', sampleDb, '--now', SAMPLE_NOW]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = result.json<AnalyticsReport>();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.asOf).toBe('2026-11-21T08:30:00.000Z');
    expect(report.whatIf!.length).toBeGreaterThan(1);
  });

  it('prints every section, with counts, small-sample markers, bars and a sparkline, and no colour off a terminal', async () => {
    const result = await cli(['report', '--db', sampleDb, '--now', SAMPLE_NOW]);
    expect(result.code).toBe(0);
    const out = result.stdout;
    for (const section of REPORT_SECTIONS) expect(out).toMatch(new RegExp(`^${section}\\b`, 'm'));
    expect(out).toMatch(/^ all invitations +\d+ +\d+ +\d+\.\d% +\d+ +\d+ +\d+\.\d%/m);
    expect(out).toMatch(/\d+\.\d%\*/); // a small sample
    expect(out).toMatch(/[▁▂▃▄▅▆▇█]{10,}/); // the weekly sparkline
    expect(out).toMatch(/█+[▏▎▍▌▋▊▉]?/);
    expect(out).toMatch(/recommended staleAfterDays +\d+ days/);
    // each rate says what it is over (issue 14): the plateau is an estimate over all invitations,
    // the median reads "the same day" rather than 0 days, and status says "matured"
    expect(out).toMatch(/eventually accepted +\d+\.\d% +of all invitations, estimated/);
    expect(out).toMatch(/median time to accept +(the same day|\d+(\.\d)? days?)/);
    const status = await cli(['status', '--db', sampleDb, '--now', SAMPLE_NOW, '--no-color']);
    expect(status.stdout).toMatch(/Acceptance +\d+\.\d% of \d+ matured invitations +· \d+\.\d% of all \d+/);
    expect(out).toContain('<- recommended');
    expect(out).toMatch(/^ current: staleAfterDays=14 /m);
    expect(out).toMatch(/^ {2}OK: no risk factor reached its threshold\./m);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('colours the tables on a terminal only', async () => {
    let stdout = '';
    const code = await runCli(['report', '--db', sampleDb, '--now', SAMPLE_NOW], {
      stdout: { write: (s: string) => (stdout += s), isTTY: true },
      stderr: { write: () => true, isTTY: true },
      env: { HOME: '/nonexistent-home' },
      packageRoot: PACKAGE_ROOT,
    });
    expect(code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(stdout).toMatch(/\u001b\[/);
  });

  it('--what-if replays every combination side by side, the actual history first', async () => {
    const result = await cli([
      'report',
      '--what-if',
      'staleAfterDays=7,14,21',
      'weeklyInviteLimit=100,150',
      '--json',
      '--db',
      sampleDb,
      '--now',
      SAMPLE_NOW,
    ]);
    expect(result.code).toBe(0);
    const rows = result.json<AnalyticsReport>().whatIf!;
    expect(rows.map((r) => r.label)).toEqual([
      'what happened',
      'current',
      'staleAfterDays=7, weeklyInviteLimit=100',
      'staleAfterDays=7, weeklyInviteLimit=150',
      'staleAfterDays=14, weeklyInviteLimit=100',
      'staleAfterDays=14, weeklyInviteLimit=150',
      'staleAfterDays=21, weeklyInviteLimit=100',
      'staleAfterDays=21, weeklyInviteLimit=150',
    ]);
    // The row with the current settings is the same replay as the current row, not the history.
    expect(rows[4]!.replay).toEqual(rows[1]!.replay);
    expect(rows[4]!.replay).not.toEqual(rows[0]!.replay);

    const human = await cli([
      'report',
      '--what-if',
      'staleAfterDays=7,21',
      '--db',
      sampleDb,
      '--now',
      SAMPLE_NOW,
    ]);
    expect(human.stdout).toMatch(/^ staleAfterDays=7 +\d+\.\d/m);
  });

  it.each([
    [['--what-if', 'staleAfterDays'], /staleAfterDays/],
    [['--what-if', 'staleAfterDays=999'], /staleAfterDays/],
    [['--what-if', 'timezone=UTC'], /timezone cannot be replayed/],
  ])('refuses --what-if %j with exit 2', async (args, message) => {
    const result = await cli(['report', ...args, '--db', sampleDb, '--now', SAMPLE_NOW]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--csv writes each table as a CSV file that reads back to the JSON figures', async () => {
    const dir = path.join(tempDir(), 'tables');
    const result = await cli(['report', '--csv', dir, '--json', '--db', sampleDb, '--now', SAMPLE_NOW]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Wrote 15 CSV tables/);
    const report = result.json<AnalyticsReport>();
    const files = fs.readdirSync(dir).sort();
    expect(files).toContain('acceptance-by-week.csv');
    expect(files).toContain('what-if.csv');
    expect(files).toHaveLength(15);
    expect(files).toContain('acceptance-by-weekday-hour.csv');
    const weeks = parse(fs.readFileSync(path.join(dir, 'acceptance-by-week.csv')), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(weeks.map((w) => w.key)).toEqual(report.acceptance.byWeek.map((w) => w.key));
    expect(weeks.map((w) => Number(w.maturedSent))).toEqual(
      report.acceptance.byWeek.map((w) => w.maturedSent),
    );
    const whatIf = parse(fs.readFileSync(path.join(dir, 'what-if.csv')), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(Number(whatIf[0]!.averagePending)).toBeCloseTo(report.whatIf![0]!.replay.averages.pending, 9);
  });
});

describe('invitekeeper config set staleAfterDays --recommended', () => {
  it('applies the threshold the report recommends, and refuses a value or another setting', async () => {
    const db = path.join(tempDir(), 'copy.db');
    fs.copyFileSync(sampleDb, db);
    const at = ['--db', db, '--now', SAMPLE_NOW];
    const recommended = (await cli(['report', '--json', ...at])).json<AnalyticsReport>().timeToAccept
      .recommendedStaleAfterDays;
    const set = await cli(['config', 'set', 'staleAfterDays', '--recommended', '--json', ...at]);
    expect(set.code).toBe(0);
    expect(set.json()).toMatchObject({ changed: true, recommended, current: { value: recommended } });
    const human = await cli(['config', 'set', 'staleAfterDays', '--recommended', ...at]);
    expect(human.stdout).toContain(`staleAfterDays = ${recommended}`);
    expect((await cli(['report', '--json', ...at])).json<AnalyticsReport>().settings.staleAfterDays).toBe(
      recommended,
    );
    expect((await cli(['config', 'set', 'staleAfterDays', '10', '--recommended', ...at])).code).toBe(2);
    expect((await cli(['config', 'set', 'weeklyInviteLimit', '--recommended', ...at])).code).toBe(2);
    expect((await cli(['config', 'set', 'staleAfterDays', ...at])).code).toBe(2);
  });
});

describe('report --csv and spreadsheet formula injection', () => {
  it('neutralises a template named like a formula', async () => {
    const db = path.join(tempDir(), 'x.db');
    const now = '2026-11-26T12:00:00Z';
    const ctx = await testContext({ now, db });
    await importExport(
      ctx,
      writeExport(tempDir(), { invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' }] }),
    );
    const account = (await ctx.store.findAccount('default'))!;
    const evil = ['=HYPERLINK("http://x")', '+1+2', '-3+4', '@SUM(A1)', '\t=1', '\r=1'];
    await ctx.store.write(account.id, (tx) =>
      tx.insertInvitations(
        account.id,
        evil.map((templateId, i) => ({
          personKey: `https://www.linkedin.com/in/p${i}`,
          nameKey: `p${i}`,
          profileUrl: `https://www.linkedin.com/in/p${i}`,
          name: `P ${i}`,
          headline: null,
          sentAt: Date.parse('2026-11-02T09:00:00Z'),
          sentAtEarliest: Date.parse('2026-11-02T09:00:00Z'),
          note: null,
          templateId,
          source: 'manual',
          status: 'pending',
          statusAt: null,
          snapshotId: null,
          recordedAt: Date.parse('2026-11-02T09:00:00Z'),
        })),
      ),
    );
    await ctx.store.close();

    const dir = path.join(tempDir(), 'tables');
    const result = await cli(['report', '--csv', dir, '--db', db, '--now', now]);
    expect(result.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'acceptance-by-template.csv'), 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    const keys = (parse(text, { columns: true }) as Array<Record<string, string>>).map((r) => r.key);
    expect(keys).toEqual([...evil.map((e) => `'${e}`).sort(), 'no template']);
    // No cell of any table starts a formula.
    for (const file of fs.readdirSync(dir)) {
      const rows = parse(fs.readFileSync(path.join(dir, file)), { relax_column_count: true }) as string[][];
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});

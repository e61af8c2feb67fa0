import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getReport } from '../../app/index.ts';
import { InviteKeeperError } from '../../core/index.ts';
import type { CommandKit } from '../program.ts';
import { renderReport } from '../render/report.ts';
import { renderCsv, reportCsvTables } from '../render/report-csv.ts';

interface ReportFlags {
  whatIf?: string[];
  csv?: string;
}

export function registerReport(program: Command, kit: CommandKit): void {
  program
    .command('report')
    .description(
      'acceptance analytics and advice: rates by week, template, note, mutual connections, relation, weekday and hour; time to accept and the recommended staleAfterDays; what-if; own profile; risk explained',
    )
    .option(
      '--what-if <setting=values...>',
      'replay your history under other settings, every combination (staleAfterDays, maxWithdrawalsPerDay, weeklyInviteLimit, dailyInviteLimit)',
    )
    .option('--csv <dir>', 'also write each table as a CSV file into <dir> (created if missing)')
    .addHelpText(
      'after',
      `
Examples:
  invitekeeper report
  invitekeeper report --what-if staleAfterDays=7,14,21 weeklyInviteLimit=100,150
  invitekeeper report --json > report.json      (schema: docs/report.md)
  invitekeeper report --csv report-tables/`,
    )
    .action(async (flags: ReportFlags, cmd: Command) => {
      const report = await kit.withApp(cmd, (ctx) =>
        getReport(ctx, flags.whatIf ? { whatIf: flags.whatIf } : {}),
      );
      if (flags.csv !== undefined) {
        const written = writeCsvTables(flags.csv, reportCsvTables(report));
        kit.note(`Wrote ${written.length} CSV tables to ${flags.csv}: ${written.join(', ')}`);
      }
      kit.print(cmd, report, (c) => renderReport(c, report));
    });
}

function writeCsvTables(dir: string, tables: ReturnType<typeof reportCsvTables>): string[] {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const t of tables) fs.writeFileSync(path.join(dir, t.file), renderCsv(t.rows));
  } catch (error) {
    throw new InviteKeeperError(
      'FILE_NOT_FOUND',
      `cannot write the CSV tables into ${dir}: ${(error as Error).message}`,
      { file: dir },
    );
  }
  return tables.map((t) => t.file);
}

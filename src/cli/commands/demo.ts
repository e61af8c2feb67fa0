import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import {
  addTemplate,
  type Config,
  getPlan,
  getStatus,
  importExport,
  importTargets,
  loadConfig,
  type TargetImportReport,
} from '../../app/index.ts';
import { DAY_MS, InviteKeeperError } from '../../core/index.ts';
import { generateToken } from '../../server/index.ts';
import { inertText, jsonText } from '../io.ts';
import type { CommandKit } from '../program.ts';
import { renderPlan } from '../render/plan.ts';
import { renderStatus } from '../render/status.ts';
import { renderImportReport } from './import.ts';
import { addServeOptions, type ServeFlags, serveUntilInterrupted } from './serve.ts';

/**
 * The first weekday morning after the sample's snapshot, so the demo's plan reads like the working
 * day after an export, with sends inside the default Mon-Fri window.
 */
function demoMorning(asOfIso: string): number {
  let morning = Date.parse(`${asOfIso.slice(0, 10)}T08:30:00Z`) + DAY_MS;
  while ([0, 6].includes(new Date(morning).getUTCDay())) morning += DAY_MS;
  return morning;
}

/** The note template the demo plans with: it uses the sample's custom `event` column. */
export const DEMO_TEMPLATE = {
  id: 'met-at-event',
  name: 'Met at an event',
  body: "Hi {firstName}, we were both at {event}. I'd enjoy swapping notes on what {company} is working on. Would you be open to connecting?",
};

export function registerDemo(program: Command, kit: CommandKit): void {
  const demo = program
    .command('demo')
    .description('import the bundled sample export into a throwaway database and show its status and plan')
    .option('--keep', 'keep the demo database and print where it is')
    .option('--serve', 'then serve the dashboard on it until Ctrl+C (see `serve` for the options)');
  addServeOptions(demo, true).action(
    async (opts: { keep?: boolean; serve?: boolean } & ServeFlags, cmd: Command) => {
      const examples = path.join(kit.io.packageRoot, 'examples');
      const latest = path.join(examples, 'linkedin-export.zip');
      if (!fs.existsSync(latest)) {
        throw new InviteKeeperError(
          'FILE_NOT_FOUND',
          `the sample export ${latest} is missing; run \`npm run examples\``,
          {
            file: latest,
          },
        );
      }
      const targetsFile = path.join(examples, 'targets.csv');
      const historyDir = path.join(examples, 'history');
      const history = fs.existsSync(historyDir)
        ? fs
            .readdirSync(historyDir)
            .filter((f) => f.endsWith('.zip'))
            .sort()
            .map((f) => path.join(historyDir, f))
        : [];
      const g = kit.globals(cmd);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitekeeper-demo-'));
      const db = g.db ?? path.join(dir, 'demo.db');
      const config: Config = {
        ...loadConfig({ db, account: g.account, config: g.config }, kit.io.env),
      };
      const json = Boolean(g.json);
      try {
        const result = await kit.withApp(
          cmd,
          async (ctx) => {
            const reports = [];
            for (const file of [...history, latest]) reports.push(await importExport(ctx, file));
            const asOf = reports.at(-1)!.asOf;
            const at = { ...ctx, now: kit.givenNow(cmd) ?? demoMorning(asOf) };
            // The targets file is optional: without it the demo plans withdrawals only.
            let targets: TargetImportReport | null = null;
            if (fs.existsSync(targetsFile)) {
              targets = await importTargets(at, targetsFile);
              await addTemplate(at, { ...DEMO_TEMPLATE, makeDefault: true });
            }
            const result = { reports, targets, status: await getStatus(at), plan: await getPlan(at) };
            // Served from inside, so the throwaway database stays open (and on disk) while the page is used.
            if (opts.serve) {
              printDemo(result);
              await serveUntilInterrupted(kit, kit.colors(cmd), at, () => at.now, opts, {
                token: generateToken(),
                label: 'invitekeeper demo',
              });
            }
            return result;
          },
          config,
        );
        if (!opts.serve) printDemo(result);
        if (opts.keep) kit.note(`The demo database is kept at ${db} (use --db ${db} with any command).`);
      } finally {
        if (!opts.keep && !g.db) fs.rmSync(dir, { recursive: true, force: true });
      }

      function printDemo(result: {
        reports: Awaited<ReturnType<typeof importExport>>[];
        targets: TargetImportReport | null;
        status: Awaited<ReturnType<typeof getStatus>>;
        plan: Awaited<ReturnType<typeof getPlan>>;
      }) {
        const { status, plan, reports, targets } = result;
        if (json) {
          const { details: _s, ...statusJson } = status;
          const { details: _p, ...planJson } = plan;
          kit.io.stdout.write(
            `${jsonText({ imports: reports, targets, status: statusJson, plan: planJson })}\n`,
          );
        } else {
          const c = kit.colors(cmd);
          const out = [
            c.bold('invitekeeper demo') +
              c.dim(
                ` · a synthetic member's exports (${reports.length} monthly snapshots), imported into ${opts.keep ? db : 'a throwaway database'}`,
              ),
            '',
            ...reports.slice(-1).map((r) => renderImportReport(c, r)),
            ...(targets
              ? [
                  c.dim(
                    `Imported ${targets.targets.new} targets from examples/targets.csv; note template "${DEMO_TEMPLATE.id}": ${DEMO_TEMPLATE.body}`,
                  ),
                ]
              : []),
            '',
            renderStatus(c, status),
            '',
            renderPlan(c, plan),
            '',
            c.dim(
              `Try it on your own data: download your export (LinkedIn > Settings > Data privacy > Get a copy of your data), then\n  npx invitekeeper import <the ZIP> && npx invitekeeper status && npx invitekeeper plan\nand for the sending side: npx invitekeeper targets import <your list.csv> && npx invitekeeper templates add <id> "<note>"`,
            ),
          ];
          kit.io.stdout.write(`${inertText(out.join('\n'), c.isColorSupported)}\n`);
        }
      }
    },
  );
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AppContext,
  addTemplate,
  blockTarget,
  type Config,
  getPlan,
  importExport,
  importSentPageFile,
  importTargets,
  openApp,
  pruneUnansweredTargets,
  recordAcceptance,
  recordSend,
  recordWithdrawals,
  removeTargets,
  setConfig,
} from '../app/index.ts';
import { HOUR_MS, type Instant } from '../core/index.ts';
import type { MemberAction, MemberStrategy, MemberView, StrategySetup } from './strategy.ts';
import { targetsCsv } from './targets-writer.ts';

/**
 * The member who follows invitekeeper's daily plan, through the product's own use cases on a
 * throwaway database. Each simulated day, before acting, they write down what happened the day
 * before (the invitations that went out, the withdrawals that went through, the acceptances
 * LinkedIn notified), import what LinkedIn shows them (the data export once a week, the Sent page
 * copied as text on the other days), ask for the plan, withdraw what it lists and send what it
 * lists at each send's `sendAfter`. Sends the plan times after the end of the day wait for the next
 * day's plan, which is worked out afresh (the product's advice: work from the newest plan).
 *
 * They see only what a member sees: the export, the Sent page, acceptance notifications and
 * whether a click went through. Reports ("I don't know this person") are never shown to a sender,
 * so there are none to record. Unlike the rest of src/sim this member does I/O: an SQLite
 * database in memory and a temporary folder for the files they import, both released by `end`.
 */

export interface PlanMemberOptions {
  /** Days between two data exports; the Sent page is imported on the other days. Default 7. */
  exportEveryDays?: number;
  /** The note template the plan renders; null plans invitations without a note. */
  template?: { id: string; name: string; body: string } | null;
  /** UTC hour at which the member withdraws what the plan lists. Default 7 (08:00 in Berlin). */
  withdrawHourUtc?: number;
  /**
   * The member queues their list in batches, in its order: a batch of this many whenever fewer than
   * `queueLow` queued people are waiting for the allowance. Default 200 and 200 (two weeks of sends).
   */
  queueBatch?: number;
  queueLow?: number;
  /** The database: `:memory:` (the default) or a file path (to inspect it afterwards). */
  db?: string;
  /** The account's name in that database. */
  account?: string;
}

/** A short personal note: greets by first name and names the recipient's company. */
export const PLAN_MEMBER_TEMPLATE = {
  id: 'intro',
  name: 'Short intro',
  body: 'Hi {firstName}, I work on B2B partnerships in climate tech and follow what {company} is building. Would you be open to connecting?',
} as const;

/** What the plan member did through the product, for tests and reports. */
export interface PlanMemberLog {
  imports: { exports: number; sentPages: number };
  recorded: { sends: number; withdrawals: number; acceptances: number };
  /** People of the list queued as targets so far. */
  queued: number;
  /** Targets removed from the queue because the plan was done with them. */
  pruned: number;
  /** Clicks LinkedIn refused, by reason (the product should make this empty). */
  refused: Record<string, number>;
  /** Sends the plan timed after the day's end, left for the next day's plan. */
  deferredSends: number;
}

export type PlanMember = MemberStrategy & {
  readonly log: PlanMemberLog;
  /** The product's context, while the member runs (for tests). */
  context(): AppContext | null;
};

/** A member following the product's plan (see the module comment). */
export function createPlanMember(options: PlanMemberOptions = {}): PlanMember {
  const exportEvery = Math.max(1, options.exportEveryDays ?? 7);
  const template = options.template === undefined ? PLAN_MEMBER_TEMPLATE : options.template;
  const withdrawHour = options.withdrawHourUtc ?? 7;
  const queueBatch = Math.max(1, options.queueBatch ?? 200);
  const queueLow = options.queueLow ?? 200;
  /** Queued people the last plan left for later days (QUOTA or PAUSED). */
  let waiting = 0;
  let setup: StrategySetup | null = null;
  let app: AppContext | null = null;
  let dir: string | null = null;
  const log: PlanMemberLog = {
    imports: { exports: 0, sentPages: 0 },
    recorded: { sends: 0, withdrawals: 0, acceptances: 0 },
    queued: 0,
    pruned: 0,
    refused: {},
    deferredSends: 0,
  };

  /** The product's context as of `now` (the member's clock). */
  const at = (now: Instant): AppContext => {
    if (!app) throw new Error('the plan member was not started');
    return { ...app, now };
  };

  return {
    name: 'plan',
    log,
    context: () => app,

    async start(s) {
      setup = s;
      dir = await mkdtemp(join(tmpdir(), 'invitekeeper-sim-'));
      // Built directly rather than by loadConfig: the simulated member runs on the product's
      // defaults, whatever config file or INVITEKEEPER_* variables the machine has.
      const config: Config = Object.freeze({
        db: options.db ?? ':memory:',
        account: options.account ?? 'simulated',
        workspace: null,
        dataDir: dir,
        settingsDefaults: Object.freeze({}),
        settingsOverrides: Object.freeze({}),
        configFile: null,
        token: null,
        // the simulated member lives on UTC, whatever this machine's zone
        systemTimezone: 'UTC',
      });
      app = await openApp(config, s.start);
      const ctx = at(s.start);
      // What the member knows of their own account and of LinkedIn's published limits.
      await setConfig(ctx, 'timezone', s.sender.timezone);
      await setConfig(ctx, 'accountTier', s.sender.tier);
      await setConfig(ctx, 'weeklyInviteLimit', String(Math.min(200, s.knownLimits.weeklyInvites)));
      await setConfig(ctx, 'reinviteCooldownDays', String(s.knownLimits.reinviteWaitDays));
      if (template) await addTemplate(ctx, { ...template, makeDefault: true });
    },

    async decide(view: MemberView): Promise<MemberAction[]> {
      if (!setup || !dir) throw new Error('the plan member was not started');
      const ctx = at(view.now);
      await writeDown(ctx, view, log);
      if (waiting < queueLow && log.queued < setup.targets.length) {
        // The next people of the list, as a targets CSV like one exported from a spreadsheet.
        const batch = setup.targets.slice(log.queued, log.queued + queueBatch);
        const file = join(dir, `targets-${view.day}.csv`);
        const rows = batch.map((t) => ({ ...t, tags: [] }));
        await writeFile(file, [...targetsCsv(rows, { bom: false, eol: '\n', customColumns: [] })].join(''));
        await importTargets(ctx, file);
        await rm(file, { force: true });
        log.queued += batch.length;
      }
      if (view.day % exportEvery === 0) {
        const folder = join(dir, `export-${view.day}`);
        await writeFolder(folder, view.exportData());
        await importExport(ctx, folder, { asOf: view.now });
        await rm(folder, { recursive: true, force: true });
        log.imports.exports++;
      } else {
        const file = join(dir, `sent-${view.day}.txt`);
        await writeFile(file, view.sentPageText({ limit: Number.POSITIVE_INFINITY }));
        await importSentPageFile(ctx, file, { asOf: view.now, allowEmpty: true });
        await rm(file, { force: true });
        log.imports.sentPages++;
      }

      const plan = await getPlan(ctx);
      if (view.day % exportEvery === 0) {
        // Weekly tidying: the people the plan is done with leave the queue (today's plan stands:
        // it sends none of them).
        const done = plan.skipped.filter((x) => DONE.has(x.reason) && x.profileUrl).map((x) => x.profileUrl!);
        if (done.length) {
          await removeTargets(ctx, done);
          log.pruned += done.length;
        }
        // People who ignored an invitation are not invited again: that is this member's habit, as
        // the docs suggest, since some of them may have reported it (which no member is told).
        log.pruned += (await pruneUnansweredTargets(ctx)).removed.length;
      }
      waiting = plan.skipped.filter((x) => x.reason === 'QUOTA' || x.reason === 'PAUSED').length;
      const actions: MemberAction[] = [];
      // One sitting on the Sent page, recorded as one moment.
      const withdrawAt = view.now + withdrawHour * HOUR_MS;
      for (const w of plan.withdrawals) {
        if (!w.profileUrl) continue;
        actions.push({ kind: 'withdraw', profileUrl: w.profileUrl, at: withdrawAt });
      }
      for (const s of plan.sends) {
        const sendAt = Date.parse(s.sendAfter);
        if (!s.profileUrl) continue;
        if (sendAt >= view.dayEnd) {
          log.deferredSends++;
          continue;
        }
        actions.push({ kind: 'send', profileUrl: s.profileUrl, note: s.note, at: sendAt });
      }
      return actions;
    },

    async end() {
      try {
        await app?.store.close();
      } finally {
        app = null;
        if (dir) await rm(dir, { recursive: true, force: true });
        dir = null;
      }
    },
  };
}

/**
 * Records yesterday's clicks that went through and today's acceptance notifications, in that
 * order (an acceptance may be of an invitation sent yesterday).
 */
async function writeDown(ctx: AppContext, view: MemberView, log: PlanMemberLog): Promise<void> {
  const withdrawnAt = new Map<Instant, string[]>();
  for (const o of view.outcomes) {
    if (!o.ok) {
      log.refused[o.reason] = (log.refused[o.reason] ?? 0) + 1;
      // LinkedIn would not let them invite this person: they take them off the plan for good.
      if (o.action.kind === 'send' && PERSONAL_REFUSALS.has(o.reason)) {
        await blockTarget(ctx, o.action.profileUrl);
      }
      continue;
    }
    const a = o.action;
    if (a.kind === 'send') {
      await recordSend(ctx, a.profileUrl, {
        at: o.at,
        ...(a.note ? { note: a.note } : {}),
      });
      log.recorded.sends++;
    } else if (a.kind === 'withdraw') {
      const list = withdrawnAt.get(o.at) ?? [];
      list.push(a.profileUrl);
      withdrawnAt.set(o.at, list);
    }
  }
  for (const [t, people] of withdrawnAt) {
    await recordWithdrawals(ctx, people, t);
    log.recorded.withdrawals += people.length;
  }
  for (const n of view.notifications) {
    await recordAcceptance(ctx, n.profileUrl, { at: n.at });
    log.recorded.acceptances++;
  }
}

/**
 * Skip reasons after which the member gives up on a person and takes them off the queue. Not
 * DO_NOT_CONTACT: removing a blocked target would lift the block.
 */
const DONE: ReadonlySet<string> = new Set(['ALREADY_CONNECTED', 'REPORTED', 'AT_CONNECTION_CAP']);

/** Refusals about the person rather than the account or the moment. */
const PERSONAL_REFUSALS: ReadonlySet<string> = new Set([
  'UNKNOWN_RECIPIENT',
  'ALREADY_CONNECTED',
  'ALREADY_PENDING',
  'RECIPIENT_BLOCKED',
]);

/** An export as the member unpacks it: its files in a folder. */
async function writeFolder(folder: string, files: Record<string, string>): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
}

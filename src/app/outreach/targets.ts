import type { z } from 'zod';
import {
  blockOf,
  buildEligibility,
  endedUnanswered,
  type Instant,
  InviteKeeperError,
  isValidTimeZone,
  ledgerAt,
  normalizeName,
  type PersonKey,
  personKeyOf,
  RELATIONS,
  type Relation,
  type Settings,
  scoreTarget,
  toIso,
  unknownTargetDetails,
} from '../../core/index.ts';
import { readTargetsCsv } from '../../sources/index.ts';
import type { TargetRow } from '../../sources/records.ts';
import { settingsFor } from '../config.ts';
import { type AppContext, ensureContextAccount, requireAccount } from '../context.ts';
import { badRowsError } from '../imports/row-checks.ts';
import { type PersonRef, parsePersonRef } from '../invitations/withdrawals.ts';
import type { AccountRecord, Repositories, TargetRecord } from '../ports.ts';
import { TargetQueue } from './target-queue.ts';
import type { TargetImportReportSchema, TargetSchema } from './targets.schema.ts';

/**
 * The member's target queue (SPEC section 2, Target; section 3.3, the targets CSV). A target is
 * keyed like every person: by canonical profile URL, else by normalised name. Importing a list
 * again updates the targets it names and never adds a second row for the same person; a name-only
 * target that later comes with its URL is re-keyed, not duplicated.
 *
 * Merge rule (import and `targets add` alike): a value given replaces the stored one, an empty cell
 * leaves it as it was, custom fields merge by column. The do-not-contact flag and the time the
 * target joined the queue are never changed by an import.
 */

export type TargetImportReport = z.output<typeof TargetImportReportSchema>;

export interface TargetImportOptions {
  /** Import the good rows when some are bad (default: refuse the whole file). */
  skipBadRows?: boolean;
}

/** The fields of a target the member can give (a CSV row, or `targets add` flags). */
export type TargetFields = Partial<Omit<TargetRow, 'custom'>> & { custom?: Record<string, string> };

/** Imports a targets CSV atomically: all rows or none (unless skipBadRows), idempotently. */
export async function importTargets(
  ctx: AppContext,
  path: string,
  options: TargetImportOptions = {},
): Promise<TargetImportReport> {
  const { file, rows } = await readTargetsCsv(path);
  const report: TargetImportReport = {
    account: ctx.config.account,
    file,
    imported: 0,
    unchanged: 0,
    rowErrors: [],
    targets: { new: 0, updated: 0, unchanged: 0 },
    notes: [],
  };
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const queue = await TargetQueue.load(tx, account.id);
    for (const parsed of rows) {
      if (!parsed.ok) {
        report.rowErrors.push(parsed.error);
        continue;
      }
      const merged = queue.merge(parsed.value, ctx.now);
      if (typeof merged === 'string') {
        report.rowErrors.push({ file, line: parsed.line, message: merged });
        continue;
      }
      const { outcome } = merged;
      if (outcome === 'unchanged') {
        report.unchanged++;
        report.targets.unchanged++;
      } else {
        report.imported++;
        report.targets[outcome === 'new' ? 'new' : 'updated']++;
      }
    }
    if (report.rowErrors.length && !options.skipBadRows) throw badRowsError(report.rowErrors);
    await queue.save();
    if (queue.duplicates > 0) {
      report.notes.push(
        `${queue.duplicates} row${queue.duplicates === 1 ? '' : 's'} named a person an earlier row already named: the later values were merged in`,
      );
    }
    return report;
  });
}

// ---------------------------------------------------------------------------------------------
// One target at a time

/** What `targets add` takes: a profile URL or a name, and any fields as text. */
export interface TargetAddInput {
  /** A profile URL or a name. */
  person: string;
  /** The name, when `person` is a URL. */
  name?: string;
  relation?: string;
  mutualConnections?: string | number;
  connectionCount?: string | number;
  timezone?: string;
  tags?: string[];
  company?: string;
  headline?: string;
  custom?: Record<string, string>;
}

/** A target as commands show it: its fields, whether it may be invited now, and its score. */
export type TargetView = z.output<typeof TargetSchema>;

/** Adds one target, or updates the one already queued for the same person. */
export async function addTarget(
  ctx: AppContext,
  input: TargetAddInput,
): Promise<{ created: boolean; changed: boolean; target: TargetView }> {
  const ref = parsePersonRef(input.person);
  const fields = targetFieldsOf(input, ref);
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const queue = await TargetQueue.load(tx, account.id);
    const merged = queue.merge(fields, ctx.now);
    if (typeof merged === 'string') throw new InviteKeeperError('CONFLICT', merged);
    await queue.save();
    const stored = queue.get(merged.personKey);
    if (!stored) throw new InviteKeeperError('INTERNAL', `the target ${input.person} was not saved`);
    return {
      created: merged.outcome === 'new',
      changed: merged.outcome !== 'unchanged',
      target: (await viewsOf(tx, account, settingsFor(ctx.config, account.settings), ctx.now, [stored]))[0]!,
    };
  });
}

function targetFieldsOf(input: TargetAddInput, ref: PersonRef): TargetFields {
  const problems: string[] = [];
  const fields: TargetFields = {
    profileUrl: ref.profileUrl,
    name: (input.name ?? (ref.profileUrl ? '' : ref.text)).trim(),
  };
  if (input.relation !== undefined) {
    const r = input.relation
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    const relation = (r === 'industrypeer' ? 'industry-peer' : r) as Relation;
    if ((RELATIONS as readonly string[]).includes(relation)) fields.relation = relation;
    else problems.push(`--relation "${input.relation}" is not one of ${RELATIONS.join(', ')}`);
  }
  for (const [flag, key, value] of [
    ['--mutual', 'mutualConnections', input.mutualConnections],
    ['--connections', 'connectionCount', input.connectionCount],
  ] as const) {
    if (value === undefined) continue;
    const n = typeof value === 'number' ? value : Number(String(value).replace(/,/g, '').trim());
    if (Number.isSafeInteger(n) && n >= 0) fields[key] = n;
    else problems.push(`${flag} "${value}" is not a whole number of 0 or more`);
  }
  if (input.timezone !== undefined) {
    const tz = input.timezone.trim();
    if (isValidTimeZone(tz) && !/^(local|system)$/i.test(tz) && !/^(utc|gmt)?\s*[+-]\d/i.test(tz))
      fields.timezone = tz;
    else problems.push(`--timezone "${input.timezone}" is not an IANA time zone (like Europe/Paris)`);
  }
  if (input.tags) fields.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (input.company?.trim()) fields.company = input.company.trim();
  if (input.headline?.trim()) fields.headline = input.headline.trim();
  if (input.custom) fields.custom = { ...input.custom };
  if (problems.length) throw new InviteKeeperError('USAGE', problems.join('; '), { problems });
  return fields;
}

export interface TargetListOptions {
  /** Only targets with this tag. */
  tag?: string;
  /** Only targets with this status (`ready` or a skip reason). */
  status?: string;
}

/** The account's targets, each with whether it may be invited now and its score, best first. */
export async function listTargets(
  ctx: AppContext,
  options: TargetListOptions = {},
): Promise<{ account: string; asOf: string; targets: TargetView[] }> {
  const { account, settings } = await requireAccount(ctx);
  let targets = await ctx.store.listTargets(account.id);
  if (options.tag) {
    const tag = options.tag.toLowerCase();
    targets = targets.filter((t) => t.tags.some((x) => x.toLowerCase() === tag));
  }
  let views = await viewsOf(ctx.store, account, settings, ctx.now, targets);
  if (options.status) views = views.filter((v) => v.status === options.status);
  views.sort(
    (a, b) =>
      Number(b.status === 'ready') - Number(a.status === 'ready') ||
      b.score - a.score ||
      a.addedAt.localeCompare(b.addedAt) ||
      (a.profileUrl ?? '').localeCompare(b.profileUrl ?? '') ||
      a.name.localeCompare(b.name),
  );
  return { account: account.name, asOf: toIso(ctx.now), targets: views };
}

/** Targets as shown, with their status at `now`. Reads through `repos` only (it may be a transaction). */
async function viewsOf(
  repos: Repositories,
  account: AccountRecord,
  settings: Settings,
  now: Instant,
  targets: readonly TargetRecord[],
): Promise<TargetView[]> {
  const [invitations, connections, reports] = await Promise.all([
    repos.listInvitations(account.id),
    repos.listConnectionRefs(account.id),
    repos.listReports(account.id),
  ]);
  const facts = buildEligibility(ledgerAt(invitations, now), connections, reports, now, settings);
  return targets.map((t) => {
    const block = blockOf(t, facts);
    const view: TargetView = {
      name: t.name,
      profileUrl: t.profileUrl,
      relation: t.relation,
      mutualConnections: t.mutualConnections,
      connectionCount: t.connectionCount,
      timezone: t.timezone,
      tags: t.tags,
      company: t.company,
      headline: t.headline,
      custom: t.custom,
      doNotContact: t.doNotContact,
      addedAt: toIso(t.addedAt),
      status: block?.reason ?? 'ready',
      unanswered: endedUnanswered(t, facts),
      score: scoreTarget(t, now),
    };
    if (block?.until !== undefined) view.until = toIso(block.until);
    return view;
  });
}

/**
 * The targets a person reference names: by URL exactly; by name, the name-only target or the one
 * target of that name. Throws CONFLICT when a name matches several.
 */
async function targetsOf(tx: Repositories, accountId: number, ref: PersonRef): Promise<TargetRecord[]> {
  const found = await tx.findTargets(accountId, ref.personKey, ref.nameKey);
  if (ref.profileUrl) return found.filter((t) => t.personKey === ref.personKey);
  const exact = found.filter((t) => t.personKey === ref.personKey);
  if (exact.length) return exact;
  if (found.length > 1) {
    throw new InviteKeeperError(
      'CONFLICT',
      `${found.length} targets are named "${ref.text}": give the profile URL (${found
        .map((t) => t.profileUrl ?? '(no URL)')
        .join(', ')})`,
    );
  }
  return found;
}

/** Removes targets from the queue. All or nothing: a person who is not a target removes none. */
export async function removeTargets(
  ctx: AppContext,
  people: readonly string[],
): Promise<{ removed: Array<{ name: string; profileUrl: string | null }> }> {
  if (people.length === 0) throw new InviteKeeperError('USAGE', 'name at least one target to remove');
  const refs = people.map(parsePersonRef);
  const { account } = await requireAccount(ctx);
  return ctx.store.write(account.id, async (tx) => {
    const chosen = new Map<PersonKey, TargetRecord>();
    const missing: string[] = [];
    for (const ref of refs) {
      const found = await targetsOf(tx, account.id, ref);
      if (found.length === 0) missing.push(ref.text);
      for (const t of found) chosen.set(t.personKey, t);
    }
    if (missing.length) {
      throw new InviteKeeperError(
        'NOT_FOUND',
        `nothing was removed: not a target: ${missing.join(', ')} (see \`invitekeeper targets list\`)`,
        { problems: missing },
      );
    }
    await tx.deleteTargets(account.id, [...chosen.keys()]);
    return { removed: [...chosen.values()].map((t) => ({ name: t.name, profileUrl: t.profileUrl })) };
  });
}

/**
 * Takes off the queue the targets whose invitation, sent after they were queued, ended without an
 * answer (withdrawn, vanished or expired). The plan would invite them again once the cooldown is
 * over, as LinkedIn allows; a member who would rather not re-invite people who ignored them runs
 * this after recording withdrawals. Blocked targets stay (removing them would lift the block).
 */
export async function pruneUnansweredTargets(
  ctx: AppContext,
  options: { dryRun?: boolean } = {},
): Promise<{ removed: Array<{ name: string; profileUrl: string | null }>; dryRun: boolean }> {
  const { account, settings } = await requireAccount(ctx);
  return ctx.store.write(account.id, async (tx) => {
    const targets = await tx.listTargets(account.id);
    const views = await viewsOf(tx, account, settings, ctx.now, targets);
    const gone = targets.filter((t, i) => views[i]!.unanswered && !t.doNotContact);
    if (!options.dryRun && gone.length)
      await tx.deleteTargets(
        account.id,
        gone.map((t) => t.personKey),
      );
    return {
      removed: gone.map((t) => ({ name: t.name, profileUrl: t.profileUrl })),
      dryRun: Boolean(options.dryRun),
    };
  });
}

/** Removes one target; see removeTargets. */
export async function removeTarget(ctx: AppContext, person: string) {
  return removeTargets(ctx, [person]);
}

/**
 * Marks a person do-not-contact (or lifts it with `block: false`). A person who is not a target yet
 * becomes one, blocked, so that no later import or plan ever invites them.
 */
export async function blockTarget(
  ctx: AppContext,
  person: string,
  options: { name?: string; block?: boolean } = {},
): Promise<{ created: boolean; changed: boolean; target: TargetView }> {
  const ref = parsePersonRef(person);
  const block = options.block ?? true;
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const found = await targetsOf(tx, account.id, ref);
    const now = ctx.now;
    const settings = settingsFor(ctx.config, account.settings);
    if (found.length === 0) {
      if (!block) {
        throw new InviteKeeperError('NOT_FOUND', `${ref.text} is not a target, so is not blocked`);
      }
      const name = options.name?.trim() || (ref.profileUrl ? await knownName(tx, account.id, ref) : ref.text);
      const target: TargetRecord = {
        personKey: personKeyOf(ref.profileUrl, name),
        profileUrl: ref.profileUrl,
        name,
        nameKey: normalizeName(name),
        ...unknownTargetDetails(),
        doNotContact: true,
        addedAt: now,
        updatedAt: now,
      };
      await tx.insertTargets(account.id, [target]);
      return {
        created: true,
        changed: true,
        target: (await viewsOf(tx, account, settings, now, [target]))[0]!,
      };
    }
    const changed = found.filter((t) => t.doNotContact !== block);
    for (const t of changed) {
      await tx.updateTarget(account.id, t.personKey, { ...t, doNotContact: block, updatedAt: now });
    }
    const after = await targetsOf(tx, account.id, ref);
    return {
      created: false,
      changed: changed.length > 0,
      target: (await viewsOf(tx, account, settings, now, after))[0]!,
    };
  });
}

/** A name for a person known only by URL: from an invitation or a connection, else ''. */
export async function knownName(tx: Repositories, accountId: number, ref: PersonRef): Promise<string> {
  const invitations = await tx.invitationsOfPerson(accountId, ref.personKey, ref.nameKey);
  const fromInvitation = invitations.find((i) => i.personKey === ref.personKey && i.name.trim());
  if (fromInvitation) return fromInvitation.name;
  const connection = await tx.findConnection(accountId, ref.personKey, ref.nameKey);
  if (connection && connection.personKey === ref.personKey) return connection.name;
  return '';
}

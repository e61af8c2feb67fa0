import type { z } from 'zod';
import {
  findVariables,
  InviteKeeperError,
  isTemplateId,
  lintNote,
  type NoteLintIssue,
  noteLength,
  noteMaxChars,
  renderTemplate,
  templateIdFromName,
  toIso,
} from '../../core/index.ts';
import { settingsFor } from '../config.ts';
import { type AppContext, ensureContextAccount, requireAccount } from '../context.ts';
import { parsePersonRef } from '../invitations/withdrawals.ts';
import type { Repositories, TargetRecord, TemplateRecord } from '../ports.ts';
import type { TemplateLintSchema, TemplateSchema } from './templates.schema.ts';

/**
 * Note templates (SPEC section 2): text with `{variables}`, rendered per target by the planner and
 * checked by the one lint of core/notes. The first template an account gets becomes its default,
 * the one `plan` takes notes from when no `--template` is given; `templates default` changes it,
 * `templates default --none` plans without notes.
 */

export type TemplateView = z.output<typeof TemplateSchema>;

function viewOf(t: TemplateRecord, defaultId: string | null): TemplateView {
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    length: noteLength(t.body),
    variables: [...new Set(findVariables(t.body).map((v) => v.name))],
    isDefault: t.id === defaultId,
    createdAt: toIso(t.createdAt),
    updatedAt: toIso(t.updatedAt),
  };
}

/** A template id as typed: checked against the slug rule, with a suggestion when it fails. */
export function checkTemplateId(id: string): string {
  const trimmed = id.trim();
  if (isTemplateId(trimmed)) return trimmed;
  const suggestion = templateIdFromName(trimmed);
  throw new InviteKeeperError(
    'USAGE',
    `"${id}" is not a template id: use lower-case letters, digits and dashes, up to 40${
      suggestion ? ` (for example "${suggestion}")` : ''
    }`,
  );
}

export interface TemplateAddInput {
  id: string;
  body: string;
  /** A display name (default: the id). */
  name?: string;
  /** Make it the account's default template. */
  makeDefault?: boolean;
  /** Replace a template with the same id (default: refuse). */
  replace?: boolean;
}

/** Saves a note template; returns it with the lint of its body (errors do not stop it being saved). */
export async function addTemplate(
  ctx: AppContext,
  input: TemplateAddInput,
): Promise<{ created: boolean; template: TemplateView; lint: NoteLintIssue[] }> {
  const id = checkTemplateId(input.id);
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  if (!body)
    throw new InviteKeeperError('BAD_INPUT', `the template "${id}" is empty: write the note it should send`);
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const settings = settingsFor(ctx.config, account.settings);
    const existing = await tx.findTemplate(account.id, id);
    if (existing && !input.replace) {
      throw new InviteKeeperError(
        'CONFLICT',
        `a template "${id}" exists already; add it with --replace to change it, or pick another id`,
      );
    }
    const now = ctx.now;
    const record: TemplateRecord = {
      id,
      name: input.name?.trim() || existing?.name || id,
      body,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await tx.saveTemplate(account.id, record);
    let defaultId = await tx.getDefaultTemplateId(account.id);
    if (input.makeDefault || defaultId === null) {
      defaultId = id;
      await tx.setDefaultTemplateId(account.id, id);
    }
    return {
      created: !existing,
      template: viewOf(record, defaultId),
      lint: lintNote(body, { tier: settings.accountTier, kind: 'template' }),
    };
  });
}

/** The account's templates, and which one is the default. */
export async function listTemplates(
  ctx: AppContext,
): Promise<{ account: string; defaultTemplate: string | null; templates: TemplateView[] }> {
  const { account } = await requireAccount(ctx);
  const [templates, defaultId] = await Promise.all([
    ctx.store.listTemplates(account.id),
    ctx.store.getDefaultTemplateId(account.id),
  ]);
  return {
    account: account.name,
    defaultTemplate: defaultId,
    templates: templates.map((t) => viewOf(t, defaultId)),
  };
}

async function templateOrThrow(repos: Repositories, accountId: number, id: string): Promise<TemplateRecord> {
  const found = await repos.findTemplate(accountId, id);
  if (found) return found;
  const known = (await repos.listTemplates(accountId)).map((t) => t.id);
  throw new InviteKeeperError(
    'NOT_FOUND',
    `no note template "${id}" (${known.length ? `known: ${known.join(', ')}` : 'none yet: add one with `invitekeeper templates add`'})`,
  );
}

/** One target's rendering of a template, with the lint of what would be sent. */
export type TemplatePreview = TemplateLintResult['targets'][number];

function previewFor(
  template: TemplateRecord,
  target: TargetRecord,
  tier: 'free' | 'premium',
): TemplatePreview {
  const rendered = renderTemplate(template.body, target);
  return {
    name: target.name,
    profileUrl: target.profileUrl,
    note: rendered.text,
    length: noteLength(rendered.text),
    maxChars: noteMaxChars(tier),
    unfilled: rendered.unfilled,
    issues: lintNote(template.body, { tier, target, kind: 'template' }),
  };
}

/** Targets named on the command line, each of which must exist. */
async function targetsNamed(
  repos: Repositories,
  accountId: number,
  people: readonly string[],
): Promise<TargetRecord[]> {
  const out: TargetRecord[] = [];
  for (const text of people) {
    const ref = parsePersonRef(text);
    const found = (await repos.findTargets(accountId, ref.personKey, ref.nameKey)).filter((t) =>
      ref.profileUrl ? t.personKey === ref.personKey : true,
    );
    if (found.length === 0) throw new InviteKeeperError('NOT_FOUND', `${text} is not a target`);
    if (found.length > 1 && !ref.profileUrl) {
      throw new InviteKeeperError(
        'CONFLICT',
        `${found.length} targets are named "${text}": give the profile URL`,
      );
    }
    out.push(found[0]!);
  }
  return out;
}

/** A template, with its rendering for the named targets (or the first target in the queue). */
export async function showTemplate(
  ctx: AppContext,
  id: string,
  options: { targets?: readonly string[] } = {},
): Promise<{ template: TemplateView; previews: TemplatePreview[] }> {
  const { account, settings } = await requireAccount(ctx);
  const template = await templateOrThrow(ctx.store, account.id, id);
  const defaultId = await ctx.store.getDefaultTemplateId(account.id);
  const targets = options.targets?.length
    ? await targetsNamed(ctx.store, account.id, options.targets)
    : (await ctx.store.listTargets(account.id)).slice(0, 1);
  return {
    template: viewOf(template, defaultId),
    previews: targets.map((t) => previewFor(template, t, settings.accountTier)),
  };
}

export type TemplateLintResult = z.output<typeof TemplateLintSchema>;

/**
 * Lints a template (or a note's text) with the core lint: over-length for the tier, unfilled
 * variables, the generic default note, no personal detail. With targets (or `allTargets`), also
 * as rendered for each of them.
 */
export async function lintTemplate(
  ctx: AppContext,
  source: { id: string } | { text: string },
  options: { targets?: readonly string[]; allTargets?: boolean } = {},
): Promise<TemplateLintResult> {
  const { account, settings } = await requireAccount(ctx);
  const tier = settings.accountTier;
  let template: TemplateRecord;
  let kind: 'template' | 'note';
  if ('id' in source) {
    template = await templateOrThrow(ctx.store, account.id, source.id);
    kind = 'template';
  } else {
    const now = ctx.now;
    template = { id: '', name: '', body: source.text, createdAt: now, updatedAt: now };
    kind = findVariables(source.text).length ? 'template' : 'note';
  }
  const targets = options.allTargets
    ? await ctx.store.listTargets(account.id)
    : options.targets?.length
      ? await targetsNamed(ctx.store, account.id, options.targets)
      : [];
  const issues = lintNote(template.body, { tier, kind });
  const previews = targets.map((t) => previewFor(template, t, tier));
  const all = [...issues, ...previews.flatMap((p) => p.issues)];
  return {
    template: 'id' in source ? template.id : null,
    tier,
    maxChars: noteMaxChars(tier),
    issues,
    targets: previews,
    errors: all.filter((i) => i.level === 'error').length,
    warnings: all.filter((i) => i.level === 'warning').length,
  };
}

/** Sets the template `plan` uses when none is named; null plans without notes. */
export async function setDefaultTemplate(
  ctx: AppContext,
  id: string | null,
): Promise<{ account: string; defaultTemplate: string | null }> {
  const { account } = await requireAccount(ctx);
  return ctx.store.write(account.id, async (tx) => {
    if (id !== null) await templateOrThrow(tx, account.id, id);
    await tx.setDefaultTemplateId(account.id, id);
    return { account: account.name, defaultTemplate: id };
  });
}

/** Deletes a template; if it was the default, plans go without notes until another is chosen. */
export async function removeTemplate(
  ctx: AppContext,
  id: string,
): Promise<{ removed: string; wasDefault: boolean }> {
  const { account } = await requireAccount(ctx);
  return ctx.store.write(account.id, async (tx) => {
    await templateOrThrow(tx, account.id, id);
    const wasDefault = (await tx.getDefaultTemplateId(account.id)) === id;
    await tx.deleteTemplate(account.id, id);
    if (wasDefault) await tx.setDefaultTemplateId(account.id, null);
    return { removed: id, wasDefault };
  });
}

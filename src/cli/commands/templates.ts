import fs from 'node:fs';
import type { Command } from 'commander';
import {
  addTemplate,
  lintTemplate,
  listTemplates,
  removeTemplate,
  setDefaultTemplate,
  showTemplate,
  type TemplatePreview,
} from '../../app/index.ts';
import { InviteKeeperError, NOTE_VARIABLES, type NoteLintIssue } from '../../core/index.ts';
import { type Colors, plural, renderTable } from '../io.ts';
import type { CommandKit } from '../program.ts';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function readBody(text: string | undefined, file: string | undefined): string {
  if (text !== undefined && file !== undefined) {
    throw new InviteKeeperError('USAGE', 'give the template text or --file, not both');
  }
  if (file !== undefined) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new InviteKeeperError('FILE_NOT_FOUND', `cannot read ${file}: ${(error as Error).message}`, {
        file,
      });
    }
  }
  if (text === undefined) throw new InviteKeeperError('USAGE', 'give the template text, or --file <file>');
  return text;
}

export function renderIssues(c: Colors, issues: readonly NoteLintIssue[], indent = '  '): string[] {
  return issues.map(
    (i) =>
      `${indent}${i.level === 'error' ? c.red('error') : c.yellow('warning')} ${c.dim(i.code)}: ${i.message}`,
  );
}

function renderPreview(c: Colors, p: TemplatePreview): string {
  const head = `${c.bold(p.name || p.profileUrl || '(no name)')} ${c.dim(`${p.length}/${p.maxChars} characters`)}`;
  return [head, ...p.note.split('\n').map((l) => `  ${l}`), ...renderIssues(c, p.issues)].join('\n');
}

export function registerTemplates(program: Command, kit: CommandKit): void {
  const templates = program
    .command('templates')
    .description('note templates with {firstName}, {company}, ... filled in per target')
    .addHelpText(
      'after',
      `
Variables: ${NOTE_VARIABLES.map((v) => `{${v}}`).join(' ')}, and any custom column of your targets CSV.

Examples:
  invitekeeper templates add alumni-intro "Hi {firstName}, fellow alum here: I'd enjoy comparing notes on {company}."
  invitekeeper templates lint alumni-intro --all-targets
  invitekeeper plan --template alumni-intro`,
    );
  registerTemplateAdd(templates, kit);
  registerTemplateList(templates, kit);
  registerTemplateShow(templates, kit);
  registerTemplateLint(templates, kit);
  registerTemplateDefault(templates, kit);
  registerTemplateRemove(templates, kit);
}

/** `templates add`: save a template, with its lint. */
function registerTemplateAdd(templates: Command, kit: CommandKit): void {
  templates
    .command('add')
    .description('save a note template (the first one becomes the default for `plan`)')
    .argument('<id>', 'a short slug, e.g. alumni-intro')
    .argument('[text]', 'the template text (or --file)')
    .option('--file <file>', 'read the text from a file')
    .option('--name <name>', 'a display name (default: the id)')
    .option('--default', 'make it the template `plan` uses')
    .option('--replace', 'replace a template with the same id')
    .action(
      async (
        id: string,
        text: string | undefined,
        flags: { file?: string; name?: string; default?: boolean; replace?: boolean },
        cmd: Command,
      ) => {
        const body = readBody(text, flags.file);
        const result = await kit.withApp(cmd, (ctx) =>
          addTemplate(ctx, {
            id,
            body,
            name: flags.name,
            makeDefault: flags.default,
            replace: flags.replace,
          }),
        );
        kit.print(cmd, result, (c) =>
          [
            c.green(`${result.created ? 'Saved' : 'Replaced'} template ${result.template.id}`) +
              (result.template.isDefault ? c.dim(' (the default for plan)') : ''),
            ...renderIssues(c, result.lint),
          ].join('\n'),
        );
      },
    );
}

/** `templates list`: the templates in a table. */
function registerTemplateList(templates: Command, kit: CommandKit): void {
  templates
    .command('list')
    .description('your note templates')
    .action(async (_flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => listTemplates(ctx));
      kit.print(cmd, result, (c) =>
        result.templates.length === 0
          ? c.dim('No templates yet. Add one with `invitekeeper templates add <id> "<text>"`.')
          : renderTable(
              c,
              ['Id', 'Default', 'Length', 'Variables', 'Text'],
              result.templates.map((t) => [
                t.id,
                t.isDefault ? 'yes' : '',
                t.length,
                t.variables.join(', '),
                preview(t.body, 50),
              ]),
              { align: ['left', 'left', 'right', 'left', 'left'] },
            ),
      );
    });
}

/** `templates show`: a template in full, rendered for targets. */
function registerTemplateShow(templates: Command, kit: CommandKit): void {
  templates
    .command('show')
    .description('a template in full, rendered for a target (the first in your list unless named)')
    .argument('<id>', 'the template')
    .option('--target <profile-url-or-name>', 'render it for this target (repeatable)', collect)
    .action(async (id: string, flags: { target?: string[] }, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => showTemplate(ctx, id, { targets: flags.target }));
      kit.print(cmd, result, (c) =>
        [
          c.bold(`${result.template.id}`) +
            c.dim(
              // a template saved without a name is named by its id: said once
              `${result.template.name && result.template.name !== result.template.id ? ` · ${result.template.name}` : ''}${result.template.isDefault ? ' · default' : ''} · ${result.template.length} characters`,
            ),
          ...result.template.body.split('\n').map((l) => `  ${l}`),
          ...result.previews.flatMap((p) => ['', renderPreview(c, p)]),
        ].join('\n'),
      );
    });
}

/** `templates lint`: the findings on a template or a text, failing on errors. */
function registerTemplateLint(templates: Command, kit: CommandKit): void {
  templates
    .command('lint')
    .description(
      'check a template (or --text) for over-length, unfilled variables, a generic note, no personal detail',
    )
    .argument('[id]', 'the template')
    .option('--text <text>', 'lint this text instead of a saved template')
    .option(
      '--target <profile-url-or-name>',
      'also check it as rendered for this target (repeatable)',
      collect,
    )
    .option('--all-targets', 'also check it as rendered for every target')
    .action(
      async (
        id: string | undefined,
        flags: { text?: string; target?: string[]; allTargets?: boolean },
        cmd: Command,
      ) => {
        if ((id === undefined) === (flags.text === undefined)) {
          throw new InviteKeeperError('USAGE', 'name a template, or give --text, to lint');
        }
        const source = id !== undefined ? { id } : { text: flags.text! };
        const result = await kit.withApp(cmd, (ctx) =>
          lintTemplate(ctx, source, { targets: flags.target, allTargets: flags.allTargets }),
        );
        kit.print(cmd, result, (c) => {
          const lines = [
            c.bold(result.template ? `Template ${result.template}` : 'Text') +
              c.dim(` · ${result.tier} account, ${result.maxChars} characters at most`),
          ];
          lines.push(...(result.issues.length ? renderIssues(c, result.issues) : [c.green('  no findings')]));
          const flagged = result.targets.filter((t) => t.issues.length > 0);
          for (const t of flagged) lines.push('', renderPreview(c, t));
          if (result.targets.length) {
            lines.push(
              '',
              c.dim(
                `${result.targets.length - flagged.length} of ${plural(result.targets.length, 'target')} without findings`,
              ),
            );
          }
          lines.push(`${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`);
          return lines.join('\n');
        });
        // Like any linter: errors (over-length, an unfilled variable) fail the command; warnings do not.
        if (result.errors > 0) kit.exitWith(2);
      },
    );
}

/** `templates default`: the template `plan` takes notes from. */
function registerTemplateDefault(templates: Command, kit: CommandKit): void {
  templates
    .command('default')
    .description('choose the template `plan` takes notes from (or --none: plan without notes)')
    .argument('[id]', 'the template')
    .option('--none', 'plan without notes')
    .action(async (id: string | undefined, flags: { none?: boolean }, cmd: Command) => {
      if ((id === undefined) === !flags.none)
        throw new InviteKeeperError('USAGE', 'name a template, or give --none');
      const result = await kit.withApp(cmd, (ctx) => setDefaultTemplate(ctx, flags.none ? null : id!));
      kit.print(cmd, result, (c) =>
        c.green(
          result.defaultTemplate
            ? `plan now takes notes from ${result.defaultTemplate}`
            : 'plan now plans no notes',
        ),
      );
    });
}

/** `templates remove`: delete a template. */
function registerTemplateRemove(templates: Command, kit: CommandKit): void {
  templates
    .command('remove')
    .description('delete a template')
    .argument('<id>', 'the template')
    .action(async (id: string, _flags, cmd: Command) => {
      const result = await kit.withApp(cmd, (ctx) => removeTemplate(ctx, id));
      kit.print(
        cmd,
        result,
        (c) =>
          c.green(`Removed template ${result.removed}`) +
          (result.wasDefault
            ? c.dim(' (it was the default: plans carry no notes until you choose another)')
            : ''),
      );
    });
}

function preview(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

import type { AccountTier } from '../settings.ts';
import { noteLength, overflowOffset } from './fit.ts';
import { noteMaxChars } from './limits.ts';
import { findVariables, type NoteSubject, personalDetails, renderTemplate } from './templates.ts';

export const NOTE_LINT_CODES = [
  'EMPTY_NOTE',
  'TOO_LONG',
  'UNFILLED_VARIABLE',
  'GENERIC_NOTE',
  'NO_PERSONAL_DETAIL',
] as const;
export type NoteLintCode = (typeof NOTE_LINT_CODES)[number];

/** One finding; `start`/`end` are UTF-16 offsets into the linted text (end exclusive) when it has a place. */
export interface NoteLintIssue {
  level: 'error' | 'warning';
  code: NoteLintCode;
  message: string;
  start?: number;
  end?: number;
}

export interface LintNoteOptions {
  tier: AccountTier;
  /** The recipient, when known: a template is then checked as rendered for them. */
  target?: NoteSubject | null;
  /**
   * `note` (default): text about to be sent, where any `{variable}` is an error. `template`: a
   * template body, where variables are expected and only those the target has no value for are errors.
   */
  kind?: 'note' | 'template';
}

const APOSTROPHE = "['\u2018\u2019`\u00b4]";
/**
 * LinkedIn's default note, "I'd like to add you to my professional network (on LinkedIn)", and its
 * near variants: any case and spacing, curly or missing apostrophes, "I would like to",
 * "join my network".
 */
const GENERIC = new RegExp(
  String.raw`(?:\bI(?:\s*${APOSTROPHE}?\s*d|\s+would)\s+(?:like|love|want)\s+(?:you\s+)?to\s+)?` +
    String.raw`\b(?:add\s+you\s+to|(?:invite\s+you\s+to\s+)?join)\s+my\s+(?:professional\s+)?(?:linkedin\s+)?network\b` +
    String.raw`(?:\s+on\s+linkedin\b)?`,
  'iu',
);

/**
 * Checks a note or a template body (SPEC section 4, note lint): errors for over-length and unfilled
 * variables, warnings for LinkedIn's generic default note and for a note with no personal detail.
 * The one lint used by the CLI and the dashboard's composer.
 */
export function lintNote(text: string, options: LintNoteOptions): NoteLintIssue[] {
  const kind = options.kind ?? 'note';
  const target = options.target ?? null;
  const max = noteMaxChars(options.tier);
  const issues: NoteLintIssue[] = [];

  if (!text.trim()) {
    issues.push(
      kind === 'template'
        ? {
            level: 'error',
            code: 'EMPTY_NOTE',
            message: 'the template is empty: write the note it should send',
          }
        : { level: 'warning', code: 'EMPTY_NOTE', message: 'no note: the invitation goes without one' },
    );
    return issues;
  }

  const tokens = findVariables(text);
  if (kind === 'template' && target) {
    const rendered = renderTemplate(text, target);
    const length = noteLength(rendered.text);
    if (length > max) {
      issues.push({
        level: 'error',
        code: 'TOO_LONG',
        message: `${length} characters for ${who(target)}, over the ${max} a ${options.tier} account allows (it would be trimmed)`,
      });
    }
    for (const t of tokens) {
      if (!rendered.unfilled.includes(t.name)) continue;
      issues.push({
        level: 'error',
        code: 'UNFILLED_VARIABLE',
        message: `{${t.name}} has no value for ${who(target)}`,
        start: t.start,
        end: t.end,
      });
    }
  } else {
    const over = overflowOffset(text, max);
    if (over !== null) {
      issues.push({
        level: 'error',
        code: 'TOO_LONG',
        message: `${noteLength(text)} characters, over the ${max} a ${options.tier} account allows`,
        start: over,
        end: text.length,
      });
    }
    if (kind === 'note') {
      for (const t of tokens) {
        issues.push({
          level: 'error',
          code: 'UNFILLED_VARIABLE',
          message: `the note still holds {${t.name}}: fill it in or remove it`,
          start: t.start,
          end: t.end,
        });
      }
    }
  }

  const generic = GENERIC.exec(text);
  if (generic) {
    issues.push({
      level: 'warning',
      code: 'GENERIC_NOTE',
      message: "this is LinkedIn's default note; a line on why you want to connect is accepted more often",
      start: generic.index,
      end: generic.index + generic[0].length,
    });
  }

  if (kind === 'template') {
    if (tokens.length === 0) {
      issues.push({
        level: 'warning',
        code: 'NO_PERSONAL_DETAIL',
        message:
          'the template uses no variable such as {firstName} or {company}: every recipient gets the same words',
      });
    }
  } else if (target && !mentionsAny(text, personalDetails(target))) {
    issues.push({
      level: 'warning',
      code: 'NO_PERSONAL_DETAIL',
      message: `the note mentions nothing about ${who(target)} (name, company, headline or your own fields)`,
    });
  }
  return issues;
}

function who(target: NoteSubject): string {
  return target.name.trim() || 'this person';
}

/** Whether any of the details appears in the text as whole words, ignoring case. */
function mentionsAny(text: string, details: readonly string[]): boolean {
  return details.some((d) => {
    const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  });
}

import type { Relation } from '../model.ts';
import { splitName } from '../people.ts';

/** What a note can be about: a Target, or any part of one (the composer previews with a sample). */
export interface NoteSubject {
  name: string;
  company?: string | null;
  headline?: string | null;
  relation?: Relation | null;
  mutualConnections?: number | null;
  custom?: Readonly<Record<string, string>>;
}

/** The built-in variables of SPEC section 2; any custom column of the targets CSV works as well. */
export const NOTE_VARIABLES = [
  'firstName',
  'lastName',
  'company',
  'headline',
  'relation',
  'mutualCount',
] as const;
export type NoteVariable = (typeof NOTE_VARIABLES)[number];

/** How `{relation}` reads inside a sentence ("As a fellow alum, ..."). */
export const RELATION_WORDS: Readonly<Record<Relation, string>> = {
  colleague: 'colleague',
  alumni: 'fellow alum',
  'industry-peer': 'industry peer',
  other: 'fellow professional',
};

/** One `{variable}` in a text, with its UTF-16 offsets (end exclusive, braces included). */
export interface VariableToken {
  /** The name as written between the braces, trimmed. */
  name: string;
  start: number;
  end: number;
}

// Anything between a pair of braces on one line is a variable: custom column headers may hold spaces.
const TOKEN = /\{([^{}\r\n]{1,60})\}/g;

/** Every `{variable}` in `text`, in order. */
export function findVariables(text: string): VariableToken[] {
  const out: VariableToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1]!.trim();
    if (name) out.push({ name, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The lookup key of a variable name: case, spaces, `_` and `-` do not matter, so `{first_name}`,
 * `{First Name}` and `{firstName}` are the same variable, and a CSV header "Met at" is `{metAt}`.
 */
export function variableKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

const BUILT_IN_KEYS = new Map(NOTE_VARIABLES.map((v) => [variableKey(v), v]));

/** The value of a built-in variable for a subject, or null when it has none. */
export function builtInValue(variable: NoteVariable, subject: NoteSubject): string | null {
  switch (variable) {
    case 'firstName':
      return clean(splitName(subject.name).firstName);
    case 'lastName':
      return clean(splitName(subject.name).lastName);
    case 'company':
      return clean(subject.company);
    case 'headline':
      return clean(subject.headline);
    case 'relation':
      return subject.relation ? RELATION_WORDS[subject.relation] : null;
    case 'mutualCount': {
      const n = subject.mutualConnections;
      return n === null || n === undefined || !Number.isFinite(n) || n < 0 ? null : String(Math.floor(n));
    }
  }
}

/**
 * A value as it may appear in a note: one line, trimmed, and without braces, so a value can never
 * look like (or be mistaken for) an unfilled variable. Empty means no value.
 */
function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value
    .replace(/[{}]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  return v ? v : null;
}

export interface RenderedNote {
  text: string;
  /** Variables with no value for this subject, each once, in order of first use; they stay in `text` as written. */
  unfilled: string[];
}

/**
 * Fills a template's variables for one subject. Lookup order: `extra`, the built-ins, then the
 * subject's custom fields. A variable with no value stays in the text as `{name}` and is reported,
 * so it is visible in a preview and never silently blank. Values are inserted once (no recursion).
 */
export function renderTemplate(
  body: string,
  subject: NoteSubject,
  extra?: Readonly<Record<string, string>>,
): RenderedNote {
  const extras = keyed(extra);
  const custom = keyed(subject.custom);
  const unfilled: string[] = [];
  const text = body.replace(TOKEN, (whole: string, inner: string) => {
    const name = inner.trim();
    if (!name) return whole;
    const key = variableKey(name);
    const builtIn = BUILT_IN_KEYS.get(key);
    const value =
      clean(extras.get(key)) ?? (builtIn ? builtInValue(builtIn, subject) : null) ?? clean(custom.get(key));
    if (value !== null) return value;
    if (!unfilled.includes(name)) unfilled.push(name);
    return whole;
  });
  return { text, unfilled };
}

function keyed(record: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!record) return map;
  for (const [k, v] of Object.entries(record)) {
    const key = variableKey(k);
    // The first non-empty column wins when two headers differ only in case or spacing.
    if (!map.has(key) && clean(v) !== null) map.set(key, v);
  }
  return map;
}

/** The personal details of a subject a note may mention (names, company, headline, custom values). */
export function personalDetails(subject: NoteSubject): string[] {
  const { firstName, lastName } = splitName(subject.name);
  const values = [
    firstName,
    lastName,
    subject.company,
    subject.headline,
    ...Object.values(subject.custom ?? {}),
  ];
  const out: string[] = [];
  for (const v of values) {
    const c = clean(v);
    // One-letter values ("J") would match almost any note.
    if (c && c.length >= 2 && !out.includes(c)) out.push(c);
  }
  return out;
}

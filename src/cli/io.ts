import { createRequire } from 'node:module';
import type Table from 'cli-table3';
import pc from 'picocolors';

/**
 * cli-table3 is loaded on the first table a command prints, not with this module: most commands'
 * output has none (status), and loading it costs every command's start about 15 ms.
 */
let tableClass: typeof Table | undefined;
function loadTable(): typeof Table {
  tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof Table;
  return tableClass;
}

/** Where a command writes, and what it knows of the terminal. Tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** The clock, read only when no --now is given. */
  clock?: () => number;
  /** Where the package lives (examples/, web/dist/). */
  packageRoot: string;
  /** Resolves when the member stops a long-running command (Ctrl+C); `serve` waits on it. */
  untilInterrupted?: () => Promise<void>;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** Colour only on a terminal, and never when NO_COLOR is set or --no-color given. */
export function colorsFor(io: CliIo, wanted: boolean): Colors {
  const enabled = wanted && Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
  return pc.createColors(enabled);
}

/**
 * Control characters that would act on a terminal (C0 but line feed and tab, DEL, C1) and the
 * invisible marks that reorder text (bidirectional embeddings, overrides and isolates).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The colour sequences this program writes itself (picocolors: ESC [ n m). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape starts a colour sequence
const OWN_COLOUR = /(\u001b\[[0-9;]*m)/;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text made inert for a terminal: names, notes and headlines come from imported files, and an
 * escape sequence in one could clear the screen, plant a hyperlink or fake a line. Every control
 * and bidirectional-override character is shown escaped (`\x1b`, `\u202e`); with `keepColour`,
 * colour sequences (ESC [ n m) are left as they are, since this program writes those itself.
 */
export function inertText(text: string, keepColour = false): string {
  if (!keepColour) return text.replace(UNSAFE, escapeChar);
  return text
    .split(OWN_COLOUR)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(UNSAFE, escapeChar)))
    .join('');
}

/**
 * JSON text for a terminal or a pipe: JSON.stringify escapes control characters but leaves DEL, C1
 * and the bidirectional marks as they are; those are written as \u escapes too (still the same JSON).
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An aligned table without borders, headed in bold. */
export function renderTable(
  c: Colors,
  head: string[],
  rows: Array<Array<string | number>>,
  opts: { align?: Array<'left' | 'right'> } = {},
): string {
  const table = new (loadTable())({
    head: head.map((h) => c.bold(h)),
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: ' ',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    // cli-table3 reads colAligns[x] unguarded: an explicit undefined would replace its default [].
    ...(opts.align ? { colAligns: opts.align } : {}),
    wordWrap: false,
  });
  for (const row of rows) table.push(row.map((cell) => inertText(String(cell), c.isColorSupported)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** A count with its noun, "1 invitation" / "3 invitations". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${grouped(n)} ${n === 1 ? noun : many}`;
}

/**
 * A number as en-US writes it ("12,345"): whole numbers without Intl, whose first use costs a
 * command's start about 15 ms (loading the locale data), which `status` would pay for its counts.
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "2026-11-23 08:30 UTC", or on the wall clock of `zone` with its name ("2026-11-23 09:30 Europe/Paris"). */
export function shortTime(iso: string, zone = 'UTC'): string {
  if (zone === 'UTC') return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${zone}`;
}

export function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

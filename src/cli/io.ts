import Table from 'cli-table3';
import pc from 'picocolors';

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

/** An aligned table without borders, headed in bold. */
export function renderTable(
  c: Colors,
  head: string[],
  rows: Array<Array<string | number>>,
  opts: { align?: Array<'left' | 'right'> } = {},
): string {
  const table = new Table({
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
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** A count with its noun, "1 invitation" / "3 invitations". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}

/** "2026-11-23 08:30 UTC" */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

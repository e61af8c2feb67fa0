/** The checks every imported row and snapshot date passes: plausible dates and the bad-row policy. */
import { DAY_MS, type Instant, InviteKeeperError, toIso } from '../../core/index.ts';
import type { Parsed, RowError } from '../../sources/records.ts';

/** Bad rows listed in a refusal message before "and N more". */
const MAX_LISTED_ERRORS = 20;

/** Clocks differ: a time up to a day ahead of now is still taken as now-ish. */
export const FUTURE_SLACK_MS = DAY_MS;
/** LinkedIn opened in May 2003: an earlier date was not written by it. */
const LINKEDIN_FOUNDED: Instant = Date.UTC(2003, 0, 1);

/** The member's `--as-of`, refused when it is later than now (give or take a day). */
export function checkAsOf(asOf: Instant | undefined, now: Instant): Instant | undefined {
  if (asOf !== undefined && asOf > now + FUTURE_SLACK_MS) {
    throw new InviteKeeperError(
      'USAGE',
      `--as-of ${toIso(asOf)} is in the future (now is ${toIso(now)}): a snapshot cannot be taken later than now`,
    );
  }
  return asOf;
}

/**
 * A row's date checked against what can be true: not before LinkedIn existed, not after now (give
 * or take a day). A date outside is a row a person broke (or a clock gone wrong), so a bad row.
 */
export function plausibleDates(now: Instant) {
  return <T>(
    parsed: Parsed<T>,
    file: string,
    dateOf: (value: T) => Instant | null,
    column: string,
  ): Parsed<T> => {
    if (!parsed.ok) return parsed;
    const t = dateOf(parsed.value);
    if (t === null || (t >= LINKEDIN_FOUNDED && t <= now + FUTURE_SLACK_MS)) return parsed;
    const what =
      t < LINKEDIN_FOUNDED ? 'is before LinkedIn existed (2003)' : `is in the future (now is ${toIso(now)})`;
    const value = parsed.value as { name?: string; profileUrl?: string | null };
    const partial: RowError['partial'] = { profileUrl: value.profileUrl ?? null };
    if (value.name) partial.name = value.name;
    return {
      ok: false,
      error: { file, line: parsed.line, message: `${column} ${toIso(t).slice(0, 10)} ${what}`, partial },
    };
  };
}

/** Collects row errors; in strict mode (the default) any of them refuses the whole import. */
export class RowErrors {
  readonly list: RowError[] = [];
  constructor(private readonly skip: boolean) {}

  accept<T>(parsed: Parsed<T>): parsed is { ok: true; line: number; value: T } {
    if (parsed.ok) return true;
    this.list.push(parsed.error);
    return false;
  }

  finish(): void {
    if (this.skip || this.list.length === 0) return;
    throw badRowsError(this.list);
  }
}

/** The refusal of a file with bad rows: each named by file and line (the first ones), nothing imported. */
export function badRowsError(errors: readonly RowError[]): InviteKeeperError {
  const first = errors[0]!;
  const problems = errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
  const more =
    problems.length > MAX_LISTED_ERRORS ? `\n  ... and ${problems.length - MAX_LISTED_ERRORS} more` : '';
  return new InviteKeeperError(
    'BAD_INPUT',
    `${problems.length} bad row${problems.length === 1 ? '' : 's'}; nothing was imported:\n  ${problems
      .slice(0, MAX_LISTED_ERRORS)
      .join('\n  ')}${more}\nFix the file, or import the good rows with --skip-bad-rows.`,
    { file: first.file, line: first.line, problems },
  );
}

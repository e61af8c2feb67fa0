import {
  type AcceptanceCell,
  type AcceptanceFigures,
  type AnalyticsReport,
  type ProfileCheckItem,
  type TimeToAcceptDay,
  WHAT_IF_KEYS,
  type WhatIfRow,
} from '../../core/index.ts';
import { type Colors, percent, renderTable, shortTime } from '../io.ts';
import { renderBar, renderSparkline } from './charts.ts';

/** Width of the rate bars, in terminal cells (a full bar is 100 %). */
const BAR_WIDTH = 20;
/** Days of the time-to-accept curve shown as rows (besides the current and recommended threshold). */
const CURVE_DAYS = [1, 2, 3, 5, 7, 10, 14, 21, 28, 42, 60, 90, 120, 150, 180] as const;

/** The sections of the human report, in order; tests check that each is printed. */
export const REPORT_SECTIONS = [
  'Acceptance',
  'By week sent',
  'By template',
  'Note vs no note',
  'By mutual connections',
  'By relation',
  'By weekday sent',
  'By hour sent',
  'Best time to send',
  'Time to accept',
  'What-if',
  'Own profile',
  'Risk',
  'Advice',
] as const;

/** The acceptance analytics and advice report as a member reads it on a terminal. */
export function renderReport(c: Colors, r: AnalyticsReport): string {
  const out: string[] = [];
  const title = (t: (typeof REPORT_SECTIONS)[number], note?: string) =>
    out.push('', c.bold(t) + (note ? c.dim(`  ${note}`) : ''));
  const stale = r.settings.staleAfterDays;
  const since = r.trackingSince ? r.trackingSince.slice(0, 10) : null;

  out.push(
    c.dim(
      `invitekeeper report · account ${r.account} · ${shortTime(r.asOf, r.settings.timezone)}` +
        (since ? ` · tracking since ${since}` : ' · nothing imported yet'),
    ),
  );

  title(
    'Acceptance',
    `matured: sent at least ${stale} days ago (staleAfterDays), so the answer has had time to come`,
  );
  const a = r.acceptance;
  out.push(
    renderTable(
      c,
      ['', 'sent', 'accepted', 'rate', 'matured', 'accepted', 'matured rate', ''],
      [
        figuresRow(c, 'all invitations', a.overall),
        figuresRow(c, since ? `tracked (since ${since})` : 'tracked', a.tracked),
      ],
      { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] },
    ),
    c.dim(
      '  Tracked: every answer was seen. An export is a history (pending and accepted invitations), so all it lists are\n' +
        '  tracked; it omits withdrawn and declined ones, so its rate reads high. A Sent page lists pending ones only: one\n' +
        '  first listed there days after sending is not tracked. The breakdowns show both; the advice uses tracked.',
    ),
  );

  const weekly = a.byWeek.map((w) => w.tracked.maturedRate ?? w.maturedRate);
  title('By week sent', 'matured rate by ISO week sent');
  if (a.byWeek.length > 0) {
    out.push(
      `  ${c.dim(a.byWeek[0]!.key)} ${c.cyan(renderSparkline(weekly))} ${c.dim(a.byWeek.at(-1)!.key)}` +
        c.dim('  (tracked rate where known, else all)'),
    );
  }
  out.push(
    c.dim(
      '  Each breakdown: sent; matured (sent at least staleAfterDays ago), how many of them were accepted and the rate;\n' +
        '  tracked: the matured ones sent since tracking began, their rate and its bar.',
    ),
    cellsTable(c, 'week', a.byWeek),
  );
  title('By template');
  out.push(cellsTable(c, 'template', a.byTemplate));
  title('Note vs no note');
  out.push(cellsTable(c, 'note', a.byNote));
  title('By mutual connections', 'from your targets list; unknown: not among your targets');
  out.push(cellsTable(c, 'mutual', a.byMutual));
  title('By relation', 'from your targets list');
  out.push(cellsTable(c, 'relation', a.byRelation));
  title('By weekday sent', `in ${r.settings.timezone}; unknown: known only as "Sent 3 weeks ago"`);
  out.push(cellsTable(c, 'weekday', a.byWeekday));
  const hours = a.byHour.filter((h) => h.sent > 0);
  title('By hour sent', `in ${r.settings.timezone}; hours without sends left out`);
  out.push(cellsTable(c, 'hour', hours));
  out.push(c.dim(`  * fewer than 30 matured invitations: too few to read much into.`));
  title('Best time to send', `matured rate by weekday and hour sent, in ${r.settings.timezone}`);
  out.push(...weekdayHourMap(c, a.byWeekdayHour));

  renderTimeToAccept(c, r, out, title);
  renderWhatIf(c, r, out, title);

  title('Own profile', 'from Profile.csv and your answers (`config set profile.photo yes`)');
  for (const p of r.profile)
    out.push(`  ${profileMark(c, p)} ${PROFILE_LABEL[p.item].padEnd(10)} ${p.advice}`);

  const level = r.risk.some((x) => x.level === 'high') ? 'high' : r.risk.length > 0 ? 'watch' : 'ok';
  title('Risk', `the status risk level explained: ${level.toUpperCase()}`);
  if (r.risk.length === 0) out.push(c.green('  OK: no risk factor reached its threshold.'));
  else {
    out.push(
      renderTable(
        c,
        ['level', 'figure', 'threshold', 'reason'],
        r.risk.map((x) => [
          x.level === 'high' ? c.red('HIGH') : c.yellow('WATCH'),
          x.valueText,
          x.thresholdText,
          x.reason,
        ]),
        { align: ['left', 'right', 'left', 'left'] },
      ),
    );
    for (const x of r.risk) out.push(`  ${c.dim('->')} ${x.advice}`);
  }

  title('Advice');
  if (r.advice.length === 0 && r.warnings.length === 0)
    out.push(c.dim('  Nothing to add: the figures are too few or say nothing new.'));
  for (const w of r.advice) out.push(`  ${c.cyan('*')} ${w.message}`);
  for (const w of r.warnings) out.push(`  ${c.yellow('!')} ${w.message}`);
  out.push(
    '',
    c.dim(
      'The same figures as JSON: invitekeeper report --json (documented in docs/report.md); as CSV files: --csv <dir>.',
    ),
  );
  return out.join('\n');
}

function figuresRow(c: Colors, label: string, f: AcceptanceFigures): string[] {
  return [
    label,
    String(f.sent),
    String(f.accepted),
    percent(f.rate),
    String(f.maturedSent),
    String(f.maturedAccepted),
    rateText(c, f),
    c.cyan(renderBar(f.maturedRate, 1, BAR_WIDTH)),
  ];
}

/** A matured rate with the small-sample marker, dimmed when the sample is small. */
function rateText(c: Colors, f: AcceptanceFigures): string {
  if (f.maturedRate === null) return c.dim('n/a ');
  const text = `${percent(f.maturedRate)}${f.smallSample ? '*' : ' '}`;
  return f.smallSample ? c.dim(text) : text;
}

/** One breakdown: counts, the matured rate over all and over tracked invitations, and a bar. */
function cellsTable(c: Colors, keyHead: string, cells: readonly AcceptanceCell[]): string {
  if (cells.length === 0) return c.dim('  (nothing sent yet)');
  return renderTable(
    c,
    [keyHead, 'sent', 'matured', 'accepted', 'rate', 'tracked', 'rate', ''],
    cells.map((x) => [
      x.key,
      String(x.sent),
      String(x.maturedSent),
      String(x.maturedAccepted),
      rateText(c, x),
      String(x.tracked.maturedSent),
      rateText(c, x.tracked),
      (x.tracked.smallSample ? c.dim : c.cyan)(renderBar(x.tracked.maturedRate, 1, BAR_WIDTH)),
    ]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] },
  );
}

function renderTimeToAccept(
  c: Colors,
  r: AnalyticsReport,
  out: string[],
  title: (t: (typeof REPORT_SECTIONS)[number], note?: string) => void,
): void {
  const t = r.timeToAccept;
  title(
    'Time to accept',
    'Kaplan–Meier: pending invitations count up to their age, withdrawn ones up to their withdrawal',
  );
  const conf = t.confidence;
  const days = (n: number | null) =>
    n === null
      ? 'n/a'
      : n === 0
        ? 'the same day'
        : `${Number.isInteger(n) ? n : n.toFixed(1)} day${n === 1 ? '' : 's'}`;
  const rows: string[][] = [
    [
      'median time to accept',
      `${days(t.median)}${t.median === null ? '' : c.dim('  (among invitations that are accepted)')}`,
    ],
    [
      'eventually accepted',
      `${percent(t.eventualAcceptance)}${c.dim('  of all invitations, estimated: the curve’s plateau, where pending ones count up to their age (the matured rate above counts only answers already seen)')}`,
    ],
  ];
  const interval = conf.interval
    ? c.dim(
        `  (${Math.round(conf.interval.level * 100)}% interval ${conf.interval.low}–${conf.interval.high})`,
      )
    : '';
  rows.push([
    'recommended staleAfterDays',
    t.recommendedStaleAfterDays === null
      ? 'none yet'
      : `${c.bold(days(t.recommendedStaleAfterDays))}${interval}: 90% of eventual acceptances arrive by then`,
  ]);
  rows.push(['current staleAfterDays', days(t.currentStaleAfterDays)]);
  const levelText =
    conf.level === 'ok' ? c.green('ok') : conf.level === 'low' ? c.yellow('low') : c.red('none');
  rows.push([
    'confidence',
    `${levelText}${c.dim(`  (${conf.acceptances} acceptances among ${conf.observations} invitations)`)}`,
  ]);
  const width = Math.max(...rows.map(([k]) => k!.length));
  for (const [k, v] of rows) out.push(`  ${c.bold(k!.padEnd(width))}  ${v}`);
  for (const m of conf.messages) out.push(`  ${c.yellow('!')} ${m}`);
  if (t.recommendedStaleAfterDays !== null && t.recommendedStaleAfterDays !== t.currentStaleAfterDays) {
    out.push(`  Apply it: ${c.bold('invitekeeper config set staleAfterDays --recommended')}`);
  }

  if (t.curve.length === 0) {
    out.push(c.dim('  No curve yet: nothing sent.'));
    return;
  }
  const lastDay = t.curve.at(-1)!.day;
  const marks = new Map<number, string>();
  marks.set(t.currentStaleAfterDays, 'current');
  if (t.recommendedStaleAfterDays !== null) {
    const prev = marks.get(t.recommendedStaleAfterDays);
    marks.set(t.recommendedStaleAfterDays, prev ? `${prev}, recommended` : 'recommended');
  }
  const wanted = [...new Set([...CURVE_DAYS, ...marks.keys()])]
    .filter((d) => d <= lastDay)
    .sort((x, y) => x - y);
  if (!wanted.includes(lastDay)) wanted.push(lastDay);
  const fMax = t.eventualAcceptance ?? 0;
  out.push(
    renderTable(
      c,
      ['age', 'accepted by then', 'of eventual', '', ''],
      wanted.map((d) => {
        const f = curveAt(t.curve, d);
        const share = fMax > 0 ? f / fMax : null;
        const mark = marks.get(d);
        return [
          `${d} d`,
          percent(f),
          percent(share),
          c.cyan(renderBar(share, 1, BAR_WIDTH)),
          mark ? c.bold(`<- ${mark}`) : d === lastDay ? c.dim('<- oldest observed') : '',
        ];
      }),
      { align: ['right', 'right', 'right', 'left', 'left'] },
    ),
  );
}

/** F(day) of the daily curve: the last day at or before `day`. */
function curveAt(curve: readonly TimeToAcceptDay[], day: number): number {
  let f = 0;
  for (const point of curve) {
    if (point.day > day) break;
    f = point.accepted;
  }
  return f;
}

function renderWhatIf(
  c: Colors,
  r: AnalyticsReport,
  out: string[],
  title: (t: (typeof REPORT_SECTIONS)[number], note?: string) => void,
): void {
  const rows = r.whatIf ?? [];
  const base = rows.find((w) => w.isBase);
  title(
    'What-if',
    base
      ? `your history from ${base.replay.from.slice(0, 10)} to ${base.replay.to.slice(0, 10)} replayed, following the plan under each row's settings; the last line is what actually happened`
      : 'your history replayed under other settings',
  );
  if (!base) {
    out.push(c.dim('  Nothing to replay yet.'));
    return;
  }
  const maxPending = Math.max(...rows.map((w) => w.replay.averages.pending), 0);
  const recommended = r.timeToAccept.recommendedStaleAfterDays;
  const varied = WHAT_IF_KEYS.filter((k) => rows.some((w) => w.variant[k] !== undefined));
  const label = (w: WhatIfRow) => {
    if (w.isBase) return 'what happened (actual, not a replay)';
    if (Object.keys(w.variant).length === 0) {
      const current = varied.map((k) => `${k}=${w.replay.settings[k]}`).join(', ');
      return current ? `current: ${current}` : 'current';
    }
    const isRecommended =
      recommended !== null && w.variant.staleAfterDays === recommended && Object.keys(w.variant).length === 1;
    return isRecommended ? `${w.label} (recommended)` : w.label;
  };
  const one = (n: number) => (n > 0 && n < 0.05 ? '<0.1' : (Math.round(n * 10) / 10).toFixed(1));
  out.push(
    renderTable(
      c,
      [
        'settings',
        'avg pending',
        '',
        'withdrawals/wk',
        'lost acceptances',
        'sends/wk',
        'acceptances/wk',
        'kept longer: expected extra',
      ],
      // the replays, comparable with one another; then, apart, what actually happened
      [...rows.filter((w) => !w.isBase), base].map((w) => {
        const x = w.replay;
        return [
          w.isBase ? c.dim(label(w)) : Object.keys(w.variant).length === 0 ? c.bold(label(w)) : label(w),
          one(x.averages.pending),
          c.cyan(renderBar(x.averages.pending, maxPending, 12)),
          one(x.averages.withdrawalsPerWeek),
          x.totals.lostAcceptances > 0
            ? `${x.totals.lostAcceptances} (${one(x.averages.lostAcceptancesPerWeek)}/wk)`
            : '0',
          one(x.averages.sendsPerWeek) +
            (x.totals.unsentInRange > 0 ? c.dim(` (${x.totals.unsentInRange} unsent)`) : ''),
          one(x.averages.acceptancesPerWeek),
          x.totals.expectedExtraAcceptances > 0 ? `+${one(x.totals.expectedExtraAcceptances)}` : '',
        ];
      }),
      { align: ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'right'] },
    ),
    c.dim(
      '  Lost acceptances: accepted in reality after the age at which that row would have withdrawn them.\n' +
        '  Expected extra: Kaplan–Meier estimate of acceptances from invitations a row keeps pending longer than you did.\n' +
        '  Every replayed row follows the plan day by day under its settings, the current row included, so they compare with\n' +
        '  one another; what actually happened is shown apart. Try others with --what-if staleAfterDays=7,14,21 weeklyInviteLimit=100,150.',
    ),
  );
}

const PROFILE_LABEL: Record<ProfileCheckItem['item'], string> = {
  photo: 'photo',
  headline: 'headline',
  jobTitle: 'job title',
};

function profileMark(c: Colors, p: ProfileCheckItem): string {
  if (p.state === 'ok') return c.green('[x]');
  if (p.state === 'missing') return c.red('[ ]');
  return c.yellow('[?]');
}

/** Shades from a low matured rate to a high one. */
const HEAT = [' ', '░', '▒', '▓', '█'];

/**
 * The weekday by hour map: one row per weekday, one column per hour, each cell shaded by its
 * matured acceptance rate among all cells (blank: no matured invitation; `·`: fewer than 5).
 */
export function weekdayHourMap(c: Colors, cells: readonly AcceptanceCell[]): string[] {
  const byKey = new Map(cells.map((x) => [x.key, x]));
  const rates = cells.filter((x) => x.key !== 'unknown' && x.maturedSent >= 5).map((x) => x.maturedRate ?? 0);
  if (rates.length === 0) return [c.dim('  Too few invitations known to the hour yet.')];
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  const shade = (rate: number) =>
    HEAT[hi === lo ? 2 : 1 + Math.min(3, Math.floor(((rate - lo) / (hi - lo)) * 3.999))]!;
  const lines = [
    `       ${Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? String(h).padStart(2, '0') : '  ')).join('')}`,
  ];
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) {
    let row = '';
    for (let h = 0; h < 24; h++) {
      const cell = byKey.get(`${day} ${String(h).padStart(2, '0')}`);
      const ch =
        !cell || cell.maturedSent === 0 ? ' ' : cell.maturedSent < 5 ? '·' : shade(cell.maturedRate ?? 0);
      row += ch.repeat(2);
    }
    lines.push(`  ${day}  ${c.cyan(row)}`);
  }
  lines.push(
    c.dim(
      `  ░ lowest (${(lo * 100).toFixed(0)}%) … █ highest (${(hi * 100).toFixed(0)}%) matured rate among hours with 5 or more; · fewer than 5; blank: none`,
    ),
  );
  return lines;
}

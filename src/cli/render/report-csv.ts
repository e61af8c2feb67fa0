import { stringify } from 'csv-stringify/sync';
import type { AcceptanceCell, AcceptanceFigures, AnalyticsReport } from '../../core/index.ts';

/** One table of the report as a CSV file: its file name and its rows, header first. */
export interface CsvTable {
  file: string;
  rows: Array<Array<string | number | boolean | null>>;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): a cell
 * starting with one of them gets a single quote in front, so `=HYPERLINK(...)` shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe to open in a spreadsheet; numbers, booleans and empty cells stay as they are. */
export function neutralizeCell(value: string | number | boolean | null): string | number | boolean | null {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A table as CSV text: every string cell quoted and neutralised, CRLF line ends (RFC 4180). */
export function renderCsv(rows: CsvTable['rows']): string {
  return stringify(
    rows.map((row) => row.map(neutralizeCell)),
    { quoted_string: true, record_delimiter: 'windows', cast: { boolean: (b) => (b ? 'true' : 'false') } },
  );
}

const FIGURE_COLUMNS = [
  'sent',
  'accepted',
  'rate',
  'maturedSent',
  'maturedAccepted',
  'maturedRate',
  'smallSample',
] as const;
const CELL_HEADER = [
  'key',
  ...FIGURE_COLUMNS,
  ...FIGURE_COLUMNS.map((k) => `tracked${k[0]!.toUpperCase()}${k.slice(1)}`),
];

function figures(f: AcceptanceFigures) {
  return FIGURE_COLUMNS.map((k) => f[k]);
}

function cellRows(cells: readonly AcceptanceCell[]): CsvTable['rows'] {
  return [CELL_HEADER, ...cells.map((cell) => [cell.key, ...figures(cell), ...figures(cell.tracked)])];
}

/**
 * Every table of the report (the same figures as `report --json`), one CSV file each: the
 * acceptance breakdowns, the time-to-accept curve and its summary, the what-if rows, the profile
 * checklist, the risk reasons, and the advice and warnings.
 */
export function reportCsvTables(r: AnalyticsReport): CsvTable[] {
  const a = r.acceptance;
  const t = r.timeToAccept;
  const tables: CsvTable[] = [
    { file: 'acceptance-overall.csv', rows: cellRows([a.overall]) },
    { file: 'acceptance-by-week.csv', rows: cellRows(a.byWeek) },
    { file: 'acceptance-by-template.csv', rows: cellRows(a.byTemplate) },
    { file: 'acceptance-by-note.csv', rows: cellRows(a.byNote) },
    { file: 'acceptance-by-mutual.csv', rows: cellRows(a.byMutual) },
    { file: 'acceptance-by-relation.csv', rows: cellRows(a.byRelation) },
    { file: 'acceptance-by-weekday.csv', rows: cellRows(a.byWeekday) },
    { file: 'acceptance-by-hour.csv', rows: cellRows(a.byHour) },
    { file: 'acceptance-by-weekday-hour.csv', rows: cellRows(a.byWeekdayHour) },
    {
      file: 'time-to-accept-curve.csv',
      rows: [
        ['day', 'accepted', 'atRisk', 'events', 'censored'],
        ...t.curve.map((d) => [d.day, d.accepted, d.atRisk, d.events, d.censored]),
      ],
    },
    {
      file: 'time-to-accept.csv',
      rows: [
        ['figure', 'value'],
        ['asOf', r.asOf],
        ['trackingSince', r.trackingSince],
        ['median', t.median],
        ['eventualAcceptance', t.eventualAcceptance],
        ['recommendedStaleAfterDays', t.recommendedStaleAfterDays],
        ['currentStaleAfterDays', t.currentStaleAfterDays],
        ['confidence', t.confidence.level],
        ['acceptances', t.confidence.acceptances],
        ['observations', t.confidence.observations],
        ['plateaued', t.confidence.plateaued],
        ['censoredBeforeRecommended', t.confidence.censoredBeforeRecommended],
        ['intervalLow', t.confidence.interval?.low ?? null],
        ['intervalHigh', t.confidence.interval?.high ?? null],
        ['intervalLevel', t.confidence.interval?.level ?? null],
        ['flags', t.confidence.flags.join(' ')],
        ...t.confidence.messages.map((m) => ['message', m]),
      ],
    },
    {
      file: 'what-if.csv',
      rows: [
        [
          'label',
          'isBase',
          'staleAfterDays',
          'maxWithdrawalsPerDay',
          'weeklyInviteLimit',
          'dailyInviteLimit',
          'from',
          'to',
          'days',
          'averagePending',
          'sendsPerWeek',
          'acceptancesPerWeek',
          'withdrawalsPerWeek',
          'expiriesPerWeek',
          'lostAcceptancesPerWeek',
          'sends',
          'acceptances',
          'withdrawals',
          'expiries',
          'lostAcceptances',
          'delayedSends',
          'unsentInRange',
          'expectedExtraAcceptances',
          'pendingAtEnd',
        ],
        ...(r.whatIf ?? []).map((w) => {
          const x = w.replay;
          return [
            w.label,
            w.isBase,
            x.settings.staleAfterDays,
            x.settings.maxWithdrawalsPerDay,
            x.settings.weeklyInviteLimit,
            x.settings.dailyInviteLimit,
            x.from,
            x.to,
            x.days,
            x.averages.pending,
            x.averages.sendsPerWeek,
            x.averages.acceptancesPerWeek,
            x.averages.withdrawalsPerWeek,
            x.averages.expiriesPerWeek,
            x.averages.lostAcceptancesPerWeek,
            x.totals.sends,
            x.totals.acceptances,
            x.totals.withdrawals,
            x.totals.expiries,
            x.totals.lostAcceptances,
            x.totals.delayedSends,
            x.totals.unsentInRange,
            x.totals.expectedExtraAcceptances,
            x.pendingAtEnd,
          ];
        }),
      ],
    },
    {
      file: 'profile.csv',
      rows: [
        ['item', 'state', 'source', 'advice'],
        ...r.profile.map((p) => [p.item, p.state, p.source, p.advice]),
      ],
    },
    {
      file: 'risk.csv',
      rows: [
        ['code', 'level', 'reason', 'value', 'threshold', 'valueText', 'thresholdText', 'advice'],
        ...r.risk.map((x) => [
          x.code,
          x.level,
          x.reason,
          x.value,
          x.threshold,
          x.valueText,
          x.thresholdText,
          x.advice,
        ]),
      ],
    },
    {
      file: 'advice.csv',
      rows: [
        ['kind', 'code', 'message'],
        ...r.advice.map((w) => ['advice', w.code, w.message]),
        ...r.warnings.map((w) => ['warning', w.code, w.message]),
      ],
    },
  ];
  return tables;
}

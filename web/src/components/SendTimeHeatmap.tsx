import { formatPercent } from '../format.ts';
import { useWidth } from '../hooks.ts';
import type { Report } from '../types.ts';

type Cell = Report['acceptance']['byWeekdayHour'][number];

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Cells with fewer matured invitations than this are drawn as "too few" rather than by rate. */
const MIN_MATURED = 5;
const M = { top: 18, left: 34, right: 4, bottom: 4 };

/**
 * The "best time to send" map: acceptance (matured rate) by the weekday and hour invitations were
 * sent, in the account's time zone. Darker is better; hatched cells have too few invitations.
 */
export function SendTimeHeatmap({ cells, timezone }: { cells: readonly Cell[]; timezone: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const byKey = new Map<string, Cell>(cells.map((c) => [c.key, c]));
  const rated = cells.filter((c) => c.key !== 'unknown' && c.maturedSent >= MIN_MATURED);
  const hi = Math.max(0.01, ...rated.map((c) => c.maturedRate ?? 0));
  const cellW = Math.max(6, Math.floor((width - M.left - M.right) / 24));
  const cellH = Math.max(14, Math.min(22, cellW));
  const height = M.top + cellH * 7 + M.bottom;
  const best = [...rated].sort((a, b) => (b.maturedRate ?? 0) - (a.maturedRate ?? 0)).slice(0, 3);
  const label = best.length
    ? `Acceptance by weekday and hour sent, ${timezone}; best: ${best.map((c) => `${c.key}:00 ${formatPercent(c.maturedRate)}`).join(', ')}`
    : 'Acceptance by weekday and hour sent: too few invitations known to the hour yet';
  return (
    <div ref={ref} className="chart">
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={label}>
          {HOURS.filter((h) => h % (cellW < 14 ? 6 : 3) === 0).map((h) => (
            <text key={`hour-${h}`} className="heat__label" x={M.left + h * cellW} y={M.top - 6}>
              {String(h).padStart(2, '0')}
            </text>
          ))}
          {DAYS.map((day, d) => (
            <g key={day}>
              <text
                className="heat__label"
                x={M.left - 6}
                y={M.top + d * cellH + cellH / 2}
                dy="0.32em"
                textAnchor="end"
              >
                {day}
              </text>
              {HOURS.map((h) => {
                const key = `${day} ${String(h).padStart(2, '0')}`;
                const c = byKey.get(key);
                const n = c?.maturedSent ?? 0;
                const rate = c?.maturedRate ?? 0;
                const className =
                  n === 0
                    ? 'heat__cell heat__cell--none'
                    : n < MIN_MATURED
                      ? 'heat__cell heat__cell--few'
                      : 'heat__cell';
                return (
                  <rect
                    key={key}
                    className={className}
                    data-key={key}
                    x={M.left + h * cellW}
                    y={M.top + d * cellH}
                    width={cellW - 1}
                    height={cellH - 1}
                    style={n >= MIN_MATURED ? { fillOpacity: 0.12 + 0.88 * (rate / hi) } : undefined}
                  >
                    <title>
                      {key}:00 {timezone}:{' '}
                      {n === 0
                        ? 'no matured invitation'
                        : `${c!.maturedAccepted} of ${n} accepted (${formatPercent(c!.maturedRate)})`}
                      {n > 0 && n < MIN_MATURED ? ', too few to read much into' : ''}
                    </title>
                  </rect>
                );
              })}
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

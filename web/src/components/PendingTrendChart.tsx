import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { formatCount } from '../format.ts';
import { useWidth } from '../hooks.ts';
import type { Report } from '../types.ts';
import { YGrid } from './YGrid.tsx';

const HEIGHT = 180;
const M = { top: 12, right: 12, bottom: 28, left: 38 };

type Week = NonNullable<Report['whatIf']>[number]['replay']['weeks'][number];

/**
 * The pending load over time: the average number of invitations pending each ISO week, from the
 * account's actual history (the report's "what happened" row), with the warning threshold.
 */
export function PendingTrendChart({ weeks, warnAt }: { weeks: readonly Week[]; warnAt: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const max = Math.max(warnAt * 1.1, ...weeks.map((w) => w.averagePending), 1);
  const x = scalePoint<string>()
    .domain(weeks.map((w) => w.week))
    .range([M.left, Math.max(M.left + 1, width - M.right)]);
  const y = scaleLinear()
    .domain([0, max])
    .range([HEIGHT - M.bottom, M.top])
    .nice();
  const path = line<Week>()
    .x((w) => x(w.week) ?? 0)
    .y((w) => y(w.averagePending))(weeks as Week[]);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(width / 56))));
  const last = weeks.at(-1);
  const label = last
    ? `Pending invitations by week, ${weeks[0]?.week} to ${last.week}: about ${formatCount(Math.round(last.averagePending))} pending in the last week`
    : 'Pending invitations by week: nothing yet';
  return (
    <div ref={ref} className="chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={label}>
          <YGrid
            ticks={y.ticks(4)}
            y={y}
            left={M.left}
            right={width - M.right}
            format={(t) => formatCount(t)}
          />
          {warnAt <= max && (
            <g className="chart__threshold">
              <line x1={M.left} x2={width - M.right} y1={y(warnAt)} y2={y(warnAt)} />
              <text x={width - M.right} y={y(warnAt) - 4} textAnchor="end">
                warning at {formatCount(warnAt)}
              </text>
            </g>
          )}
          {path && <path className="chart__line" d={path} fill="none" />}
          {weeks.map((w) => (
            <circle key={w.week} className="chart__dot" cx={x(w.week)} cy={y(w.averagePending)} r={2.5}>
              <title>
                {w.week}: {formatCount(Math.round(w.averagePending))} pending on average
              </title>
            </circle>
          ))}
          <g className="chart__axis">
            <line x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
            {weeks.map((w, i) =>
              i % labelEvery === 0 ? (
                <text key={w.week} x={x(w.week)} y={HEIGHT - M.bottom + 16} textAnchor="middle">
                  {w.week.slice(5)}
                </text>
              ) : null,
            )}
          </g>
        </svg>
      )}
    </div>
  );
}

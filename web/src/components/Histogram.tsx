import { scaleLinear } from 'd3-scale';
import { useWidth } from '../hooks.ts';
import type { AgeHistogram } from '../types.ts';
import { YGrid } from './YGrid.tsx';

const HEIGHT = 190;
const M = { top: 30, right: 8, bottom: 28, left: 34 };

/** Pending invitations by age, a bar per week, with the stale threshold drawn where it falls. */
export function AgeHistogramChart({ data }: { data: AgeHistogram }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const lastDay = (data.buckets.at(-1)?.fromDays ?? 0) + 7;
  const max = Math.max(1, ...data.buckets.map((b) => b.count));
  const x = scaleLinear()
    .domain([0, lastDay])
    .range([M.left, Math.max(M.left + 1, width - M.right)]);
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([HEIGHT - M.bottom, M.top]);
  const staleX = x(data.staleAfterDays);
  const ticks = [0, 28, 56, 84, 112, 140, 168].filter((d) => d <= lastDay);
  const peak = data.buckets.reduce((best, b) => (b.count > best.count ? b : best), data.buckets[0]!);
  const summary = `${data.pending} pending, most (${peak.count}) aged ${peak.fromDays} to ${peak.toDays ?? 'more'} days; stale from ${data.staleAfterDays} days`;
  return (
    <div ref={ref} className="chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={`Pending invitations by age: ${summary}`}>
          <YGrid ticks={y.ticks(4)} y={y} left={M.left} right={width - M.right} format={(t) => String(t)} />
          {data.buckets.map((b) => {
            const x0 = x(b.fromDays) + 1;
            const x1 = x(b.fromDays + 7) - 1;
            const stale = b.fromDays >= data.staleAfterDays;
            return (
              <rect
                key={b.fromDays}
                className={stale ? 'chart__bar chart__bar--stale' : 'chart__bar'}
                x={x0}
                width={Math.max(1, x1 - x0)}
                y={y(b.count)}
                height={Math.max(0, y(0) - y(b.count))}
              >
                <title>
                  {b.toDays === null ? `${b.fromDays}+ days` : `${b.fromDays}–${b.toDays} days`}: {b.count}
                </title>
              </rect>
            );
          })}
          <g className="chart__axis">
            <line x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
            {ticks.map((d) => (
              <text key={d} x={x(d)} y={HEIGHT - M.bottom + 16} textAnchor="middle">
                {d === 0 ? '0' : `${d / 7}w`}
              </text>
            ))}
          </g>
          <g className="chart__threshold">
            <line x1={staleX} x2={staleX} y1={M.top - 14} y2={y(0)} />
            <text x={staleX + 5} y={M.top - 14} dy="0.35em">
              stale at {data.staleAfterDays} days
            </text>
          </g>
        </svg>
      )}
    </div>
  );
}

import { scaleBand, scaleLinear } from 'd3-scale';
import { formatPercent } from '../format.ts';
import { useWidth } from '../hooks.ts';
import type { WeeklyAcceptance } from '../types.ts';
import { YGrid } from './YGrid.tsx';

const HEIGHT = 180;
const M = { top: 12, right: 8, bottom: 28, left: 38 };

/**
 * Acceptance rate by week sent. Weeks younger than the stale threshold have not matured (their
 * invitations may still be accepted) and weeks with few sends are noise: both are drawn faint.
 */
export function AcceptanceChart({ data }: { data: WeeklyAcceptance }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const weeks = data.weeks;
  const x = scaleBand<string>()
    .domain(weeks.map((w) => w.key))
    .range([M.left, Math.max(M.left + 1, width - M.right)])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - M.bottom, M.top]);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(width / 56))));
  const withRate = weeks.filter((w) => w.rate !== null);
  const label = withRate.length
    ? `Acceptance by week sent, ${weeks[0]?.key} to ${weeks.at(-1)?.key}: ${withRate
        .slice(-4)
        .map((w) => `${w.key} ${formatPercent(w.rate)}`)
        .join(', ')}`
    : 'Acceptance by week sent: no invitations yet';
  return (
    <div ref={ref} className="chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={label}>
          <YGrid
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            y={y}
            left={M.left}
            right={width - M.right}
            format={(t) => formatPercent(t)}
          />
          {weeks.map((w) => {
            const rate = w.rate ?? 0;
            // Weekly samples are small for most members; only a week still maturing is drawn faint.
            const faint = w.maturedSent < w.sent;
            return (
              <rect
                key={w.key}
                className={faint ? 'chart__bar chart__bar--faint' : 'chart__bar'}
                x={x(w.key)}
                width={x.bandwidth()}
                y={y(rate)}
                height={Math.max(0, y(0) - y(rate))}
              >
                <title>
                  {w.key}: {w.accepted} of {w.sent} accepted ({formatPercent(w.rate)})
                  {w.maturedSent < w.sent ? '; not all matured yet' : ''}
                </title>
              </rect>
            );
          })}
          <g className="chart__axis">
            <line x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
            {weeks.map((w, i) =>
              i % labelEvery === 0 ? (
                <text
                  key={w.key}
                  x={(x(w.key) ?? 0) + x.bandwidth() / 2}
                  y={HEIGHT - M.bottom + 16}
                  textAnchor="middle"
                >
                  {w.key.slice(5)}
                </text>
              ) : null,
            )}
          </g>
        </svg>
      )}
    </div>
  );
}

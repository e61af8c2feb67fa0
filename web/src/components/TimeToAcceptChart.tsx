import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { formatPercent } from '../format.ts';
import { useWidth } from '../hooks.ts';
import type { Report } from '../types.ts';
import { YGrid } from './YGrid.tsx';

const HEIGHT = 190;
const M = { top: 46, right: 12, bottom: 28, left: 38 };

type TimeToAccept = Report['timeToAccept'];

/**
 * The share of invitations accepted by each age (Kaplan–Meier, pending ones censored), with the
 * current stale threshold and the recommended one marked: past the recommended day, waiting longer
 * gains almost nothing.
 */
export function TimeToAcceptChart({ data }: { data: TimeToAccept }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const curve = data.curve;
  const lastDay = Math.max(
    14,
    curve.at(-1)?.day ?? 0,
    data.currentStaleAfterDays,
    data.recommendedStaleAfterDays ?? 0,
  );
  const top = Math.max(0.05, ...curve.map((d) => d.accepted));
  const x = scaleLinear()
    .domain([0, lastDay])
    .range([M.left, Math.max(M.left + 1, width - M.right)]);
  const y = scaleLinear()
    .domain([0, top])
    .nice(4)
    .range([HEIGHT - M.bottom, M.top]);
  const path =
    line<{ day: number; accepted: number }>()
      .x((d) => x(d.day))
      .y((d) => y(d.accepted))
      .curve(curveStepAfter)([{ day: 0, accepted: 0 }, ...curve]) ?? '';
  const marks = [
    { day: data.currentStaleAfterDays, label: `now ${data.currentStaleAfterDays} d`, cls: 'current' },
    ...(data.recommendedStaleAfterDays !== null &&
    data.recommendedStaleAfterDays !== data.currentStaleAfterDays
      ? [
          {
            day: data.recommendedStaleAfterDays,
            label: `90% by ${data.recommendedStaleAfterDays} d`,
            cls: 'recommended',
          },
        ]
      : []),
  ];
  const ticks = x.ticks(Math.max(2, Math.floor(width / 70)));
  const label = `Share accepted by days since sending: ${formatPercent(curve.at(-1)?.accepted ?? 0, 1)} by day ${curve.at(-1)?.day ?? 0}; ${
    data.recommendedStaleAfterDays === null
      ? 'no recommended threshold yet'
      : `90% of acceptances arrive within ${data.recommendedStaleAfterDays} days`
  }`;
  return (
    <div ref={ref} className="chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={label}>
          <YGrid
            ticks={y.ticks(4)}
            y={y}
            left={M.left}
            right={width - M.right}
            format={(t) => formatPercent(t)}
          />
          <path className="chart__line" d={path} />
          <g className="chart__axis">
            <line x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
            {ticks.map((d) => (
              <text key={d} x={x(d)} y={HEIGHT - M.bottom + 16} textAnchor="middle">
                {d}d
              </text>
            ))}
          </g>
          {placeLabels(marks, x, width).map((m) => (
            <g key={m.cls} className={`chart__mark chart__mark--${m.cls}`}>
              <line x1={x(m.day)} x2={x(m.day)} y1={m.y - 6} y2={y(0)} />
              <text x={m.x} y={m.y} dy="0.35em" textAnchor={m.anchor}>
                {m.label}
              </text>
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

/** About how wide a mark's label is, in pixels (11 px bold text). */
const labelWidth = (text: string) => text.length * 6.6;

/**
 * Where each mark's label goes, so that two never overlap: the left mark's label to the left of its
 * line and the right one's to the right; where the left one would leave the chart, or the two lines
 * are too close for that, each label gets a row of its own.
 */
function placeLabels<M extends { day: number; label: string; cls: string }>(
  marks: readonly M[],
  x: (day: number) => number,
  width: number,
): Array<M & { x: number; y: number; anchor: 'start' | 'end' }> {
  const sorted = [...marks].sort((a, b) => a.day - b.day);
  const top = M.top - 18;
  if (sorted.length < 2)
    return sorted.map((m) => ({ ...m, x: x(m.day) + 5, y: top, anchor: 'start' as const }));
  const [left, right] = sorted as [M, M];
  const fitsSideBySide =
    x(left.day) - 5 - labelWidth(left.label) >= 0 && x(right.day) + 5 + labelWidth(right.label) <= width;
  if (fitsSideBySide) {
    return [
      { ...left, x: x(left.day) - 5, y: top, anchor: 'end' as const },
      { ...right, x: x(right.day) + 5, y: top, anchor: 'start' as const },
    ];
  }
  return sorted.map((m, i) => {
    const start = x(m.day) + 5 + labelWidth(m.label) <= width;
    return {
      ...m,
      x: start ? x(m.day) + 5 : x(m.day) - 5,
      y: top - 16 + i * 16,
      anchor: start ? ('start' as const) : ('end' as const),
    };
  });
}

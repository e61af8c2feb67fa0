/**
 * The horizontal grid lines of a chart with their labels on the left: one per value of `ticks`,
 * at `y(value)`, from `left` to `right`.
 */
export function YGrid({
  ticks,
  y,
  left,
  right,
  format,
}: {
  ticks: readonly number[];
  y: (value: number) => number;
  left: number;
  right: number;
  format: (value: number) => string;
}) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t} className="chart__grid">
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} />
          <text x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

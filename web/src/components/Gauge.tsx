import { arc } from 'd3-shape';

/**
 * A half-circle gauge of `value` against `max` (sent this week against the weekly limit). The number
 * is also written out, so the gauge is never the only way to read it.
 */
export function Gauge({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 1;
  const level = share >= 0.9 ? 'high' : share >= 0.7 ? 'watch' : 'ok';
  const shape = arc<{ endAngle: number }>()
    .innerRadius(34)
    .outerRadius(46)
    .startAngle(-Math.PI / 2)
    .cornerRadius(3);
  return (
    <svg className={`gauge gauge--${level}`} viewBox="-50 -50 100 54" role="img" aria-label={label}>
      <path className="gauge__track" d={shape({ endAngle: Math.PI / 2 }) ?? ''} />
      {share > 0 && (
        <path className="gauge__value" d={shape({ endAngle: -Math.PI / 2 + share * Math.PI }) ?? ''} />
      )}
    </svg>
  );
}

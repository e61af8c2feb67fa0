/**
 * Terminal charts drawn with Unicode block characters: horizontal bars with eighth-block
 * resolution and a sparkline. A dozen lines each, so no chart library is pulled in for them.
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A horizontal bar of `value / max` over `width` cells, in eighths of a cell; empty for null or 0. */
export function renderBar(value: number | null, max: number, width: number): string {
  if (value === null || !Number.isFinite(value) || value <= 0 || !(max > 0) || width <= 0) return '';
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  // Anything above zero shows at least a sliver, so a small rate is not mistaken for none.
  const n = Math.max(1, eighths);
  return '█'.repeat(Math.floor(n / 8)) + EIGHTHS[n % 8];
}

/**
 * A sparkline of `values` scaled from 0 to their maximum (not their minimum, so heights compare
 * as rates do); a null value (nothing to measure that week) is a blank.
 */
export function renderSparkline(values: readonly (number | null)[]): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const max = finite.length > 0 ? Math.max(...finite) : 0;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (max <= 0) return SPARKS[0];
      return SPARKS[Math.min(SPARKS.length - 1, Math.floor((v / max) * (SPARKS.length - 1) + 0.5))];
    })
    .join('');
}

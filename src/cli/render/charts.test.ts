import { describe, expect, it } from 'vitest';
import { renderBar, renderSparkline } from './charts.ts';

describe('renderBar', () => {
  it.each([
    [1, 1, 10, '██████████'],
    [0.5, 1, 10, '█████'],
    [0.55, 1, 10, '█████▌'],
    [0.001, 1, 10, '▏'],
    [2, 1, 4, '████'],
    [0, 1, 10, ''],
    [null, 1, 10, ''],
    [Number.NaN, 1, 10, ''],
    [5, 0, 10, ''],
  ])('%s of %s over %s cells is "%s"', (value, max, width, bar) => {
    expect(renderBar(value, max, width)).toBe(bar);
  });
});

describe('renderSparkline', () => {
  it.each([
    [[0, 0.5, 1], '▁▅█'],
    [[0.1, null, 0.2], '▅ █'],
    [[0, 0], '▁▁'],
    [[null, null], '  '],
    [[], ''],
  ])('%j is "%s"', (values, line) => {
    expect(renderSparkline(values)).toBe(line);
  });
});

// Choropleth classes: natural breaks separate clear groups, every value gets the colour of its class.
import { describe, expect, it } from 'vitest';
import { classBreaks, classColor } from '../../src/domain/monitoring/class-breaks.ts';

describe('choropleth class breaks', () => {
  it('splits clear groups at their gaps', () => {
    const classes = classBreaks([1, 2, 3, 100, 101, 102, 1000, 1001], 3);
    expect(classes.map((c) => [c.min, c.max])).toEqual([[1, 3], [100, 102], [1000, 1001]]);
    expect(new Set(classes.map((c) => c.color)).size).toBe(3);
  });

  it('uses fewer classes than asked when there are fewer distinct values, and none for no values', () => {
    expect(classBreaks([5, 5, 5, 7])).toHaveLength(2);
    expect(classBreaks([])).toEqual([]);
    expect(classBreaks([Number.NaN])).toEqual([]);
  });

  it('colours every value with its class, lowest class lightest', () => {
    const values = [3, 9, 27, 81, 243, 729, 2187, 10, 30];
    const classes = classBreaks(values, 5);
    for (const v of values) {
      const c = classes.find((x) => v >= x.min && v <= x.max)!;
      expect(classColor(v, classes)).toBe(c.color);
    }
    expect(classColor(0, [])).toBeNull();
  });
});

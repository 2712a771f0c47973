// Class breaks for a choropleth: natural breaks (Ckmeans, the optimal 1-D k-means from
// simple-statistics) over the published values, and a sequential colour per class.

import { ckmeans } from 'simple-statistics';

/** ColorBrewer "Blues", sequential and colour-blind safe; the lightest colour is the lowest class. */
const BLUES: Record<number, readonly string[]> = {
  1: ['#6baed6'],
  2: ['#9ecae1', '#3182bd'],
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
};

export interface ChoroplethClass {
  /** Smallest value of the class (inclusive). */
  min: number;
  /** Largest value of the class (inclusive). */
  max: number;
  color: string;
}

/** Up to `k` classes over the values (fewer when there are fewer distinct values); none for no values. */
export function classBreaks(values: readonly number[], k = 5): ChoroplethClass[] {
  const finite = values.filter(Number.isFinite);
  const distinct = new Set(finite).size;
  if (!distinct) return [];
  const n = Math.min(k, distinct, 5);
  const groups = ckmeans([...finite], n);
  const colors = BLUES[groups.length];
  return groups.map((g, i) => ({ min: g[0], max: g[g.length - 1], color: colors[i] }));
}

/** The colour of a value: the class it falls in (by its lower bound). */
export function classColor(value: number, classes: readonly ChoroplethClass[]): string | null {
  if (!classes.length) return null;
  let color = classes[0].color;
  for (const c of classes) if (value >= c.min) color = c.color;
  return color;
}

// Statistical confidentiality (统计法 practice): a figure resting on fewer than 3 enterprises is not
// published to viewers and the public. Primary suppression hides those cells; complementary
// suppression then hides more cells until no hidden group can be recovered by subtracting the shown
// cells from the shown total: the hidden cells together must be at least two and rest on at least
// 3 enterprises (one hidden cell alone is total − shown; two hidden cells of 1 + 1 enterprises let
// each firm read the other's figure). Rows partition the total here (every grouping but `tag`, where
// an enterprise counts under each of its tags, and no subtraction recovers a cell anyway).

export const MIN_CONTRIBUTORS = 3;

export interface Cell {
  /** Enterprises contributing to the cell. */
  enterprises: number;
  value: number | null;
}

/**
 * Indexes of the rows to suppress, and whether the total must be suppressed too. Complementary
 * cells are taken smallest first (by contributors, then by value), so as little as possible is hidden.
 */
export function suppressionPlan(rows: readonly Cell[], total: Cell, partition: boolean): { rows: Set<number>; total: boolean } {
  const hidden = new Set<number>();
  rows.forEach((r, i) => { if (r.enterprises > 0 && r.enterprises < MIN_CONTRIBUTORS) hidden.add(i); });
  const totalHidden = total.enterprises > 0 && total.enterprises < MIN_CONTRIBUTORS;
  if (totalHidden) return { rows: new Set(rows.map((_r, i) => i).filter((i) => rows[i].enterprises > 0)), total: true };
  if (!partition || hidden.size === 0) return { rows: hidden, total: false };
  const candidates = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => !hidden.has(i) && r.enterprises > 0)
    .sort((a, b) => a.r.enterprises - b.r.enterprises || Math.abs(a.r.value ?? 0) - Math.abs(b.r.value ?? 0) || a.i - b.i);
  const weight = () => [...hidden].reduce((s, i) => s + rows[i].enterprises, 0);
  while ((hidden.size < 2 || weight() < MIN_CONTRIBUTORS) && candidates.length) hidden.add(candidates.shift()!.i);
  return { rows: hidden, total: false };
}

// Park efficiency (亩均产值, 亩均税收) as the map shows it: one park's yearly series read out of the
// engine's by-park answers (one question serves every park's panel and the overlay), and the latest
// complete year's values for the overlay. No figure is computed here: the engine's rows are read.
import type { IndicatorAnswer } from './indicators.ts';

/** The years the park panel shows (the demo figures cover 2018-2021). */
export const EFFICIENCY_YEARS = ['2018', '2019', '2020', '2021'] as const;

export interface EfficiencyYear {
  year: string;
  outputPerMu: number | null;
  taxPerMu: number | null;
  /** Hidden from this role (fewer than 3 reporting enterprises, or complementary suppression). */
  suppressed: boolean;
}

/**
 * One park's years from the by-park series of outputPerMu and taxPerMu (same periods, in order).
 * Null when no enterprise of the park reported in any of the years: then the baseline is shown.
 */
export function parkEfficiencySeries(output: IndicatorAnswer[], tax: IndicatorAnswer[] | undefined, parkId: number): EfficiencyYear[] | null {
  const key = String(parkId);
  let any = false;
  const years = output.map((a, i) => {
    const o = a.rows.find((r) => r.key === key);
    const t = tax?.[i]?.rows.find((r) => r.key === key);
    if (o) any = true;
    return { year: a.period, outputPerMu: o?.value ?? null, taxPerMu: t?.value ?? null, suppressed: Boolean(o?.suppressed || t?.suppressed) };
  });
  return any ? years : null;
}

/** The latest year of the series whose December is in the data (`dataThrough`), or null. */
export function latestCompleteYear(series: IndicatorAnswer[]): IndicatorAnswer | null {
  let best: IndicatorAnswer | null = null;
  for (const a of series) {
    if (!/^\d{4}$/.test(a.period) || !a.dataThrough || a.dataThrough < `${a.period}-12`) continue;
    if (!best || a.period > best.period) best = a;
  }
  return best;
}

/** Park id → value of an answer's published rows (suppressed and empty rows left out: the map keeps the baseline). */
export function efficiencyValues(answer: IndicatorAnswer | null): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of answer?.rows ?? []) if (!r.suppressed && r.value !== null) out.set(Number(r.key), r.value);
  return out;
}

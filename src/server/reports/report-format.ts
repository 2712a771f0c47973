// How the monitoring report writes numbers, the way Chinese statistical publications do: aggregates in
// 亿元 with two decimals (the unit in the column head, not in every cell), one enterprise's figures in
// 万元, shares as 67.6%, changes as +5.3% or, for shares, +1.2个百分点. A figure that is suppressed or
// was not reported is "—", never 0. The report's content (report-data.ts) and the tests use these.
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import { chinaDateTime } from '../../domain/china-date.ts';

export const DASH = '—';

const fixed = (v: number, digits: number) => {
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
};

/** Yuan → 亿元, two decimals, no unit ("12027.92"). */
export const yi = (yuan: number | null | undefined): string => (yuan === null || yuan === undefined ? DASH : fixed(yuan / 1e8, 2));

/** Yuan → 万元, one decimal, no unit (for one enterprise's figures). */
export const wan = (yuan: number | null | undefined): string => (yuan === null || yuan === undefined ? DASH : fixed(yuan / 1e4, 1));

/** A fraction as a percentage with one decimal ("67.6%"). */
export const pct = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? DASH : `${fixed(v * 100, digits)}%`);

/** A relative change ("+5.3%", "-2.0%"). */
export const changePct = (v: number | null | undefined): string => (v === null || v === undefined ? DASH : `${v > 0 ? '+' : ''}${fixed(v * 100, 1)}%`);

/** A change of a share in percentage points ("+1.2个百分点"). */
export const changePoints = (v: number | null | undefined): string =>
  (v === null || v === undefined ? DASH : `${v > 0 ? '+' : ''}${fixed(v * 100, 1)}个百分点`);

/** A count ("4886"). */
export const count = (v: number | null | undefined): string => (v === null || v === undefined ? DASH : String(Math.round(v)));

/** Mu with one decimal. */
export const mu = (v: number | null | undefined): string => (v === null || v === undefined ? DASH : fixed(v, 1));

/** The period as Chinese statistics name it: 2021年, 2021年1-9月, 2021年1-7月, 2021年1月. Reports are cumulative (累计). */
export function periodLabelZh(text: string): string {
  const p = parsePeriod(text, true);
  if (!p) return text;
  if (p.kind === 'year') return `${p.year}年`;
  const last = p.kind === 'quarter' ? p.index * 3 : p.index;
  return last === 1 ? `${p.year}年1月` : `${p.year}年1-${last}月`;
}

/** 2021-07 → 2021年7月. */
export function monthLabelZh(yyyyMm: string | null): string {
  if (!yyyyMm) return DASH;
  const [y, m] = yyyyMm.split('-');
  return `${y}年${Number(m)}月`;
}

/** An ISO instant as a China date and time: 2026年11月29日 15:34（北京时间）. */
export function dateTimeZh(iso: string | null): string {
  if (!iso) return DASH;
  const d = chinaDateTime(new Date(iso));
  return `${dateZh(d.slice(0, 10))} ${d.slice(11, 16)}（北京时间）`;
}

/** 2021-12-31 → 2021年12月31日. */
export function dateZh(date: string | null): string {
  if (!date) return DASH;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

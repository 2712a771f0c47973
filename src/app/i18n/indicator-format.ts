// How indicator figures are written on the dashboard and the map: periods, money, shares, changes
// the Chinese statistical way (2021年1-7月, 亿元, 同比 +5.3%), with English beside.
import type { MetricUnit } from '../../domain/monitoring/indicators.ts';
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from './format.ts';
import { formatYi } from './labels.ts';
import { t, tf } from './messages.ts';

export function periodLabel(text: string, cumulative: boolean, lang: Lang): string {
  const p = parsePeriod(text, cumulative);
  if (!p) return text;
  const en = lang === 'en';
  if (p.kind === 'year') return en ? String(p.year) : `${p.year}年`;
  if (p.kind === 'quarter') {
    if (p.cumulative) return en ? `${p.year} Q1–Q${p.index}` : `${p.year}年1-${p.index * 3}月`;
    return en ? `${p.year} Q${p.index}` : `${p.year}年第${p.index}季度`;
  }
  if (p.cumulative && p.index > 1) return en ? `${p.year} Jan–${monthShort(p.index)}` : `${p.year}年1-${p.index}月`;
  return en ? `${monthShort(p.index)} ${p.year}` : `${p.year}年${p.index}月`;
}

const monthShort = (m: number) => new Intl.DateTimeFormat('en', { month: 'short' }).format(new Date(Date.UTC(2021, m - 1, 1)));

/** A value in the unit the metric has; null (suppressed or not reported) is "—", never 0. */
export function formatValue(v: number | null | undefined, unit: MetricUnit, lang: Lang): string {
  if (v === null || v === undefined) return t('suppressed', lang);
  if (unit === 'yuan') return formatYi(v, lang);
  if (unit === 'fraction') return formatPercent(v, lang);
  if (unit === 'yuanPerMu') return `${formatNumber(v, lang)} ${unitName(unit, lang)}`;
  return formatNumber(v, lang);
}

export const formatPercent = (v: number, lang: Lang, digits = 1) =>
  new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

/** A change: +5.3% for flows, +1.2 个百分点 for shares. */
export function formatChange(v: number | null | undefined, unit: MetricUnit, lang: Lang): string {
  if (v === null || v === undefined) return t('suppressed', lang);
  const sign = v > 0 ? '+' : '';
  if (unit === 'fraction') return tf('changePoints', lang, { value: `${sign}${formatNumber(v * 100, lang, 1)}` });
  return `${sign}${formatPercent(v, lang)}`;
}

/** 亿 for chart axes (numbers only; the unit is in the axis name). */
export const toYi = (yuan: number | null) => (yuan === null ? null : Math.round((yuan / 1e8) * 100) / 100);

/** An indicator's unit as the dashboard writes it (money in 亿元). */
export const unitName = (unit: MetricUnit, lang: Lang) => t(`indicatorUnit_${unit}`, lang);

export const freshness = (period: string, cumulative: boolean, through: string | null | undefined, lang: Lang, updatedAt?: string | null) =>
  tf('freshness', lang, { period: periodLabel(period, cumulative, lang), through: through ?? '—' })
  + (updatedAt ? tf('updatedAt', lang, { date: new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium' }).format(new Date(updatedAt)) }) : '');

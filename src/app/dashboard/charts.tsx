// The dashboard's charts: each turns engine answers into an ECharts option and the same numbers as
// a table (the table is what CSV and screen readers get). No chart computes a figure of its own.
import { useMemo } from 'react';
import type { IndicatorAnswer } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { clusterColor } from '../i18n/labels.ts';
import type { TableData } from './ChartCard.tsx';
import type { ChartOption } from './EChart.tsx';
import { formatChange, formatValue, toYi, unitName } from '../i18n/indicator-format.ts';
import { t } from '../i18n/messages.ts';

const chartValue = (v: number | null, unit: IndicatorAnswer['unit']) => (v === null ? null : unit === 'yuan' ? toYi(v) : unit === 'fraction' ? Math.round(v * 1000) / 10 : Math.round(v));
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

/** Monthly values of two years, January to December, this year against last. */
export function useTrend(series: IndicatorAnswer[] | undefined, year: number, lang: Lang): { option: ChartOption; table: TableData } | null {
  return useMemo(() => {
    if (!series?.length) return null;
    const unit = series[0].unit;
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const value = (y: number, m: number) => series.find((a) => a.period === `${y}-${String(m).padStart(2, '0')}`)?.total.value ?? null;
    const years = [year - 1, year];
    const monthName = (m: number) => (lang === 'en' ? new Intl.DateTimeFormat('en', { month: 'short' }).format(new Date(Date.UTC(2021, m - 1, 1))) : `${m}月`);
    const option: ChartOption = {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: months.map(monthName) },
      yAxis: { type: 'value', name: unitName(unit, lang) },
      series: years.map((y, i) => ({
        name: lang === 'en' ? String(y) : `${y}年`, type: 'line', smooth: false, symbolSize: 5,
        lineStyle: { width: i ? 3 : 2, type: i ? 'solid' : 'dashed' }, itemStyle: { color: i ? '#2f5d85' : '#9aa9b6' },
        data: months.map((m) => chartValue(value(y, m), unit)),
      })),
    };
    const table: TableData = {
      columns: [t('month', lang), ...years.map((y) => `${y}（${unitName(unit, lang)}）`)],
      rows: months.map((m) => [monthName(m), ...years.map((y) => { const v = value(y, m); return v === null ? null : formatValue(v, unit, lang); })]),
    };
    return { option, table };
  }, [series, year, lang]);
}

/** Groups ranked by the metric, with the change on last year; the top 20 drawn, every group in the table. */
export function useRanking(answer: IndicatorAnswer | undefined, lang: Lang): { option: ChartOption; table: TableData } | null {
  return useMemo(() => {
    if (!answer) return null;
    const unit = answer.unit;
    const top = answer.rows.slice(0, 20).reverse();
    const option: ChartOption = {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: unitName(unit, lang) },
      yAxis: { type: 'category', data: top.map((r) => r.label), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', data: top.map((r) => chartValue(r.value, unit)), itemStyle: { color: '#2f5d85' }, label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatChange(top[p.dataIndex].compare?.lastYear?.change, unit, lang) } }],
    };
    const table: TableData = {
      columns: [t('dashboardName', lang), t('rank', lang), `${t('dashboardValue', lang)}（${unitName(unit, lang)}）`, t('dashboardChange', lang), t('dashboardEnterprises', lang)],
      rows: answer.rows.map((r, i) => [r.label, r.suppressed ? null : i + 1, r.suppressed ? null : formatValue(r.value, unit, lang), r.suppressed ? null : formatChange(r.compare?.lastYear?.change, unit, lang), r.enterprises]),
    };
    return { option, table };
  }, [answer, lang]);
}

/** Shares of the groups in the total, as a ring. */
export function useComposition(answer: IndicatorAnswer | undefined, lang: Lang, colorOf?: (key: string) => string | undefined): { option: ChartOption; table: TableData } | null {
  return useMemo(() => {
    if (!answer) return null;
    const unit = answer.unit;
    const shown = answer.rows.filter((r) => !r.suppressed && r.value !== null);
    const option: ChartOption = {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
      legend: { type: 'scroll', bottom: 0 },
      series: [{
        type: 'pie', radius: ['38%', '68%'], center: ['50%', '44%'], label: { formatter: '{b}\n{d}%' },
        data: shown.map((r) => ({ name: r.label, value: chartValue(r.value, unit), itemStyle: colorOf?.(r.key) ? { color: colorOf(r.key) } : undefined })),
      }],
    };
    const table: TableData = {
      columns: [t('dashboardName', lang), `${t('dashboardValue', lang)}（${unitName(unit, lang)}）`, t('dashboardEnterprises', lang)],
      rows: answer.rows.map((r) => [r.label, r.suppressed ? null : formatValue(r.value, unit, lang), r.enterprises]),
    };
    return { option, table };
  }, [answer, lang, colorOf]);
}

/** A grouping over several years (e.g. enterprise tags 2018-2021), one bar group per key. */
export function useYearsByGroup(series: IndicatorAnswer[] | undefined, keys: string[], lang: Lang): { option: ChartOption; table: TableData } | null {
  return useMemo(() => {
    if (!series?.length) return null;
    const unit = series[0].unit;
    const labelOf = (k: string) => series.flatMap((a) => a.rows).find((r) => r.key === k)?.label ?? k;
    const value = (a: IndicatorAnswer, k: string) => a.rows.find((r) => r.key === k)?.value ?? null;
    const palette = ['#c6d4e1', '#8fa9c2', '#5a7fa3', '#2f5d85'];
    const option: ChartOption = {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: keys.map(labelOf) },
      yAxis: { type: 'value', name: unitName(unit, lang) },
      series: series.map((a, i) => ({ name: a.period, type: 'bar', itemStyle: { color: palette[i % palette.length] }, data: keys.map((k) => chartValue(value(a, k), unit)) })),
    };
    const table: TableData = {
      columns: [t('dashboardName', lang), ...series.map((a) => `${a.period}（${unitName(unit, lang)}）`)],
      rows: keys.map((k) => [labelOf(k), ...series.map((a) => { const v = value(a, k); return v === null ? null : formatValue(v, unit, lang); })]),
    };
    return { option, table };
  }, [series, keys, lang]);
}

export const clusterColorOf = (key: string) => clusterColor(key);

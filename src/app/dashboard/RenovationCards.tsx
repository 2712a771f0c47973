// Renovation on the dashboard: village parks by category × progress (from the status history),
// pilots per year against the plan's ~20, and the value parks' six elements. The numbers are the
// server's (/api/parks/summary); the charts only draw them.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { fetchRenovationSummary, type RenovationSummary } from '../api/endpoints-indicators.ts';
import { formatNumber } from '../i18n/format.ts';
import { valueParkName } from '../i18n/labels.ts';
import { label } from '../../domain/taxonomy.ts';
import { errorText } from '../i18n/error-text.ts';
import { ChartCard, type TableData } from './ChartCard.tsx';
import type { ChartOption } from './EChart.tsx';
import { t } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { parkSummaryKeys } from '../queries/parks.ts';

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
const PROGRESS_ALPHA: Record<string, string> = { not_started: '55', in_progress: 'AA', completed: 'FF' };

function statusChart(s: RenovationSummary, lang: Lang): { option: ChartOption; table: TableData } {
  const cats = taxonomy.renovationCategories;
  const progress = taxonomy.renovationProgress;
  const n = (c: string, p: string) => s.byStatus.find((x) => x.category === c && x.progress === p)?.parks ?? 0;
  const area = (c: string, p: string) => s.byStatus.find((x) => x.category === c && x.progress === p)?.areaMu ?? 0;
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: cats.map((c) => label(c, lang)) },
    yAxis: { type: 'value', name: t('parksUnit', lang) },
    series: progress.map((p) => ({
      // The series colour (grey, lighter for less progress) is what the legend shows; bars take their category's colour.
      name: label(p, lang), type: 'bar', stack: 'progress', itemStyle: { color: `#6b7b88${PROGRESS_ALPHA[p.code]}` },
      data: cats.map((c) => ({ value: n(c.code, p.code), itemStyle: { color: `${c.color}${PROGRESS_ALPHA[p.code]}` } })),
    })),
  };
  const table: TableData = {
    columns: [t('dashboardName', lang), ...progress.map((p) => `${label(p, lang)}（${t('parksUnit', lang)} / ${t('unitMu', lang)}）`)],
    rows: cats.map((c) => [label(c, lang), ...progress.map((p) => `${n(c.code, p.code)} / ${formatNumber(area(c.code, p.code), lang)}`)]),
  };
  return { option, table };
}

function pilotChart(s: RenovationSummary, lang: Lang): { option: ChartOption; table: TableData } {
  const years = s.pilots.map((p) => String(p.year));
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', name: t('parksUnit', lang) },
    series: [
      { name: t('pilotsActual', lang), type: 'bar', data: s.pilots.map((p) => p.parks), itemStyle: { color: '#2f5d85' }, label: { show: true, position: 'top' } },
      { name: t('pilotsPlan', lang), type: 'line', data: s.pilots.map((p) => p.target), itemStyle: { color: '#D55E00' }, lineStyle: { type: 'dashed' } },
    ],
  };
  const table: TableData = {
    columns: [t('yearColumn', lang), t('pilotsActual', lang), t('pilotsPlan', lang), t('areaMuColumn', lang)],
    rows: s.pilots.map((p) => [String(p.year), p.parks, p.target, formatNumber(p.areaMu, lang)]),
  };
  return { option, table };
}

function valueParkChart(s: RenovationSummary, lang: Lang): { option: ChartOption; table: TableData } {
  const names = s.valueParks.map((v) => valueParkName(v, lang));
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', max: 6, interval: 1 },
    yAxis: { type: 'category', data: names, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: s.valueParks.map((v) => ({ value: v.present, itemStyle: { color: v.present === v.elements ? '#009E73' : '#7c93a8' } })), label: { show: true, position: 'right', formatter: '{c}/6' } }],
  };
  const table: TableData = {
    columns: [t('dashboardName', lang), t('elementsPresent', lang)],
    rows: s.valueParks.map((v, i) => [names[i], `${v.present}/${v.elements}`]),
  };
  return { option, table };
}

export function RenovationCards({ districts, asOf, onAsOf }: { districts: string[]; asOf: string | null; onAsOf: (d: string | null) => void }) {
  const { t, tf, lang } = useT();
  const q = useQuery({ queryKey: parkSummaryKeys.summary(districts, asOf), queryFn: ({ signal }) => fetchRenovationSummary(districts, asOf, signal) });
  const charts = useMemo(() => (q.data ? { status: statusChart(q.data, lang), pilots: pilotChart(q.data, lang), vp: valueParkChart(q.data, lang) } : null), [q.data, lang]);
  const state = q.error ? <p className="form-error" role="alert">{t('dashboardLoadError')}{errorText(q.error, lang)}</p> : <p role="status" className="muted">{t('dashboardLoading')}</p>;
  const when = asOf ? tf('statusAsOf', { date: asOf }) : t('statusNow');
  return (
    <>
      <ChartCard testId="renovation-card" title={t('renovationTitle')} file="renovation-status"
        freshness={q.data ? `${when} · ${tf('renovationNote', { parks: q.data.parks, area: formatNumber(q.data.areaMu, lang) })}` : when}
        option={charts?.status.option ?? null} table={charts?.status.table ?? null} height={260} state={state}
        footer={(
          <p className="muted">
            <label>{t('asOfPick')}{' '}
              <input type="date" value={asOf ?? ''} min="2019-01-01" max={new Date().toISOString().slice(0, 10)} onChange={(e) => onAsOf(e.target.value || null)} data-testid="renovation-as-of" />
            </label>
          </p>
        )} />
      <ChartCard testId="pilots-card" title={t('dashboardPilotsTitle')} file="pilot-parks" freshness={when}
        option={charts?.pilots.option ?? null} table={charts?.pilots.table ?? null} height={260} state={state} />
      <ChartCard testId="value-parks-card" title={tf('valueParksTitle', { target: q.data?.valueParkTarget ?? '—' })} file="value-parks" freshness={when}
        option={charts?.vp.option ?? null} table={charts?.vp.table ?? null} height={300} state={state} />
    </>
  );
}

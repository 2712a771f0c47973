// The pilot card (architecture §4, "Pilot selection"): a year's confirmed quality-and-efficiency
// pilots against the plan's ~20 (with the warning outside the range) and each pilot's output per mu
// before the pilot year and in the latest complete year. The numbers are the server's (/api/pilots,
// per-mu figures from the indicator engine); the chart only draws them.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { defaultPilotYear, type PilotYearAnswer } from '../../domain/pilots.ts';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { fetchPilots } from '../api/endpoints-pilots.ts';
import { districtLabel, progressLabel } from '../i18n/labels.ts';
import { changeText, wanPerMu } from '../i18n/messages-pilots.ts';
import { errorText } from '../i18n/error-text.ts';
import { ChartCard, type TableData } from './ChartCard.tsx';
import type { ChartOption } from './EChart.tsx';
import { t, tf } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { pilotKeys } from '../queries/pilots.ts';
import type { Viewer } from '../queries/viewer.ts';

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
// Log scale: one park's figures can be a hundred times another's; zero and missing are not drawn.
const wan = (v: number | null | undefined) => (v === null || v === undefined || v <= 0 ? null : Number((v / 10_000).toPrecision(3)));

function pilotChart(s: PilotYearAnswer, lang: Lang): { option: ChartOption; table: TableData } {
  // Pilots with figures only (the table lists every pilot); least efficient before at the top (ECharts draws a category axis bottom-up).
  const rows = s.pilots.filter((p) => wan(p.before?.outputPerMu) !== null || wan(p.after?.outputPerMu) !== null)
    .sort((a, b) => (b.before?.outputPerMu ?? -1) - (a.before?.outputPerMu ?? -1));
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 24, containLabel: true },
    xAxis: { type: 'log', name: lang === 'en' ? '¥10k/mu' : '万元/亩', nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: rows.map((p) => p.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      { name: `${t('seriesBefore', lang)}（${s.beforeYear}）`, type: 'bar', data: rows.map((p) => wan(p.before?.outputPerMu)), itemStyle: { color: '#9aa7b2' } },
      { name: `${t('seriesAfter', lang)}（${s.afterYear ?? '—'}）`, type: 'bar', data: rows.map((p) => wan(p.after?.outputPerMu)), itemStyle: { color: '#c2185b' } },
    ],
  };
  const table: TableData = {
    columns: [t('colPark', lang), t('colDistrict', lang), t('colProgress', lang), tf('colBefore', lang, { year: s.beforeYear }), s.afterYear ? tf('colAfter', lang, { year: s.afterYear }) : '—', t('pilotsColChange', lang)],
    rows: s.pilots.map((p) => [p.name, districtLabel(p.district, lang), progressLabel(p.progress, lang), wanPerMu(p.before?.outputPerMu, lang), wanPerMu(p.after?.outputPerMu, lang), changeText(p.change.outputPerMu, lang)]),
  };
  return { option, table };
}

/** The pilot year of the dashboard's period: that year when it is a plan year, else the latest plan year before it. */
export const pilotYearOf = (year: number) => (taxonomy.pilotYears.includes(year) ? year : defaultPilotYear(year));

export function PilotCard({ year, viewer }: { year: number; viewer: Viewer }) {
  const { t, tf, lang } = useT();
  const pilotYear = pilotYearOf(year);
  const q = useQuery({ queryKey: pilotKeys.year(viewer, pilotYear), queryFn: ({ signal }) => fetchPilots(pilotYear, signal), staleTime: 30_000 });
  const chart = useMemo(() => (q.data ? pilotChart(q.data, lang) : null), [q.data, lang]);
  const d = q.data;
  const vars = d ? { year: d.year, count: d.confirmed, target: d.target, min: d.range.min, max: d.range.max } : null;
  const state = q.error ? <p className="form-error" role="alert">{t('dashboardLoadError')}{errorText(q.error, lang)}</p> : <p role="status" className="muted">{t('dashboardLoading')}</p>;
  const s = d?.summary;
  return (
    <ChartCard testId="pilot-card" title={tf('cardTitle', { year: pilotYear })} file={`pilots-${pilotYear}`}
      freshness={d ? tf('cardFreshness', { before: d.beforeYear, after: d.afterYear ?? '—' }) : ''}
      option={chart?.option ?? null} table={chart?.table ?? null} height={Math.max(200, (chart ? (chart.option.yAxis as { data: string[] }).data.length : 0) * 26 + 80)} state={state}
      footer={d && vars ? (
        <div data-testid="pilot-card-count" data-count={d.confirmed} data-warning={d.warning}>
          <p><strong>{tf('pilotsCount', vars)}</strong></p>
          {d.warning && <p className="hint warn" role="alert" data-testid="pilot-card-warning">{tf(d.band === 'below' ? 'pilotsWarnBelow' : 'pilotsWarnAbove', vars)}</p>}
          {d.projected !== null && d.projected !== d.confirmed && <p className="muted">{tf(d.projectedBand === 'within' ? 'pilotsProjected' : 'pilotsProjectedWarn', { ...vars, count: d.projected })}</p>}
          {s && s.parks > 0 && s.before.outputPerMu !== null && s.after.outputPerMu !== null && (
            <p className="muted">{tf('summaryLine', { parks: s.parks, before: wanPerMu(s.before.outputPerMu, lang), after: wanPerMu(s.after.outputPerMu, lang), change: changeText((s.after.outputPerMu - s.before.outputPerMu) / s.before.outputPerMu, lang) })}</p>
          )}
          {d.afterYear === null && <p className="muted">{t('noAfterYet')}</p>}
        </div>
      ) : undefined} />
  );
}

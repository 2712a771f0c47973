// Key projects (重点项目) on the dashboard: how many, how many meet the plan's thresholds for
// provincial land quotas (investment over 12亿元 and intensity over 400万元/亩), their investment in
// 亿元, and the same by district (the chart) and by cluster (a table). The numbers are the server's
// (GET /api/key-projects/summary, a count over key_projects); the card follows the districts of the
// map's filter and the dashboard's cluster. Demo data is said so.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchKeyProjectSummary, type KeyProjectSummary } from '../api/endpoints-key-projects.ts';
import { errorText } from '../components/error-text.ts';
import { districtLabel, formatNumber } from '../i18n/format.ts';
import { clusterLabel } from '../i18n/labels.ts';
import { formatYi, kpCardText as kt } from '../i18n/messages-key-projects.ts';
import { ChartCard, type TableData } from './ChartCard.tsx';
import type { ChartOption } from './EChart.tsx';

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
const ELIGIBLE = '#d4a000';
const OTHER = '#7c93a8';
const yi = (yuan: number) => Math.round(yuan / 1e6) / 100;

function districtChart(s: KeyProjectSummary, lang: Lang): { option: ChartOption; table: TableData } {
  const rows = [...s.byDistrict].reverse();
  const names = rows.map((r) => (r.district ? districtLabel(r.district, lang) : '—'));
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names },
    series: [
      { name: kt('kpCardColEligible', lang), type: 'bar', stack: 'n', data: rows.map((r) => r.eligible), itemStyle: { color: ELIGIBLE } },
      { name: lang === 'en' ? 'Other' : '其他', type: 'bar', stack: 'n', data: rows.map((r) => r.total - r.eligible), itemStyle: { color: OTHER } },
    ],
  };
  const table: TableData = {
    columns: [kt('kpCardByDistrict', lang), kt('kpCardColCount', lang), kt('kpCardColEligible', lang), kt('kpCardColInvestment', lang)],
    rows: s.byDistrict.map((r) => [r.district ? districtLabel(r.district, lang) : '—', r.total, r.eligible, yi(r.investmentYuan)]),
  };
  return { option, table };
}

export function KeyProjectsCard({ districts, cluster, lang }: { districts: readonly string[]; cluster: string | null; lang: Lang }) {
  const clusters = cluster ? [cluster] : [];
  const q = useQuery({
    queryKey: ['key-projects', 'summary', districts, clusters],
    queryFn: ({ signal }) => fetchKeyProjectSummary({ districts, clusters }, signal),
    staleTime: 60_000,
  });
  const s = q.data;
  const chart = useMemo(() => (s ? districtChart(s, lang) : null), [s, lang]);
  const state = q.error ? <p className="form-error" role="alert">{kt('kpCardError', lang)}{errorText(q.error, lang)}</p> : <p role="status" className="muted">{kt('kpCardLoading', lang)}</p>;
  const mapLink = `/?l=epvdk${lang === 'zh-Hans' ? '' : `&lang=${lang}`}`;
  return (
    <ChartCard testId="key-projects-card" title={`${kt('kpCardTitle', lang)}${cluster ? `（${clusterLabel(cluster, lang)}）` : ''}`} file="key-projects" lang={lang}
      freshness={`${kt('kpCardRule', lang)}${s?.demo ? ` · ${kt('kpCardDemo', lang)}` : ''}`}
      option={chart?.option ?? null} table={chart?.table ?? null} height={Math.max(180, 40 + (s?.byDistrict.length ?? 4) * 26)} state={state}
      footer={s && (
        <>
          <dl className="kp-kpis" data-testid="kp-kpis" data-total={s.total} data-eligible={s.eligible}>
            <div><dt>{kt('kpCardCount', lang)}</dt><dd data-testid="kp-total">{formatNumber(s.total, lang)}</dd></div>
            <div><dt>{kt('kpCardEligible', lang)}</dt><dd data-testid="kp-eligible">★ {formatNumber(s.eligible, lang)}</dd></div>
            <div><dt>{kt('kpCardInvestment', lang)}</dt><dd data-testid="kp-investment-total">{formatYi(s.investmentYuan, lang, 1)}</dd></div>
            <div><dt>{kt('kpCardEligibleInvestment', lang)}</dt><dd>{formatYi(s.eligibleInvestmentYuan, lang, 1)}</dd></div>
          </dl>
          <table className="kp-by-cluster" data-testid="kp-by-cluster">
            <caption>{kt('kpCardByCluster', lang)}</caption>
            <thead><tr><th scope="col">{kt('kpCardColName', lang)}</th><th scope="col">{kt('kpCardColCount', lang)}</th><th scope="col">{kt('kpCardColEligible', lang)}</th><th scope="col">{kt('kpCardColInvestment', lang)}</th></tr></thead>
            <tbody>
              {s.byCluster.map((r) => (
                <tr key={r.cluster ?? 'none'}>
                  <th scope="row">{r.cluster ? clusterLabel(r.cluster, lang) : '—'}</th>
                  <td>{formatNumber(r.total, lang)}</td><td>{formatNumber(r.eligible, lang)}</td><td>{formatNumber(yi(r.investmentYuan), lang, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted"><a href={mapLink}>{kt('kpCardMap', lang)}</a></p>
        </>
      )} />
  );
}

// Key projects (重点项目) on the dashboard: how many, how many meet the plan's thresholds for
// provincial land quotas (investment over 12亿元 and intensity over 400万元/亩), their investment in
// 亿元, and the same by district (the chart) and by cluster (a table). The numbers are the server's
// (GET /api/key-projects/summary, a count over key_projects); the card follows the districts of the
// map's filter and the dashboard's cluster. Demo data is said so.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchKeyProjectSummary, type KeyProjectSummary } from '../api/endpoints-key-projects.ts';
import { errorText } from '../i18n/error-text.ts';
import { formatNumber } from '../i18n/format.ts';
import { clusterLabel, districtLabel } from '../i18n/labels.ts';
import { formatYi } from '../i18n/messages-key-projects.ts';
import { t } from '../i18n/messages.ts';
import { ChartCard, type TableData } from './ChartCard.tsx';
import type { ChartOption } from './EChart.tsx';
import { useT } from '../i18n/use-t.ts';
import { keyProjectKeys } from '../queries/key-projects.ts';

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
      { name: t('kpCardColEligible', lang), type: 'bar', stack: 'n', data: rows.map((r) => r.eligible), itemStyle: { color: ELIGIBLE } },
      { name: t('kpCardOther', lang), type: 'bar', stack: 'n', data: rows.map((r) => r.total - r.eligible), itemStyle: { color: OTHER } },
    ],
  };
  const table: TableData = {
    columns: [t('kpCardByDistrict', lang), t('kpCardColCount', lang), t('kpCardColEligible', lang), t('kpCardColInvestment', lang)],
    rows: s.byDistrict.map((r) => [r.district ? districtLabel(r.district, lang) : '—', r.total, r.eligible, yi(r.investmentYuan)]),
  };
  return { option, table };
}

export function KeyProjectsCard({ districts, cluster }: { districts: readonly string[]; cluster: string | null }) {
  const { t, lang } = useT();
  const clusters = cluster ? [cluster] : [];
  const q = useQuery({
    queryKey: keyProjectKeys.summary(districts, clusters),
    queryFn: ({ signal }) => fetchKeyProjectSummary({ districts, clusters }, signal),
    staleTime: 60_000,
  });
  const s = q.data;
  const chart = useMemo(() => (s ? districtChart(s, lang) : null), [s, lang]);
  const state = q.error ? <p className="form-error" role="alert">{t('kpCardError')}{errorText(q.error, lang)}</p> : <p role="status" className="muted">{t('kpCardLoading')}</p>;
  const mapLink = `/?l=epvdk${lang === 'zh-Hans' ? '' : `&lang=${lang}`}`;
  return (
    <ChartCard testId="key-projects-card" title={`${t('kpCardTitle')}${cluster ? `（${clusterLabel(cluster, lang)}）` : ''}`} file="key-projects"
      freshness={`${t('kpCardRule')}${s?.demo ? ` · ${t('kpCardDemo')}` : ''}`}
      option={chart?.option ?? null} table={chart?.table ?? null} height={Math.max(180, 40 + (s?.byDistrict.length ?? 4) * 26)} state={state}
      footer={s && (
        <>
          <dl className="kp-kpis" data-testid="kp-kpis" data-total={s.total} data-eligible={s.eligible}>
            <div><dt>{t('kpCardCount')}</dt><dd data-testid="kp-total">{formatNumber(s.total, lang)}</dd></div>
            <div><dt>{t('kpCardEligible')}</dt><dd data-testid="kp-eligible">★ {formatNumber(s.eligible, lang)}</dd></div>
            <div><dt>{t('kpCardInvestment')}</dt><dd data-testid="kp-investment-total">{formatYi(s.investmentYuan, lang, 1)}</dd></div>
            <div><dt>{t('kpCardEligibleInvestment')}</dt><dd>{formatYi(s.eligibleInvestmentYuan, lang, 1)}</dd></div>
          </dl>
          <table className="kp-by-cluster" data-testid="kp-by-cluster">
            <caption>{t('kpCardByCluster')}</caption>
            <thead><tr><th scope="col">{t('kpCardColName')}</th><th scope="col">{t('kpCardColCount')}</th><th scope="col">{t('kpCardColEligible')}</th><th scope="col">{t('kpCardColInvestment')}</th></tr></thead>
            <tbody>
              {s.byCluster.map((r) => (
                <tr key={r.cluster ?? 'none'}>
                  <th scope="row">{r.cluster ? clusterLabel(r.cluster, lang) : '—'}</th>
                  <td>{formatNumber(r.total, lang)}</td><td>{formatNumber(r.eligible, lang)}</td><td>{formatNumber(yi(r.investmentYuan), lang, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted"><a href={mapLink}>{t('kpCardMap')}</a></p>
        </>
      )} />
  );
}

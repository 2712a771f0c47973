// The drill-down's last step: the enterprises behind the numbers (企业明细), sortable by value, last
// year, change or name, a page at a time; a name opens the enterprise on the map, where roles that
// may see them get its monthly figures. Figures of single enterprises are confidential, so viewers
// and the public get a short explanation instead of the list (the server refuses them too).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Metric, MetricUnit } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchEnterpriseRanking, RANKABLE_METRICS, type EnterpriseRankingParams, type EnterpriseSort, type SortOrder } from '../api/endpoints-enterprise-ranking.ts';
import type { ResolvedArea } from '../api/endpoints-indicators.ts';
import type { SessionUser } from '../api/types.ts';
import { mayReadConfidential } from '../../domain/permissions.ts';
import { errorText } from '../i18n/error-text.ts';
import { formatNumber } from '../i18n/format.ts';
import { formatChange, freshness } from '../i18n/indicator-format.ts';
import { metricLabel } from '../i18n/labels.ts';
import { useT } from '../i18n/use-t.ts';
import { rankingKeys } from '../queries/indicators.ts';
import { viewerOf } from '../queries/viewer.ts';

export interface EnterpriseTableProps {
  period: string;
  cumulative: boolean;
  metric: Metric;
  filter: EnterpriseFilter;
  area: ResolvedArea | null;
  user: SessionUser | null;
  /** The map link (with the dashboard's filters) an enterprise's link builds on. */
  mapLink: string;
  /** False while the session or the map's area is still loading: the question waits for them. */
  ready: boolean;
}

const PAGE_SIZE = 20;
/** The metric listed when the dashboard's has no value per enterprise (a count or a share). */
const FALLBACK_METRIC: Metric = 'output';

/** A firm's figure: money in 万元 with one decimal, as statistical tables write it; employees in persons; "—" when not reported. */
function enterpriseFigure(v: number | null, unit: MetricUnit, lang: Lang): string {
  if (v === null) return '—';
  if (unit !== 'yuan') return formatNumber(v, lang, 0);
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 10_000);
}

export function EnterpriseTable(props: EnterpriseTableProps) {
  const { t } = useT();
  const { user } = props;
  // The figures of single enterprises are confidential (the server answers others 403).
  const allowed = mayReadConfidential(user);
  if (!props.ready) return null;
  return (
    <section className="dash-card enterprise-table-card" data-testid="enterprise-table" aria-labelledby="enterprise-table-title">
      <header className="dash-card-head">
        <h2 id="enterprise-table-title">{t('enterpriseTableTitle')}</h2>
        {allowed && <p className="muted">{t('enterpriseTableNote')}</p>}
      </header>
      {allowed && user ? <EnterpriseList {...props} user={user} /> : <p className="muted" role="note" data-testid="enterprise-table-confidential">{t('confidential')}</p>}
    </section>
  );
}

const SORT_COLUMNS: EnterpriseSort[] = ['name', 'value', 'lastYear', 'change'];

function EnterpriseList({ period, cumulative, metric: asked, filter, area, user, mapLink }: EnterpriseTableProps & { user: SessionUser }) {
  const { t, tf, lang } = useT();
  const metric = (RANKABLE_METRICS as readonly Metric[]).includes(asked) ? asked : FALLBACK_METRIC;
  const [sorting, setSorting] = useState<{ sort: EnterpriseSort; order: SortOrder }>({ sort: 'value', order: 'desc' });
  // The page belongs to one question: a new period, metric, filter, area or sort starts at page 1.
  const question = JSON.stringify([period, cumulative, metric, filter, area?.key ?? null, sorting]);
  const [paging, setPaging] = useState({ question, page: 0 });
  const page = paging.question === question ? paging.page : 0;
  const params: EnterpriseRankingParams = { metric, period, cumulative, filter, area, ...sorting, offset: page * PAGE_SIZE, limit: PAGE_SIZE, lang };
  const q = useQuery({
    // The viewer, since the answer depends on the role (queries/indicators.ts).
    queryKey: rankingKeys.page(viewerOf(user), params),
    queryFn: ({ signal }) => fetchEnterpriseRanking(params, signal),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const unit: MetricUnit = data?.unit ?? (metric === 'employees' ? 'persons' : 'yuan');
  const unitText = t(unit === 'persons' ? 'unitPersons' : 'unitWan');
  const columnName: Record<EnterpriseSort, string> = {
    name: t('enterpriseTableName'),
    value: tf('enterpriseTableValue', { metric: metricLabel(metric, lang), unit: unitText }),
    lastYear: tf('lastYear', { unit: unitText }),
    change: t('enterpriseTableChange'),
  };
  const toggle = (sort: EnterpriseSort) => setSorting((old) => (old.sort === sort
    ? { sort, order: old.order === 'asc' ? 'desc' : 'asc' }
    : { sort, order: sort === 'name' ? 'asc' : 'desc' }));
  const header = (sort: EnterpriseSort, className?: string) => {
    const active = sorting.sort === sort;
    return (
      <th scope="col" className={className} aria-sort={active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => toggle(sort)} title={tf('sortBy', { column: columnName[sort] })} data-testid={`enterprise-sort-${sort}`}>
          {columnName[sort]}<span aria-hidden="true" className="sort-mark">{active ? (sorting.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
        </button>
      </th>
    );
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const go = (p: number) => setPaging({ question, page: Math.max(0, Math.min(pages - 1, p)) });

  return (
    <>
      <p className="muted enterprise-table-period" data-testid="enterprise-table-period">
        {freshness(period, cumulative, data?.dataThrough, lang)}
        {metric !== asked && <> · {tf('rankedBy', { metric: metricLabel(metric, lang) })}</>}
      </p>
      {q.error ? (
        <p className="form-error" role="alert">{t('error')}{errorText(q.error, lang)}</p>
      ) : !data ? (
        <p role="status" className="muted">{t('enterpriseTableLoading')}</p>
      ) : data.total === 0 ? (
        <p className="muted" data-testid="enterprise-table-empty">{t('empty')}</p>
      ) : (
        <>
          <div className="enterprise-table-scroll" aria-busy={q.isPlaceholderData || q.isFetching}>
            <table className="dash-table enterprise-table">
              <caption className="sr-only">{t('enterpriseTableTitle')}</caption>
              <thead>
                <tr>
                  {header('name', 'enterprise-name-col')}
                  <th scope="col" className="text-col">{t('place')}</th>
                  <th scope="col" className="text-col">{t('enterpriseTableCluster')}</th>
                  {SORT_COLUMNS.filter((s) => s !== 'name').map((s) => header(s))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id} data-id={r.id}>
                    <th scope="row"><a href={`${mapLink}&s=e${r.id}`} className="enterprise-link">{r.name}</a></th>
                    <td className="text-col">{r.districtName}{r.townName ? ` · ${r.townName}` : ''}</td>
                    <td className="text-col">{r.clusterName}</td>
                    <td data-col="value" title={r.value === null ? t('noFigure') : undefined}>{enterpriseFigure(r.value, data.unit, lang)}</td>
                    <td data-col="lastYear" title={r.lastYear === null ? t('noFigure') : undefined}>{enterpriseFigure(r.lastYear, data.unit, lang)}</td>
                    <td data-col="change" className={r.change === null ? undefined : r.change < 0 ? 'change-down' : 'change-up'}>{formatChange(r.change, data.unit, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="enterprise-pager" aria-label={t('pages')}>
            <span role="status" data-testid="enterprise-table-range">
              {tf('range', {
                from: formatNumber(data.offset + 1, lang),
                to: formatNumber(data.offset + data.rows.length, lang),
                total: formatNumber(data.total, lang),
              })}
            </span>
            <button type="button" onClick={() => go(page - 1)} disabled={page === 0} data-testid="enterprise-page-previous">{t('previous')}</button>
            <span>{tf('pageOf', { page: formatNumber(page + 1, lang), pages: formatNumber(pages, lang) })}</span>
            <button type="button" onClick={() => go(page + 1)} disabled={page + 1 >= pages} data-testid="enterprise-page-next">{t('next')}</button>
          </nav>
        </>
      )}
    </>
  );
}

// The monitoring dashboard (/dashboard): the plan's targets, trends, rankings and composition for
// a period, following the map's filters (both carry them in the URL). Lazy-loaded: the map's first
// load does not carry it or ECharts. Every number comes from /api/indicators.
import { QueryClientProvider, useIsFetching, useQuery } from '@tanstack/react-query';
import { queryClient } from '../api/query-client.ts';
import { useEffect, useMemo, useState } from 'react';
import { isEmptyFilter, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Comparison, Grouping, Metric } from '../../domain/monitoring/indicators.ts';
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import { LANGS, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { fetchSession } from '../api/endpoints.ts';
import type { IndicatorParams } from '../api/endpoints-indicators.ts';
import { clusterLabel, districtLabel, metricLabel, tagLabel } from '../i18n/labels.ts';
import { LANG_NAMES, loadMessages, type MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { decodeDashboard, encodeDashboard, flowMetric, mapLinkFor, PICKABLE_METRICS, rankingFor, RANKINGS, type DashboardState, type Ranking } from '../state/dashboard-url.ts';
import { errorText } from '../i18n/error-text.ts';
import { ChartCard } from './ChartCard.tsx';
import { clusterColorOf, useComposition, useRanking, useTrend, useYearsByGroup } from './charts.tsx';
import { freshness } from '../i18n/indicator-format.ts';
import { useIndicators, useIndicatorSeries } from './indicator-queries.ts';
import { useAreaGeometry } from '../queries/areas.ts';
import { sessionKey, viewerOf } from '../queries/viewer.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { RenovationCards } from './RenovationCards.tsx';
import { PilotCard } from './PilotCard.tsx';
import { TargetCards } from './TargetCards.tsx';
import { TargetsEditor } from './TargetsEditor.tsx';
import { EnterpriseTable } from './EnterpriseTable.tsx';
import { WarningsCard } from './WarningsCard.tsx';
import { ReportsCard } from './ReportsCard.tsx';
import { CityComparisonCard } from './CityComparisonCard.tsx';
import { KeyProjectsCard } from './KeyProjectsCard.tsx';
import { useAppStore } from '../state/store.ts';


const RANKING_KEYS: Record<Ranking, MessageKey> = { district: 'dashboardByDistrict', town: 'byTown', villagePark: 'byVillagePark', valuePark: 'byValuePark' };
const KEY_TAGS = taxonomy.enterpriseTags.filter((x) => x.key).map((x) => x.code as string);

export default function DashboardPage() {
  return (
    <QueryClientProvider client={queryClient}>
      <Dashboard />
    </QueryClientProvider>
  );
}

function filterText(f: EnterpriseFilter, lang: Lang): string {
  return [
    ...f.clusters.map((c) => clusterLabel(c, lang)),
    ...f.tags.map((c) => tagLabel(c, lang)),
    ...f.districts.map((d) => districtLabel(d, lang)),
    ...(f.subIndustries.length + f.futureIndustries.length + f.revenueTiers.length + f.towns.length ? ['…'] : []),
  ].join('、');
}

function Dashboard() {
  // The words' language is the app store's, as for the cards (useT()); `s.lang` carries it in the
  // link. Both start from the page's link (the store's first state is read from it too).
  const { t, tf, lang } = useT();
  const [s, setS] = useState<DashboardState>(() => decodeDashboard(window.location.search));
  const update = (patch: Partial<DashboardState>) => setS((old) => ({ ...old, ...patch }));
  // The page's language changes once its catalogue has arrived (messages.ts; render-app.tsx loaded the
  // first one): the store and the link in the same task, so no frame shows two languages.
  const chooseLang = (next: Lang) => void loadMessages(next).then(() => {
    useAppStore.getState().setLang(next);
    update({ lang: next });
  }, (err: unknown) => console.warn(`The ${next} messages could not be loaded`, err));
  useEffect(() => {
    window.history.replaceState(null, '', `/dashboard${encodeDashboard(s)}`);
    // A link whose language the store did not start from (it reads the same parameter): follow the link.
    if (useAppStore.getState().lang !== s.lang) useAppStore.getState().setLang(s.lang);
  }, [s]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('dashboardTitle')} · ${t('appTitle')}`;
  }, [lang, t]);
  const session = useQuery({ queryKey: sessionKey, queryFn: fetchSession });
  const viewer = viewerOf(session.data ?? null);
  const year = parsePeriod(s.period)!.year;

  // The map's area: questions wait for its geometry (an area too large for a link never arrives here).
  // The map's area as geometry. Waits for the session: the questions about an area go by POST, which needs the CSRF token the session hands out.
  const areaQ = useAreaGeometry(s.area, session.isSuccess ? viewer : null, session.isSuccess);
  const area = areaQ.data ?? null;
  // Questions wait for the session too: their answers (and cache keys) depend on the user's role.
  const on = !session.isPending && (!s.area || !!area);
  const params = (metric: Metric, by: Grouping, compare: Comparison[], filter = s.filter): IndicatorParams => ({ metric, by, cumulative: s.cumulative, filter, compare, lang, area });
  const clusterFilter = s.cluster ? { ...s.filter, clusters: [s.cluster], subIndustries: [] } : s.filter;
  const months = useMemo(() => [year - 1, year].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`)), [year]);

  const targets = useIndicators(params('output', 'cluster', ['lastYear', 'target']), s.period, viewer, on);
  const am = useIndicators(params('amValueAdded', 'none', ['lastYear', 'target']), s.period, viewer, on);
  const amShare = useIndicators(params('amShare', 'none', ['lastYear', 'target']), s.period, viewer, on);
  // A per-mu metric is ranked by park; the other cards show the flow behind it (output, tax).
  const flow = flowMetric(s.metric);
  const trendQ = useIndicatorSeries(params(flow, 'none', [], clusterFilter), months, viewer, on);
  const rankingQ = useIndicators(params(s.metric, s.ranking, ['lastYear']), s.period, viewer, on);
  const compositionQ = useIndicators(params(flow, s.cluster ? 'subIndustry' : 'cluster', [], clusterFilter), s.period, viewer, on);
  const tagsQ = useIndicatorSeries(params(flow, 'tag', [], clusterFilter), ['2018', '2019', '2020', '2021'], viewer, on);

  const trend = useTrend(trendQ.data?.series, year, lang);
  const ranking = useRanking(rankingQ.data, lang);
  const composition = useComposition(compositionQ.data, lang, s.cluster ? undefined : clusterColorOf);
  const tags = useYearsByGroup(tagsQ.data?.series, KEY_TAGS, lang);

  const stateOf = (q: { isPending: boolean; error: unknown; data?: unknown }, empty: boolean) =>
    q.error ? <p className="form-error" role="alert">{t('dashboardLoadError')}{errorText(q.error, lang)}</p>
      : q.isPending ? <p role="status" className="muted">{t('dashboardLoading')}</p>
        : empty ? <p className="muted">{t('noData')}</p> : null;
  const through = targets.data?.dataThrough;
  const fresh = freshness(s.period, s.cumulative, through, lang, targets.data?.updatedAt);
  const metricName = metricLabel(flow, lang);
  const clusterName = s.cluster ? clusterLabel(s.cluster, lang) : t('allManufacturing');
  const anySuppressed = [targets.data, rankingQ.data, compositionQ.data].some((a) => a?.rows.some((r) => r.suppressed));
  const file = (name: string) => `${name}-${s.period}${s.cumulative ? '-cum' : ''}`;
  // "Everything drawn" for tests and the benchmark: no query in flight and the session known.
  const fetching = useIsFetching();
  const ready = fetching === 0 && !session.isPending;

  return (
    <div className="dashboard" data-testid="dashboard" data-ready={ready ? 'true' : 'false'}>
      <header className="dash-head">
        <div className="dash-title">
          <h1>{t('dashboardTitle')}</h1>
          {targets.data?.demo && <span className="demo-badge">{t('demoBadge')}</span>}
        </div>
        <nav className="dash-nav">
          <a href={mapLinkFor(s)} data-testid="back-to-map">← {t('backToMap')}</a>
          <label>{t('language')}{' '}
            <select value={lang} onChange={(e) => chooseLang(e.target.value as Lang)}>{LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}</select>
          </label>
        </nav>
      </header>
      <div className="dash-controls">
        <PeriodPicker period={s.period} cumulative={s.cumulative} onChange={(period, cumulative) => update({ period, cumulative })} />
        <label>{t('metric')}{' '}
          <select value={s.metric} onChange={(e) => update({ metric: e.target.value as Metric, ranking: rankingFor(e.target.value as Metric, s.ranking) })} data-testid="metric-picker">
            {PICKABLE_METRICS.map((m) => <option key={m} value={m}>{metricLabel(m, lang)}</option>)}
          </select>
        </label>
        <label>{t('clusterPick')}{' '}
          <select value={s.cluster ?? ''} onChange={(e) => update({ cluster: e.target.value || null })} data-testid="cluster-picker">
            <option value="">{t('allManufacturing')}</option>
            {taxonomy.clusters.map((c) => <option key={c.code} value={c.code}>{clusterLabel(c.code, lang)}</option>)}
          </select>
        </label>
        {!isEmptyFilter(s.filter) && (
          <p className="dash-filters" data-testid="dash-filters">
            {tf('filtersFromMap', { text: filterText(s.filter, lang) })}{' '}
            <button type="button" onClick={() => update({ filter: { ...s.filter, clusters: [], subIndustries: [], futureIndustries: [], tags: [], revenueTiers: [], districts: [], towns: [] } })}>{t('clearFilters')}</button>
          </p>
        )}
        {s.area && (
          <p className="dash-filters" data-testid="dash-area">
            {areaQ.isError ? <span className="form-error" role="alert">{t('areaFailed')}{errorText(areaQ.error, lang)}</span>
              : <span title={t('areaNotInRenovation')}>{t('areaFromMap')}{areaQ.isPending ? `（${t('dashboardAreaResolving')}）` : ''}</span>}{' '}
            <button type="button" onClick={() => update({ area: null })} data-testid="dash-clear-area">{t('dashboardClearArea')}</button>
          </p>
        )}
      </div>
      {targets.data?.demo && <p className="demo-notice" role="note">{t('demoNote')}</p>}

      <section className="dash-section" aria-label={t('targetsTitle')}>
        <header className="dash-card-head">
          <h2>{t('targetsTitle')}</h2>
          <p className="muted">{fresh} · {t('targetsNote')}</p>
        </header>
        {targets.data ? <TargetCards clusters={targets.data} am={am.data} amShare={amShare.data} /> : stateOf(targets, false)}
      </section>

      <div className="dash-grid">
        <ChartCard testId="trend-card" title={tf('trendTitle', { metric: `${metricName}${s.cumulative ? `（${t('trendCumulative')}）` : ''}`, cluster: clusterName })}
          file={file(`trend-${s.metric}`)} freshness={freshness(String(year), true, trendQ.data?.series[0]?.dataThrough, lang, trendQ.data?.series[0]?.updatedAt)}
          option={trend?.option ?? null} table={trend?.table ?? null} height={280} state={stateOf(trendQ, false)} />
        <ChartCard testId="ranking-card" title={tf('rankingTitle', { by: t(RANKING_KEYS[s.ranking]), metric: metricLabel(s.metric, lang) })}
          file={file(`ranking-${s.ranking}-${s.metric}`)} freshness={fresh}
          option={ranking?.option ?? null} table={ranking?.table ?? null} height={Math.max(240, Math.min(20, rankingQ.data?.rows.length ?? 0) * 22 + 40)}
          state={stateOf(rankingQ, rankingQ.data?.rows.length === 0)}
          onClick={(p) => {
            // Drill down: district → its towns → their village parks → the park on the map.
            const row = rankingQ.data?.rows.slice(0, 20).reverse()[p.dataIndex];
            if (!row || row.suppressed) return;
            if (s.ranking === 'district') update({ filter: { ...s.filter, districts: [row.key], towns: [] }, ranking: 'town' });
            else if (s.ranking === 'town') update({ filter: { ...s.filter, towns: [row.key] }, ranking: 'villagePark' });
            else window.location.assign(`${mapLinkFor(s)}&s=${s.ranking === 'villagePark' ? 'p' : 'v'}${row.key}`);
          }}
          footer={(
            <p className="muted">
              <select aria-label={t('rankingTitle')} value={s.ranking} onChange={(e) => update({ ranking: e.target.value as Ranking })} data-testid="ranking-picker">
                {RANKINGS.map((r) => <option key={r} value={r} disabled={rankingFor(s.metric, r) !== r}>{t(RANKING_KEYS[r])}</option>)}
              </select>{' '}
              {t('dashboardRankingHint')}
              {flow !== s.metric && <span data-testid="per-mu-note"> {tf('perMuNote', { metric: metricLabel(s.metric, lang), flow: metricName })}</span>}
            </p>
          )} />
        <ChartCard testId="composition-card" title={`${tf('compositionTitle', { metric: metricName })}（${clusterName}）`}
          file={file(`composition-${s.metric}`)} freshness={fresh}
          option={composition?.option ?? null} table={composition?.table ?? null} height={280} state={stateOf(compositionQ, compositionQ.data?.rows.length === 0)}
          onClick={s.cluster ? undefined : (p) => { const row = compositionQ.data?.rows.filter((r) => !r.suppressed && r.value !== null)[p.dataIndex]; if (row) update({ cluster: row.key }); }} />
        <ChartCard testId="tags-card" title={`${tf('tagsTitle', { metric: metricName })}（${clusterName}）`}
          file={`tags-${s.metric}`} freshness={freshness('2021', true, tagsQ.data?.series[0]?.dataThrough, lang, tagsQ.data?.series[0]?.updatedAt)}
          option={tags?.option ?? null} table={tags?.table ?? null} height={260} state={stateOf(tagsQ, false)} />
        <RenovationCards districts={s.filter.districts} asOf={s.asOf} onAsOf={(asOf) => update({ asOf })} />
        {!session.isPending && <PilotCard year={year} viewer={viewer} />}
        <KeyProjectsCard districts={s.filter.districts} cluster={s.cluster} />
      </div>
      {!session.isPending && <WarningsCard period={s.period} cumulative={s.cumulative} filter={s.filter} user={session.data ?? null} />}
      <EnterpriseTable period={s.period} cumulative={s.cumulative} metric={flow} filter={s.filter} area={area} user={session.data ?? null} mapLink={mapLinkFor(s)} ready={on && session.isSuccess} />
      <CityComparisonCard user={session.data ?? null} year={year} />
      {session.isSuccess && <ReportsCard period={s.period} user={session.data ?? null} />}
      {anySuppressed && <p className="muted" data-testid="suppressed-note">{t('suppressedNote')}</p>}
      {session.data?.role === 'admin' && <TargetsEditor />}
    </div>
  );
}

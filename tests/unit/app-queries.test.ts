// The app's data layer (architecture §4, "The app's data layer"): keys hold the viewer, and each
// change invalidates what could show the old state and nothing it cannot have changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { queryClient } from '../../src/app/api/query-client.ts';
import type { ParkFeature, SessionUser } from '../../src/app/api/types.ts';
import type { IndicatorParams } from '../../src/app/api/endpoints-indicators.ts';
import { EMPTY_FILTER } from '../../src/domain/enterprise-filter.ts';
import { areaKeys } from '../../src/app/queries/areas.ts';
import { blockKeys } from '../../src/app/queries/blocks.ts';
import { cityIndicatorKeys } from '../../src/app/queries/city-indicators.ts';
import { enterpriseKeys } from '../../src/app/queries/enterprises.ts';
import { efficiencyKeys, indicatorKeys, rankingKeys } from '../../src/app/queries/indicators.ts';
import { invalidateAfterImport, parkChanged, proposalsChanged } from '../../src/app/queries/invalidate.ts';
import { keyProjectKeys } from '../../src/app/queries/key-projects.ts';
import { parkKeys, parkSummaryKeys } from '../../src/app/queries/parks.ts';
import { pilotCandidateKeys, pilotKeys } from '../../src/app/queries/pilots.ts';
import { reportKeys } from '../../src/app/queries/reports.ts';
import { proposalKeys, reviewRuleKeys } from '../../src/app/queries/reviews.ts';
import { searchKeys } from '../../src/app/queries/search.ts';
import { standardKeys } from '../../src/app/queries/standard.ts';
import { userKeys } from '../../src/app/queries/users.ts';
import { viewerOf } from '../../src/app/queries/viewer.ts';
import { warningKeys } from '../../src/app/queries/warnings.ts';
import { useEnterpriseStore } from '../../src/app/state/enterprise-store.ts';
import { useAppStore } from '../../src/app/state/store.ts';

const admin: SessionUser = { id: 1, username: 'admin', role: 'admin', district: null };
const viewer = viewerOf(admin);
const fresh = useAppStore.getState();
const other = viewerOf({ id: 2, role: 'official' });
const params: IndicatorParams = { metric: 'output', by: 'district', cumulative: false, filter: EMPTY_FILTER, compare: [], lang: 'zh-Hans' };

/** Puts an answer in the cache for each key; returns whether each was invalidated since. */
function seed(keys: Record<string, readonly unknown[]>) {
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { seeded: true });
  return () => Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated ?? false]));
}

const park = (version: number): ParkFeature => ({
  type: 'Feature', id: 7, geometry: null,
  properties: { category: 'upgrade', progress: 'started', pilotYear: null, version, district: '440103', town: 't1' } as unknown as ParkFeature['properties'],
});

beforeEach(() => {
  queryClient.clear();
  useAppStore.setState(fresh, true);
  useAppStore.getState().setUser(admin);
});

describe('query keys', () => {
  it('hold the viewer, so a log-in or log-out never reads the previous user\'s answer', () => {
    expect(viewerOf(null)).toBe('anonymous');
    expect(viewerOf(admin)).not.toBe(viewerOf({ ...admin, role: 'viewer' }));
    expect(parkKeys.detail(viewerOf(null), 7)).not.toEqual(parkKeys.detail(viewer, 7));
    expect(enterpriseKeys.detail(viewer, 7)).toContain(viewer);
    expect(proposalKeys.pending(viewer)).not.toEqual(proposalKeys.pending(other));
    expect(standardKeys.contradictions(viewer)).not.toEqual(standardKeys.contradictions(other));
    expect(reportKeys.list(viewer)).not.toEqual(reportKeys.list(other));
  });

  it('give the map\'s choropleth and the dashboard one key for the same question, the area by its text', () => {
    expect(indicatorKeys.answer(viewer, '2021', params)).toEqual(indicatorKeys.answer(viewer, '2021', { ...params, area: null }));
    const area = { key: 'in:p', geometry: { type: 'Polygon', coordinates: [] } } as unknown as NonNullable<IndicatorParams['area']>;
    expect(indicatorKeys.answer(viewer, '2021', { ...params, area })[3]).toMatchObject({ area: 'in:p' });
  });
});

describe('invalidateAfterImport', () => {
  it('parks: the outlines, the search index, statuses and areas; new tiles and a new payload; not the enterprises', async () => {
    const invalidated = seed({
      outlines: parkKeys.outlines(viewer), search: searchKeys.parkIndex(viewer), statuses: parkKeys.statuses(viewer, null),
      area: areaKeys.geometry('in:p'), enterprise: enterpriseKeys.detail(viewer, 1), users: userKeys.list(viewer),
    });
    const tiles = useAppStore.getState().tilesVersion;
    const reloads = useEnterpriseStore.getState().reloadSeq;
    await invalidateAfterImport({ kind: 'parks', tilesRebuilt: true });
    expect(invalidated()).toEqual({ outlines: true, search: true, statuses: true, area: true, enterprise: false, users: false });
    expect(useAppStore.getState().tilesVersion).toBe(tiles + 1);
    expect(useEnterpriseStore.getState().reloadSeq).toBe(reloads + 1);
  });

  it('operating figures: the enterprises, not the parks, and no new payload', async () => {
    const invalidated = seed({ figures: enterpriseKeys.figures(viewer, 1), outlines: parkKeys.outlines(viewer) });
    const reloads = useEnterpriseStore.getState().reloadSeq;
    await invalidateAfterImport({ kind: 'operating', tilesRebuilt: false });
    expect(invalidated()).toEqual({ figures: true, outlines: false });
    expect(useEnterpriseStore.getState().reloadSeq).toBe(reloads);
  });

  it('park statuses: the statuses, the review queue, the pilots, the summary and the contradictions; not the figures', async () => {
    const invalidated = seed({
      statuses: parkKeys.statuses(viewer, '2021-06-30'), proposals: proposalKeys.pending(other), pilots: pilotKeys.year(viewer, 2021),
      candidates: pilotCandidateKeys.ranking(other, 2021, '440103'), summary: parkSummaryKeys.summary([], null),
      contradictions: standardKeys.contradictions(other), versions: standardKeys.versions(viewer),
      enterprise: enterpriseKeys.detail(viewer, 1), indicators: indicatorKeys.answer(viewer, '2021', params),
    });
    await invalidateAfterImport({ kind: 'parkStatus' });
    expect(invalidated()).toEqual({
      statuses: true, proposals: true, pilots: true, candidates: true, summary: true, contradictions: true,
      versions: false, enterprise: false, indicators: false,
    });
  });

  it('operating figures: every figure computed over enterprises, for every viewer; not the parks\' summary or the review', async () => {
    const invalidated = seed({
      indicators: indicatorKeys.answer(other, '2021', params), series: indicatorKeys.series(viewer, ['2020', '2021'], params),
      efficiency: efficiencyKeys.series(viewer, 'outputPerMu', 'villagePark'),
      ranking: rankingKeys.page(viewer, { ...params, period: '2021', sort: 'value', order: 'desc', offset: 0, limit: 20 }),
      warnings: warningKeys.list(other, { period: '2021', cumulative: false, filter: EMPTY_FILTER, lang: 'en' }),
      block: blockKeys.report(viewer, 3, null, 'en'), summary: parkSummaryKeys.summary([], null), proposals: proposalKeys.pending(viewer),
    });
    await invalidateAfterImport({ kind: 'operating' });
    expect(invalidated()).toEqual({ indicators: true, series: true, efficiency: true, ranking: true, warnings: true, block: true, summary: false, proposals: false });
  });

  it('the small kinds: each only its own entries', async () => {
    const entries = {
      cities: cityIndicatorKeys.comparison('amShare', [2018, 2019, 2020, 2021]), projects: keyProjectKeys.list, projectSummary: keyProjectKeys.summary([], []),
      blocks: blockKeys.list, blockReport: blockKeys.report(viewer, 3, 2021, 'zh-Hans'), area: areaKeys.geometry('b:3'),
      standard: standardKeys.versions(viewer), suggestion: standardKeys.suggestion(viewer, 7, 'upgrade'),
      rules: reviewRuleKeys.rules(viewer), schedules: reportKeys.schedules,
    };
    const changed: Record<string, string[]> = {
      cityIndicators: ['cities'], keyProjects: ['projects', 'projectSummary'], industrialBlocks: ['blocks', 'blockReport', 'area'], zones: ['standard', 'suggestion'],
    };
    for (const [kind, names] of Object.entries(changed)) {
      queryClient.clear();
      const invalidated = seed(entries);
      await invalidateAfterImport({ kind: kind as 'zones' });
      expect(invalidated(), kind).toEqual(Object.fromEntries(Object.keys(entries).map((n) => [n, names.includes(n)])));
    }
  });
});

describe('parkChanged', () => {
  it('shows the answer at once (cache and map) and asks again for statuses and history, not the outlines', async () => {
    const history = [...parkKeys.histories(viewer), 7, 3, ''];
    const invalidated = seed({
      history, live: parkKeys.statuses(viewer, null), outlines: parkKeys.outlines(viewer),
      contradictions: standardKeys.contradictions(other), summary: parkSummaryKeys.summary(['440103'], null), indicators: indicatorKeys.answer(viewer, '2021', params),
    });
    await parkChanged(park(4));
    expect(queryClient.getQueryData<ParkFeature>(parkKeys.detail(viewer, 7))?.properties.version).toBe(4);
    expect(useAppStore.getState().parkStatuses[7]?.version).toBe(4);
    expect(invalidated()).toEqual({ history: true, live: true, outlines: false, contradictions: true, summary: true, indicators: false });
  });

  it('never puts an older version on the map', async () => {
    await parkChanged(park(5));
    await parkChanged(park(4));
    expect(useAppStore.getState().parkStatuses[7]?.version).toBe(5);
  });
});

describe('proposalsChanged', () => {
  it('asks again for the queue and the histories, not the statuses', async () => {
    const invalidated = seed({
      queue: proposalKeys.pending(viewer), pilots: pilotKeys.year(other, 2021), candidates: pilotCandidateKeys.ranking(viewer, 2021, null),
      history: [...parkKeys.histories(viewer), 7, 3, ''], live: parkKeys.statuses(viewer, null), summary: parkSummaryKeys.summary([], null),
    });
    await proposalsChanged();
    expect(invalidated()).toEqual({ queue: true, pilots: true, candidates: true, history: true, live: false, summary: false });
  });
});

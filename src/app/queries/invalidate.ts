// What a change makes stale, in one place: after an edit, a review decision, an import or an account
// change the callers run one of these, and every cached question that could show the old state is
// asked again (the ones on screen at once, the others when next shown). Every key comes from its
// entity's factory in this folder; the lists below name their `all` prefixes (every viewer's entries).
import type { ImportKind } from '../../domain/import/import-types.ts';
import { queryClient } from '../api/query-client.ts';
import type { ParkFeature } from '../api/types.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { areaKeys } from './areas.ts';
import { blockKeys } from './blocks.ts';
import { cityIndicatorKeys } from './city-indicators.ts';
import { enterpriseKeys } from './enterprises.ts';
import { efficiencyKeys, indicatorKeys, rankingKeys } from './indicators.ts';
import { keyProjectKeys } from './key-projects.ts';
import { parkKeys, parkSummaryKeys } from './parks.ts';
import { pilotCandidateKeys, pilotKeys } from './pilots.ts';
import { proposalKeys } from './reviews.ts';
import { standardKeys } from './standard.ts';
import { userKeys } from './users.ts';
import { valueParkKeys } from './value-parks.ts';
import { viewerOf } from './viewer.ts';
import { warningKeys } from './warnings.ts';

type Key = readonly unknown[];

const invalidate = (keys: readonly Key[]) => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))).then(() => undefined);

/** Statuses, counts and figures computed over parks or enterprises (the map's overlays and the dashboard). */
const FIGURES: Key[] = [indicatorKeys.all, indicatorKeys.seriesAll, efficiencyKeys.all, rankingKeys.all, warningKeys.all, blockKeys.reports];
/** The review queue, and the pilots of a year and the pilot ranking, which show nominations. */
const PROPOSALS: Key[] = [proposalKeys.all, pilotKeys.all, pilotCandidateKeys.all];
/** Besides the parks' own entries, what a park's status feeds: the review queue, the summaries, the standard's contradictions. */
const PARK_STATUS: Key[] = [...PROPOSALS, parkSummaryKeys.all, standardKeys.contradictionsAll];

/** What an import of each kind changes. */
const IMPORT_KEYS: Record<ImportKind, Key[]> = {
  enterprises: [enterpriseKeys.all, valueParkKeys.all, ...FIGURES],
  operating: [enterpriseKeys.all, ...FIGURES],
  parks: [parkKeys.all, areaKeys.all, ...PARK_STATUS, ...FIGURES],
  districts: [parkKeys.all, areaKeys.all, ...FIGURES],
  parkStatus: [parkKeys.all, ...PARK_STATUS],
  cityIndicators: [cityIndicatorKeys.all],
  keyProjects: [keyProjectKeys.all],
  industrialBlocks: [blockKeys.list, blockKeys.reports, areaKeys.all],
  zones: [standardKeys.all],
};
/** The payload carries each enterprise's district, town and parks, not the parks' statuses. */
const RELOADS_PAYLOAD: Record<ImportKind, boolean> = {
  enterprises: true, parks: true, districts: true,
  parkStatus: false, operating: false, cityIndicators: false, keyProjects: false, industrialBlocks: false, zones: false,
};

/**
 * After an import was applied: the map follows (enterprises from a new payload, parks and districts
 * from new tiles when the server rebuilt them) and every question about what it changed is asked again.
 */
export function invalidateAfterImport(result: { kind: ImportKind; tilesRebuilt?: boolean }): Promise<void> {
  if (RELOADS_PAYLOAD[result.kind]) useEnterpriseStore.getState().reload();
  if (result.tilesRebuilt) useAppStore.getState().bumpTiles();
  return invalidate(IMPORT_KEYS[result.kind]);
}

/** Parks' entries of one kind ('statuses', 'history'), for every viewer. */
const parkEntries = (...kinds: string[]) => queryClient.invalidateQueries({ queryKey: parkKeys.all, predicate: (q) => kinds.includes(q.queryKey[2] as string) });

/**
 * A park as the server answered an edit, an approval or a 412: shown at once (the panel's entry, the
 * map's colour, which keeps the higher version), and what it changes asked again.
 */
export function parkChanged(park: ParkFeature): Promise<void> {
  const { user, updateParkStatus } = useAppStore.getState();
  queryClient.setQueryData(parkKeys.detail(viewerOf(user), park.id), park);
  const { category, progress, pilotYear, version, district, town } = park.properties;
  updateParkStatus({ id: park.id, category, progress, pilotYear, version, district, town });
  // Every park's status now and on dates (an edit may take effect in the past), and the histories.
  return Promise.all([parkEntries('statuses', 'history'), invalidate(PARK_STATUS)]).then(() => undefined);
}

/** Proposals were made, approved or returned: the queue, what shows nominations, and the parks' histories (they list the steps). */
export const proposalsChanged = () => Promise.all([invalidate(PROPOSALS), parkEntries('history')]).then(() => undefined);

/** An account was created or changed (the panel writes the answer into the list, users.ts): the list is asked again. */
export const accountsChanged = () => invalidate([userKeys.all]);

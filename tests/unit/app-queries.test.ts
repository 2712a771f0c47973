// The app's data layer (architecture §4, "The app's data layer"): keys hold the viewer, and each
// change invalidates what could show the old state and nothing it cannot have changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { queryClient } from '../../src/app/api/query-client.ts';
import type { ParkFeature, SessionUser } from '../../src/app/api/types.ts';
import { areaKeys } from '../../src/app/queries/areas.ts';
import { enterpriseKeys } from '../../src/app/queries/enterprises.ts';
import { invalidateAfterImport, parkChanged, proposalsChanged } from '../../src/app/queries/invalidate.ts';
import { parkKeys } from '../../src/app/queries/parks.ts';
import { searchKeys } from '../../src/app/queries/search.ts';
import { userKeys } from '../../src/app/queries/users.ts';
import { viewerOf } from '../../src/app/queries/viewer.ts';
import { useEnterpriseStore } from '../../src/app/state/enterprise-store.ts';
import { useAppStore } from '../../src/app/state/store.ts';

const admin: SessionUser = { id: 1, username: 'admin', role: 'admin', district: null };
const viewer = viewerOf(admin);
const fresh = useAppStore.getState();

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

  it('park statuses: the statuses and the review queue', async () => {
    const invalidated = seed({ statuses: parkKeys.statuses(viewer, '2021-06-30'), proposals: ['proposals', 'pending', 1], enterprise: enterpriseKeys.detail(viewer, 1) });
    await invalidateAfterImport({ kind: 'parkStatus' });
    expect(invalidated()).toEqual({ statuses: true, proposals: true, enterprise: false });
  });
});

describe('parkChanged', () => {
  it('shows the answer at once (cache and map) and asks again for statuses and history, not the outlines', async () => {
    const history = [...parkKeys.histories(viewer), 7, 3, ''];
    const invalidated = seed({ history, live: parkKeys.statuses(viewer, null), outlines: parkKeys.outlines(viewer) });
    await parkChanged(park(4));
    expect(queryClient.getQueryData<ParkFeature>(parkKeys.detail(viewer, 7))?.properties.version).toBe(4);
    expect(useAppStore.getState().parkStatuses[7]?.version).toBe(4);
    expect(invalidated()).toEqual({ history: true, live: true, outlines: false });
  });

  it('never puts an older version on the map', async () => {
    await parkChanged(park(5));
    await parkChanged(park(4));
    expect(useAppStore.getState().parkStatuses[7]?.version).toBe(5);
  });
});

describe('proposalsChanged', () => {
  it('asks again for the queue and the histories, not the statuses', async () => {
    const invalidated = seed({ queue: ['proposals', 'pending', 1], pilots: ['pilots', 2021, 1], history: [...parkKeys.histories(viewer), 7, 3, ''], live: parkKeys.statuses(viewer, null) });
    await proposalsChanged();
    expect(invalidated()).toEqual({ queue: true, pilots: true, history: true, live: false });
  });
});

// The app's stores (architecture §4, "The stores"): a map move changes no state that a component
// subscribes to, only the camera holder and the permalink; a feature selection and the other panels
// exclude each other; the services live outside the stores.
import { beforeEach, describe, expect, it } from 'vitest';
import { permalink } from '../../src/app/hooks/useUrlSync.ts';
import { getService, provideService, withdrawService } from '../../src/app/services.ts';
import { useAreaStore } from '../../src/app/state/area-store.ts';
import { flyTo, getCamera, onFlyRequest, setCamera, subscribeCamera, type FlyTarget } from '../../src/app/state/camera.ts';
import { useEnterpriseStore } from '../../src/app/state/enterprise-store.ts';
import { useMeasureStore } from '../../src/app/state/measure-store.ts';
import { useStandardStore } from '../../src/app/state/standard-store.ts';
import { useAppStore } from '../../src/app/state/store.ts';
import { decodeUrlState } from '../../src/app/state/url-state.ts';
import type { SessionUser } from '../../src/app/api/types.ts';
import type { EnterpriseWorkerClient } from '../../src/app/worker/worker-client.ts';

const fresh = useAppStore.getState();
beforeEach(() => useAppStore.setState(fresh, true));

describe('a map move', () => {
  it('notifies no store, only the camera subscribers, and the permalink has the new camera', () => {
    const notified: string[] = [];
    const offs = [
      useAppStore.subscribe(() => notified.push('app')),
      useEnterpriseStore.subscribe(() => notified.push('enterprises')),
      useAreaStore.subscribe(() => notified.push('area')),
      useMeasureStore.subscribe(() => notified.push('measure')),
      useStandardStore.subscribe(() => notified.push('standard')),
    ];
    const cameras: unknown[] = [];
    offs.push(subscribeCamera((c) => cameras.push(c)));
    const before = useAppStore.getState();
    try {
      // What MapView does on every move (controller.onMove → setCamera).
      for (let i = 0; i < 5; i++) setCamera({ center: [113.3 + i / 100, 23.1], zoom: 12 + i / 10 });
    } finally {
      for (const off of offs) off();
    }
    expect(notified).toEqual([]);
    expect(useAppStore.getState()).toBe(before);
    expect(cameras).toHaveLength(5);
    expect(getCamera()).toEqual({ center: [113.34, 23.1], zoom: 12.4 });
    // The permalink writer (useUrlSync) reads the camera from the holder.
    const link = decodeUrlState(permalink(useAppStore.getState()));
    expect(link.center).toEqual([113.34, 23.1]);
    expect(link.zoom).toBe(12.4);
  });

  it('to the same place tells nobody', () => {
    const cameras: unknown[] = [];
    const off = subscribeCamera((c) => cameras.push(c));
    setCamera({ center: [113.5, 23.2], zoom: 11 });
    setCamera({ center: [113.5, 23.2], zoom: 11 });
    off();
    expect(cameras).toHaveLength(1);
  });

  it('the app state holds no camera and no service objects', () => {
    expect(Object.keys(useAppStore.getState())).not.toContain('view');
    expect(Object.keys(useAppStore.getState())).not.toContain('fly');
    expect(Object.keys(useEnterpriseStore.getState())).not.toContain('client');
  });
});

describe('fly requests', () => {
  it('go to the map listening, and wait for one when none listens yet', () => {
    const got: FlyTarget[] = [];
    flyTo({ center: [113.2, 23.1], zoom: 15 });
    const off = onFlyRequest((t) => got.push(t));
    expect(got).toEqual([{ center: [113.2, 23.1], zoom: 15 }]);
    flyTo({ bounds: [113, 23, 113.5, 23.5] });
    off();
    flyTo({ zoom: 9 });
    expect(got).toHaveLength(2);
    const late: FlyTarget[] = [];
    onFlyRequest((t) => late.push(t))();
    expect(late).toEqual([{ zoom: 9 }]);
  });
});

describe('the selected feature and the open panel', () => {
  const s = () => useAppStore.getState();

  it('exclude each other: a feature closes a panel, a panel clears the feature', () => {
    s().showPanel('imports');
    expect([s().pickedFeature, s().openPanel]).toEqual([null, 'imports']);
    s().select({ kind: 'park', id: 7 });
    expect([s().pickedFeature, s().openPanel, s().returnTo]).toEqual([{ kind: 'park', id: 7 }, null, null]);
    s().showPanel('reviews');
    expect([s().pickedFeature, s().openPanel]).toEqual([null, 'reviews']);
    s().closePanel();
    expect([s().pickedFeature, s().openPanel]).toEqual([null, null]);
  });

  it('a feature opened from the selection returns to it when closed', () => {
    s().setArea({ kind: 'inside', layer: 'villageParks' });
    expect(s().openPanel).toBe('selection');
    s().select({ kind: 'enterprise', id: 42 });
    expect([s().pickedFeature, s().openPanel, s().returnTo]).toEqual([{ kind: 'enterprise', id: 42 }, null, 'selection']);
    // Another feature from the map: the way back stays only while one came from the list.
    s().selectPark(3);
    expect(s().returnTo).toBeNull();
    s().closePanel();
    expect([s().pickedFeature, s().openPanel]).toEqual([null, null]);
    s().showPanel('selection');
    s().selectPark(3);
    s().closePanel();
    expect([s().pickedFeature, s().openPanel]).toEqual([null, 'selection']);
    s().setArea(null);
    expect(s().openPanel).toBeNull();
  });

  it('a change of user closes the panels for some roles only; a feature stays', () => {
    const admin: SessionUser = { id: 1, username: 'a', role: 'admin', district: null };
    for (const kind of ['bulk', 'imports', 'accounts', 'reviews', 'standard'] as const) {
      s().showPanel(kind);
      s().setUser(admin);
      expect(s().openPanel).toBeNull();
    }
    s().showPanel('pilots');
    s().setUser(null);
    expect(s().openPanel).toBe('pilots');
    s().select({ kind: 'valuePark', id: 2 });
    s().setUser(admin);
    expect(s().pickedFeature).toEqual({ kind: 'valuePark', id: 2 });
  });

  it('a history entry restores both, never a feature and a panel together', () => {
    s().restorePanels({ pickedFeature: { kind: 'block', id: 5 }, openPanel: 'selection' });
    expect([s().pickedFeature, s().openPanel]).toEqual([{ kind: 'block', id: 5 }, null]);
    s().restorePanels({ pickedFeature: null, openPanel: 'selection' });
    expect([s().pickedFeature, s().openPanel]).toEqual([null, 'selection']);
  });

  it('only the selected feature goes into the permalink', () => {
    s().select({ kind: 'keyProject', id: 9 });
    expect(decodeUrlState(permalink(s())).selected).toEqual({ kind: 'keyProject', id: 9 });
    s().showPanel('imports');
    expect(decodeUrlState(permalink(s())).selected).toBeUndefined();
  });
});

describe('services', () => {
  it('are provided and withdrawn outside the stores; a newer one is not withdrawn by an older one', () => {
    const a = { name: 'a' } as unknown as EnterpriseWorkerClient;
    const b = { name: 'b' } as unknown as EnterpriseWorkerClient;
    provideService('enterpriseWorker', a);
    provideService('enterpriseWorker', b);
    withdrawService('enterpriseWorker', a);
    expect(getService('enterpriseWorker')).toBe(b);
    withdrawService('enterpriseWorker', b);
    expect(getService('enterpriseWorker')).toBeNull();
  });
});

// Connects the enterprise worker to the map and the stores: loads the payload (again after every
// log-in or log-out, since revenue travels only to some roles), sends the filter, and redraws the
// clusters for the view after every move and filter change.
import { useEffect, useRef, useState } from 'react';
import { ENTERPRISE_PAYLOAD_URL } from '../api/endpoints-map.ts';
import type { MapController, MapView } from '../map/map-controller.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { filterForPayload } from '../state/filter-model.ts';
import { useAppStore } from '../state/store.ts';
import { EnterpriseWorkerClient, type FilterResult } from '../worker/worker-client.ts';

const MOVE_DEBOUNCE_MS = 120;

/** The view's box grown by a quarter on each side, so short pans do not show empty edges. */
function padded([w, s, e, n]: MapView['bbox']): MapView['bbox'] {
  const dx = (e - w) / 4, dy = (n - s) / 4;
  return [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)];
}

/** Identifies a view, so that tests can wait until the clusters of the view they moved to are drawn. */
export const viewKey = (v: Pick<MapView, 'center' | 'zoom'>) => `${v.zoom.toFixed(4)}/${v.center[0].toFixed(6)}/${v.center[1].toFixed(6)}`;

export function useEnterpriseLayer(controller: MapController | null): EnterpriseWorkerClient | null {
  const [client, setClient] = useState<EnterpriseWorkerClient | null>(null);
  const sessionKnown = useAppStore((s) => s.sessionKnown);
  const userKey = useAppStore((s) => (s.user ? `${s.user.id}/${s.user.role}` : 'anonymous'));
  const filter = useAppStore((s) => s.filter);
  const areaGeometry = useAreaStore((s) => s.geometry);
  const info = useEnterpriseStore((s) => s.info);
  const reloadSeq = useEnterpriseStore((s) => s.reloadSeq);
  const generation = useRef(0);
  const redraw = useRef<() => void>(() => undefined);

  useEffect(() => {
    const c = new EnterpriseWorkerClient();
    setClient(c);
    useEnterpriseStore.getState().setClient(c);
    return () => {
      useEnterpriseStore.getState().setClient(null);
      c.terminate();
    };
  }, []);

  // Load, and load again when the user changes (or the retry button is pressed).
  useEffect(() => {
    if (!client || !sessionKnown) return;
    const gen = ++generation.current;
    const store = useEnterpriseStore.getState();
    store.setLoading();
    client.load(ENTERPRISE_PAYLOAD_URL).then(
      (r) => gen === generation.current && useEnterpriseStore.getState().setLoaded({ count: r.count, dictionaries: r.dictionaries, confidential: r.confidential, demo: r.demo }),
      (err: Error) => gen === generation.current && useEnterpriseStore.getState().setError(err.message),
    );
  }, [client, sessionKnown, userKey, reloadSeq]);

  useEffect(() => {
    if (controller && info) controller.setEnterpriseClusterCodes(info.dictionaries.clusters);
  }, [controller, info]);

  // Clusters for the current view.
  useEffect(() => {
    if (!controller || !client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const draw = () => {
      if (useEnterpriseStore.getState().status !== 'ready') return;
      const v = controller.view();
      client.clusters(padded(v.bbox), v.zoom).then(
        (r) => {
          if (!r) return;
          controller.setEnterpriseFeatures(r.features);
          useEnterpriseStore.getState().setInView({ ...controller.enterpriseStats(), view: viewKey(v) });
        },
        () => undefined, // a superseded or failed view: the next move draws again
      );
    };
    redraw.current = draw;
    const off = controller.onMove(() => {
      clearTimeout(timer);
      timer = setTimeout(draw, MOVE_DEBOUNCE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [controller, client]);

  // Shows a filter or area answer (counts, summary, clusters) unless a newer request superseded it;
  // returns the effect's cleanup.
  const follow = (answer: Promise<FilterResult>, onError: (message: string) => void) => {
    let stale = false;
    answer.then(
      (r) => {
        if (stale) return;
        useEnterpriseStore.getState().setFiltered(r.counts, r.summary);
        redraw.current();
      },
      (err: Error) => !stale && onError(err.message),
    );
    return () => {
      stale = true;
    };
  };

  // The filter, after every load (the worker starts each payload unfiltered) and every change.
  useEffect(() => {
    if (!client || !info) return;
    return follow(client.setFilter(filterForPayload(filter, info.dictionaries, info.confidential)), (m) => useEnterpriseStore.getState().setError(m));
  }, [client, info, filter]);

  // The area, after every load and every change; the worker ANDs it with the filter.
  useEffect(() => {
    if (!client || !info) return;
    return follow(client.setArea(areaGeometry), (m) => useAreaStore.getState().setError(m));
  }, [client, info, areaGeometry]);

  return client;
}

// Connects the enterprise worker to the map and the stores, in two hooks: `useEnterpriseWorker`
// (app-wide, mounted by useAppServices) loads the payload (again after every log-in or log-out,
// since revenue travels only to some roles, and after imports) and sends the filter and the area;
// `useEnterpriseLayer` (MapView) redraws the clusters for the view after every move, filter and area.
//
// The first load does not wait for GET /api/session: the payload request carries the same session
// cookie, so the server answers it for whoever the session turns out to be; only a later change of
// user loads again. A filter or area is sent together with the clusters request for the view (the
// worker answers in order, so the clusters are those of the new matches): one round trip, not two.
// On the first screen (no filter, no area) the view's clusters are asked for right behind the load
// itself: the main thread is busy drawing the base map then, and every round trip waits for a frame.
import { useEffect, useRef, useState } from 'react';
import { isEmptyFilter } from '../../domain/enterprise-filter.ts';
import { ENTERPRISE_PAYLOAD_URL } from '../api/endpoints-features.ts';
import { errorText } from '../i18n/error-text.ts';
import type { MapController, Viewport } from '../map/map-controller.ts';
import { provideService, useService, withdrawService } from '../services.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { filterForPayload } from '../state/filter-model.ts';
import { useAppStore } from '../state/store.ts';
import { takeEarlyLoad } from '../worker/early-load.ts';
import { EnterpriseWorkerClient, type FilterResult, type LoadResult } from '../worker/worker-client.ts';

const MOVE_DEBOUNCE_MS = 120;

/** The view's box grown by a quarter on each side, so short pans do not show empty edges. */
function padded([w, s, e, n]: Viewport['bbox']): Viewport['bbox'] {
  const dx = (e - w) / 4, dy = (n - s) / 4;
  return [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)];
}

/** Identifies a view, so that tests can wait until the clusters of the view they moved to are drawn. */
export const viewKey = (v: Pick<Viewport, 'center' | 'zoom'>) => `${v.zoom.toFixed(4)}/${v.center[0].toFixed(6)}/${v.center[1].toFixed(6)}`;

/**
 * The map's redraw of the view's clusters while a map is shown (set by useEnterpriseLayer). The
 * worker's side calls it right after sending a filter, an area or a load, so the clusters request
 * queues behind it in the worker: one round trip. `duringLoad` asks before the payload is in.
 */
const viewRedraw: { current: (duringLoad?: boolean) => void } = { current: () => undefined };

/**
 * The worker and its payload, app-wide: mounted once by the app (useAppServices), whatever is on
 * screen. Provides the worker's client as a service, loads, and sends the filter and the area.
 */
export function useEnterpriseWorker(): void {
  const [client, setClient] = useState<EnterpriseWorkerClient | null>(null);
  const sessionKnown = useAppStore((s) => s.sessionKnown);
  const userKey = useAppStore((s) => (s.user ? `${s.user.id}/${s.user.role}` : 'anonymous'));
  const filter = useAppStore((s) => s.filter);
  const areaGeometry = useAreaStore((s) => s.geometry);
  const info = useEnterpriseStore((s) => s.info);
  const reloadSeq = useEnterpriseStore((s) => s.reloadSeq);
  const generation = useRef(0);
  /** The user the loaded payload is for; undefined before the first load, null while the session was unknown. */
  const loadedFor = useRef<string | null | undefined>(undefined);

  /** The load main.tsx started, until the first load effect takes it. */
  const preloaded = useRef<Promise<LoadResult> | null>(null);

  useEffect(() => {
    const taken = takeEarlyLoad();
    const c = taken?.client ?? new EnterpriseWorkerClient();
    preloaded.current = taken?.load ?? null;
    setClient(c);
    provideService('enterpriseWorker', c);
    return () => {
      preloaded.current = null;
      withdrawService('enterpriseWorker', c);
      c.terminate();
    };
  }, []);

  // Load at once, and again when the user changes (or the retry button is pressed).
  const user = sessionKnown ? userKey : null;
  const lastSeq = useRef(reloadSeq);
  useEffect(() => {
    if (!client) return;
    const retry = lastSeq.current !== reloadSeq;
    lastSeq.current = reloadSeq;
    const prev = loadedFor.current;
    loadedFor.current = user;
    // The session became known after a load made while it was not: that load is already this user's.
    if (!retry && prev === null && user !== null) return;
    const gen = ++generation.current;
    const store = useEnterpriseStore.getState();
    store.setLoading();
    const load = preloaded.current ?? client.load(ENTERPRISE_PAYLOAD_URL);
    preloaded.current = null;
    load.then(
      (r) => gen === generation.current && useEnterpriseStore.getState().setLoaded({ count: r.count, dictionaries: r.dictionaries, confidential: r.confidential, demo: r.demo }),
      (err: Error) => gen === generation.current && useEnterpriseStore.getState().setError(errorText(err, useAppStore.getState().lang)),
    );
    // A load starts unfiltered: with no filter and no area chosen, its clusters are the view's.
    const app = useAppStore.getState();
    if (isEmptyFilter(app.filter) && !app.area) viewRedraw.current(true);
  }, [client, user, reloadSeq]);

  // Shows a filter or area answer (counts, summary) unless a newer request superseded it, and asks
  // for the clusters right behind it; returns the effect's cleanup.
  const follow = (answer: Promise<FilterResult>, onError: (message: string) => void) => {
    let stale = false;
    viewRedraw.current();
    answer.then(
      (r) => {
        if (stale) return;
        useEnterpriseStore.getState().setFiltered(r.counts, r.summary);
      },
      // The worker's problem in the user's language (error-text.ts), not its English text.
      (err: Error) => !stale && onError(errorText(err, useAppStore.getState().lang)),
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
}

/** The enterprise layer of the map on screen: the bubbles of the view, drawn again after every move and every filter, area or load. */
export function useEnterpriseLayer(controller: MapController | null): EnterpriseWorkerClient | null {
  const client = useService('enterpriseWorker');
  const info = useEnterpriseStore((s) => s.info);

  useEffect(() => {
    if (controller && info) controller.setEnterpriseClusterCodes(info.dictionaries.clusters);
  }, [controller, info]);

  // Clusters for the current view.
  useEffect(() => {
    if (!controller || !client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const draw = (duringLoad = false) => {
      if (!duringLoad && useEnterpriseStore.getState().status !== 'ready') return;
      const v = controller.view();
      client.clusters(padded(v.bbox), v.zoom).then(
        (r) => {
          if (!r) return;
          controller.setEnterpriseFeatures(r.features);
          useEnterpriseStore.getState().setInView({ ...controller.enterpriseStats(), view: viewKey(v) });
        },
        () => undefined, // a superseded or failed view (or load, which says why): the next move or filter answer draws again
      );
    };
    viewRedraw.current = draw;
    const off = controller.onMove(() => {
      clearTimeout(timer);
      timer = setTimeout(draw, MOVE_DEBOUNCE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
      if (viewRedraw.current === draw) viewRedraw.current = () => undefined;
    };
  }, [controller, client]);

  return client;
}

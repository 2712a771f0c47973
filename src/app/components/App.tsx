import { lazy, Suspense, useEffect, useState } from 'react';
import { fetchParkStatuses, fetchSession } from '../api/endpoints.ts';
import { loadRuntimeConfig, vectorBasemapAvailable } from '../api/runtime-config.ts';
import { t } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { useAppStore } from '../state/store.ts';
import { EnterpriseStatus } from './EnterpriseStatus.tsx';
import { isAbort } from './error-text.ts';
import { MapView } from './MapView.tsx';
import { MeasureResult } from './MeasureResult.tsx';
import { PartLoading } from './PartLoading.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useUrlSync } from './useUrlSync.ts';

// The first screen is the map, the enterprise layer and the sidebar; every panel is a chunk of its
// own, fetched when first opened (imports, accounts, the selection with its exports, edits).
const ParkPanel = lazy(() => import('./ParkPanel.tsx').then((m) => ({ default: m.ParkPanel })));
const BlockPanel = lazy(() => import('./BlockPanel.tsx').then((m) => ({ default: m.BlockPanel })));
const ValueParkPanel = lazy(() => import('./ValueParkPanel.tsx').then((m) => ({ default: m.ValueParkPanel })));
const EnterprisePanel = lazy(() => import('./EnterprisePanel.tsx').then((m) => ({ default: m.EnterprisePanel })));
const BulkPanel = lazy(() => import('./BulkPanel.tsx').then((m) => ({ default: m.BulkPanel })));
const SelectionPanel = lazy(() => import('./SelectionPanel.tsx').then((m) => ({ default: m.SelectionPanel })));
const ImportPanel = lazy(() => import('./ImportPanel.tsx').then((m) => ({ default: m.ImportPanel })));
const AccountsPanel = lazy(() => import('./AccountsPanel.tsx').then((m) => ({ default: m.AccountsPanel })));
const ReviewPanel = lazy(() => import('./ReviewPanel.tsx').then((m) => ({ default: m.ReviewPanel })));
const KeyProjectPanel = lazy(() => import('./KeyProjectPanel.tsx').then((m) => ({ default: m.KeyProjectPanel })));
const PilotPanel = lazy(() => import('./PilotPanel.tsx').then((m) => ({ default: m.PilotPanel })));
const StandardPanel = lazy(() => import('./StandardPanel.tsx').then((m) => ({ default: m.StandardPanel })));

/** Phones: the sidebar is a drawer over the map, closed at first, and a panel is a bottom sheet (app.css). */
const PHONE = '(max-width: 700px)';
const isPhone = () => window.matchMedia(PHONE).matches;

export function App() {
  const [sidebarOpen, setSidebarOpen] = useState(() => !isPhone());
  const { lang, mapStatus, mapError, user, sessionKnown, panel, setUser, setParkStatuses } = useAppStore();
  const [statusesFailed, setStatusesFailed] = useState(false);
  const [basemap, setBasemap] = useState<BasemapConfig | null>(null);
  const [vectorBasemap, setVectorBasemap] = useState(false);
  useUrlSync();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appTitle', lang);
  }, [lang]);

  useEffect(() => {
    fetchSession().then(setUser, () => setUser(null));
    loadRuntimeConfig().then((c) => setBasemap(c.basemap));
    vectorBasemapAvailable(`${location.origin}/tiles`).then(setVectorBasemap);
  }, [setUser]);

  // Live statuses for the map: on load and after every log-in or log-out.
  useEffect(() => {
    if (!sessionKnown) return;
    const ac = new AbortController();
    fetchParkStatuses(ac.signal).then(
      (items) => {
        setStatusesFailed(false);
        setParkStatuses(items);
      },
      (err) => !isAbort(err) && setStatusesFailed(true),
    );
    return () => ac.abort();
  }, [sessionKnown, user?.id, setParkStatuses]);

  // On a phone the drawer covers the map: a panel opened from it (a search hit, a layer's list) is seen only once it closes.
  useEffect(() => {
    if (panel && isPhone()) setSidebarOpen(false);
  }, [panel]);
  // … and so does one who starts drawing: the drawing happens on the map.
  const drawMode = useAppStore((s) => s.drawMode);
  useEffect(() => {
    if (drawMode && isPhone()) setSidebarOpen(false);
  }, [drawMode]);

  return (
    <div className="app">
      <a className="skip-link" href="#map" data-testid="skip-to-map" onClick={(e) => {
        // The map's canvas takes the focus: the arrow keys pan, +/- zoom, Enter opens what is under the centre.
        const canvas = document.querySelector<HTMLElement>('.maplibregl-canvas');
        if (!canvas) return;
        e.preventDefault();
        canvas.focus();
      }}>{t('skipToMap', lang)}</a>
      <Sidebar basemap={basemap} vectorBasemap={vectorBasemap} open={sidebarOpen} onClose={() => setSidebarOpen(false)} />
      <main className="map-wrap">
        {!sidebarOpen && (
          <button type="button" className="sidebar-open" onClick={() => setSidebarOpen(true)} aria-controls="sidebar" aria-expanded="false" data-testid="sidebar-open">
            ☰ {t('sidebarShow', lang)}
          </button>
        )}
        <MapView basemap={basemap} vectorBasemap={vectorBasemap} />
        <div className="overlays" id="map-overlays">
          {mapStatus === 'loading' && <div className="overlay" role="status">{t('loading', lang)}</div>}
          {mapStatus === 'error' && <div className="overlay error" role="alert">{t('mapError', lang)}{mapError}</div>}
          {statusesFailed && mapStatus !== 'error' && <div className="overlay error" role="alert">{t('statusesError', lang)}</div>}
          <EnterpriseStatus />
          <MeasureResult />
        </div>
        <Suspense fallback={<PartLoading panel />}>
          {panel?.kind === 'park' && <ParkPanel id={panel.id} />}
          {panel?.kind === 'valuePark' && <ValueParkPanel id={panel.id} />}
          {panel?.kind === 'block' && <BlockPanel id={panel.id} />}
          {panel?.kind === 'enterprise' && <EnterprisePanel id={panel.id} />}
          {panel?.kind === 'bulk' && <BulkPanel />}
          {panel?.kind === 'selection' && <SelectionPanel />}
          {panel?.kind === 'imports' && <ImportPanel />}
          {panel?.kind === 'accounts' && <AccountsPanel />}
          {panel?.kind === 'reviews' && <ReviewPanel />}
          {panel?.kind === 'keyProject' && <KeyProjectPanel id={panel.id} />}
          {panel?.kind === 'pilots' && <PilotPanel />}
          {panel?.kind === 'standard' && <StandardPanel />}
        </Suspense>
      </main>
    </div>
  );
}

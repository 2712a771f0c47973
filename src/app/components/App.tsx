import { lazy, Suspense, useEffect, useState } from 'react';
import { loadRuntimeConfig, vectorBasemapAvailable } from '../api/runtime-config.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { useAppStore } from '../state/store.ts';
import { EnterpriseStatus } from './EnterpriseStatus.tsx';
import { MapView } from './MapView.tsx';
import { MeasureResult } from './MeasureResult.tsx';
import { PartLoading } from './PartLoading.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useAppServices } from '../hooks/useAppServices.ts';
import { useUrlSync } from '../hooks/useUrlSync.ts';
import { useT } from '../i18n/use-t.ts';

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
  const { t, lang } = useT();
  const mapStatus = useAppStore((s) => s.mapStatus);
  const mapError = useAppStore((s) => s.mapError);
  const feature = useAppStore((s) => s.pickedFeature);
  const openPanel = useAppStore((s) => s.openPanel);
  const { statusesFailed } = useAppServices();
  const [basemap, setBasemap] = useState<BasemapConfig | null>(null);
  const [vectorBasemap, setVectorBasemap] = useState(false);
  useUrlSync();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appTitle');
  }, [lang]);

  useEffect(() => {
    loadRuntimeConfig().then((c) => setBasemap(c.basemap));
    vectorBasemapAvailable(`${location.origin}/tiles`).then(setVectorBasemap);
  }, []);

  // On a phone the drawer covers the map: a panel opened from it (a search hit, a layer's list) is seen only once it closes.
  useEffect(() => {
    if ((feature || openPanel) && isPhone()) setSidebarOpen(false);
  }, [feature, openPanel]);
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
      }}>{t('skipToMap')}</a>
      <Sidebar basemap={basemap} vectorBasemap={vectorBasemap} open={sidebarOpen} onClose={() => setSidebarOpen(false)} />
      <main className="map-wrap">
        {!sidebarOpen && (
          <button type="button" className="sidebar-open" onClick={() => setSidebarOpen(true)} aria-controls="sidebar" aria-expanded="false" data-testid="sidebar-open">
            ☰ {t('sidebarShow')}
          </button>
        )}
        <MapView basemap={basemap} vectorBasemap={vectorBasemap} />
        <div className="overlays" id="map-overlays">
          {mapStatus === 'loading' && <div className="overlay" role="status">{t('loading')}</div>}
          {mapStatus === 'error' && <div className="overlay error" role="alert">{t('mapError')}{mapError}</div>}
          {statusesFailed && mapStatus !== 'error' && <div className="overlay error" role="alert">{t('statusesError')}</div>}
          <EnterpriseStatus />
          <MeasureResult />
        </div>
        <Suspense fallback={<PartLoading panel />}>
          {feature?.kind === 'park' && <ParkPanel id={feature.id} />}
          {feature?.kind === 'valuePark' && <ValueParkPanel id={feature.id} />}
          {feature?.kind === 'block' && <BlockPanel id={feature.id} />}
          {feature?.kind === 'enterprise' && <EnterprisePanel id={feature.id} />}
          {feature?.kind === 'keyProject' && <KeyProjectPanel id={feature.id} />}
          {openPanel === 'bulk' && <BulkPanel />}
          {openPanel === 'selection' && <SelectionPanel />}
          {openPanel === 'imports' && <ImportPanel />}
          {openPanel === 'accounts' && <AccountsPanel />}
          {openPanel === 'reviews' && <ReviewPanel />}
          {openPanel === 'pilots' && <PilotPanel />}
          {openPanel === 'standard' && <StandardPanel />}
        </Suspense>
      </main>
    </div>
  );
}

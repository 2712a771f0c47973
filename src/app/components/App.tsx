import { useEffect, useState } from 'react';
import { fetchParkStatuses, fetchSession } from '../api/endpoints.ts';
import { loadRuntimeConfig } from '../api/runtime-config.ts';
import { t } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { useAppStore } from '../state/store.ts';
import { AccountsPanel } from './AccountsPanel.tsx';
import { BulkPanel } from './BulkPanel.tsx';
import { EnterprisePanel } from './EnterprisePanel.tsx';
import { EnterpriseStatus } from './EnterpriseStatus.tsx';
import { isAbort } from './error-text.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { MapView } from './MapView.tsx';
import { ParkPanel } from './ParkPanel.tsx';
import { SelectionPanel } from './SelectionPanel.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useUrlSync } from './useUrlSync.ts';
import { ValueParkPanel } from './ValueParkPanel.tsx';

export function App() {
  const { lang, mapStatus, mapError, user, sessionKnown, panel, setUser, setParkStatuses } = useAppStore();
  const [statusesFailed, setStatusesFailed] = useState(false);
  const [basemap, setBasemap] = useState<BasemapConfig | null>(null);
  useUrlSync();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appTitle', lang);
  }, [lang]);

  useEffect(() => {
    fetchSession().then(setUser, () => setUser(null));
    loadRuntimeConfig().then((c) => setBasemap(c.basemap));
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

  return (
    <div className="app">
      <Sidebar basemap={basemap} />
      <main className="map-wrap">
        <MapView basemap={basemap} />
        <div className="overlays">
          {mapStatus === 'loading' && <div className="overlay" role="status">{t('loading', lang)}</div>}
          {mapStatus === 'error' && <div className="overlay error" role="alert">{t('mapError', lang)}{mapError}</div>}
          {statusesFailed && mapStatus !== 'error' && <div className="overlay error" role="alert">{t('statusesError', lang)}</div>}
          <EnterpriseStatus />
        </div>
        {panel?.kind === 'park' && <ParkPanel id={panel.id} />}
        {panel?.kind === 'valuePark' && <ValueParkPanel id={panel.id} />}
        {panel?.kind === 'enterprise' && <EnterprisePanel id={panel.id} />}
        {panel?.kind === 'bulk' && <BulkPanel />}
        {panel?.kind === 'selection' && <SelectionPanel />}
        {panel?.kind === 'imports' && <ImportPanel />}
        {panel?.kind === 'accounts' && <AccountsPanel />}
      </main>
    </div>
  );
}

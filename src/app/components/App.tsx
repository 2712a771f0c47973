import { useEffect } from 'react';
import { t } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { MapView } from './MapView.tsx';
import { Sidebar } from './Sidebar.tsx';

export function App() {
  const { lang, mapStatus, mapError } = useAppStore();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appTitle', lang);
  }, [lang]);
  return (
    <div className="app">
      <Sidebar />
      <main className="map-wrap">
        <MapView />
        {mapStatus === 'loading' && <div className="overlay" role="status">{t('loading', lang)}</div>}
        {mapStatus === 'error' && <div className="overlay error" role="alert">{t('mapError', lang)}{mapError}</div>}
      </main>
    </div>
  );
}

// Renders the map's page or the dashboard; main.tsx loads this module after starting the payload.
import { lazy, StrictMode, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import { fetchSession } from './api/endpoints.ts';
import { queryClient } from './api/query-client.ts';
import { App } from './components/App.tsx';
import { loadMessages } from './i18n/messages.ts';
import { onDashboardRoute } from './route.ts';
import { sessionKey } from './queries/viewer.ts';
import { decodeDashboard } from './state/dashboard-url.ts';
import { useAppStore } from './state/store.ts';

// The dashboard is its own route and its own chunk (with ECharts): the map's first load does not carry it.
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const onDashboard = onDashboardRoute();
// Every dashboard question waits for the session: ask for it while the dashboard's chunk loads.
// (On the map's page, main.tsx has already started the enterprise payload.)
if (onDashboard) void queryClient.prefetchQuery({ queryKey: sessionKey, queryFn: fetchSession });

// The first frame is in the page's language: its catalogue (a chunk of its own unless zh-Hans, messages.ts)
// arrives first. If it cannot be fetched the app still starts, in zh-Hans words.
const startLang = onDashboard ? decodeDashboard(window.location.search).lang : useAppStore.getState().lang;
void loadMessages(startLang).catch((err: unknown) => console.warn(`The ${startLang} messages could not be loaded`, err)).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {onDashboard ? <Suspense fallback={<p role="status">…</p>}><Dashboard /></Suspense> : <QueryClientProvider client={queryClient}><App /></QueryClientProvider>}
    </StrictMode>,
  ),
);

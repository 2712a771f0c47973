// Renders the map's page or the dashboard; main.tsx loads this module after starting the payload.
import { lazy, StrictMode, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import { fetchSession } from './api/endpoints.ts';
import { queryClient } from './api/query-client.ts';
import { App } from './components/App.tsx';
import { onDashboardRoute } from './route.ts';

// The dashboard is its own route and its own chunk (with ECharts): the map's first load does not carry it.
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const onDashboard = onDashboardRoute();
// Every dashboard question waits for the session: ask for it while the dashboard's chunk loads.
// (On the map's page, main.tsx has already started the enterprise payload.)
if (onDashboard) void queryClient.prefetchQuery({ queryKey: ['session'], queryFn: fetchSession });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {onDashboard ? <Suspense fallback={<p role="status">…</p>}><Dashboard /></Suspense> : <QueryClientProvider client={queryClient}><App /></QueryClientProvider>}
  </StrictMode>,
);

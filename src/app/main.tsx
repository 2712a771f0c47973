import { lazy, StrictMode, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import { queryClient } from './api/query-client.ts';
import { App } from './components/App.tsx';

// The dashboard is its own route and its own chunk (with ECharts): the map's first load does not carry it.
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const onDashboard = window.location.pathname.replace(/\/+$/, '') === '/dashboard';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {onDashboard ? <Suspense fallback={<p role="status">…</p>}><Dashboard /></Suspense> : <QueryClientProvider client={queryClient}><App /></QueryClientProvider>}
  </StrictMode>,
);

import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import { App } from './components/App.tsx';

// The dashboard is its own route and its own chunk (with ECharts): the map's first load does not carry it.
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const onDashboard = window.location.pathname.replace(/\/+$/, '') === '/dashboard';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {onDashboard ? <Suspense fallback={<p role="status">…</p>}><Dashboard /></Suspense> : <App />}
  </StrictMode>,
);

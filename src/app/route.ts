// Which of the app's two pages this is: the map or the dashboard (its own route and chunk).
export const onDashboardRoute = (): boolean => window.location.pathname.replace(/\/+$/, '') === '/dashboard';

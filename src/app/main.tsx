// index.html's entry, a few kilobytes. On the map's page it starts the enterprise worker and the
// payload load first, then loads the app: the payload, the first screen's longest wait, arrives while
// the browser is still fetching React, the map and the rest (render-app.tsx and what it imports).
import { ENTERPRISE_PAYLOAD_URL } from './api/payload-url.ts';
import { onDashboardRoute } from './route.ts';
import { startEnterpriseLoad } from './worker/early-load.ts';

if (!onDashboardRoute()) startEnterpriseLoad(ENTERPRISE_PAYLOAD_URL);
void import('./render-app.tsx');

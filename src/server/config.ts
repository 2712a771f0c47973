// Server settings from the environment, with the defaults `npm start` needs (every variable is
// listed in docs/deploy.md).
import { exportPolicyFromEnv, type ExportPolicy } from './exports/export-policy.ts';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  pgliteDir: string;
  /**
   * PGLITE_WORKER=true runs the embedded database on a worker thread instead of the request thread.
   * Off by default: on a quiet 2-core machine the status-edit p95 was 40–45 ms in process against
   * 51–54 ms on the worker (the message hop costs more than the HTTP work it moves; bench/results.md).
   */
  pgliteWorker: boolean;
  dataDir: string;
  staticDir: string;
  tilesDir: string;
  secureCookies: boolean;
  /** TRUST_PROXY: true, a hop count, or the proxies' addresses/CIDRs (comma list); unset = clients connect directly. */
  trustProxy?: boolean | number | string;
  /** BASEMAP_ORIGINS: extra https origins for the CSP (a basemap set in index.html rather than config.json). */
  basemapOrigins: string[];
  /** BASEMAP_PMTILES: the regional vector basemap (Protomaps schema); unset = `<TILES_DIR>/basemap.pmtiles`. */
  basemapPmtiles?: string;
  /** EXPORT_PUBLIC_LAYERS, EXPORT_PUBLIC_FIELDS, EXPORT_MAX_ROWS, EXPORT_PER_MINUTE, EXPORT_PER_HOUR over the defaults (exports/export-policy.ts). */
  exportPolicy: ExportPolicy;
}

function trustProxy(value: string | undefined): boolean | number | string | undefined {
  const v = value?.trim();
  if (!v || v === 'false') return undefined;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR ?? 'var/db',
    pgliteWorker: env.PGLITE_WORKER === 'true',
    dataDir: env.DATA_DIR ?? 'data',
    staticDir: env.STATIC_DIR ?? 'dist',
    tilesDir: env.TILES_DIR ?? 'public/tiles',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: trustProxy(env.TRUST_PROXY),
    basemapOrigins: (env.BASEMAP_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => /^https:\/\/[^\s/]+$/.test(o)),
    basemapPmtiles: env.BASEMAP_PMTILES || undefined,
    exportPolicy: exportPolicyFromEnv(env),
  };
}

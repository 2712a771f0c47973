// Server settings from the environment, with the defaults `npm start` needs.
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  pgliteDir: string;
  dataDir: string;
  staticDir: string;
  tilesDir: string;
  secureCookies: boolean;
  /** TRUST_PROXY: true, a hop count, or the proxies' addresses/CIDRs (comma list); unset = clients connect directly. */
  trustProxy?: boolean | number | string;
  /** BASEMAP_ORIGINS: extra https origins for the CSP (a basemap set in index.html rather than config.json). */
  basemapOrigins: string[];
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
    dataDir: env.DATA_DIR ?? 'data',
    staticDir: env.STATIC_DIR ?? 'dist',
    tilesDir: env.TILES_DIR ?? 'public/tiles',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: trustProxy(env.TRUST_PROXY),
    basemapOrigins: (env.BASEMAP_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => /^https:\/\/[^\s/]+$/.test(o)),
  };
}

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
  };
}

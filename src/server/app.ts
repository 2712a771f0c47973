// Assembles the HTTP server: API routes, OpenAPI document, and the built SPA with its tiles.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Database } from './db/database.ts';
import { errorHandler, HttpError } from './http/errors.ts';
import { problem } from '../domain/problems.ts';
import { registerAuthHooks } from './http/auth-hooks.ts';
import { registerJsonBody } from './http/json-body.ts';
import { basemapOriginsFromConfig, registerSecurityHeaders } from './http/security-headers.ts';
import { sessionRoutes } from './routes/session.ts';
import { parkRoutes } from './routes/parks.ts';
import { proposalRoutes } from './routes/proposals.ts';
import { standardRoutes } from './routes/standard.ts';
import { pilotRoutes } from './routes/pilots.ts';
import { valueParkRoutes } from './routes/value-parks.ts';
import { enterpriseFigureRoutes, enterpriseRoutes } from './routes/enterprises.ts';
import { enterprisePayloadRoutes } from './routes/enterprise-payload.ts';
import { userRoutes } from './routes/users.ts';
import { exportRoutes } from './routes/exports.ts';
import { DEFAULT_EXPORT_POLICY, type ExportPolicy } from './exports/export-policy.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { industrialBlockRoutes } from './routes/industrial-blocks.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { indicatorEnterpriseRoutes } from './routes/indicator-enterprises.ts';
import { targetRoutes } from './routes/targets.ts';
import { warningRoutes } from './routes/warnings.ts';
import { reportRoutes } from './routes/reports.ts';
import { ReportRunner, type ReportRunnerOptions } from './reports/report-runner.ts';
import { cityIndicatorRoutes } from './routes/city-indicators.ts';
import { keyProjectRoutes } from './routes/key-projects.ts';
import { BASEMAP_ARCHIVE, tileRoutes } from './routes/tiles.ts';
import { TileStore } from './tiles/tile-store.ts';

export interface AppOptions {
  db: Database;
  staticDir?: string;
  /**
   * The map tiles built from the data files. Given (even when missing), the server serves /tiles/ and
   * rebuilds the tiles into the database after imports of parks or districts (tiles/tile-store.ts).
   */
  tilesDir?: string;
  secureCookies?: boolean;
  logger?: boolean;
  /** Fastify's trustProxy (TRUST_PROXY): which proxies' X-Forwarded-For names the client. Also turns on the per-source login limit. */
  trustProxy?: boolean | string | number;
  /** Origins an online basemap contacts, for the CSP; added to those of `<staticDir>/config.json`. */
  basemapOrigins?: string[];
  /** The regional vector basemap served as /tiles/basemap.pmtiles (BASEMAP_PMTILES); default `<tilesDir>/basemap.pmtiles`. */
  basemapPmtiles?: string;
  /** The background report maker; false = none (reports stay queued). */
  reports?: ReportRunnerOptions | false;
  /** Who may export what, how much and how often (EXPORT_* settings); default DEFAULT_EXPORT_POLICY. */
  exportPolicy?: ExportPolicy;
}

/** TRUST_PROXY as Fastify takes it: a hop count n trusts the n nearest proxies (as Fastify does at run time). */
function trustProxyOption(value: AppOptions['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value ?? false;
}

/** The path and query of a request target, also of an absolute-form one ("http://host/api/x?y"). */
function absolutePath(url: string): string {
  if (url.startsWith('/')) return url;
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return '/';
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'warn' } : false,
    bodyLimit: 1024 * 1024,
    // Strict validation: no type coercion, unknown fields are errors (not silently dropped).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    trustProxy: trustProxyOption(opts.trustProxy),
    // An absolute-form request line (POST http://host/api/session) is routed by its path, like any other.
    rewriteUrl: (req) => absolutePath(req.url ?? '/'),
  });
  app.setErrorHandler(errorHandler);
  registerJsonBody(app);
  registerSecurityHeaders(app, [...new Set([...(opts.basemapOrigins ?? []), ...basemapOriginsFromConfig(opts.staticDir)])]);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Industrial GIS API', version: '1', description: 'Guangzhou industry map: enterprises, village industrial parks, value-innovation parks.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'igis_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Required on every POST, PATCH and DELETE; the token comes from GET /api/session.' },
        },
      },
    },
  });
  registerAuthHooks(app, opts.db);

  healthRoutes(app, opts.db);
  sessionRoutes(app, opts.db, { secureCookies: opts.secureCookies ?? false, perSource: Boolean(opts.trustProxy) });
  parkRoutes(app, opts.db);
  proposalRoutes(app, opts.db);
  standardRoutes(app, opts.db);
  pilotRoutes(app, opts.db);
  valueParkRoutes(app, opts.db);
  industrialBlockRoutes(app, opts.db);
  enterprisePayloadRoutes(app, opts.db);
  enterpriseRoutes(app, opts.db, opts.exportPolicy ?? DEFAULT_EXPORT_POLICY);
  enterpriseFigureRoutes(app, opts.db);
  userRoutes(app, opts.db);
  exportRoutes(app, opts.db, opts.exportPolicy ?? DEFAULT_EXPORT_POLICY);
  indicatorRoutes(app, opts.db);
  indicatorEnterpriseRoutes(app, opts.db);
  targetRoutes(app, opts.db);
  warningRoutes(app, opts.db);
  const runner = new ReportRunner(opts.db, opts.reports || {});
  reportRoutes(app, opts.db, runner);
  if (opts.reports !== false) {
    await runner.start();
    app.addHook('onClose', () => runner.stop());
  }
  cityIndicatorRoutes(app, opts.db);
  keyProjectRoutes(app, opts.db);
  const tiles = opts.tilesDir !== undefined ? new TileStore(opts.db, resolve(opts.tilesDir)) : null;
  await app.register(async (scope) => importRoutes(scope, opts.db, { tiles }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const staticDir = opts.staticDir && existsSync(opts.staticDir) ? resolve(opts.staticDir) : null;
  if (tiles) tileRoutes(app, tiles, resolve(opts.basemapPmtiles ?? join(opts.tilesDir!, BASEMAP_ARCHIVE)));
  if (staticDir) await app.register(fastifyStatic, { root: staticDir, prefix: '/', wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/tiles/') && staticDir) return reply.sendFile('index.html');
    throw new HttpError(404, `Nothing here: ${req.method} ${req.url.split('?')[0]}`, undefined, undefined, problem('route_not_found', { method: req.method, path: req.url.split('?')[0] }));
  });
  return app;
}

// Security headers on every answer — the app's HTML, API JSON, tiles, static files, 404s and errors
// (OWASP Secure Headers): a strict Content-Security-Policy (our own origin only; an online basemap,
// when one is configured, adds exactly its origins for images and fetches; maplibre makes its workers
// from blob: URLs and React/maplibre set inline styles), no MIME sniffing, no framing, and no
// Referer to other sites. A route that sets its own, stricter CSP (the report preview) keeps it.
// An onSend hook rather than @fastify/helmet: six fixed headers, and no new dependency.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export function contentSecurityPolicy(basemapOrigins: readonly string[] = []): string {
  const extra = basemapOrigins.length ? ` ${basemapOrigins.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** https origins of tile URLs (`{z}` and the like removed); anything else is ignored. */
export function originsOf(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    try {
      const url = new URL(u.replace(/[{}]/g, ''));
      if (url.protocol === 'https:') out.add(url.origin);
    } catch {
      /* not a URL */
    }
  }
  return [...out];
}

/**
 * The origins the browser's basemap will contact, from the runtime configuration next to the app
 * (`<staticDir>/config.json`, read as src/app/api/runtime-config.ts reads it). Read once at start.
 */
export function basemapOriginsFromConfig(staticDir: string | null | undefined): string[] {
  const file = staticDir ? join(staticDir, 'config.json') : null;
  if (!file || !existsSync(file)) return [];
  let b: Record<string, unknown> | undefined;
  try {
    b = (JSON.parse(readFileSync(file, 'utf8')) as { basemap?: Record<string, unknown> })?.basemap;
  } catch {
    return [];
  }
  if (!b || typeof b !== 'object') return [];
  if (b.provider === 'osm') return ['https://tile.openstreetmap.org'];
  if (b.provider === 'tianditu') return [0, 1, 2, 3].map((i) => `https://t${i}.tianditu.gov.cn`);
  return originsOf(Array.isArray(b.tiles) ? b.tiles.filter((t): t is string => typeof t === 'string') : []);
}

export function registerSecurityHeaders(app: FastifyInstance, basemapOrigins: readonly string[]): void {
  const csp = contentSecurityPolicy(basemapOrigins);
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    return payload;
  });
}

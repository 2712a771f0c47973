// Runtime configuration, read once at start: `window.IGIS_CONFIG` (set by a script the operator
// adds to index.html) or /config.json next to the app. Absent by default, so the map stays fully
// offline; only an operator who names a basemap makes the browser contact another host.
import type { BasemapConfig } from '../map/basemap.ts';

export interface RuntimeConfig {
  basemap: BasemapConfig | null;
}

const TIANDITU_LAYERS = { vec: 'vec', img: 'img' } as const;

/** `{TileMatrix}`, `{TileCol}`, `{TileRow}` (WMTS RESTful/KVP templates, any case) as maplibre's `{z}`, `{x}`, `{y}`. */
export const wmtsToXyz = (t: string) =>
  t.replace(/\{TileMatrix\}/gi, '{z}').replace(/\{TileCol\}/gi, '{x}').replace(/\{TileRow\}/gi, '{y}');

/** Accepts `{basemap: {tiles, attribution}}`, `{basemap: {provider: "osm"}}` or `{basemap: {provider: "tianditu", key, layer?}}`. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const b = (raw as { basemap?: Record<string, unknown> } | null)?.basemap;
  if (!b || typeof b !== 'object') return { basemap: null };
  if (b.provider === 'osm')
    return { basemap: { tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], attribution: '© OpenStreetMap contributors', maxzoom: 19 } };
  if (b.provider === 'tianditu' && typeof b.key === 'string' && /^[0-9a-f]{16,64}$/i.test(b.key)) {
    const layer = TIANDITU_LAYERS[b.layer as keyof typeof TIANDITU_LAYERS] ?? 'vec';
    const tiles = [0, 1, 2, 3].map((i) =>
      `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${b.key}`);
    return { basemap: { tiles, attribution: '© 天地图 Tianditu', maxzoom: 18 } };
  }
  // https URLs, or paths on this server (an intranet tile server behind the same reverse proxy).
  // WMTS KVP placeholders are accepted as written in a GetCapabilities template.
  const tiles = Array.isArray(b.tiles)
    ? b.tiles.filter((t): t is string => typeof t === 'string' && /^(https:\/\/|\/(?!\/))[^\s]+$/.test(t)).map(wmtsToXyz)
    : [];
  if (!tiles.length) {
    console.warn('config: basemap ignored (give provider "osm", provider "tianditu" with a key, or https tile URLs or /paths)');
    return { basemap: null };
  }
  return { basemap: { tiles, attribution: typeof b.attribution === 'string' ? b.attribution : '', tileSize: Number(b.tileSize) || 256, maxzoom: Number(b.maxzoom) || 18 } };
}

/** The configuration, or none when neither source gives one (a missing file is normal). */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const fromWindow = (globalThis as { IGIS_CONFIG?: unknown }).IGIS_CONFIG;
  if (fromWindow) return parseRuntimeConfig(fromWindow);
  try {
    const res = await fetch('/config.json', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    // The server answers unknown paths with the app's index.html: only JSON counts.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return { basemap: null };
    return parseRuntimeConfig(await res.json());
  } catch {
    return { basemap: null };
  }
}

/** Hosts the basemap would contact, for the note next to its switch (a /path is this server's host). */
export const basemapHosts = (c: BasemapConfig) =>
  [...new Set(c.tiles.map((t) => new URL(t.replace(/[{}]/g, ''), globalThis.location?.origin ?? 'http://localhost').host))].join(', ');

/**
 * Whether the server has a regional vector basemap (`<tilesBase>/basemap.pmtiles`, docs/deploy.md):
 * a HEAD request, so nothing of the archive is read until the basemap is switched on.
 */
export async function vectorBasemapAvailable(tilesBase: string): Promise<boolean> {
  try {
    const res = await fetch(`${tilesBase}/basemap.pmtiles`, { method: 'HEAD', credentials: 'same-origin' });
    // The server answers unknown paths outside /tiles/ with index.html: only an archive counts.
    return res.ok && !(res.headers.get('content-type') ?? '').includes('html');
  } catch {
    return false;
  }
}

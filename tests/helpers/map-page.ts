// Page helpers for the map's browser tests: waiting for the map and the worker's clusters, moving
// the camera, and reading what is drawn.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import type { MapController } from '../../src/app/map/map-controller.ts';
import type { useEnterpriseStore } from '../../src/app/state/enterprise-store.ts';

export type TestWindow = Window & { __igisMap: MapLibreMap; __igisMapController: MapController; __igisEnterprises: typeof useEnterpriseStore };
export type ParkFeature = Feature<Polygon | MultiPolygon> & { id: number };

export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as TestWindow).__igisMap;
    return !!m && m.loaded() && m.isStyleLoaded();
  }, undefined, { timeout: 60_000 });
}

/** Waits until the worker has loaded and filtered the enterprises and the map has drawn them. */
export async function waitForEnterprises(page: Page, atLeast = 0): Promise<void> {
  await page.waitForFunction((atLeast) => {
    const w = window as unknown as TestWindow;
    const s = w.__igisEnterprises?.getState();
    return s?.status === 'ready' && !!s.summary && w.__igisMapController.enterpriseStats().enterprises >= atLeast;
  }, atLeast, { timeout: 60_000 });
  await clustersDrawn(page);
}

export async function idle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((res) => {
    const m = (window as unknown as TestWindow).__igisMap;
    m.once('idle', () => res());
    m.triggerRepaint();
  }));
}

export async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom }) => new Promise<void>((res) => {
    const m = (window as unknown as TestWindow).__igisMap;
    m.once('idle', () => res());
    m.jumpTo({ center, zoom });
  }), { center, zoom });
  await clustersDrawn(page);
}

/** Waits until the clusters of the current view are drawn (they follow each move, debounced). */
export async function clustersDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as TestWindow;
    const m = w.__igisMap;
    const c = m.getCenter();
    const key = `${m.getZoom().toFixed(4)}/${c.lng.toFixed(6)}/${c.lat.toFixed(6)}`;
    return w.__igisEnterprises.getState().inView.view === key;
  }, undefined, { timeout: 30_000 });
  await idle(page);
}

export const stats = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).__igisMapController.enterpriseStats());
export const matched = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).__igisEnterprises.getState().summary?.matched ?? -1);

/** Number of rendered features per layer in the whole view. */
export const rendered = (page: Page, layers: string[]) =>
  page.evaluate((layers) => {
    const m = (window as unknown as TestWindow).__igisMap;
    return Object.fromEntries(layers.map((l) => [l, m.queryRenderedFeatures({ layers: [l] }).length]));
  }, layers);

/** A page position inside `layer`'s feature `id` where nothing clickable lies on top. */
export async function clearSpot(page: Page, layer: string, id: number, around: [number, number]): Promise<{ x: number; y: number } | null> {
  return page.evaluate(({ layer, id, around }) => {
    const m = (window as unknown as TestWindow).__igisMap;
    const c = m.project(around);
    const r = m.getCanvas().getBoundingClientRect();
    const above = ['enterprise-point', 'enterprise-cluster', 'village-park-fill', 'value-park-fill'].filter((l) => l !== layer);
    for (let d = 0; d < 200; d += 8)
      for (const [dx, dy] of [[d, 0], [-d, 0], [0, d], [0, -d], [d, d], [-d, -d]]) {
        const p: [number, number] = [c.x + dx, c.y + dy];
        const box: [[number, number], [number, number]] = [[p[0] - 8, p[1] - 8], [p[0] + 8, p[1] + 8]];
        if (m.queryRenderedFeatures(box, { layers: above }).length) continue;
        if (m.queryRenderedFeatures(p, { layers: [layer] }).some((f) => f.id === id)) return { x: r.left + p[0], y: r.top + p[1] };
      }
    return null;
  }, { layer, id, around });
}

/** The live count next to a filter checkbox. */
export const facetCount = async (page: Page, facet: string, code: string) =>
  Number((await page.getByTestId(`count-${facet}-${code}`).textContent())!.replace(/\D/g, '') || '0');

/** Where a rendered dot of `layer` is on the page: the enterprise `id`, or the biggest bubble. */
export async function renderedDot(page: Page, layer: 'enterprise-cluster' | 'enterprise-point', id?: number): Promise<{ x: number; y: number } | null> {
  return page.evaluate(({ layer, id }) => {
    const m = (window as unknown as TestWindow).__igisMap;
    const all = m.queryRenderedFeatures({ layers: [layer] });
    const f = id === undefined ? all.sort((a, b) => Number(b.properties.count) - Number(a.properties.count))[0] : all.find((x) => x.properties.id === id);
    if (!f) return null;
    const p = m.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
    const r = m.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, { layer, id });
}

export const cameraOf = (page: Page) =>
  page.evaluate(() => {
    const m = (window as unknown as TestWindow).__igisMap;
    return { center: m.getCenter().toArray(), zoom: m.getZoom() };
  });

/** Where a geographic point is on the page, in CSS pixels. */
export async function pagePoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((lngLat) => {
    const m = (window as unknown as TestWindow).__igisMap;
    const p = m.project(lngLat);
    const r = m.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}

/** Logs in through the sidebar form (every demo account's password is demo1234). */
export async function logIn(page: Page, username: string): Promise<void> {
  await page.locator('form.login input[name="username"]').fill(username);
  await page.locator('form.login input[name="password"]').fill('demo1234');
  await page.locator('form.login button[type="submit"]').click();
  await page.getByTestId('username').filter({ hasText: username }).waitFor();
}

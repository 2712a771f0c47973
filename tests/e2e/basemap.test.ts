// Browser test of issue 15 item 7: with a regional vector basemap (Protomaps schema) in the tiles
// folder, the app offers "底图（本地矢量）", and once it is switched on the map draws the archive's
// water and place name under our layers, from our own server only. Screenshot at 1440×900 in
// tests/e2e/__screenshots__/vector-basemap.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { idle, waitForMap, type TestWindow } from '../helpers/map-page.ts';
import { PLACE_NAME, PLACE_POINT, RIVER_BOX, protomapsTestArchive } from '../helpers/protomaps-archive.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

/** Features drawn by `layer` in the whole view, with their properties. */
const drawn = (page: Page, layer: string) =>
  page.evaluate((layer) => {
    const m = (window as unknown as TestWindow).__igisMap;
    if (!m.getLayer(layer)) return [];
    return m.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties as Record<string, unknown>);
  }, layer);

describe.skipIf(!!skipReason)('the regional vector basemap in the browser', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];

  beforeAll(async () => {
    app = await startAppServer({ extraTiles: { 'basemap.pmtiles': protomapsTestArchive(14) } });
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    const own = new URL(app.server.url).host;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (/^https?:$/.test(u.protocol) && u.host !== own) external.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is offered, draws water and a Chinese place name when switched on, and contacts no other host', async () => {
    // The permalink takes at most 5 decimals.
    const center = [(RIVER_BOX[0] + RIVER_BOX[2]) / 2, (RIVER_BOX[1] + PLACE_POINT[1]) / 2].map((v) => v.toFixed(4));
    await page.goto(`${app!.server.url}/?c=${center[0]},${center[1]}&z=13`);
    await waitForMap(page);
    const toggle = page.locator('input[name="layer-vector-basemap"]');
    await toggle.waitFor();
    expect(await page.getByTestId('layer-vector-basemap').textContent()).toContain('底图（本地矢量）');
    // Off until switched on: no basemap layer yet.
    expect(await page.evaluate(() => !!(window as unknown as TestWindow).__igisMap.getSource('protomaps'))).toBe(false);
    await toggle.check();
    await expect.poll(() => page.url()).toContain('vb=1');
    await expect.poll(async () => (await drawn(page, 'bm-water')).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await drawn(page, 'bm-earth')).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await drawn(page, 'bm-places_locality')).map((p) => p['name:zh-Hans']), { timeout: 30_000 }).toContain(PLACE_NAME);
    expect((await drawn(page, 'bm-roads_major')).length).toBeGreaterThan(0);
    // Under ours: the basemap's layers come before the district fill, which turns into a light wash.
    const order = await page.evaluate(() => {
      const m = (window as unknown as TestWindow).__igisMap;
      const ids = m.getStyle().layers.map((l) => l.id);
      return { water: ids.indexOf('bm-water'), place: ids.indexOf('bm-places_locality'), districts: ids.indexOf('district-fill'), wash: m.getPaintProperty('district-fill', 'fill-opacity') };
    });
    expect(order.water).toBeGreaterThan(0);
    expect(order.place).toBeLessThan(order.districts);
    expect(order.wash).toBe(0.2);
    await idle(page);
    await screenshot(page, 'vector-basemap');
    expect(external).toEqual([]);
    await toggle.uncheck();
    await expect.poll(async () => (await drawn(page, 'bm-water')).length).toBe(0);
    expect(await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getPaintProperty('district-fill', 'fill-opacity'))).toBe(0.9);
  });
});

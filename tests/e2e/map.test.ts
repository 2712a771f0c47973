// Browser test of issue 4, the industry map: layers render, the worker's enterprise clusters appear
// and follow a tag filter, the park overlay switches, search flies to a park and opens it, a
// permalink restores the view, the language switches, and value parks and enterprises open their
// details. Screenshots go to tests/e2e/__screenshots__ (README_SCREENSHOT=1 also writes docs/screenshot.png).
import { copyFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { PROGRESS_COLORS } from '../../src/app/map/park-overlay.ts';
import { labelPoint } from '../../src/server/tiles/tiles-pipeline.ts';
import { clientFor, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, screenshot, type Browser } from '../helpers/browser.ts';
import { cameraOf, clearSpot, clustersDrawn, facetCount, idle, jumpTo, matched, renderedDot, rendered, stats, waitForEnterprises, waitForMap, type ParkFeature, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

describe.skipIf(!!skipReason)('the industry map in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let app: AppServer | undefined;
  const external: string[] = [];

  beforeAll(async () => {
    // The online basemap of the last test is allowed by the server's CSP, as an operator configures it (BASEMAP_ORIGINS).
    app = await startAppServer({ basemapOrigins: ['https://tiles.example.test'] });
    server = app.server;
    api = await clientFor(server, null);
    browser = await launchBrowser({ width: 1280, height: 800 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    const own = new URL(server.url).host;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (/^https?:$/.test(u.protocol) && u.host !== own) external.push(r.url());
    });
    await page.goto(server.url);
    await waitForMap(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws districts, parks, value parks and enterprise clusters', async () => {
    await waitForEnterprises(page, 1);
    const s = await stats(page);
    expect(s.clusters).toBeGreaterThan(3);
    expect(s.enterprises).toBe(5000);
    expect(await matched(page)).toBe(5000);
    const n = await rendered(page, ['district-fill', 'district-label', 'village-park-fill', 'value-park-line', 'enterprise-cluster', 'enterprise-cluster-count']);
    expect(n['district-fill']).toBeGreaterThanOrEqual(11);
    expect(n['district-label']).toBeGreaterThanOrEqual(5);
    expect(n['village-park-fill']).toBeGreaterThan(100);
    expect(n['value-park-line']).toBeGreaterThanOrEqual(5);
    // The worker answers for a padded box, so a few bubbles lie just outside the view.
    expect(n['enterprise-cluster']).toBeGreaterThan(3);
    expect(n['enterprise-cluster']).toBeLessThanOrEqual(s.clusters);
    await expect.poll(() => page.getByTestId('summary-parks').locator('tfoot td').last().textContent()).toMatch(/\d/);
    expect(await page.getByTestId('demo-badge').isVisible()).toBe(true);
    await screenshot(page, 'map-1-overview');
  });

  it('a tag filter changes the cluster counts, and clear-all restores them', async () => {
    const before = await stats(page);
    const label = taxonomy.enterpriseTags.find((x) => x.code === 'srdi')!.label['zh-Hans'];
    const box = page.locator('input[data-facet="tags"][data-code="srdi"]');
    const expected = await facetCount(page, 'tags', 'srdi');
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(before.enterprises);
    await box.check();
    await page.waitForFunction((n) => (window as unknown as TestWindow).__igisMapController.enterpriseStats().enterprises === n, expected);
    await idle(page);
    expect(await matched(page)).toBe(expected);
    expect(await page.getByTestId('summary-matched').textContent()).toContain(String(expected));
    // Another facet's counts now follow the filter.
    const autoCount = await facetCount(page, 'clusters', 'auto');
    expect(autoCount).toBeLessThanOrEqual(expected);
    expect(await page.locator('.filters').textContent()).toContain(label);
    await screenshot(page, 'map-2-tag-filter');
    await page.getByTestId('clear-filters').click();
    await page.waitForFunction((n) => (window as unknown as TestWindow).__igisMapController.enterpriseStats().enterprises === n, before.enterprises);
    expect(await box.isChecked()).toBe(false);
  });

  it('the park summary follows the district filter', async () => {
    const [{ n }] = await server.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM village_parks WHERE district = '440113'`);
    const [{ all }] = await server.database.db.query<{ all: number }>('SELECT count(*)::int AS all FROM village_parks');
    const total = () => page.getByTestId('summary-parks').locator('tfoot td').last().textContent();
    const districts = page.locator('details:has(input[data-facet="districts"]) summary');
    await districts.click();
    await page.locator('input[data-facet="districts"][data-code="440113"]').check();
    await expect.poll(total).toBe(n.toLocaleString('zh-Hans'));
    expect(await page.getByTestId('summary-parks').locator('caption').textContent()).toContain('所选区');
    await page.getByTestId('clear-filters').click();
    await expect.poll(total).toBe(all.toLocaleString('zh-Hans'));
    await districts.click();
  });

  it('an impossible combination shows the empty-result message', async () => {
    // The rarest tag, then a district where no enterprise carries it.
    const tags = taxonomy.enterpriseTags.map((x) => x.code);
    const countOf = (facet: string, code: string) => facetCount(page, facet, code);
    const rarest = (await Promise.all(tags.map(async (c) => [c, await countOf('tags', c)] as const))).sort((a, b) => a[1] - b[1])[0][0];
    await page.locator(`input[data-facet="tags"][data-code="${rarest}"]`).check();
    await page.waitForFunction(() => (window as unknown as TestWindow).__igisEnterprises.getState().counts!.matched < 100);
    await page.locator('details:has(input[data-facet="districts"]) summary').click();
    let empty: string | undefined;
    for (const d of taxonomy.districts) if ((await countOf('districts', d.code)) === 0) empty = d.code;
    expect(empty).toBeDefined();
    await page.locator(`input[data-facet="districts"][data-code="${empty}"]`).check();
    await page.getByTestId('no-match').waitFor();
    await page.getByTestId('map-no-match').waitFor();
    await page.waitForFunction(() => (window as unknown as TestWindow).__igisMapController.enterpriseStats().enterprises === 0);
    await page.getByTestId('no-match').scrollIntoViewIfNeeded();
    await screenshot(page, 'map-3-no-match');
    await page.getByTestId('clear-filters').click();
    await page.locator('details:has(input[data-facet="districts"]) summary').click();
    await page.getByTestId('map-no-match').waitFor({ state: 'detached' });
  });

  it('switches the village-park overlay, and the legend follows', async () => {
    const fc = (await api.get('/api/parks?district=440111')).body as { features: ParkFeature[] };
    const park = fc.features.sort((a, b) => b.properties!.areaMu - a.properties!.areaMu)[0];
    await jumpTo(page, labelPoint(park) as [number, number], 14);
    await page.locator('input[name="overlay"][value="efficiency"]').check();
    await expect.poll(() => page.getByTestId('legend-villageParks').getAttribute('data-overlay')).toBe('efficiency');
    const paint = await page.evaluate(() => JSON.stringify((window as unknown as TestWindow).__igisMap.getPaintProperty('village-park-fill', 'fill-color')));
    expect(paint).toContain('step');
    expect(paint).toContain('outputPerMu');
    await idle(page);
    await screenshot(page, 'map-4-overlay-efficiency');
    await page.locator('input[name="overlay"][value="progress"]').check();
    // Progress has its own light-to-dark scale (not the categories' hues).
    const progressPaint = await page.evaluate(() => JSON.stringify((window as unknown as TestWindow).__igisMap.getPaintProperty('village-park-fill', 'fill-color')));
    expect(progressPaint).toContain('progress');
    for (const color of Object.values(PROGRESS_COLORS)) expect(progressPaint).toContain(color);
    expect(await page.getByTestId('legend-villageParks').textContent()).toContain(taxonomy.renovationProgress[2].label['zh-Hans']);
    await idle(page);
    await screenshot(page, 'map-5-overlay-progress');
  });

  it('search finds a park by name, flies there and opens it', async () => {
    const fc = (await api.get('/api/parks?district=440114')).body as { features: ParkFeature[] };
    const park = fc.features[Math.floor(fc.features.length / 2)];
    const name = park.properties!.name as string;
    await jumpTo(page, [113.45, 23.2], 9);
    const input = page.getByTestId('search-input');
    await input.fill(name);
    await page.getByTestId('search-results').locator('li[data-kind="park"]').first().waitFor();
    // Keyboard: the first result is the exact name.
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.locator('#park-title').filter({ hasText: name }).waitFor();
    await page.waitForFunction(() => (window as unknown as TestWindow).__igisMap.getZoom() > 14, undefined, { timeout: 10_000 });
    await idle(page);
    const center = await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getCenter().toArray());
    const [x, y] = labelPoint(park);
    expect(Math.abs(center[0] - x)).toBeLessThan(0.01);
    expect(Math.abs(center[1] - y)).toBeLessThan(0.01);
    await screenshot(page, 'map-6-search-park');
  });

  it('a permalink restores view, overlay, filter, selection and language', async () => {
    await page.locator('input[data-facet="tags"][data-code="high-tech"]').check();
    // The URL is written after a short pause.
    await expect.poll(() => page.url()).toContain('ft=high-tech');
    await clustersDrawn(page);
    const url = page.url();
    expect(url).toContain('ft=high-tech');
    expect(url).toContain('o=prog');
    expect(url).toMatch(/s=p\d+/);
    const view = await cameraOf(page);
    const title = await page.locator('#park-title').textContent();
    await page.goto('about:blank');
    await page.goto(url);
    await waitForMap(page);
    await waitForEnterprises(page);
    const again = await cameraOf(page);
    expect(again.zoom).toBeCloseTo(view.zoom, 1);
    expect(again.center[0]).toBeCloseTo(view.center[0], 4);
    expect(again.center[1]).toBeCloseTo(view.center[1], 4);
    expect(await page.locator('input[name="overlay"][value="progress"]').isChecked()).toBe(true);
    expect(await page.locator('input[data-facet="tags"][data-code="high-tech"]').isChecked()).toBe(true);
    await page.locator('#park-title').filter({ hasText: title! }).waitFor();
    await screenshot(page, 'map-7-permalink');
    await page.locator('[data-testid="park-panel"] button.close').click();
    await page.getByTestId('clear-filters').click();
    await page.locator('input[name="overlay"][value="category"]').check();
  });

  it('search finds an enterprise by credit code', async () => {
    // A page of the list withholds credit codes from the public (export policy); one enterprise shows its own.
    const listed = (await api.get('/api/enterprises?limit=1&offset=42')).body.items[0] as { id: number };
    const e = (await api.get(`/api/enterprises/${listed.id}`)).body as { id: number; name: string; creditCode: string };
    const input = page.getByTestId('search-input');
    await input.fill(e.creditCode.toLowerCase());
    await page.getByTestId('search-results').locator('li[data-kind="enterprise"]').first().waitFor();
    await input.press('Enter');
    await page.locator('#enterprise-title').filter({ hasText: e.name }).waitFor();
    expect(await page.getByTestId('enterprise-credit-code').textContent()).toBe(e.creditCode);
    await page.locator('[data-testid="enterprise-panel"] button.close').click();
  });

  it('switches the language: labels change', async () => {
    await page.getByTestId('lang-select').selectOption('en');
    await expect.poll(() => page.locator('.sidebar h1').textContent()).toBe('Guangzhou Industry Map');
    expect(await page.getByTestId('legend-enterprises').textContent()).toContain(taxonomy.clusters[0].label.en);
    const field = await page.evaluate(() => JSON.stringify((window as unknown as TestWindow).__igisMap.getLayoutProperty('district-label', 'text-field')));
    expect(field).toContain(taxonomy.districts.find((d) => d.code === '440111')!.label.en);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.url()).toContain('lang=en');
    await jumpTo(page, [113.45, 23.2], 9);
    await screenshot(page, 'map-8-english');
    await page.getByTestId('lang-select').selectOption('zh-Hant');
    await expect.poll(() => page.locator('.sidebar h1').textContent()).toBe('廣州市產業地圖');
    await page.getByTestId('lang-select').selectOption('zh-Hans');
  });

  it('a value park opens its six elements and the enterprises inside; one of them opens its detail', async () => {
    const vps = (await api.get('/api/value-parks')).body as { features: (ParkFeature & { properties: { name: string; enterpriseCount: number } })[] };
    const vp = vps.features.sort((a, b) => b.properties.enterpriseCount - a.properties.enterpriseCount)[0];
    await jumpTo(page, labelPoint(vp) as [number, number], 13);
    const spot = await clearSpot(page, 'value-park-fill', vp.id, labelPoint(vp) as [number, number]);
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await page.locator('#value-park-title').filter({ hasText: vp.properties.name }).waitFor();
    const items = page.getByTestId('elements').locator('li');
    expect(await items.count()).toBe(6);
    expect(await items.first().textContent()).toContain(taxonomy.valueParkElements[0].label['zh-Hans']);
    await page.getByTestId('enterprise-list').locator('button.link').first().waitFor();
    await screenshot(page, 'map-9-value-park');
    const first = page.getByTestId('enterprise-list').locator('button.link').first();
    const name = (await first.locator('.name').textContent())!;
    await first.click();
    await page.locator('#enterprise-title').filter({ hasText: name }).waitFor();
    expect(await page.getByTestId('enterprise-credit-code').textContent()).toMatch(/^[0-9A-Z]{18}$/);
    await expect.poll(() => page.getByTestId('member-valuePark').textContent()).toContain(vp.properties.name);
    // Viewers never see revenue.
    expect(await page.getByTestId('enterprise-revenue').count()).toBe(0);
    await screenshot(page, 'map-10-enterprise');
    await page.locator('[data-testid="enterprise-panel"] button.close').click();
  });

  it('a click on a cluster zooms in; a click on a point opens the enterprise', async () => {
    await jumpTo(page, [113.45, 23.2], 9);
    const target = (await renderedDot(page, 'enterprise-cluster'))!;
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(() => (window as unknown as TestWindow).__igisMap.getZoom() > 9.5, undefined, { timeout: 10_000 });
    const e = (await api.get('/api/enterprises?limit=1&offset=100')).body.items[0] as { id: number; name: string; lon: number; lat: number };
    await jumpTo(page, [e.lon, e.lat], 17);
    const at = await renderedDot(page, 'enterprise-point', e.id);
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await page.locator('#enterprise-title').filter({ hasText: e.name }).waitFor();
    await idle(page);
    await screenshot(page, 'map-11-enterprise-point');
    await page.locator('[data-testid="enterprise-panel"] button.close').click();
  });

  it('shows progress while the payload is slow, and a plain error with a retry when it fails', async () => {
    await page.route('**/api/enterprises/payload', (route) => route.abort('connectionreset'));
    await page.reload();
    await waitForMap(page);
    await page.getByTestId('enterprises-error').waitFor();
    await screenshot(page, 'map-12-payload-error');
    await page.unroute('**/api/enterprises/payload');
    await page.route('**/api/enterprises/payload', async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    await page.getByTestId('enterprises-error').locator('button').click();
    await page.getByTestId('enterprises-loading').waitFor();
    await screenshot(page, 'map-13-payload-loading');
    await waitForEnterprises(page);
    expect(await page.getByTestId('enterprises-loading').count()).toBe(0);
    await page.unroute('**/api/enterprises/payload');
  });

  it('reloads the payload after log-in: revenue appears for a planner', async () => {
    await page.locator('form.login input[name="username"]').fill('planner');
    await page.locator('form.login input[name="password"]').fill('demo1234');
    await page.locator('form.login button[type="submit"]').click();
    await page.getByTestId('username').filter({ hasText: 'planner' }).waitFor();
    await page.waitForFunction(() => (window as unknown as TestWindow).__igisEnterprises.getState().info?.confidential === true, undefined, { timeout: 30_000 });
    await page.getByTestId('summary-revenue').waitFor();
    await page.locator('details:has(input[data-facet="revenueTiers"]) summary, details:has(.hint) summary').last().isVisible();
    await jumpTo(page, [113.45, 23.2], 9);
    await screenshot(page, 'map-14-planner');
  });

  it('is usable at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await idle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'map-15-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('makes the README screenshot', async () => {
    const qs = '?c=113.38,23.17&z=10.6';
    await page.goto(`${server.url}/${qs}`);
    await waitForMap(page);
    await waitForEnterprises(page);
    await page.waitForTimeout(500);
    await idle(page);
    const path = await screenshot(page, 'readme');
    if (process.env.README_SCREENSHOT === '1') copyFileSync(path, 'docs/screenshot.png');
  });

  it('sends no request off the machine without a configured basemap', () => {
    expect(external).toEqual([]);
  });

  it('offers a configured online basemap, off until switched on', async () => {
    const tile = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const asked: string[] = [];
    await page.route('https://tiles.example.test/**', (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: tile });
    });
    await page.addInitScript(() => {
      (window as unknown as { IGIS_CONFIG: unknown }).IGIS_CONFIG = { basemap: { tiles: ['https://tiles.example.test/{z}/{x}/{y}.png'], attribution: 'Example tiles' } };
    });
    await page.goto(`${server.url}/?c=113.3,23.1&z=11`);
    await waitForMap(page);
    const toggle = page.locator('input[name="layer-basemap"]');
    await toggle.waitFor();
    expect(await page.getByTestId('layer-basemap').textContent()).toContain('tiles.example.test');
    // This server has no regional vector basemap (tests/e2e/basemap.test.ts has one): not offered.
    expect(await page.locator('input[name="layer-vector-basemap"]').count()).toBe(0);
    await idle(page);
    expect(asked).toEqual([]);
    await toggle.check();
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    await expect.poll(() => page.url()).toContain('bm=1');
    await toggle.uncheck();
  });
});

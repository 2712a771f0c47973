// Browser test of issue 5: a planner draws a polygon with the mouse, sees the selection counted,
// downloads a GeoJSON extract that validates and holds exactly the selected enterprises, finds the
// area in the permalink, reshapes it by dragging a corner, and loads an area from a file.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinePolygons } from '../../src/domain/area-geometry.ts';
import { decodeArea } from '../../src/app/state/area-url.ts';
import { clientFor, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, screenshot, type Browser } from '../helpers/browser.ts';
import { geojsonValidationErrors } from '../helpers/geojson-validation.ts';
import { jumpTo, logIn, matched, pagePoint, waitForEnterprises, waitForMap, type TestWindow } from '../helpers/map-page.ts';
import { collectionProblems } from '../helpers/rfc7946.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const CENTER: [number, number] = [113.42, 23.1];

/** The area the permalink carries now, as the geometry the app sends to the worker and the server. */
async function areaInUrl(page: Page) {
  const raw = new URL(page.url()).searchParams.get('a');
  if (!raw) return null;
  const spec = decodeArea(raw);
  return spec.kind === 'shapes' ? combinePolygons(spec.polygons) : null;
}

async function idsOnServer(api: ApiClient, area: unknown): Promise<number[]> {
  const r = await api.request('POST', '/api/exports', { json: { layer: 'enterprises', format: 'geojson', area } });
  expect(r.status).toBe(200);
  return r.body.features.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b);
}

describe.skipIf(!!skipReason)('spatial selection and extracts in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let app: AppServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'igis-area-'));

  beforeAll(async () => {
    app = await startAppServer();
    server = app.server;
    api = await clientFor(server, 'planner');
    browser = await launchBrowser({ width: 1400, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(server.url);
    await waitForMap(page);
    await logIn(page, 'planner');
    await waitForEnterprises(page, 1);
    await jumpTo(page, CENTER, 10.5);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const corners: [number, number][] = [[113.33, 23.04], [113.52, 23.03], [113.54, 23.17], [113.35, 23.18]];

  it('draws a polygon with the mouse and counts the selection', async () => {
    const all = await matched(page);
    await page.getByTestId('draw-polygon').click();
    await page.getByTestId('draw-hint').waitFor();
    const points = [];
    for (const c of corners) points.push(await pagePoint(page, c));
    for (const p of [...points, points[0]]) {
      await page.mouse.move(p.x, p.y, { steps: 4 });
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(150);
    }
    await page.getByTestId('selection-panel').waitFor();
    await page.waitForFunction((all) => {
      const s = (window as unknown as TestWindow).__igisEnterprises.getState().summary;
      return !!s && s.matched < all && s.matched > 0;
    }, all);
    await expect.poll(() => new URL(page.url()).searchParams.get('a') ?? '').toMatch(/^s:/);
    const area = await areaInUrl(page);
    expect(area?.type).toBe('Polygon');
    const serverIds = await idsOnServer(api, area);
    expect(await matched(page)).toBe(serverIds.length);
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toContain(serverIds.length.toLocaleString('zh-Hans'));
    // Revenue for a planner; cluster counts add up to the selection.
    expect(await page.getByTestId('selection-revenue').textContent()).toMatch(/\d/);
    const clusterCounts = await page.getByTestId('selection-by-cluster').locator('.n').allTextContents();
    expect(clusterCounts.map((n) => Number(n.replace(/\D/g, ''))).reduce((a, b) => a + b, 0)).toBe(serverIds.length);
    await page.getByTestId('selection-parks').waitFor();
    await page.getByTestId('selection-list').locator('button').first().waitFor();
    await screenshot(page, 'area-1-drawn-polygon');
  });

  it('downloads a GeoJSON extract that validates and holds exactly the selection', async () => {
    const area = await areaInUrl(page);
    const serverIds = await idsOnServer(api, area);
    await page.getByTestId('export-dialog').locator('summary').first().click();
    await page.getByTestId('export-format-geojson').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
    expect(download.suggestedFilename()).toMatch(/^enterprises-\d{4}-\d{2}-\d{2}\.geojson$/);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const fc = JSON.parse(readFileSync(file, 'utf8'));
    expect(geojsonValidationErrors(fc)).toEqual([]);
    expect(collectionProblems(fc)).toEqual([]);
    expect(fc.demo).toBe(true);
    expect(fc.export).toMatchObject({ layer: 'enterprises', demo: true, dataDate: '2021-12-31' });
    expect(fc.export.filters.area.kind).toBe('shapes');
    expect(fc.features.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b)).toEqual(serverIds);
    expect(fc.features[0].properties).toHaveProperty('revenue');
    await page.getByTestId('export-status').filter({ hasText: download.suggestedFilename() }).waitFor();
    await screenshot(page, 'area-2-export');
  });

  it('keeps the area in the permalink: a reload restores the same selection', async () => {
    const before = await matched(page);
    await page.reload();
    await waitForMap(page);
    await waitForEnterprises(page);
    await page.getByTestId('area-current').waitFor();
    await page.waitForFunction((n) => (window as unknown as TestWindow).__igisEnterprises.getState().summary?.matched === n, before, { timeout: 30_000 });
  });

  it('reshapes the area by dragging a corner', async () => {
    const before = await matched(page);
    const original = JSON.stringify(await areaInUrl(page));
    await page.getByTestId('edit-area').click();
    await page.getByTestId('draw-hint').waitFor();
    // Select the polygon, then drag its south-west corner (the panel covers the east) well inwards.
    const inside = await pagePoint(page, [113.44, 23.1]);
    await page.mouse.click(inside.x, inside.y);
    await page.waitForTimeout(200);
    const from = await pagePoint(page, corners[0]);
    const to = await pagePoint(page, [113.41, 23.09]);
    await page.mouse.move(from.x, from.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction((n) => {
      const s = (window as unknown as TestWindow).__igisEnterprises.getState().summary;
      return !!s && s.matched < n;
    }, before, { timeout: 15_000 });
    await expect.poll(async () => JSON.stringify(await areaInUrl(page))).not.toBe(original);
    expect(await matched(page)).toBe((await idsOnServer(api, await areaInUrl(page))).length);
    await page.getByRole('button', { name: '完成编辑' }).click();
  });

  it('loads an area from a GeoJSON file, and refuses a file without polygons', async () => {
    const square = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[113.38, 23.06], [113.48, 23.06], [113.48, 23.14], [113.38, 23.14], [113.38, 23.06]]] } };
    const good = join(dir, 'area.geojson');
    writeFileSync(good, JSON.stringify({ type: 'FeatureCollection', features: [square] }));
    await page.getByTestId('area-file').setInputFiles(good);
    await expect.poll(async () => JSON.stringify(await areaInUrl(page))).toBe(JSON.stringify(square.geometry));
    const ids = await idsOnServer(api, square.geometry);
    await page.waitForFunction((n) => (window as unknown as TestWindow).__igisEnterprises.getState().summary?.matched === n, ids.length);

    const bad = join(dir, 'points.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [113.4, 23.1] } }));
    await page.getByTestId('area-file').setInputFiles(bad);
    await page.getByTestId('area-tools').getByRole('alert').filter({ hasText: '文件中没有多边形（只有 1 个 Point）' }).waitFor();
    expect(await matched(page)).toBe(ids.length);
  });

  it('selects the enterprises inside the value-innovation parks, and clears the area', async () => {
    await page.getByTestId('inside-valueParks').click();
    const members = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises WHERE value_park_id IS NOT NULL');
    await page.waitForFunction((n) => (window as unknown as TestWindow).__igisEnterprises.getState().summary?.matched === n, members[0].n, { timeout: 30_000 });
    await expect.poll(() => new URL(page.url()).searchParams.get('a')).toBe('in:v');
    await page.getByTestId('selection-value-parks').locator('li').first().waitFor();
    await screenshot(page, 'area-3-inside-value-parks');
    await page.getByTestId('clear-area').click();
    await page.waitForFunction(() => (window as unknown as TestWindow).__igisEnterprises.getState().summary?.matched === 5000);
  });
});

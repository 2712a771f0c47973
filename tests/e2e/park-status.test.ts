// Browser test of issue 3 "in the app": a city administrator logs in, clicks one of Baiyun's
// (440111) parks on the rendered map, changes its status, and sees the park's colour and the history
// update without a reload; the district official's change of category, which needs the city's review
// (issue 13; review.test.ts follows it to the approval), gets the 412 dialogue on a stale version and
// can be re-applied as a proposal; the official's bulk CSV is checked and applied, its category rows
// as proposals; a viewer sees the same park with no edit control.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomy, type RenovationCategory } from '../../src/domain/taxonomy.ts';
import type { MapController } from '../../src/app/map/map-controller.ts';
import { labelPoint } from '../../src/server/tiles/tiles-pipeline.ts';
import { clientFor, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, pixelAt, screenshot, type Browser } from '../helpers/browser.ts';
import { logIn, pagePoint } from '../helpers/map-page.ts';

type TestWindow = Window & { __igisMap: MapLibreMap; __igisMapController: MapController };
type Rgb = [number, number, number];

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

interface ParkPick {
  id: number;
  name: string;
  category: RenovationCategory;
  target: RenovationCategory;
  version: number;
  point: [number, number];
}

const colorOf = (code: string): Rgb => {
  const hex = taxonomy.renovationCategories.find((c) => c.code === code)!.color;
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
};
// The fill is drawn at 75 % opacity over the (nearly white) district fill.
const onMap = (c: Rgb): Rgb => c.map((v) => 0.75 * v + 0.25 * 250) as Rgb;
const dist = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as TestWindow).__igisMap;
    return !!m && m.loaded() && m.isStyleLoaded();
  }, undefined, { timeout: 60_000 });
}

/** Moves the map and waits until every tile is loaded and drawn. */
async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom }) => new Promise<void>((res) => {
    const m = (window as unknown as TestWindow).__igisMap;
    m.once('idle', () => res());
    m.jumpTo({ center, zoom });
  }), { center, zoom });
}

async function repaint(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((res) => {
    const m = (window as unknown as TestWindow).__igisMap;
    m.once('idle', () => res());
    m.triggerRepaint();
  }));
}

async function renderedParkIds(page: Page, at: { x: number; y: number }): Promise<number[]> {
  return page.evaluate((at) => {
    const m = (window as unknown as TestWindow).__igisMap;
    const r = m.getCanvas().getBoundingClientRect();
    return m.queryRenderedFeatures([at.x - r.left, at.y - r.top], { layers: ['village-park-fill'] }).map((f) => Number(f.id));
  }, at);
}

const parkState = (page: Page, id: number) =>
  page.evaluate((id) => (window as unknown as TestWindow).__igisMapController.parkState(id), id);

async function logOut(page: Page): Promise<void> {
  await page.getByTestId('account').locator('button').click();
  await page.locator('form.login').waitFor();
}

/** Clicks the park's rendered polygon and waits for its detail panel. */
async function openPark(page: Page, park: ParkPick): Promise<{ x: number; y: number }> {
  await jumpTo(page, park.point, 15.5);
  const at = await pagePoint(page, park.point);
  expect(await renderedParkIds(page, at)).toContain(park.id);
  await page.mouse.click(at.x, at.y);
  await page.locator('#park-title').filter({ hasText: park.name }).waitFor();
  return at;
}

describe.skipIf(!!skipReason)('park status in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiClient;
  let app: AppServer | undefined;
  const picks: ParkPick[] = [];

  beforeAll(async () => {
    app = await startAppServer();
    server = app.server;
    admin = await clientFor(server, 'admin');
    // Large Baiyun parks whose work has not started, so any path may still be chosen.
    const fc = (await admin.get(`/api/parks?district=440111&progress=not_started`)).body as { features: (Feature<Polygon | MultiPolygon> & { id: number })[] };
    const candidates = fc.features.filter((f) => f.properties!.pilotYear === null).sort((a, b) => b.properties!.areaMu - a.properties!.areaMu);
    for (const f of candidates.slice(0, 3)) {
      const category = f.properties!.category as RenovationCategory;
      picks.push({ id: f.id, name: f.properties!.name, category, target: category === 'upgrade' ? 'convert' : 'upgrade', version: f.properties!.version, point: labelPoint(f) as [number, number] });
    }
    expect(picks).toHaveLength(3);
    browser = await launchBrowser({ width: 1280, height: 800 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(server.url);
    await waitForMap(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an administrator changes a park: colour and history update without a reload', async () => {
    const park = picks[0];
    await logIn(page, 'admin');
    await page.waitForFunction(({ id, c }) => (window as unknown as TestWindow).__igisMapController.parkState(id).category === c, { id: park.id, c: park.category });
    const at = await openPark(page, park);
    const before = await pixelAt(page, at.x, at.y);
    expect(dist(before, onMap(colorOf(park.category)))).toBeLessThan(dist(before, onMap(colorOf(park.target))));
    await screenshot(page, 'park-status-1-official-before');

    const form = page.getByTestId('edit-form');
    await form.locator('select[name="category"]').selectOption(park.target);
    // Client-side workflow hint: progress cannot skip from not started to completed.
    expect(await form.locator('select[name="progress"] option[value="completed"]').isDisabled()).toBe(true);
    const reason = '<b>Survey done</b> & owners agreed';
    await form.locator('textarea[name="reason"]').fill(reason);
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('saved').waitFor();

    expect(await parkState(page, park.id)).toMatchObject({ category: park.target });
    await expect.poll(() => page.getByTestId('park-version').textContent()).toBe(String(park.version + 1));
    await repaint(page);
    const after = await pixelAt(page, at.x, at.y);
    expect(dist(after, onMap(colorOf(park.target)))).toBeLessThan(25);
    expect(dist(after, before)).toBeGreaterThan(40);

    const top = page.getByTestId('history').locator('li').first();
    await expect.poll(() => top.getAttribute('data-version')).toBe(String(park.version + 1));
    expect(await top.locator('.reason').textContent()).toBe(reason);
    expect(await top.locator('.reason b').count()).toBe(0);
    expect(await top.textContent()).toContain('admin');
    await top.scrollIntoViewIfNeeded();
    await screenshot(page, 'park-status-2-official-after');
  });

  it('a stale proposal shows the new state and can be re-applied; the park keeps its status until the city approves', async () => {
    const park = picks[1];
    await logOut(page);
    await logIn(page, 'official-440111');
    await openPark(page, park);
    const form = page.getByTestId('edit-form');
    await form.locator('select[name="category"]').selectOption(park.target);
    await form.getByTestId('review-notice').waitFor();
    await form.locator('textarea[name="reason"]').fill('District plan 2021');
    // Meanwhile an administrator sets another path on the server.
    const other = (['eliminate', 'convert', 'upgrade'] as const).find((c) => c !== park.category && c !== park.target)!;
    const r = await admin.patchPark(park.id, park.version, { category: other, reason: 'admin change', effectiveDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()) });
    expect(r.status).toBe(200);
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('conflict').waitFor();
    expect(await page.getByTestId('park-version').textContent()).toBe(String(park.version + 1));
    expect(await parkState(page, park.id)).toMatchObject({ category: other });
    await screenshot(page, 'park-status-3-conflict');
    await page.getByTestId('conflict').locator('button[type="submit"]').click();
    await page.getByTestId('proposed').waitFor();
    // Proposed, not made: same version, same colour, a dashed outline and the proposal in the panel.
    expect(await page.getByTestId('park-version').textContent()).toBe(String(park.version + 1));
    await page.waitForFunction((id) => (window as unknown as TestWindow).__igisMapController.parkState(id).pending === true, park.id);
    expect(await parkState(page, park.id)).toMatchObject({ category: other });
    await page.getByTestId('park-pending').locator(`[data-park="${park.id}"]`).waitFor();
  });

  it('the bulk panel checks a CSV and applies it all at once', async () => {
    const park = picks[2];
    await page.locator('.bulk-open').first().click();
    const panel = page.getByTestId('bulk-panel');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const upload = (csv: string) => panel.locator('input[type="file"]').setInputFiles({ name: 'status.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // A park of another district is rejected, and nothing can be applied.
    const foreign = (await admin.get('/api/parks?district=440113')).body.features[0].id;
    await upload(`parkId,category,reason,effectiveDate\n${park.id},${park.target},bulk check,${today}\n${foreign},upgrade,not mine,${today}\n`);
    await panel.locator('tr.rejected').waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(2);
    expect(await panel.getByRole('button', { name: /./ }).last().isDisabled()).toBe(true);
    await screenshot(page, 'park-status-4-bulk-rejected');
    await upload(`parkId,category,reason,effectiveDate\n${park.id},${park.target},bulk check,${today}\n`);
    await panel.locator('tr.accepted').waitFor();
    // An official's change of category is sent for the city's review when the file is applied.
    await panel.getByTestId('bulk-row-review').waitFor();
    const apply = panel.locator('.buttons button');
    expect(await apply.isEnabled()).toBe(true);
    await apply.click();
    await page.getByTestId('bulk-applied').waitFor();
    await page.waitForFunction((id) => (window as unknown as TestWindow).__igisMapController.parkState(id).pending === true, park.id);
    expect(await parkState(page, park.id)).toMatchObject({ category: park.category });
    await screenshot(page, 'park-status-5-bulk-applied');
    await panel.locator('button.close').click();
  });

  it('a viewer sees the same park read-only, without history', async () => {
    const park = picks[0];
    await logOut(page);
    await logIn(page, 'viewer');
    await openPark(page, park);
    await expect.poll(() => page.getByTestId('park-category').textContent()).toBe(taxonomy.renovationCategories.find((c) => c.code === park.target)!.label['zh-Hans']);
    expect(await page.getByTestId('edit-form').count()).toBe(0);
    expect(await page.locator('[data-testid="park-panel"] select, [data-testid="park-panel"] textarea, [data-testid="park-panel"] button[type="submit"]').count()).toBe(0);
    expect(await page.getByTestId('history').count()).toBe(0);
    expect(await page.locator('.bulk-open').count()).toBe(0);
    await screenshot(page, 'park-status-6-viewer');
    await page.setViewportSize({ width: 1024, height: 768 });
    await repaint(page);
    await screenshot(page, 'park-status-7-viewer-1024');
  });
});

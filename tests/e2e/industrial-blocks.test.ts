// Browser test of issue 13 item 6 (工业产业区块): in zh-Hans, turn the industrial-blocks layer on,
// open a block's report by clicking it on the map (or from the legend's list), use the block as the
// area filter and see the statistics change to the enterprises inside it; the permalink carries it.
// Screenshots at 1440×900, 1024×768 and 390×844.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { SCREENSHOT_DIR, browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { clearSpot, jumpTo, logIn, matched, rendered, waitForEnterprises, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

interface Block { id: number; properties: { code: string; name: string; enterpriseCount: number; areaMu: number }; geometry: GeoJSON.MultiPolygon }

describe.skipIf(!!skipReason)('industrial blocks in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let app: AppServer | undefined;
  let block: Block;
  let center: [number, number];

  beforeAll(async () => {
    app = await startAppServer();
    server = app.server;
    api = await clientFor(server, 'planner');
    const blocks = (await api.request('GET', '/api/industrial-blocks')).body.features as Block[];
    block = [...blocks].sort((a, b) => b.properties.enterpriseCount - a.properties.enterpriseCount)[0];
    const ring = block.geometry.coordinates[0][0];
    center = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    await page.goto(server.url);
    try {
      // A loaded machine (the SPA build, other suites' browsers) can take longer than waitForMap's minute.
      await page.waitForFunction(() => {
        const m = (window as unknown as TestWindow).__igisMap;
        return !!m && m.loaded() && m.isStyleLoaded();
      }, undefined, { timeout: 240_000 });
    } catch (err) {
      await screenshot(page, 'industrial-blocks-debug');
      console.error('DEBUG body:', (await page.locator('body').textContent())?.slice(0, 2000));
      throw err;
    }
    await logIn(page, 'planner');
    await waitForEnterprises(page, 1);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('turns the layer on in zh-Hans: outlines drawn, legend with the demo note', async () => {
    const layer = page.getByTestId('layer-industrialBlocks');
    await expect.poll(() => layer.textContent()).toContain('工业产业区块');
    await layer.locator('input[type="checkbox"]').check();
    await page.getByTestId('legend-industrialBlocks').waitFor();
    await page.getByTestId('block-legend-demo').waitFor();
    expect(await page.getByTestId('legend-industrialBlocks').textContent()).toContain('一级控制线');
    await jumpTo(page, center, 13);
    await expect.poll(async () => (await rendered(page, ['industrial-block-fill']))['industrial-block-fill'], { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'industrial-blocks-layer-1440');
    await page.getByTestId('layer-industrialBlocks').screenshot({ path: `${SCREENSHOT_DIR}/industrial-blocks-legend.png` });
  });

  it("opens a block's report: enterprises, output in 亿元, output per mu in 万元/亩, parks", async () => {
    // A click on the block where no park or enterprise lies on top; else its entry in the legend's list.
    const spot = await clearSpot(page, 'industrial-block-fill', block.id, center);
    if (spot) await page.mouse.click(spot.x, spot.y);
    else await page.getByTestId('block-open').selectOption(String(block.id));
    const panel = page.getByTestId('block-panel');
    await panel.waitFor();
    await page.getByTestId('block-figures').waitFor();
    expect(await page.locator('#block-title').textContent()).toBe(block.properties.name);
    expect(await page.getByTestId('block-enterprises').textContent()).toBe(`${block.properties.enterpriseCount.toLocaleString('zh-Hans')} 家`);
    const report = (await api.request('GET', `/api/industrial-blocks/${block.id}/report`)).body;
    expect(await page.getByTestId('block-output').textContent()).toContain('亿元');
    expect(await page.getByTestId('block-output').textContent()).toContain((report.figures.output.value / 1e8).toLocaleString('zh-Hans', { maximumFractionDigits: 2 }));
    expect(await page.getByTestId('block-output-per-mu').textContent()).toContain('万元/亩');
    expect(await panel.textContent()).toContain('区块内村级工业园');
    await page.getByTestId('block-demo-note').waitFor();
    await screenshot(page, 'industrial-blocks-report-1440');
  });

  it('uses the block as the area filter: the statistics change to the enterprises inside it, the link carries it', async () => {
    const all = await matched(page);
    await page.getByTestId('block-use-area').click();
    await page.getByTestId('selection-panel').waitFor();
    await page.waitForFunction((n) => {
      const s = (window as unknown as TestWindow).__igisEnterprises.getState().summary;
      return !!s && s.matched === n;
    }, block.properties.enterpriseCount, { timeout: 20_000 });
    expect(await matched(page)).toBeLessThan(all);
    expect(await page.getByTestId('selection-count').textContent()).toContain(block.properties.enterpriseCount.toLocaleString('zh-Hans'));
    expect(await page.getByTestId('area-current').textContent()).toContain(`产业区块：${block.properties.name}`);
    await expect.poll(() => new URL(page.url()).searchParams.get('a')).toBe(`blk:${block.id}`);
    // The server's export of the same area holds the same enterprises as the map.
    const exp = await api.request('POST', '/api/exports', { json: { layer: 'enterprises', format: 'geojson', area: block.geometry } });
    expect(exp.body.features.length).toBe(block.properties.enterpriseCount);
    await screenshot(page, 'industrial-blocks-area-1440');
    for (const [w, h] of [[1024, 768], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(400);
      await screenshot(page, `industrial-blocks-area-${w}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('opens the permalink with the block as the area in a new page', async () => {
    const url = page.url();
    const second = await page.context().newPage();
    await second.goto(url);
    await second.waitForFunction((n) => {
      const s = (window as unknown as TestWindow).__igisEnterprises?.getState().summary;
      return !!s && s.matched === n;
    }, block.properties.enterpriseCount, { timeout: 30_000 });
    await second.close();
  });
});

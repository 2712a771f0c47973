// Browser test of issue 13 item 5 (重点项目): in zh-Hans, turn the key-project layer on, see the
// eligible projects marked on the map (gold ring, ★) and in the legend with their count, hover and
// click a project for its facts and the reason it is (or is not) eligible for provincial land quotas,
// and find the same counts on the dashboard's card. Screenshots at 1440×900, 1024×768 and 390×844.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { jumpTo, pagePoint, rendered, waitForMap } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

interface Project { id: number; properties: { code: string; name: string; eligible: boolean; investmentYuan: number; areaMu: number | null }; geometry: GeoJSON.Point | GeoJSON.Polygon }

describe.skipIf(!!skipReason)('key projects in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let app: AppServer | undefined;
  let projects: Project[];
  let summary: { total: number; eligible: number };

  beforeAll(async () => {
    app = await startAppServer();
    server = app.server;
    api = await clientFor(server, null);
    projects = (await api.request('GET', '/api/key-projects')).body.features as Project[];
    summary = (await api.request('GET', '/api/key-projects/summary')).body;
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(server.url);
    await waitForMap(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const eligiblePoint = () => projects.find((p) => p.properties.eligible && p.geometry.type === 'Point')!;

  it('turns the layer on in zh-Hans: the legend counts the projects and the eligible ones, the map marks them', async () => {
    expect(summary.eligible).toBeGreaterThan(0);
    const layer = page.getByTestId('layer-keyProjects');
    await expect.poll(() => layer.textContent()).toContain('重点项目');
    await layer.locator('input[type="checkbox"]').check();
    const count = page.getByTestId('legend-kp-count');
    await count.waitFor();
    expect(await count.getAttribute('data-count')).toBe(String(summary.total));
    expect(await count.getAttribute('data-eligible')).toBe(String(summary.eligible));
    expect(await count.textContent()).toBe(`${summary.total} 个项目，其中 ${summary.eligible} 个符合条件`);
    expect(await page.getByTestId('legend-kp-eligible').textContent()).toContain('超过12亿元且投资强度超过400万元/亩');
    await page.getByTestId('legend-kp-demo').waitFor();
    // The permalink follows a moment later (useUrlSync writes it after a short pause).
    await expect.poll(() => new URL(page.url()).searchParams.get('l')).toBe('ekpvd');

    const target = eligiblePoint();
    await jumpTo(page, target.geometry.coordinates as [number, number], 13);
    await expect.poll(async () => rendered(page, ['key-project-point', 'key-project-eligible', 'key-project-star']), { timeout: 15_000 })
      .toMatchObject({ 'key-project-point': expect.any(Number), 'key-project-eligible': expect.any(Number) });
    await expect.poll(async () => (await rendered(page, ['key-project-eligible']))['key-project-eligible'], { timeout: 15_000 }).toBeGreaterThan(0);
    const stats = await page.evaluate(() => (window as unknown as { __igisMapController: { keyProjectStats: () => unknown } }).__igisMapController.keyProjectStats());
    expect(stats).toMatchObject({ features: summary.total, eligible: summary.eligible });
    await screenshot(page, 'key-projects-layer-1440');

    // A parcel: drawn as an outline (gold when eligible).
    const parcel = projects.find((p) => p.geometry.type === 'Polygon' && p.properties.eligible) ?? projects.find((p) => p.geometry.type === 'Polygon')!;
    const ring = (parcel.geometry as GeoJSON.Polygon).coordinates[0];
    await jumpTo(page, [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length], 15);
    await expect.poll(async () => (await rendered(page, ['key-project-parcel-line']))['key-project-parcel-line'], { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'key-projects-parcel-1440');
  });

  it('hovers and clicks an eligible project: tooltip, panel with its facts and both thresholds met', async () => {
    const target = eligiblePoint();
    await jumpTo(page, target.geometry.coordinates as [number, number], 13);
    await expect.poll(async () => (await rendered(page, ['key-project-eligible']))['key-project-eligible'], { timeout: 15_000 }).toBeGreaterThan(0);
    const at = await pagePoint(page, target.geometry.coordinates as [number, number]);
    await page.mouse.move(at.x, at.y);
    const tip = page.getByTestId('kp-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toContain(`★ ${target.properties.name}`);
    expect(await tip.textContent()).toContain('亿元');
    await page.mouse.click(at.x, at.y);
    const panel = page.getByTestId('key-project-panel');
    await panel.waitFor();
    await expect.poll(() => page.locator('#key-project-title').textContent()).toBe(target.properties.name);
    const block = page.getByTestId('kp-eligibility');
    expect(await block.getAttribute('data-eligible')).toBe('true');
    expect(await block.textContent()).toContain('符合条件');
    expect(await page.getByTestId('kp-reason-investment').textContent()).toContain('超过 12亿元');
    expect(await page.getByTestId('kp-reason-intensity').textContent()).toContain('万元/亩');
    expect(await page.getByTestId('kp-investment').textContent()).toBe(`${(target.properties.investmentYuan / 1e8).toLocaleString('zh-CN', { maximumFractionDigits: 4 })}亿元`);
    await page.getByTestId('kp-demo').waitFor();
    expect(page.url()).toMatch(new RegExp(`s=k${target.id}`));
    await screenshot(page, 'key-projects-panel-1440');
  });

  it('says why a project exactly at 12亿元 is not eligible (超过 is strict)', async () => {
    const edge = projects.find((p) => p.properties.code === 'DEMO-KP-01')!;
    expect(edge.properties).toMatchObject({ investmentYuan: 1_200_000_000, eligible: false });
    await page.goto(`${server.url}/?l=epvdk&s=k${edge.id}`);
    await waitForMap(page);
    const block = page.getByTestId('kp-eligibility');
    await block.waitFor();
    expect(await block.getAttribute('data-eligible')).toBe('false');
    expect(await page.getByTestId('kp-reason-investment').getAttribute('data-met')).toBe('false');
    expect(await page.getByTestId('kp-reason-investment').textContent()).toBe('✗ 总投资 12亿元，未超过 12亿元');
    expect(await page.getByTestId('kp-reason-intensity').getAttribute('data-met')).toBe('true');
  });

  it('shows the layer and the panel at 1024×768 and 390×844', async () => {
    const target = eligiblePoint();
    const [lon, lat] = target.geometry.coordinates as [number, number];
    for (const [w, h] of [[1024, 768], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${server.url}/?c=${lon},${lat}&z=12&l=epvdk&s=k${target.id}`);
      await waitForMap(page);
      await page.getByTestId('kp-eligibility').waitFor();
      await expect.poll(async () => (await rendered(page, ['key-project-point']))['key-project-point'], { timeout: 15_000 }).toBeGreaterThan(0);
      await screenshot(page, `key-projects-${w}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('counts the key projects and the eligible ones on the dashboard', async () => {
    await page.goto(`${server.url}/dashboard?p=2020`);
    const card = page.getByTestId('key-projects-card');
    await card.waitFor();
    await page.getByTestId('kp-kpis').waitFor();
    expect(await page.getByTestId('kp-total').textContent()).toBe(String(summary.total));
    expect(await page.getByTestId('kp-eligible').textContent()).toBe(`★ ${summary.eligible}`);
    expect(await page.getByTestId('kp-investment-total').textContent()).toContain('亿元');
    expect(await card.textContent()).toContain('示例数据');
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'tests/e2e/__screenshots__/key-projects-dashboard-1440.png', fullPage: false });
  });
});

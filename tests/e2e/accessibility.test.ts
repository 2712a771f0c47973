// Keyboard and accessibility (issue 15 item 8), in a real browser: axe-core's WCAG 2.1 A and AA rules
// find nothing on the main screens (the map, a park's panel, the dashboard with the key-city table, an
// administrator's import panel); a skip link reaches the map at the first Tab; the map has a keyboard
// route to what is under its centre (Enter opens it, as a click would), and an area can be typed
// as corners instead of drawn.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { clustersDrawn, jumpTo, logIn, waitForEnterprises, waitForMap, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line per element. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (rightly) refuses an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // The map's canvas is a picture of the data; its text (labels, counts) is offered in the sidebar and panels.
    const r = await axe.run({ exclude: [['.maplibregl-canvas']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations;
  });
  return found.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`));
}

describe.skipIf(!!skipReason)('keyboard and accessibility', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let base: string;

  beforeAll(async () => {
    app = await startAppServer();
    base = app.server.url;
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the map page and a park panel pass axe-core\'s WCAG 2.1 AA rules', async () => {
    await page.goto(base);
    await waitForMap(page);
    await waitForEnterprises(page);
    expect(await violations(page)).toEqual([]);
    const [{ id }] = await app!.server.database.db.query<{ id: number }>('SELECT id FROM village_parks ORDER BY id LIMIT 1');
    await page.goto(`${base}/?s=p${id}`);
    await waitForMap(page);
    await page.locator('.panel').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('an administrator\'s import panel and the dashboard pass too', async () => {
    await page.goto(base);
    await waitForMap(page);
    await logIn(page, 'admin');
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-panel').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.goto(`${base}/dashboard`);
    await page.getByTestId('target-card-auto').waitFor({ timeout: 60_000 });
    await page.getByTestId('trend-card-chart').locator('svg').waitFor({ timeout: 60_000 });
    expect(await violations(page)).toEqual([]);
  });

  it('the first Tab offers a skip link to the map; Enter on the map opens what is under its centre', async () => {
    await page.goto(base);
    await waitForMap(page);
    await waitForEnterprises(page);
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-to-map');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
    // Centre the map on a park and open it from the keyboard.
    const [park] = await app!.server.database.db.query<{ id: number; lon: number; lat: number }>(
      'SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM village_parks ORDER BY area_mu DESC LIMIT 1');
    await jumpTo(page, [park.lon, park.lat], 16);
    await clustersDrawn(page);
    await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getCanvas().focus());
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('s'), { timeout: 15_000 }).toMatch(/^[pe]\d+$/);
  });

  it('an area can be typed as corners instead of drawn; a bad line is named in Chinese', async () => {
    await page.goto(base);
    await waitForMap(page);
    await waitForEnterprises(page);
    await page.locator('.typed-area summary').click();
    await page.getByTestId('typed-area').fill('113.30, 23.10\n东经113度');
    await page.getByTestId('typed-area-use').click();
    expect(await page.getByTestId('typed-area-error').textContent()).toBe('第 2 行（“东经113度”）不是“经度, 纬度”，例如 113.32, 23.12。');
    await page.getByTestId('typed-area').fill('113.30, 23.10\n113.40, 23.10\n113.40, 23.18\n113.30, 23.18');
    await page.getByTestId('typed-area-use').click();
    await page.getByTestId('selection-panel').waitFor();
    await expect.poll(() => page.getByTestId('selection-count').textContent(), { timeout: 30_000 }).toMatch(/^[1-9][\d,]* 家$/);
  });
});


// Small screens (issue 15 item 6), in a real browser: on a phone (390×844) the sidebar is a drawer
// that starts closed, the map fills the width and at least half the height also with a panel open,
// and the panel's close button is on screen; at 1024×768 the first view holds the whole city
// (从化 in the north, 南沙 in the south) and the sidebar can be folded away for a wider map.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_BOUNDS } from '../../src/app/state/url-state.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { waitForMap, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

/** The box of an element on the page, or null when it is not rendered. */
const box = (page: Page, testId: string) => page.getByTestId(testId).boundingBox();
const mapBox = (page: Page) => page.locator('.map canvas').boundingBox();

describe.skipIf(!!skipReason)('small screens', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let parkId: number;

  beforeAll(async () => {
    app = await startAppServer();
    [{ id: parkId }] = await app.server.database.db.query<{ id: number }>('SELECT id FROM village_parks ORDER BY id LIMIT 1');
    browser = await launchBrowser({ width: 390, height: 844 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('on a phone: the map fills the screen, the sidebar is a drawer that opens and closes', async () => {
    await page.goto(app!.server.url);
    await waitForMap(page);
    expect(await page.getByTestId('sidebar').isVisible()).toBe(false);
    const map = (await mapBox(page))!;
    expect(map.width).toBe(390);
    expect(map.height).toBeGreaterThanOrEqual(844 / 2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'small-phone-map-390');
    await page.getByTestId('sidebar-open').click();
    const drawer = (await box(page, 'sidebar'))!;
    expect(drawer.x).toBe(0);
    expect(drawer.width).toBeLessThanOrEqual(390);
    expect(await page.getByRole('heading', { name: '广州市产业地图' }).isVisible()).toBe(true);
    await screenshot(page, 'small-phone-drawer-390');
    await page.getByTestId('sidebar-close').click();
    expect(await page.getByTestId('sidebar').isVisible()).toBe(false);
    expect(await page.getByTestId('sidebar-open').isVisible()).toBe(true);
  });

  it('on a phone: a park opens as a bottom sheet over less than half the screen, and closes', async () => {
    await page.goto(`${app!.server.url}/?s=p${parkId}`);
    await waitForMap(page);
    const panel = page.locator('.panel');
    await panel.waitFor();
    const sheet = (await panel.boundingBox())!;
    expect(sheet.width).toBe(390);
    expect(sheet.y + sheet.height).toBeCloseTo(844, 0);
    // The map above the sheet keeps at least half of the screen.
    expect(sheet.y).toBeGreaterThanOrEqual(844 / 2 - 1);
    const close = panel.locator('button.close').first();
    const closeBox = (await close.boundingBox())!;
    expect(closeBox.x + closeBox.width).toBeLessThanOrEqual(390);
    expect(closeBox.y).toBeGreaterThanOrEqual(sheet.y);
    await screenshot(page, 'small-phone-park-390');
    await close.click();
    await expect.poll(() => panel.count()).toBe(0);
  });

  for (const size of [{ width: 1024, height: 768 }, { width: 1440, height: 900 }]) {
    it(`at ${size.width}×${size.height}: the first view holds the whole city; the sidebar folds away`, async () => {
      await page.setViewportSize(size);
      await page.goto(app!.server.url);
      await waitForMap(page);
      const bounds = await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getBounds().toArray());
      const [[w, s], [e, n]] = bounds;
      expect(w).toBeLessThanOrEqual(CITY_BOUNDS[0]);
      expect(s).toBeLessThanOrEqual(CITY_BOUNDS[1]);
      expect(e).toBeGreaterThanOrEqual(CITY_BOUNDS[2]);
      expect(n).toBeGreaterThanOrEqual(CITY_BOUNDS[3]);
      expect(await page.getByTestId('sidebar').isVisible()).toBe(true);
      await screenshot(page, `small-first-view-${size.width}`);
      const before = (await mapBox(page))!.width;
      await page.getByTestId('sidebar-close').click();
      await expect.poll(async () => (await mapBox(page))!.width).toBe(size.width);
      expect(before).toBeLessThan(size.width);
      await page.getByTestId('sidebar-open').click();
      await expect.poll(async () => (await mapBox(page))!.width).toBe(before);
    });
  }
});

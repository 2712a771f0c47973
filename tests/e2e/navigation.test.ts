// Navigation (issue 15 item 5), in a real browser: every panel is a history entry, so the browser's
// Back and Forward walk through the panels instead of leaving the app; an enterprise opened from the
// selection's list returns to the selection's statistics when it is closed; a district chosen in the
// filter is outlined and the map goes there; the drawing hint is on the map; an official is told why
// another district's park cannot be edited; the selection's count line does not repeat its term.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { DISTRICT_BOUNDS } from '../../src/domain/district-bounds.ts';
import { logIn, waitForMap, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

describe.skipIf(!!skipReason)('navigation', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Which panel is open: its test id, or null. */
  const open = () => page.locator('aside.panel').first().getAttribute('data-testid', { timeout: 1_000 }).catch(() => null);

  it('Back and Forward walk through the panels; closing an enterprise opened from the selection returns to it', async () => {
    await page.goto(`${app!.server.url}/?a=in:p`);
    await waitForMap(page);
    await page.getByTestId('selection-panel').waitFor();
    const first = page.getByTestId('selection-list').locator('button').first();
    await first.waitFor({ timeout: 30_000 });
    const name = (await first.locator('.name').textContent())!;
    await first.click();
    await page.getByTestId('enterprise-panel').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('s')).toMatch(/^e\d+$/);
    await expect.poll(() => page.getByTestId('enterprise-panel').locator('h2').textContent()).toBe(name.trim());
    // Closing it returns to the statistics it was opened from.
    await page.getByTestId('enterprise-panel').locator('button.close').click();
    await page.getByTestId('selection-panel').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('s')).toBeNull();
    // Back: the enterprise again; Back: the selection; Forward: the enterprise.
    await page.goBack();
    await expect.poll(open).toBe('enterprise-panel');
    await page.goBack();
    await expect.poll(open).toBe('selection-panel');
    expect(new URL(page.url()).searchParams.get('a')).toBe('in:p');
    await page.goForward();
    await expect.poll(open).toBe('enterprise-panel');
    await expect.poll(() => new URL(page.url()).searchParams.get('s')).toMatch(/^e\d+$/);
  });

  it('a panel opened on a page without one: Back closes it and stays in the app', async () => {
    const [{ name }] = await app!.server.database.db.query<{ name: string }>('SELECT name FROM village_parks ORDER BY id LIMIT 1');
    await page.goto(app!.server.url);
    await waitForMap(page);
    const start = page.url();
    // Open a park from the search box.
    await page.getByTestId('search-input').fill(name);
    await page.getByTestId('search-results').locator('li').first().click();
    await expect.poll(open).toBe('park-panel');
    await page.goBack();
    await expect.poll(open).toBeNull();
    expect(new URL(page.url()).origin).toBe(new URL(start).origin);
    await page.goForward();
    await expect.poll(open).toBe('park-panel');
  });

  it('a district chosen in the filter is outlined and the map goes to it; the drawing hint is on the map', async () => {
    await page.goto(app!.server.url);
    await waitForMap(page);
    await page.locator('details:has(input[data-facet="districts"]) summary').click();
    await page.locator('input[data-facet="districts"][data-code="440117"]').check();
    const [w, s, e, n] = DISTRICT_BOUNDS['440117'];
    await expect.poll(async () => {
      const c = await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getCenter().toArray());
      return c[0] > w && c[0] < e && c[1] > s && c[1] < n;
    }, { timeout: 15_000 }).toBe(true);
    expect(JSON.stringify(await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getFilter('district-highlight')))).toContain('440117');
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('draw-polygon').click();
    const hint = page.locator('#map-overlays').getByTestId('draw-hint');
    await hint.waitFor({ timeout: 30_000 });
    expect(await hint.textContent()).toMatch(/[\u4e00-\u9fff]/);
    await hint.locator('button').click();
    await expect.poll(() => hint.count()).toBe(0);
  });

  it('tells an official why another district\'s park cannot be edited; the selection count does not repeat its term', async () => {
    const [own, other] = await Promise.all(['440111', '440112'].map(async (d) => (await app!.server.database.db.query<{ id: number }>('SELECT id FROM village_parks WHERE district = $1 ORDER BY id LIMIT 1', [d]))[0].id));
    await page.goto(app!.server.url);
    await waitForMap(page);
    await logIn(page, 'official-440111');
    await page.goto(`${app!.server.url}/?s=p${other}`);
    await waitForMap(page);
    const note = page.getByTestId('park-not-editable');
    await note.waitFor();
    expect(await note.textContent()).toBe('该园区属于黄埔区，您只能修改白云区园区的整治状态。');
    await page.goto(`${app!.server.url}/?s=p${own}`);
    await page.getByTestId('park-panel').waitFor();
    await expect.poll(() => page.getByTestId('park-panel').locator('form').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('park-not-editable').count()).toBe(0);
    await page.goto(`${app!.server.url}/?a=in:p`);
    await expect.poll(() => page.getByTestId('selection-count').textContent(), { timeout: 30_000 }).toMatch(/^[\d,]+ 家$/);
  });
});

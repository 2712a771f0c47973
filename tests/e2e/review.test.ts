// Browser test of the district → city review (issue 13, item 4): Baiyun's (440111) official proposes
// a change of category in the park panel (the form says it goes to the city), the park keeps its
// colour and gets the dashed "awaiting review" outline; the administrator opens the review queue,
// sees the count for Baiyun and approves with a comment; only then does the park's colour change on
// the map. Screenshots of the park with its pending proposal and of the queue, wide and narrow.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomy, type RenovationCategory } from '../../src/domain/taxonomy.ts';
import { labelPoint } from '../../src/server/tiles/tiles-pipeline.ts';
import { clientFor, type ApiClient } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, pixelAt, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { clearSpot, idle, jumpTo, logIn, pagePoint, waitForMap, type TestWindow } from '../helpers/map-page.ts';

type Rgb = [number, number, number];
const A = '440111';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const colorOf = (code: string): Rgb => {
  const hex = taxonomy.renovationCategories.find((c) => c.code === code)!.color;
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
};
// The fill is drawn at 75 % opacity over the (nearly white) district fill.
const onMap = (c: Rgb): Rgb => c.map((v) => 0.75 * v + 0.25 * 250) as Rgb;
const dist = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

const parkState = (page: Page, id: number) => page.evaluate((id) => (window as unknown as TestWindow).__igisMapController.parkState(id), id);
const waitForState = (page: Page, id: number, key: string, value: unknown) =>
  page.waitForFunction(({ id, key, value }) => (window as unknown as TestWindow).__igisMapController.parkState(id)[key] === value, { id, key, value }, { timeout: 30_000 });

describe.skipIf(!!skipReason)('district → city review in the browser', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;
  let admin: ApiClient;
  let park: { id: number; name: string; category: RenovationCategory; target: RenovationCategory; point: [number, number] };

  /** The park's colour where nothing else is drawn on top of it, at the park's zoom. */
  const parkPixel = async (): Promise<Rgb> => {
    await jumpTo(page, park.point, 15.5);
    const spot = await clearSpot(page, 'village-park-fill', park.id, park.point);
    expect(spot).not.toBeNull();
    await idle(page);
    return pixelAt(page, spot!.x, spot!.y);
  };

  beforeAll(async () => {
    app = await startAppServer();
    admin = await clientFor(app.server, 'admin');
    // A large Baiyun park whose work has not started, not a pilot: a change of path is legal and needs review.
    const fc = (await admin.get(`/api/parks?district=${A}&progress=not_started&pilot=false`)).body as { features: (Feature<Polygon | MultiPolygon> & { id: number })[] };
    const f = fc.features.filter((x) => x.properties!.category !== 'unclassified').sort((a, b) => b.properties!.areaMu - a.properties!.areaMu)[3];
    const category = f.properties!.category as RenovationCategory;
    park = { id: f.id, name: f.properties!.name, category, target: category === 'upgrade' ? 'convert' : 'upgrade', point: labelPoint(f) as [number, number] };
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(app.server.url);
    await waitForMap(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an official proposes a change of category: the park keeps its colour and is outlined as awaiting review', async () => {
    await logIn(page, `official-${A}`);
    await waitForState(page, park.id, 'category', park.category);
    const before = await parkPixel();
    expect(dist(before, onMap(colorOf(park.category)))).toBeLessThan(25);

    const at = await pagePoint(page, park.point);
    await page.mouse.click(at.x, at.y);
    await page.locator('#park-title').filter({ hasText: park.name }).waitFor();
    const form = page.getByTestId('edit-form');
    await form.locator('select[name="category"]').selectOption(park.target);
    await expect.poll(() => form.getByTestId('review-notice').textContent()).toContain('须经市级管理员审核');
    expect(await form.locator('button[type="submit"]').textContent()).toBe('提交市级审核');
    await form.locator('textarea[name="reason"]').fill('村改方案已经区政府常务会审议');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('proposed').textContent()).toMatch(/已提交市级审核（申请编号 \d+）/);

    // Nothing changed yet: same category on the map, a pending outline, the proposal in the panel and the history.
    await waitForState(page, park.id, 'pending', true);
    expect(await parkState(page, park.id)).toMatchObject({ category: park.category });
    const card = page.getByTestId('park-pending').locator(`[data-park="${park.id}"]`);
    await card.waitFor();
    expect(await card.locator('.change strong').textContent()).toContain(taxonomy.renovationCategories.find((c) => c.code === park.target)!.label['zh-Hans']);
    expect(await card.getByTestId('approve').count()).toBe(0);
    await expect.poll(() => page.getByTestId('history').locator('li').first().getAttribute('data-step')).toBe('proposed');
    expect(await page.getByTestId('legend-pending').count()).toBe(1);
    await screenshot(page, 'review-1-park-pending-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-2-park-pending-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('[data-testid="park-panel"] button.close').click();
    const still = await parkPixel();
    expect(dist(still, onMap(colorOf(park.category)))).toBeLessThan(25);
  });

  it('the administrator approves it from the queue, and only then does the park change colour', async () => {
    await page.getByTestId('account').locator('button').click();
    await page.locator('form.login').waitFor();
    await logIn(page, 'admin');
    await waitForState(page, park.id, 'pending', true);
    await expect.poll(() => page.getByTestId('reviews-open').textContent()).toMatch(/（1）$/);
    await page.getByTestId('reviews-open').click();
    const panel = page.getByTestId('review-panel');
    await panel.getByTestId('review-list').waitFor();
    expect(await panel.getByTestId('review-counts').locator(`[data-district="${A}"]`).textContent()).toMatch(/白云区\s*1/);
    const item = panel.locator(`[data-testid="proposal"][data-park="${park.id}"]`);
    expect(await item.locator('.proposal-park button').textContent()).toBe(park.name);
    expect(await item.locator('.reason').textContent()).toBe('村改方案已经区政府常务会审议');
    // Still the old status until the decision.
    expect(await parkState(page, park.id)).toMatchObject({ category: park.category, pending: true });
    await screenshot(page, 'review-3-queue-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the panel lies under the sidebar.
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-4-queue-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    // A decision needs a comment.
    await item.getByTestId('approve').click();
    await expect.poll(() => item.locator('[role="alert"]').textContent()).toBe('请填写审核意见或退回理由。');
    expect(await parkState(page, park.id)).toMatchObject({ category: park.category });
    await item.locator('textarea[name="comment"]').fill('符合分类整治标准，同意。');
    await item.getByTestId('approve').click();
    await expect.poll(() => panel.getByTestId('review-message').textContent()).toContain(`${park.name}：已批准`);
    await waitForState(page, park.id, 'category', park.target);
    await waitForState(page, park.id, 'pending', false);
    await panel.getByTestId('review-empty').waitFor();
    await expect.poll(() => page.getByTestId('reviews-open').textContent()).toBe('市级审核队列');
    await screenshot(page, 'review-5-queue-approved-1440');
    await page.locator('[data-testid="review-panel"] button.close').click();
    const after = await parkPixel();
    expect(dist(after, onMap(colorOf(park.target)))).toBeLessThan(25);

    const history = (await admin.get(`/api/parks/${park.id}/history`)).body.items;
    expect(history[0]).toMatchObject({ step: 'approved', source: 'proposal', changedBy: 'admin', to: { category: park.target }, proposal: { proposedBy: `official-${A}`, comment: '符合分类整治标准，同意。' } });
    expect(history[1]).toMatchObject({ step: 'proposed', changedBy: `official-${A}` });
  });
});

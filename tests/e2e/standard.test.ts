// Browser test of the classification standard (issue 13 item 2): an administrator opens a park whose
// figures fall under version 1's "least efficient" rule while its category is "改造提升"; the park
// panel shows, in zh-Hans, the suggestion 淘汰关停, the reasons (亩均产值 …) and the contradiction
// flag; the legend's toggle marks contradicting parks on the map; the editor makes a draft, changes a
// threshold, saves and previews the moves. Screenshots at 1440×900, 1024×768 and 390×844.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { logIn, waitForMap, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const SIZES = [{ width: 1440, height: 900 }, { width: 1024, height: 768 }, { width: 390, height: 844 }] as const;

describe.skipIf(!!skipReason)('classification standard in the browser', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;
  let parkId: number;

  beforeAll(async () => {
    app = await startAppServer();
    const db = app.server.database.db;
    // A park without enterprises (its register figures count), made weak and classified "upgrade".
    [{ id: parkId }] = await db.query<{ id: number }>(`SELECT p.id FROM village_parks p
      WHERE p.district = '440111' AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.village_park_id = p.id) ORDER BY p.area_mu DESC LIMIT 1`);
    await db.query(`UPDATE village_parks SET output_per_mu = 100000, tax_per_mu = 5000, category = 'upgrade' WHERE id = $1`, [parkId]);
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(`${app.server.url}/?s=p${parkId}`);
    await waitForMap(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the suggestion, its reasons and the contradiction flag in the park panel (zh-Hans)', async () => {
    await logIn(page, 'admin');
    const box = page.getByTestId('park-standard');
    await box.getByTestId('standard-suggestion').waitFor();
    await expect.poll(() => box.getByTestId('standard-suggestion').getAttribute('data-suggested')).toBe('eliminate');
    expect(await box.locator('h3').textContent()).toContain('分类整治标准建议');
    expect(await box.getByTestId('standard-suggestion').textContent()).toContain('淘汰关停');
    const flag = await box.getByTestId('standard-contradiction').textContent();
    expect(flag).toContain('与标准不一致');
    expect(flag).toContain('改造提升');
    const reasons = await box.getByTestId('standard-reasons').locator('li').allTextContents();
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toContain('亩均产值10万元/亩');
    expect(reasons[0]).toContain('园区台账数据');
    expect(reasons[0]).toContain('低于15万元/亩');
    expect(reasons[1]).toContain('亩均税收');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await box.scrollIntoViewIfNeeded();
      await screenshot(page, `standard-park-${size.width}x${size.height}`);
    }
    await page.setViewportSize(SIZES[0]);
  });

  it('marks the contradicting parks on the map when the legend\'s toggle is on', async () => {
    await page.getByTestId('park-panel').locator('button.close').click();
    const toggle = page.getByTestId('contradiction-toggle');
    await toggle.check();
    await expect.poll(() => page.getByTestId('contradiction-count').textContent(), { timeout: 30_000 }).toMatch(/\d+ 个园区与标准不一致/);
    await page.waitForFunction((id) => (window as unknown as TestWindow).__igisMapController.parkState(id).contradicts === true, parkId, { timeout: 30_000 });
    await screenshot(page, 'standard-map-contradictions-1440x900');
    await toggle.uncheck();
    await page.waitForFunction((id) => (window as unknown as TestWindow).__igisMapController.parkState(id).contradicts === false, parkId, { timeout: 30_000 });
  });

  it('an administrator drafts a new version, changes a threshold and previews the moves', async () => {
    await page.getByTestId('standard-open').click();
    const panel = page.getByTestId('standard-panel');
    await panel.getByTestId('standard-new-draft').click();
    await panel.getByTestId('standard-rule').first().waitFor();
    expect(await panel.getByTestId('standard-rule').count()).toBe(7);
    // Rule 4: output per mu below 15 万元/亩 → 40.
    const threshold = panel.getByLabel('第 4 条 · 1 · 阈值');
    expect(await threshold.inputValue()).toBe('15');
    await threshold.fill('40');
    await panel.getByTestId('standard-save').click();
    await expect.poll(() => panel.getByTestId('standard-message').textContent()).toContain('草稿已保存');
    await panel.getByTestId('standard-preview-button').click();
    const preview = panel.getByTestId('standard-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/第 2 版与现行第 1 版相比/);
    expect(await preview.textContent()).toMatch(/个的建议分类会变化/);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await preview.scrollIntoViewIfNeeded();
      await screenshot(page, `standard-editor-${size.width}x${size.height}`);
    }
  });
});

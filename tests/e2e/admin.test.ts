// Browser test of the administrator's tools. Issue 6: an administrator imports enterprises from a CSV
// (one bad row reported by line), applies it and sees the map count them without a reload; then
// imports a new village park from GeoJSON and sees it drawn from the rebuilt tiles. Accounts: an
// administrator creates a district official, changes and disables the account.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, screenshot, type Browser } from '../helpers/browser.ts';
import { jumpTo, logIn, matched, pagePoint, waitForEnterprises, waitForMap, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

describe.skipIf(!!skipReason)('administration in the browser', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'igis-import-'));

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser({ width: 1400, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(app.server.url);
    await waitForMap(page);
    await logIn(page, 'admin');
    await waitForEnterprises(page, 1);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const checkAndApply = async (file: string, kind: string, expectCounts: RegExp) => {
    await page.getByTestId('import-panel').locator('select[name="kind"]').selectOption(kind);
    await page.getByTestId('import-panel').locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-counts').textContent(), { timeout: 30_000 }).toMatch(expectCounts);
  };

  it('imports enterprises from a CSV, reports the bad row, and the map counts the new ones', async () => {
    const before = await matched(page);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-panel').waitFor();
    const rows = [0, 1, 2].map((i) => `${makeCreditCode('440112', String(61_000_000 + i))},浏览器导入测试企业${i}有限公司,robots,${30_000_000 + i},113.48${i},23.12${i}`);
    rows.push('123,坏数据企业,robots,1,113.48,23.12');
    const file = join(dir, '企业名单.csv');
    writeFileSync(file, `\uFEFF统一社会信用代码,企业名称,细分行业,营业收入,经度,纬度\n${rows.join('\n')}\n`);
    await checkAndApply(file, 'enterprises', /共 4 行：有效 3，拒绝 1/);
    const issues = await page.getByTestId('import-issues').textContent();
    expect(issues).toContain('5');
    expect(issues).toContain('统一社会信用代码');
    await screenshot(page, 'admin-1-import-report');
    // The mapping names the fields as users do, not by their keys.
    expect(await page.getByTestId('import-report').locator('.mapping-table th').first().textContent()).toMatch(/^统一社会信用代码/);
    await page.getByTestId('import-apply').click();
    // Nothing is written before the confirmation, which says what will change.
    await expect.poll(() => page.getByTestId('import-confirm-text').textContent(), { timeout: 30_000 }).toMatch(/新增 3 条、更新 0 条，0 条不变；1 行有误/);
    expect(await matched(page)).toBe(before);
    await screenshot(page, 'admin-1b-import-confirm');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 30_000 }).toMatch(/新增 3/);
    await page.waitForFunction((n) => (window as unknown as TestWindow).__igisEnterprises.getState().summary?.matched === n, before + 3, { timeout: 30_000 });
    await page.getByTestId('import-history').locator('li').first().filter({ hasText: '企业名单.csv' }).waitFor();
    expect(await page.getByTestId('import-changes').locator('li').count()).toBe(3);
  });

  it('imports a new village park from GeoJSON and draws it from the rebuilt tiles', async () => {
    const ring = [[113.36, 23.62], [113.366, 23.62], [113.366, 23.625], [113.36, 23.625], [113.36, 23.62]];
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 园区编号: 'VPTEST0001', 园区名称: '测试导入工业园', 改造分类: '改造提升' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
    const file = join(dir, 'parks.geojson');
    writeFileSync(file, JSON.stringify(fc));
    await checkAndApply(file, 'parks', /共 1 行：有效 1/);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 60_000 }).toMatch(/新增 1/);
    const id = (await app!.server.database.db.query<{ id: number }>(`SELECT id FROM village_parks WHERE code = 'VPTEST0001'`))[0].id;
    await page.getByTestId('import-panel').locator('button.close').click();
    await jumpTo(page, [113.363, 23.6225], 15);
    const at = await pagePoint(page, [113.363, 23.6225]);
    await expect.poll(() => page.evaluate(({ x, y }) => {
      const m = (window as unknown as TestWindow).__igisMap;
      const r = m.getCanvas().getBoundingClientRect();
      return m.queryRenderedFeatures([x - r.left, y - r.top], { layers: ['village-park-fill'] }).map((f) => Number(f.id));
    }, at), { timeout: 30_000 }).toContain(id);
    await screenshot(page, 'admin-2-imported-park');
  });

  it('creates a district official, and disables the account so it can no longer log in', async () => {
    await page.getByTestId('accounts-open').click();
    const panel = page.getByTestId('accounts-panel');
    await panel.getByTestId('users').locator('li').first().waitFor();
    const form = panel.getByTestId('user-create');
    await form.locator('input[name="username"]').fill('official-test');
    // A too-short password gets a visible message in Chinese, not a silent refusal.
    await form.locator('input[name="password"]').fill('short');
    await form.locator('select[name="role"]').selectOption('official');
    await form.locator('select[name="district"]').selectOption('440112');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => panel.getByTestId('accounts-error').textContent()).toContain('12');
    expect(await panel.getByTestId('accounts-error').textContent()).not.toMatch(/[A-Za-z]{4,}/);
    await form.locator('input[name="password"]').fill('test-pass-2026-1');
    await form.locator('select[name="role"]').selectOption('official');
    await form.locator('select[name="district"]').selectOption('440112');
    await form.locator('button[type="submit"]').click();
    await panel.getByTestId('accounts-message').filter({ hasText: 'official-test' }).waitFor();
    const row = panel.getByTestId('user-official-test');
    expect(await row.locator('select[name="district"]').inputValue()).toBe('440112');
    const login = async (password: string) => (await new ApiClient(app!.server.url).login('official-test', password)).status;
    expect(await login('test-pass-2026-1')).toBe(200);
    // A role rule the server enforces comes back as its message, in the user's language.
    await row.locator('select[name="district"]').selectOption('');
    await row.locator('button[type="submit"]').click();
    await row.getByRole('alert').filter({ hasText: '区工信局人员必须指定所属区' }).waitFor();
    await row.locator('select[name="district"]').selectOption('440112');
    await row.locator('input[name="disabled"]').check();
    await row.locator('button[type="submit"]').click();
    await panel.getByTestId('accounts-message').filter({ hasText: '已保存 official-test' }).waitFor();
    expect(await login('test-pass-2026-1')).not.toBe(200);
    await screenshot(page, 'admin-3-accounts');
  });
});

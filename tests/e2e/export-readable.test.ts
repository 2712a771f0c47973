// Browser test of readable exports (issue 15, item 4), in zh-Hans as a planner: the field picker
// names fields in Chinese (from the app's catalogue, not the server's keys), XLSX is offered, and
// the downloaded workbook reads back with a Chinese header, labels beside their codes and typed
// numbers. Screenshots of the dialog at 1440×900, 1024×768 and 390×844.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { logIn, waitForEnterprises, waitForMap } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

describe.skipIf(!!skipReason)('readable exports in the export dialog (zh-Hans)', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'igis-export-readable-'));

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(`${app.server.url}/?lang=zh-Hans`);
    await waitForMap(page);
    await logIn(page, 'planner');
    await waitForEnterprises(page, 1);
    await page.getByTestId('selection-open').click();
    await page.getByTestId('export-dialog').locator('summary').first().click();
    await page.getByTestId('export-limits').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the fields in Chinese in the field picker', async () => {
    await page.getByTestId('export-dialog').locator('.export-fields summary').first().click();
    const label = (field: string) => page.getByTestId(`export-field-enterprises-${field}`).locator('xpath=..');
    expect((await label('name').textContent())?.trim()).toBe('企业名称');
    expect((await label('revenue').textContent())?.trim()).toBe('营业收入（万元）');
    expect((await label('cluster').textContent())?.trim()).toBe('产业集群');
    expect((await label('town').textContent())?.trim()).toBe('镇街');
    // The key stays reachable as the tooltip, for API users.
    expect(await label('revenue').getAttribute('title')).toBe('revenue');
    const all = await page.getByTestId('export-dialog').locator('.export-fields label.field').allTextContents();
    for (const text of all) expect(text.trim(), text).not.toMatch(/^[a-zA-Z]+$/);
  });

  it('downloads an XLSX with a Chinese header, labels beside their codes and typed numbers', async () => {
    await page.getByTestId('export-format-xlsx').check();
    await page.getByTestId('export-readable-note').waitFor();
    for (const [w, h] of [[1440, 900], [1024, 768], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.getByTestId('export-run').scrollIntoViewIfNeeded();
      await screenshot(page, `export-readable-${w}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-run').click()]);
    expect(download.suggestedFilename()).toMatch(/^enterprises-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const [sheet, about] = await readXlsxFile(readFileSync(file));
    expect(sheet.sheet).toBe('企业');
    const [header, ...rows] = sheet.data;
    expect(header).toEqual(expect.arrayContaining(['企业名称', '产业集群', '产业集群代码', '企业标签', '营业收入（万元）', '营收规模', '所在区', '所在区代码', '镇街', '演示数据']));
    expect(rows.length).toBeGreaterThan(100);
    const col = (h: string) => header.indexOf(h);
    for (const row of rows.slice(0, 200)) {
      expect(typeof row[col('营业收入（万元）')]).toBe('number');
      expect(row[col('所在区')]).toMatch(/区$/);
      expect(row[col('所在区代码')]).toMatch(/^4401\d\d$/);
      expect(row[col('产业集群代码')]).toMatch(/^[a-z-]+$/);
      expect(row[col('产业集群')]).not.toMatch(/^[a-z-]+$/);
      expect(row[col('演示数据')]).toMatch(/合成演示数据/);
    }
    expect(about.data.flat().join('\n')).toContain('演示数据');
    await page.getByTestId('export-status').filter({ hasText: download.suggestedFilename() }).waitFor();
  });
});

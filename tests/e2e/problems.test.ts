// Issue 15, item 1, in the browser (zh-Hans, 1440×900): refusals are shown in the user's language,
// from the problem codes the server sends (architecture §10): a workflow refusal and a park of
// another district in the bulk report (the districts named 白云区 and 番禺区, not 440111/440113), a
// taken username in account management, import row problems, and a bad area file without the
// parser's own (English, garbled) text. Screenshots go to /tmp/problems-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { clientFor, type ApiClient } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { logIn, waitForMap } from '../helpers/map-page.ts';
import { gbk } from '../unit/import-fixtures.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

/** Three or more Latin words in a row: an English sentence. */
const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,;:'"()-]+[A-Za-z]{2,}){2,}/;
const A = '440111'; // 白云区
const B = '440113'; // 番禺区

async function texts(items: Locator): Promise<string[]> {
  await items.first().waitFor();
  return (await items.allTextContents()).map((s) => s.trim());
}

function expectChinese(list: string[]): void {
  expect(list.length).toBeGreaterThan(0);
  for (const text of list) {
    expect(text, text).toMatch(/[\u4e00-\u9fff]/);
    expect(text, text).not.toMatch(ENGLISH_RUN);
  }
}

describe.skipIf(!!skipReason)('problems in the user’s language (zh-Hans)', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let admin: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'igis-problems-'));

  const shot = (name: string) => page.screenshot({ path: `/tmp/problems-${name}.png` });
  const logOut = async () => {
    await page.getByTestId('account').locator('button').click();
    await page.locator('form.login').waitFor();
  };

  beforeAll(async () => {
    app = await startAppServer();
    admin = await clientFor(app.server, 'admin');
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(app.server.url);
    await waitForMap(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('words a workflow refusal and a park of another district in the bulk report, naming the districts', async () => {
    await logIn(page, `official-${A}`);
    const started = (await admin.get(`/api/parks?district=${A}&category=upgrade&progress=in_progress&pilot=false`)).body.features[0];
    const foreign = (await admin.get(`/api/parks?district=${B}`)).body.features[0];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.locator('.bulk-open').first().click();
    const panel = page.getByTestId('bulk-panel');
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'status.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`parkId,category,reason,effectiveDate\n${started.id},eliminate,调整路径,${today}\n${foreign.id},upgrade,不是本区,${today}\n`),
    });
    const shown = await texts(panel.getByTestId('bulk-row-problem'));
    expectChinese(shown);
    expect(shown).toContain('改造工作已启动，改造分类不能再从“改造提升”改为“淘汰关停”。');
    expect(shown).toContain('您只能修改本区（白云区）的园区；此园区位于番禺区。');
    expect(shown.join('')).not.toMatch(/4401\d\d/);
    await panel.locator('tr.rejected').last().scrollIntoViewIfNeeded();
    await shot('bulk-workflow');
    await panel.locator('button.close').click();
    await logOut();
  });

  it('words a taken username in account management', async () => {
    await logIn(page, 'admin');
    await page.getByTestId('accounts-open').click();
    const panel = page.getByTestId('accounts-panel');
    await panel.getByTestId('users').locator('li').first().waitFor();
    const form = panel.getByTestId('user-create');
    await form.locator('input[name="username"]').fill('planner');
    await form.locator('input[name="password"]').fill('a long enough passphrase');
    await form.locator('button[type="submit"]').click();
    const shown = await texts(panel.getByTestId('accounts-error'));
    expectChinese(shown);
    expect(shown[0]).toBe('用户名“planner”已被占用，请换一个。');
    await shot('account-taken');
  });

  it('words import row problems and an unreadable file', async () => {
    await page.getByTestId('import-open').click();
    const panel = page.getByTestId('import-panel');
    const rows = [
      `${makeCreditCode('440112', '62000000')},问题测试企业一有限公司,robots,30000000,113.48,23.12`,
      '123,问题测试企业二有限公司,robots,30000000,113.48,23.12',
      `${makeCreditCode('440112', '62000002')},问题测试企业三有限公司,robots,30000000,116.40,39.90`,
      `${makeCreditCode('440112', '62000003')},问题测试企业四有限公司,robots,三千万,113.48,23.12`,
    ];
    const file = join(dir, '企业名单.csv');
    writeFileSync(file, gbk(`统一社会信用代码,企业名称,细分行业,营业收入,经度,纬度\r\n${rows.join('\r\n')}\r\n`));
    await panel.locator('select[name="kind"]').selectOption('enterprises');
    await panel.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-counts').textContent(), { timeout: 30_000 }).toMatch(/共 4 行：有效 1，拒绝 3/);
    const shown = await texts(panel.getByTestId('import-issue-message'));
    expectChinese(shown);
    expect(shown).toContain('“123”有 3 位；统一社会信用代码应为 18 位。');
    expect(shown.some((s) => s.includes('在广州市以外'))).toBe(true);
    expect(shown).toContain('“三千万”不是数字。');
    const issues = await page.getByTestId('import-issues').textContent();
    expect(issues).toContain('统一社会信用代码');
    await page.getByTestId('import-issues').scrollIntoViewIfNeeded();
    await shot('import-rows');

    // A GeoJSON file that breaks off: where it breaks, not the parser's English.
    const broken = join(dir, '园区.geojson');
    writeFileSync(broken, '{"type": "FeatureCollection",\n "features": [ }');
    await panel.locator('select[name="kind"]').selectOption('parks');
    await panel.locator('input[type="file"]').setInputFiles(broken);
    await page.getByTestId('import-check').click();
    const message = page.getByTestId('import-message');
    await expect.poll(() => message.textContent(), { timeout: 30_000 }).toContain('第 2 行第 16 列');
    expectChinese([(await message.textContent())!]);
    await panel.locator('button.close').click();
  });

  it('words a bad area file without the parser’s garbled text', async () => {
    const input = page.getByTestId('area-file');
    // A GBK file read as UTF-8 would show as mojibake inside the parser's message.
    await input.setInputFiles({ name: '区域.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(gbk('{"type": "Feature", "properties": {"名称": "白云区范围"}, "geometry": ')) });
    const error = page.getByTestId('area-file-error');
    await error.waitFor();
    const text = (await error.textContent())!;
    expectChinese([text]);
    expect(text).not.toMatch(/\uFFFD|Unexpected|token/);
    await input.setInputFiles({ name: 'area.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "Polygon", "coordinates": [[[113.2, 23.1], [113.3, 23.1]') });
    await expect.poll(() => error.textContent()).toMatch(/第 1 行第 \d+ 列/);
    expectChinese([(await error.textContent())!]);
    await error.scrollIntoViewIfNeeded();
    await shot('area-file');
  });
});

// The monitoring dashboard in a real browser: target cards and a ranking read off the screen equal
// /api/indicators; a district click filters the charts and carries to the map link; the permalink
// restores the dashboard; CSV and SVG downloads hold the numbers shown; viewers see "—", not zeros.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorAnswer } from '../../src/domain/monitoring/indicators.ts';
import { formatYi } from '../../src/app/i18n/labels.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

async function logInByApi(page: Page, base: string, username: string | null) {
  const s = await page.request.get(`${base}/api/session`);
  const { csrfToken } = await s.json();
  if (username) expect((await page.request.post(`${base}/api/session`, { data: { username, password: 'demo1234' }, headers: { 'x-csrf-token': csrfToken } })).status()).toBe(200);
}

/**
 * The box of a chart element once the chart's entrance animation has ended (two reads 100 ms apart
 * agree): a click during the animation can miss a bar that is still growing on a loaded machine.
 */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = await locator.boundingBox();
    const key = JSON.stringify(box);
    if (box && key === last) return box;
    last = key;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the chart did not settle');
}

describe.skipIf(!!skipReason)('monitoring dashboard in the browser', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let base: string;
  const api = async (path: string) => (await page.request.get(`${base}${path}`)).json() as Promise<IndicatorAnswer>;

  beforeAll(async () => {
    app = await startAppServer();
    base = app.server.url;
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await logInByApi(page, base, 'planner');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const cards = () => page.getByTestId('target-card-auto');

  it('shows each cluster against its target, as /api/indicators says', async () => {
    await page.goto(`${base}/dashboard?p=2020`);
    await cards().waitFor();
    const answer = await api('/api/indicators?metric=output&period=2020&by=cluster&cumulative=true&compare=lastYear,target');
    for (const row of answer.rows.filter((r) => r.target)) {
      const card = page.getByTestId(`target-card-${row.key}`);
      expect(await card.getByTestId(`target-card-${row.key}-value`).textContent()).toBe(formatYi(row.value!, 'zh-Hans'));
      expect(await card.getByTestId(`target-card-${row.key}-attainment`).textContent()).toBe(new Intl.NumberFormat('zh-Hans', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(row.attainment!));
      expect(await card.textContent()).toContain('需年均增长');
    }
    expect(await page.getByTestId('target-card-am-share').textContent()).toContain('70.0%');
    await page.getByTestId('trend-card-chart').locator('svg').waitFor();
    await screenshot(page, 'dashboard-1440');
  });

  it('ranks districts like the API, and a district click filters the dashboard and the map link', async () => {
    await page.goto(`${base}/dashboard?p=2021-Q2&cum=0&m=revenue`);
    const card = page.getByTestId('ranking-card');
    await card.getByTestId('ranking-card-chart').locator('svg').waitFor();
    const answer = await api('/api/indicators?metric=revenue&period=2021-Q2&by=district&cumulative=false&compare=lastYear');
    await card.getByRole('button', { name: '表格' }).click();
    const first = card.locator('tbody tr').first();
    expect(await first.locator('th').textContent()).toBe(answer.rows[0].label);
    expect(await first.locator('td').nth(1).textContent()).toBe(formatYi(answer.rows[0].value!, 'zh-Hans'));
    expect(await card.locator('tbody tr').count()).toBe(answer.rows.length);

    // The CSV holds the same rows, with the unit in the header.
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('（亿元）');
    expect(csv).toContain(`${answer.rows[0].label},1,${formatYi(answer.rows[0].value!, 'zh-Hans')}`);

    // Back to the chart; a click on the top bar (the last category of the reversed axis) filters by that district.
    await card.getByRole('button', { name: '图表' }).click();
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载 SVG' }).click()]);
    expect(readFileSync((await svgDownload.path())!, 'utf8')).toContain(answer.rows[0].label);
    const bars = card.getByTestId('ranking-card-chart').locator('svg path[fill="#2f5d85"]');
    await expect.poll(() => bars.count()).toBe(answer.rows.length);
    const box = await settledBox(bars.last());
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('dash-filters').textContent()).toContain(answer.rows[0].label);
    expect(new URL(page.url()).searchParams.get('fd')).toBe(answer.rows[0].key);
    expect(await page.getByTestId('back-to-map').getAttribute('href')).toContain(`fd=${answer.rows[0].key}`);
    // The cards now show that district: the API with the same filter agrees.
    const filtered = await api(`/api/indicators?metric=output&period=2021-Q2&by=cluster&cumulative=false&compare=lastYear,target&district=${answer.rows[0].key}`);
    const auto = filtered.rows.find((r) => r.key === 'auto')!;
    await expect.poll(() => page.getByTestId('target-card-auto-value').textContent()).toBe(formatYi(auto.value!, 'zh-Hans'));
    // Drill down: the ranking now lists the district's towns; a town leads to its village parks, a park to the map.
    expect(await page.getByTestId('ranking-picker').inputValue()).toBe('town');
    const towns = await api(`/api/indicators?metric=revenue&period=2021-Q2&by=town&cumulative=false&compare=lastYear&district=${answer.rows[0].key}`);
    const townBars = card.getByTestId('ranking-card-chart').locator('svg path[fill="#2f5d85"]');
    await expect.poll(() => townBars.count()).toBe(Math.min(20, towns.rows.length));
    const tb = await settledBox(townBars.last());
    await page.mouse.click(tb.x + tb.width / 2, tb.y + tb.height / 2);
    await expect.poll(() => new URL(page.url()).searchParams.get('fw')).toBe(towns.rows[0].key);
    expect(await page.getByTestId('ranking-picker').inputValue()).toBe('villagePark');
    const parks = await api(`/api/indicators?metric=revenue&period=2021-Q2&by=villagePark&cumulative=false&compare=lastYear&district=${answer.rows[0].key}&town=${towns.rows[0].key}`);
    if (parks.rows.length) {
      const parkBars = card.getByTestId('ranking-card-chart').locator('svg path[fill="#2f5d85"]');
      await expect.poll(() => parkBars.count()).toBe(Math.min(20, parks.rows.length));
      const pb = await settledBox(parkBars.last());
      await Promise.all([page.waitForURL(new RegExp(`[?&]s=p${parks.rows[0].key}(&|$)`)), page.mouse.click(pb.x + pb.width / 2, pb.y + pb.height / 2)]);
    }
  });

  it('restores the same dashboard from its permalink, in another language', async () => {
    await page.goto(`${base}/dashboard?p=2019-07&cum=1&m=tax&cl=biomed&rk=town&ao=2020-06-30&lang=en`);
    await cards().waitFor();
    expect(await page.getByTestId('period-year').inputValue()).toBe('2019');
    expect(await page.getByTestId('period-part').inputValue()).toBe('07');
    expect(await page.getByTestId('period-cumulative').isChecked()).toBe(true);
    expect(await page.getByTestId('metric-picker').inputValue()).toBe('tax');
    expect(await page.getByTestId('cluster-picker').inputValue()).toBe('biomed');
    expect(await page.getByTestId('ranking-picker').inputValue()).toBe('town');
    expect(await page.locator('h1').textContent()).toBe('Industry monitoring dashboard');
    expect(await page.getByTestId('renovation-as-of').inputValue()).toBe('2020-06-30');
    await expect.poll(() => page.getByTestId('renovation-card').textContent()).toContain('Status as of 2020-06-30');
    // Before the demo baseline no status had taken effect: the park count sits in one cell.
    const summary = await (await page.request.get(`${base}/api/parks/summary?asOf=2020-06-30`)).json();
    await page.getByTestId('renovation-card').getByRole('button', { name: 'Table' }).click();
    expect(await page.getByTestId('renovation-card').locator('tbody tr').first().textContent()).toContain(`${summary.parks} /`);
    await page.getByTestId('metric-picker').selectOption('profit');
    await expect.poll(() => new URL(page.url()).searchParams.get('m')).toBe('profit');
  });

  it('switches the page and every card to the chosen language at once, and the link follows', async () => {
    await page.goto(`${base}/dashboard?p=2021`);
    await cards().waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('zh-Hant');
    await expect.poll(() => page.locator('h1').textContent()).toBe('產業監測看板');
    // The cards read the language from the store (useT), the page from the same: none is left behind.
    await expect.poll(() => page.getByTestId('enterprise-table').locator('h2').textContent()).toBe('企業明細');
    await expect.poll(() => page.getByTestId('renovation-card').textContent()).toContain('當前狀態');
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['zh-Hant', '產業監測看板 · 廣州市產業地圖']);
    await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('zh-Hant');
  });

  it('shows viewers suppressed cells as "—" with the reason, never as zero', async () => {
    await page.request.delete(`${base}/api/session`, { headers: { 'x-csrf-token': (await (await page.request.get(`${base}/api/session`)).json()).csrfToken } });
    await logInByApi(page, base, 'viewer');
    await page.goto(`${base}/dashboard?p=2021&rk=villagePark&fd=440117`);
    const card = page.getByTestId('ranking-card');
    await card.getByTestId('ranking-card-chart').locator('svg').waitFor();
    const answer = await api('/api/indicators?metric=output&period=2021&by=villagePark&cumulative=true&compare=lastYear&district=440117');
    const hidden = answer.rows.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    await card.getByRole('button', { name: '表格' }).click();
    const row = card.locator('tbody tr').filter({ has: page.locator('th', { hasText: hidden[0].label }) }).first();
    expect(await row.locator('td').nth(1).textContent()).toBe('—');
    expect(await page.getByTestId('suppressed-note').textContent()).toContain('少于 3 家');
    for (const size of [{ width: 1024, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await screenshot(page, `dashboard-${size.width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await page.getByTestId('targets-editor').count()).toBe(0);
  });

  it('lets administrators change a target, with a reason, and the cards follow', async () => {
    await page.request.delete(`${base}/api/session`, { headers: { 'x-csrf-token': (await (await page.request.get(`${base}/api/session`)).json()).csrfToken } });
    await logInByApi(page, base, 'admin');
    await page.goto(`${base}/dashboard?p=2021`);
    const targets = (await (await page.request.get(`${base}/api/targets`)).json()).items as { id: number; metric: string; key: string }[];
    const auto = targets.find((x) => x.metric === 'output' && x.key === 'auto')!;
    const row = page.getByTestId(`target-row-${auto.id}`);
    await row.locator('input[type="number"]').fill('6100');
    await row.getByRole('button', { name: '保存' }).click();
    expect(await row.textContent()).toContain('请输入不小于 0 的数值');
    await row.locator('input[type="text"]').fill('中期评估后调整');
    await row.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId(`target-row-${auto.id}`).textContent()).toContain('已保存（第 2 版）');
    await expect.poll(() => page.getByTestId('target-card-auto').textContent()).toContain('6,100 亿元（2021）');
    const history = await (await page.request.get(`${base}/api/targets/${auto.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ reason: '中期评估后调整', fromValue: 6e11, toValue: 6.1e11, username: 'admin' });
  });
  it('makes a report from the dashboard, follows its progress and publishes it', async () => {
    // Still the administrator of the previous test.
    await page.goto(`${base}/dashboard?p=2021-Q2`);
    const card = page.getByTestId('reports-card');
    await card.getByTestId('report-generate').click();
    const row = card.locator('tbody tr').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await row.locator('th').textContent()).toBe('2021年第2季度 · 内部版');
    const href = (await row.getByRole('link', { name: 'PDF' }).getAttribute('href'))!;
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '发布' }).click();
    await expect.poll(() => row.textContent()).toContain('已发布 第 1 版');
    const id = Number(href.match(/reports\/(\d+)/)![1]);
    expect((await (await page.request.get(`${base}/api/reports/${id}`)).json())).toMatchObject({ published: true, version: 1, publishedBy: 'admin' });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-reports');
  });
});

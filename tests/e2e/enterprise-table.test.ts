// The dashboard's enterprise list in a real browser: as a planner, the rows and the total read off
// the screen equal /api/indicators/enterprises; a click on the change header re-sorts (aria-sort
// follows); the pager moves on; a name opens the enterprise with its monthly figures on the map.
// Viewers get the explanation, not the list.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/app/i18n/format.ts';
import type { EnterpriseRanking } from '../../src/server/monitoring/enterprise-ranking.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const DISTRICT = '440112';

async function logInByApi(page: Page, base: string, username: string | null) {
  const { csrfToken } = await (await page.request.get(`${base}/api/session`)).json();
  if (username) expect((await page.request.post(`${base}/api/session`, { data: { username, password: 'demo1234' }, headers: { 'x-csrf-token': csrfToken } })).status()).toBe(200);
  else expect((await page.request.delete(`${base}/api/session`, { headers: { 'x-csrf-token': csrfToken } })).status()).toBeLessThan(300);
}

describe.skipIf(!!skipReason)('enterprise list on the dashboard', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let base: string;
  const api = async (query: string) => {
    const r = await page.request.get(`${base}/api/indicators/enterprises?metric=output&period=2021-Q2&cumulative=false&district=${DISTRICT}&lang=zh-Hans&limit=20&${query}`);
    expect(r.status()).toBe(200);
    return (await r.json()) as EnterpriseRanking;
  };

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

  const card = () => page.getByTestId('enterprise-table');
  const ids = () => card().locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
  const wan = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('zh-Hans', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 10_000));

  it('lists a district like the API, sorts by change, pages, and a name opens the enterprise on the map', async () => {
    await page.goto(`${base}/dashboard?p=2021-Q2&cum=0&fd=${DISTRICT}`);
    await card().locator('tbody tr').first().waitFor();
    const byValue = await api('sort=value&order=desc');
    expect(byValue.total).toBeGreaterThan(40);

    // The first rows and the total, as shown.
    expect(await ids()).toEqual(byValue.rows.map((r) => r.id));
    const first = card().locator('tbody tr').first();
    expect(await first.locator('th').textContent()).toBe(byValue.rows[0].name);
    expect(await first.locator('td[data-col="value"]').textContent()).toBe(wan(byValue.rows[0].value));
    expect(await first.locator('td[data-col="lastYear"]').textContent()).toBe(wan(byValue.rows[0].lastYear));
    expect(await card().getByTestId('enterprise-table-range').textContent()).toBe(`第 1–20 条，共 ${formatNumber(byValue.total, 'zh-Hans')} 家`);
    expect(await card().getByTestId('enterprise-table-period').textContent()).toContain('2021年第2季度');
    expect(await card().locator('th[aria-sort="descending"]').textContent()).toContain('工业总产值（万元）');
    await card().scrollIntoViewIfNeeded();
    await screenshot(page, 'enterprise-table');

    // The change column, largest first, then smallest first.
    await card().getByTestId('enterprise-sort-change').click();
    const byChange = await api('sort=change&order=desc');
    await expect.poll(ids).toEqual(byChange.rows.map((r) => r.id));
    expect(await card().getByTestId('enterprise-sort-change').locator('xpath=..').getAttribute('aria-sort')).toBe('descending');
    const changes = byChange.rows.map((r) => r.change).filter((c): c is number => c !== null);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    await card().getByTestId('enterprise-sort-change').click();
    const byChangeUp = await api('sort=change&order=asc');
    await expect.poll(ids).toEqual(byChangeUp.rows.map((r) => r.id));
    expect(await card().getByTestId('enterprise-sort-change').locator('xpath=..').getAttribute('aria-sort')).toBe('ascending');
    expect(await card().getByTestId('enterprise-sort-value').locator('xpath=..').getAttribute('aria-sort')).toBe('none');

    // The next page: rows 21–40 of the same order.
    await card().getByTestId('enterprise-page-next').click();
    const page2 = await api('sort=change&order=asc&offset=20');
    await expect.poll(ids).toEqual(page2.rows.map((r) => r.id));
    expect(await card().getByTestId('enterprise-table-range').textContent()).toBe(`第 21–40 条，共 ${formatNumber(page2.total, 'zh-Hans')} 家`);

    // A name leads to the map, which opens the enterprise with its monthly figures.
    const target = page2.rows[0];
    await Promise.all([page.waitForURL(new RegExp(`[?&]s=e${target.id}(&|$)`)), card().locator('tbody tr').first().locator('a').click()]);
    expect(new URL(page.url()).searchParams.get('fd')).toBe(DISTRICT);
    await page.locator('#enterprise-title').filter({ hasText: target.name }).waitFor({ timeout: 30_000 });
    await page.getByTestId('enterprise-figures').waitFor({ timeout: 30_000 });
  });

  it('shows viewers why there is no list', async () => {
    await logInByApi(page, base, null);
    await logInByApi(page, base, 'viewer');
    await page.goto(`${base}/dashboard?p=2021-Q2&cum=0&fd=${DISTRICT}`);
    await card().getByTestId('enterprise-table-confidential').waitFor();
    expect(await card().textContent()).toContain('保密');
    expect(await card().locator('table').count()).toBe(0);
  });
});

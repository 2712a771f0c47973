// Early warnings on the dashboard in a real browser: the count, the per-district counts and the
// rows read off the screen equal GET /api/warnings; each row links to its subject on the map; an
// administrator's rule change (with a reason) changes the count to what the API then says.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarningRule, WarningsAnswer } from '../../src/domain/monitoring/warnings.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

async function logInByApi(page: Page, base: string, username: string) {
  const { csrfToken } = await (await page.request.get(`${base}/api/session`)).json();
  expect((await page.request.post(`${base}/api/session`, { data: { username, password: 'demo1234' }, headers: { 'x-csrf-token': csrfToken } })).status()).toBe(200);
}

/** "共 1,234 条预警" → 1234. */
const countIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

describe.skipIf(!!skipReason)('early warnings on the dashboard', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let base: string;
  const api = async (path: string) => (await page.request.get(`${base}${path}`)).json() as Promise<WarningsAnswer>;

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

  const card = () => page.getByTestId('warnings-card');

  it('shows as many warnings, per district and in the list, as /api/warnings', async () => {
    await page.goto(`${base}/dashboard?p=2021-Q2&cum=0`);
    await card().getByTestId('warnings-total').waitFor();
    const answer = await api('/api/warnings?period=2021-Q2&cumulative=false&lang=zh-Hans');
    expect(answer.total).toBeGreaterThan(0);
    expect(countIn(await card().getByTestId('warnings-total').textContent())).toBe(answer.total);
    expect(await card().textContent()).toContain('2021年第2季度');

    const districts = card().getByTestId('warnings-districts').locator('li');
    expect(await districts.count()).toBe(Object.keys(answer.countsByDistrict).length);
    for (const [code, n] of Object.entries(answer.countsByDistrict)) {
      const li = card().locator(`li[data-district="${code}"]`);
      const name = taxonomy.districts.find((d) => d.code === code)!.label['zh-Hans'];
      expect(await li.textContent()).toContain(name);
      expect(countIn((await li.locator('b').textContent()))).toBe(n);
    }

    const rows = card().getByTestId('warning-row');
    expect(await rows.count()).toBe(answer.items.length);
    for (const i of [0, answer.items.length - 1]) {
      const w = answer.items[i];
      const row = rows.nth(i);
      expect(await row.getAttribute('data-rule')).toBe(w.rule);
      const href = await row.locator('a').getAttribute('href');
      expect(href).toBe(w.subject.type === 'cluster' ? `/?fc=${w.subject.key}` : `/?s=${{ enterprise: 'e', villagePark: 'p', valuePark: 'v' }[w.subject.type]}${w.subject.id}`);
      expect(await row.locator('th a').textContent()).toBe(w.subject.name);
    }
    expect(await card().getByTestId('warning-rules-editor').count()).toBe(0);
    await card().scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-warnings');
  });

  it('lets an administrator lower a threshold, with a reason, and the count follows', async () => {
    await page.request.delete(`${base}/api/session`, { headers: { 'x-csrf-token': (await (await page.request.get(`${base}/api/session`)).json()).csrfToken } });
    await logInByApi(page, base, 'admin');
    await page.goto(`${base}/dashboard?p=2021-Q2&cum=0`);
    const before = await api('/api/warnings?period=2021-Q2&cumulative=false&lang=zh-Hans');
    const row = card().getByTestId('warning-rule-enterprise-revenue-drop');
    await row.locator('input[type="number"]').fill('10');
    await row.getByRole('button', { name: '保存' }).click();
    expect(await row.textContent()).toContain('请填写修改原因');
    await row.locator('input[type="text"]').fill('加强监测');
    await row.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row.textContent()).toContain('已保存（第 2 版）');
    const after = await api('/api/warnings?period=2021-Q2&cumulative=false&lang=zh-Hans');
    expect(after.total).toBeGreaterThan(before.total);
    await expect.poll(async () => countIn(await card().getByTestId('warnings-total').textContent())).toBe(after.total);
    const rules = (await (await page.request.get(`${base}/api/warning-rules`)).json()).items as WarningRule[];
    expect(rules.find((r) => r.code === 'enterprise-revenue-drop')).toMatchObject({ params: { percent: 10 }, version: 2, updatedBy: 'admin' });
  });
});

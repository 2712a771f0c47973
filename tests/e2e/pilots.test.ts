// Browser test of pilot selection (issue 13, item 3), in zh-Hans: Baiyun's (440111) official opens
// the pilot panel, sees their district's ranking of low-efficiency parks with reasons and nominates
// the first one for 2021 with a justification; the park is outlined as awaiting review. The
// administrator sees the nomination in the panel (count 20, 21 with it), approves it in the review
// queue, and the panel and the dashboard's pilot card then count 21 and the park is a pilot on the
// map. Screenshots of the panel and the card at 1440×900, 1024×768 and 390×844.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, type ApiClient } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { logIn, waitForMap, type TestWindow } from '../helpers/map-page.ts';

const A = '440111';
/** Polls that wait for the server's answers (the pilot figures take a few seconds on a busy machine). */
const SLOW = { timeout: 30_000 };
const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const parkState = (page: Page, id: number) => page.evaluate((id) => (window as unknown as TestWindow).__igisMapController.parkState(id), id);
const waitForState = (page: Page, id: number, key: string, value: unknown) =>
  page.waitForFunction(({ id, key, value }) => (window as unknown as TestWindow).__igisMapController.parkState(id)[key] === value, { id, key, value }, { timeout: 30_000 });

describe.skipIf(!!skipReason)('pilot selection in the browser', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;
  let admin: ApiClient;
  let first: { parkId: number; name: string };

  /** Three sizes of the same view: wide, a small laptop, a phone (the panel lies under the sidebar there). */
  const shots = async (name: string, scrollTo?: string) => {
    for (const [w, h] of [[1440, 900], [1024, 768], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      if (scrollTo) await page.getByTestId(scrollTo).scrollIntoViewIfNeeded();
      await screenshot(page, `${name}-${w}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  };

  beforeAll(async () => {
    app = await startAppServer();
    admin = await clientFor(app.server, 'admin');
    const ranking = (await admin.get(`/api/pilots/candidates?year=2021&district=${A}`)).body;
    first = ranking.items[0];
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

  it('an official nominates the least efficient park of the district from the ranking', async () => {
    await logIn(page, `official-${A}`);
    await page.getByTestId('pilots-open').click();
    const panel = page.getByTestId('pilot-panel');
    await panel.getByTestId('pilots-count').waitFor();
    expect(await panel.getByTestId('pilots-count').textContent()).toBe('2021年已确认试点 20 个，计划 20 个左右（15–25 个）');
    expect(await panel.getByTestId('pilots-warning').count()).toBe(0);
    const ranking = panel.getByTestId('pilot-ranking');
    expect(await ranking.locator('h3').textContent()).toBe('白云区低效园区排名');
    const item = ranking.getByTestId('pilot-candidate').first();
    await item.waitFor();
    expect(Number(await item.getAttribute('data-park'))).toBe(first.parkId);
    expect(await item.locator('.reasons').first().textContent()).toMatch(/亩均产值(处于全市后四分之一|低于全市中位数|低于白云区中位数)/);
    await shots('pilots-1-official-ranking');

    await item.getByTestId('nominate').click();
    const reason = item.locator('textarea[name="reason"]');
    expect(await reason.inputValue()).toMatch(/^2020年亩均产值.*申报2021年提质增效试点。$/);
    await reason.fill('2020年亩均产值全区最低，村集体已同意改造方案，申报2021年提质增效试点。');
    await item.getByTestId('nominate-submit').click();
    await expect.poll(() => ranking.getByTestId('nominate-message').textContent(), SLOW).toMatch(new RegExp(`^已申报${first.name}为2021年试点，待市级审核（申请编号 \\d+）。$`));
    await expect.poll(() => ranking.locator(`[data-park="${first.parkId}"] [data-testid="pilot-nominated"]`).textContent(), SLOW).toMatch(/^已申报（2021年，申请 \d+）$/);
    await waitForState(page, first.parkId, 'pending', true);
    expect(await parkState(page, first.parkId)).toMatchObject({ pilot: false });
    await shots('pilots-2-official-nominated', 'nominate-message');
  });

  it('the administrator sees it pending, approves it in the queue, and the count becomes 21', async () => {
    await page.locator('[data-testid="pilot-panel"] button.close').click();
    await page.getByTestId('account').locator('button').click();
    await page.locator('form.login').waitFor();
    await logIn(page, 'admin');
    await page.getByTestId('pilots-open').click();
    const panel = page.getByTestId('pilot-panel');
    await expect.poll(() => panel.getByTestId('pilots-projected').textContent(), SLOW).toBe('连同待审核申报，预计 21 个。');
    expect(await panel.getByTestId('pilots-count').getAttribute('data-count')).toBe('20');
    const card = panel.getByTestId('pilot-nominations').locator(`[data-testid="proposal"][data-park="${first.parkId}"]`);
    await card.waitFor();
    expect(await card.locator('.reason').textContent()).toBe('2020年亩均产值全区最低，村集体已同意改造方案，申报2021年提质增效试点。');
    await shots('pilots-3-admin-nominations', 'pilot-nominations');

    // Confirmation goes through the review queue.
    await page.locator('[data-testid="pilot-panel"] button.close').click();
    await page.getByTestId('reviews-open').click();
    const queue = page.getByTestId('review-panel');
    const item = queue.locator(`[data-testid="proposal"][data-park="${first.parkId}"]`);
    await item.waitFor();
    await item.locator('textarea[name="comment"]').fill('同意列为2021年提质增效试点。');
    await item.getByTestId('approve').click();
    await expect.poll(() => queue.getByTestId('review-message').textContent(), SLOW).toContain(`${first.name}：已批准`);
    await waitForState(page, first.parkId, 'pilot', true);
    await waitForState(page, first.parkId, 'pending', false);

    await page.locator('[data-testid="review-panel"] button.close').click();
    await page.getByTestId('pilots-open').click();
    await expect.poll(() => page.getByTestId('pilots-count').getAttribute('data-count'), SLOW).toBe('21');
    expect(await page.getByTestId('pilots-count').textContent()).toBe('2021年已确认试点 21 个，计划 20 个左右（15–25 个）');
    await expect.poll(() => page.getByTestId('pilot-list').locator(`tr[data-park="${first.parkId}"]`).count(), SLOW).toBe(1);
    await shots('pilots-4-admin-confirmed', 'pilot-list');
  });

  it('the dashboard\'s pilot card counts 21 with before and after', async () => {
    await page.goto(`${app!.server.url}/dashboard?p=2021`);
    const card = page.getByTestId('pilot-card');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('pilot-card-count').getAttribute('data-count'), SLOW).toBe('21');
    expect(await card.getByTestId('pilot-card-count').getAttribute('data-warning')).toBe('false');
    expect(await card.locator('h2, h3').first().textContent()).toContain('2021年提质增效试点');
    await card.locator('svg').first().waitFor();
    await page.locator('[data-ready="true"]').waitFor();
    await shots('pilots-5-dashboard-card', 'pilot-card');
  });
});

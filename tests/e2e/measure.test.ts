// Measuring on the map (issue 15 item 7), in a real browser: the distance of a drawn line and the
// area of a drawn polygon, in 公里, 平方公里 and 亩, as turf computes them for the same corners; a
// measurement filters nothing.
import { area } from '@turf/area';
import { length } from '@turf/length';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { jumpTo, matched, pagePoint, waitForEnterprises, waitForMap } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

const number = (text: string, label: RegExp) => Number(label.exec(text)![1].replace(/,/g, ''));

describe.skipIf(!!skipReason)('measuring', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(app.server.url);
    await waitForMap(page);
    await waitForEnterprises(page);
    await jumpTo(page, [113.4, 23.15], 11);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const clickAll = async (points: { x: number; y: number }[]) => {
    for (const p of points) {
      await page.mouse.move(p.x, p.y, { steps: 4 });
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(150);
    }
  };

  it('measures an area in 平方公里 and 亩, and filters nothing', async () => {
    const before = await matched(page);
    const corners: [number, number][] = [[113.36, 23.12], [113.44, 23.12], [113.44, 23.18], [113.36, 23.18]];
    await page.getByTestId('draw-measureArea').click();
    await page.getByTestId('draw-hint').waitFor({ timeout: 30_000 });
    const points = [];
    for (const c of corners) points.push(await pagePoint(page, c));
    await clickAll([...points, points[0]]);
    const text = (await page.getByTestId('measure-value').textContent({ timeout: 15_000 }))!;
    const expected = area({ type: 'Polygon', coordinates: [[...corners, corners[0]]] });
    // The corners are clicked to the pixel, about 20 m at zoom 11: within 1 %.
    expect(number(text, /面积：([\d.,]+) 平方公里/)).toBeCloseTo(expected / 1e6, 1);
    expect(Math.abs(number(text, /（([\d,]+) 亩）/) / (expected * 0.0015) - 1)).toBeLessThan(0.01);
    expect(await matched(page)).toBe(before);
    expect(await page.getByTestId('selection-panel').count()).toBe(0);
    await screenshot(page, 'measure-area-1440');
  });

  it('measures a distance in 公里', async () => {
    await page.getByTestId('draw-measureLine').click();
    await page.getByTestId('draw-hint').waitFor({ timeout: 30_000 });
    const line: [number, number][] = [[113.36, 23.1], [113.42, 23.16], [113.46, 23.13]];
    const points = [];
    for (const c of line) points.push(await pagePoint(page, c));
    await clickAll([...points, points[points.length - 1]]);
    await expect.poll(() => page.getByTestId('measure-value').textContent(), { timeout: 15_000 }).toMatch(/^距离/);
    const km = number((await page.getByTestId('measure-value').textContent())!, /距离：([\d.,]+) 公里/);
    const expected = length({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
    expect(Math.abs(km / expected - 1)).toBeLessThan(0.01);
    await page.getByTestId('measure-result').getByRole('button').click();
    await expect.poll(() => page.getByTestId('measure-result').count()).toBe(0);
  });
});

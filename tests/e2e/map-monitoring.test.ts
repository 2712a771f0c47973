// Monitoring on the map, in a real browser: parks drawn as they stood on a date (as GET /api/parks?asOf=
// says), the parks changed between two dates counted and outlined, districts coloured by an indicator
// of the engine with a legend and class breaks, and hover tooltips. All of it in the permalink.
import type { Feature, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorAnswer } from '../../src/domain/monitoring/indicators.ts';
import { classBreaks } from '../../src/domain/monitoring/class-breaks.ts';
import { formatYi } from '../../src/app/i18n/labels.ts';
import { clientFor, type ApiClient } from '../helpers/api-client.ts';
import { browserUnavailable, launchBrowser, screenshot, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { clustersDrawn, logIn, pagePoint, renderedDot, waitForEnterprises, waitForMap, type TestWindow } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

type Status = { category: string; progress: string; pilotYear: number | null };
type ParkProps = Status & { name: string; version: number; statusDate: string };

const parkState = (page: Page, id: number) =>
  page.evaluate((id) => (window as unknown as TestWindow).__igisMapController.parkState(id), id) as Promise<Partial<Status> & { changed?: boolean }>;

describe.skipIf(!!skipReason)('monitoring on the map', () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer | undefined;
  let base: string;
  let admin: ApiClient;
  let edited: { id: number; before: Status; after: Status };
  const DAY_BEFORE = '2026-10-31';
  const EDIT_DAY = '2026-11-02';

  const parksAsOf = async (date: string) =>
    new Map(((await admin.get(`/api/parks?asOf=${date}&geometry=envelope`)).body as { features: (Feature<Polygon, ParkProps> & { id: number })[] }).features.map((f) => [f.id, f.properties]));

  beforeAll(async () => {
    app = await startAppServer();
    base = app.server.url;
    admin = await clientFor(app.server, 'admin');
    // One edit with a known effective date, so "a date before" and "changes since" have a known answer.
    const fc = (await admin.get('/api/parks?district=440111&progress=not_started&category=upgrade')).body as { features: (Feature<Polygon, ParkProps> & { id: number })[] };
    const park = fc.features.find((f) => f.properties.statusDate < DAY_BEFORE)!;
    const r = await admin.patchPark(park.id, park.properties.version, { progress: 'in_progress', reason: '地图时间测试', effectiveDate: EDIT_DAY });
    expect(r.status).toBe(200);
    edited = { id: park.id, before: { category: 'upgrade', progress: 'not_started', pilotYear: park.properties.pilotYear }, after: { category: 'upgrade', progress: 'in_progress', pilotYear: park.properties.pilotYear } };
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(base);
    await logIn(page, 'planner');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws the parks as they stood on a date, as GET /api/parks?asOf= says, and back to now', async () => {
    await page.goto(`${base}/?t=${DAY_BEFORE}`);
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('time-status').textContent()).toContain(`村级工业园显示 ${DAY_BEFORE} 的改造状态`);
    expect(await page.getByTestId('time-date').inputValue()).toBe(DAY_BEFORE);
    const then = await parksAsOf(DAY_BEFORE);
    await expect.poll(() => parkState(page, edited.id).then((s) => s.progress)).toBe('not_started');
    const ids = [...then.keys()].filter((_, i) => i % 97 === 0).concat(edited.id);
    for (const id of ids) {
      const s = await parkState(page, id);
      expect({ id, category: s.category, progress: s.progress }).toEqual({ id, category: then.get(id)!.category, progress: then.get(id)!.progress });
    }
    // Back to now: the edit shows.
    await page.getByTestId('time-control').getByLabel('现状').check();
    await expect.poll(() => parkState(page, edited.id).then((s) => s.progress)).toBe('in_progress');
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBeNull();
    // Choosing a date again writes it into the permalink.
    await page.getByTestId('time-control').getByLabel('某日状态').check();
    await page.getByTestId('time-date').fill(DAY_BEFORE);
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe(DAY_BEFORE);
    await expect.poll(() => parkState(page, edited.id).then((s) => s.progress)).toBe('not_started');
  });

  it('counts and outlines the parks whose status changed between two dates', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.goto(`${base}/?t=${DAY_BEFORE}..${today}`);
    await waitForMap(page);
    const [before, after] = [await parksAsOf(DAY_BEFORE), await parksAsOf(today)];
    const changed = [...after].filter(([id, p]) => before.get(id)!.category !== p.category || before.get(id)!.progress !== p.progress || before.get(id)!.pilotYear !== p.pilotYear).map(([id]) => id);
    expect(changed).toContain(edited.id);
    await expect.poll(() => page.getByTestId('time-status').textContent()).toContain(`${changed.length} 个园区状态有变化`);
    await expect.poll(() => parkState(page, edited.id).then((s) => s.changed)).toBe(true);
    expect((await parkState(page, edited.id)).progress).toBe('in_progress');
    const unchanged = [...after.keys()].find((id) => !changed.includes(id))!;
    expect((await parkState(page, unchanged)).changed ?? false).toBe(false);
    expect(await page.getByTestId('legend-changed').isVisible()).toBe(true);
    // An impossible range is refused with a message, and the range shown stays.
    await page.getByTestId('time-to').fill('2020-01-01');
    expect(await page.getByRole('alert').filter({ hasText: '起始日期须早于结束日期' }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('t')).toBe(`${DAY_BEFORE}..${today}`);
    await screenshot(page, 'map-changes-1440');
  });

  it('colours districts by an indicator with natural-break classes, a legend and tooltips', async () => {
    await page.goto(`${base}/?ch=output:2021&l=d`);
    await waitForMap(page);
    const answer = (await admin.get('/api/indicators?metric=output&period=2021&by=district')).body as IndicatorAnswer;
    const legend = page.getByTestId('legend-choropleth');
    await expect.poll(() => legend.locator('li[data-min]').count()).toBeGreaterThan(1);
    expect(await legend.textContent()).toContain('产值，2021年（亿元）');
    // The classes are those of the published values; the biggest district gets the darkest colour.
    const classes = classBreaks(answer.rows.filter((r) => r.value !== null).map((r) => r.value!));
    expect(await legend.locator('li[data-min]').count()).toBe(classes.length);
    expect(await legend.locator('li[data-min]').last().textContent()).toContain(formatYi(classes.at(-1)!.max, 'zh-Hans'));
    const paint = await page.evaluate(() => (window as unknown as TestWindow).__igisMap.getPaintProperty('district-fill', 'fill-color')) as unknown[];
    const colorOf = (code: string) => paint[paint.indexOf(code) + 1];
    const top = [...answer.rows].sort((a, b) => b.value! - a.value!)[0];
    const bottom = [...answer.rows].sort((a, b) => a.value! - b.value!)[0];
    expect(colorOf(top.key)).toBe(classes.at(-1)!.color);
    expect(colorOf(bottom.key)).toBe(classes[0].color);
    // Hovering a district shows its name and figure.
    const at = await pagePoint(page, [113.59, 23.66]);
    await page.mouse.move(at.x, at.y);
    const conghua = answer.rows.find((r) => r.key === '440117')!;
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toBe(`从化区${formatYi(conghua.value!, 'zh-Hans')}`);
    await screenshot(page, 'map-choropleth-1440');
    // Another metric from the control goes into the permalink.
    await page.getByTestId('choropleth-metric').selectOption('tax');
    await expect.poll(() => new URL(page.url()).searchParams.get('ch')).toBe('tax:2021');
    await expect.poll(() => legend.textContent()).toContain('税金，2021年');
    for (const size of [{ width: 1024, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await screenshot(page, `map-choropleth-${size.width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a bubble\'s tooltip gives its enterprises, those with a dark ring, and its largest industries', async () => {
    await page.goto(base);
    await waitForMap(page);
    await waitForEnterprises(page);
    await clustersDrawn(page);
    const at = await renderedDot(page, 'enterprise-cluster');
    expect(at).not.toBeNull();
    // The worker's feature behind the biggest bubble: what the tooltip must say.
    const bubble = await page.evaluate(() => {
      const m = (window as unknown as TestWindow).__igisMap;
      const drawn = m.queryRenderedFeatures({ layers: ['enterprise-cluster'] }).sort((a, b) => Number(b.properties.count) - Number(a.properties.count))[0];
      const all = (window as unknown as TestWindow).__igisMapController as unknown as { enterpriseFeatures: { properties: { cluster: boolean; bubbleId?: number; count?: number; keyCount?: number; composition?: number[] } }[] };
      return all.enterpriseFeatures.find((f) => f.properties.cluster && f.properties.bubbleId === Number(drawn.properties.bubbleId))!.properties;
    });
    await page.mouse.move(at!.x, at!.y);
    const tip = page.getByTestId('map-tooltip');
    await expect.poll(() => tip.textContent()).toContain(`${bubble.count!.toLocaleString('zh-Hans')} 家企业`);
    expect(bubble.keyCount).toBeGreaterThan(0);
    expect(await tip.getByTestId('bubble-key-count').textContent()).toBe(`其中黑环所示企业 ${bubble.keyCount!.toLocaleString('zh-Hans')} 家`);
    // The largest industries, largest first, each with its share of the bubble rounded to a whole per cent.
    const industries = (await tip.getByTestId('bubble-industries').textContent())!.split('、');
    expect(industries.length).toBe(Math.min(3, bubble.composition!.filter((n) => n > 0).length));
    const shares = industries.map((s) => Number(/(\d+)%$/.exec(s)![1]));
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const largest = Math.max(...bubble.composition!);
    expect(shares[0]).toBe(Math.round((largest / bubble.count!) * 100));
    expect(industries.join('')).not.toMatch(/[A-Za-z]/);
    await screenshot(page, 'map-bubble-tooltip-1440');
  });
});

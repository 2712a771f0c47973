// The built app under its Content-Security-Policy (issue 14, finding 4): the map (maplibre's worker,
// served from our origin by setWorkerUrl; the enterprise worker; PMTiles; the data: favicon) and the
// dashboard (ECharts' SVG) load with no CSP violation, and the policy arrives with the page. A policy
// without data: images fails here, so the check does see violations.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { waitForEnterprises, waitForMap } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);

describe.skipIf(!!skipReason)('the built app under its Content-Security-Policy', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser({ width: 1280, height: 800 });
    page = browser.page;
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI}`));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws the map and its enterprises with no CSP violation', async () => {
    const res = await page.goto(app!.server.url);
    expect(res!.headers()['content-security-policy']).toMatch(/worker-src 'self' blob:/);
    expect(res!.headers()['x-frame-options']).toBe('DENY');
    await waitForMap(page);
    await waitForEnterprises(page, 1);
    expect(violations).toEqual([]);
  });

  it('draws the dashboard with no CSP violation', async () => {
    await page.goto(`${app!.server.url}/dashboard`);
    await page.locator('svg').first().waitFor({ timeout: 60_000 });
    expect(violations).toEqual([]);
  });
});

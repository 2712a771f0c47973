// Browser test of the export policy (issue 14, finding 7) as a visitor who is not logged in sees it:
// the export dialog offers only the public fields, states the limits, warns that the city-wide
// selection is over the row limit, and words the server's refusal in the user's language.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/app/i18n/messages.ts';
import { problemText } from '../../src/app/i18n/problem-text.ts';
import type { Lang } from '../../src/domain/taxonomy.ts';
import { browserUnavailable, launchBrowser, startAppServer, type AppServer, type Browser } from '../helpers/browser.ts';
import { matched, waitForEnterprises, waitForMap } from '../helpers/map-page.ts';

const skipReason = browserUnavailable();
// The app loads a language's messages before showing it (messages.ts); so does this test.
beforeAll(() => loadMessages('en'));
if (skipReason) console.log(skipReason);

describe.skipIf(!!skipReason)('the export dialog under the export policy, not logged in', () => {
  let app: AppServer | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser({ width: 1400, height: 900 });
    page = browser.page;
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openDialog(lang: string) {
    await page.goto(`${app!.server.url}/?lang=${lang}`);
    await waitForMap(page);
    await waitForEnterprises(page, 1);
    await page.getByTestId('selection-open').click();
    await page.getByTestId('export-dialog').locator('summary').first().click();
    await page.getByTestId('export-limits').waitFor();
  }

  it('offers only the public fields and states the limits', async () => {
    await openDialog('zh-Hans');
    await page.getByTestId('export-dialog').locator('.export-fields summary').first().click();
    expect(await page.getByTestId('export-field-enterprises-name').count()).toBe(1);
    for (const field of ['creditCode', 'address', 'employees', 'revenue'])
      expect(await page.getByTestId(`export-field-enterprises-${field}`).count(), field).toBe(0);
    const limits = await page.getByTestId('export-limits').textContent();
    expect(limits).toContain('每个图层每次最多导出 1,000 条');
    expect(limits).toContain('每分钟最多导出 5 次，每小时最多 30 次');
    // The whole city (the test data's 5,000 enterprises) is selected: more than one export may hold.
    expect(await matched(page)).toBeGreaterThan(1000);
    await page.getByTestId('export-too-many').waitFor();
  });

  it.each<Lang>(['zh-Hans', 'en'])('words the refusal of too many rows in %s', async (lang) => {
    await openDialog(lang);
    await page.getByTestId('export-run').click();
    // The server's problem (code and numbers), in the catalogue's words for this language.
    const text = problemText({ code: 'export_too_many_rows', params: { role: 'public', layer: 'enterprises', max: 1000 } }, lang)!;
    expect(text).toMatch(lang === 'en' ? /1,000.*log in/ : /1,000.*登录/);
    await expect.poll(() => page.getByTestId('export-error').textContent(), { timeout: 30_000 }).toContain(text);
  });
});

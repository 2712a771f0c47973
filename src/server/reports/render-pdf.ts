// The report's PDF: Chromium prints the report's HTML (render-html.ts), so the PDF and the in-app
// preview are one layout, Chinese line breaking and justification are the browser's, the charts stay
// vectors and the fonts used are embedded. A deployment needs the Debian packages `chromium` and
// `fonts-noto-cjk` (architecture §5, "Reports").
//
// Two passes: the first print tells on which page each section starts (from the PDF's outline, which
// Chromium writes from the headings), the second fills those numbers into the table of contents.
// Only the cover's placeholders change, so nothing moves between the passes.
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { pageTemplates } from './render-html.ts';

export const CHROMIUM_PATH = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_TIMEOUT_MS = 30_000;
const PAGE_TIMEOUT_MS = 60_000;

/** PDF bytes of a report's HTML. Throws a plain-words error when Chromium is missing or hangs. */
export async function renderReportPdf(html: string): Promise<Buffer> {
  const executablePath = CHROMIUM_PATH();
  if (!existsSync(executablePath))
    throw new Error(`Cannot print the report to PDF: no Chromium at ${executablePath}. Install the Debian packages "chromium" and "fonts-noto-cjk" (or set CHROMIUM_PATH).`);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    // The document is self-contained: nothing may be fetched.
    await page.route('**/*', (route) => route.abort());
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    const audience = /<meta name="report-audience" content="(\w+)">/.exec(html)?.[1];
    const t = pageTemplates(unescape(title), audience === 'public' ? '公开版' : '内部资料　注意保密');
    const print = () => page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: t.header,
      footerTemplate: t.footer,
      outline: true,
      tagged: true,
    });
    const sections = await sectionHeadings(page);
    if (!sections.length) return await print();
    await fillToc(page, new Map(sections.map((s) => [s.id, '00'])));
    const first = await print();
    const pages = outlinePages(first);
    const numbers = new Map<string, string>();
    for (const s of sections) {
      const n = pages.get(normalise(s.text));
      if (n !== undefined) numbers.set(s.id, String(n));
    }
    // Where the outline could not be read, the contents keep their links and lose only the numbers.
    await fillToc(page, numbers);
    return numbers.size ? await print() : await (async () => { await page.addStyleTag({ content: '.toc .leader { display: none; }' }); return print(); })();
  } finally {
    await browser.close().catch(() => undefined);
  }
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const normalise = (s: string) => s.replace(/\s+/g, '');

async function sectionHeadings(page: Page): Promise<{ id: string; text: string }[]> {
  return page.$$eval('section[id] > h2', (hs) => hs.map((h) => ({ id: (h.parentElement as HTMLElement).id, text: h.textContent ?? '' })));
}

async function fillToc(page: Page, numbers: Map<string, string>): Promise<void> {
  await page.$$eval('.toc .page[data-for]', (els, entries) => {
    const m = new Map(entries);
    for (const el of els) el.textContent = m.get((el as HTMLElement).dataset.for ?? '') ?? '';
  }, [...numbers]);
}

/** A PDF text string: <FEFF…> (UTF-16BE hex) or (…) (literal, with escapes). */
function pdfString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
      return s;
    }
    return bytes.toString('latin1');
  }
  return raw.slice(1, -1).replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
}

/**
 * Page numbers (1-based) of the outline's entries, by their title without spaces: from the page tree
 * (the order of the pages) and each entry's /Dest [page 0 R …]. Chromium writes these dictionaries
 * uncompressed. Returns an empty map when the structure is not what it expects.
 */
export function outlinePages(pdf: Buffer): Map<string, number> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const ends = [text.indexOf('endobj', start), text.indexOf('stream', start)].filter((i) => i >= 0);
    if (ends.length) objects.set(Number(m[1]), text.slice(start, Math.min(...ends)));
  }
  const order = new Map<number, number>();
  const root = [...objects].find(([, d]) => /\/Type\s*\/Pages\b/.test(d) && !/\/Parent\s/.test(d));
  const walk = (id: number, depth: number) => {
    const d = objects.get(id);
    if (!d || depth > 32) return;
    if (/\/Type\s*\/Page\b/.test(d)) { order.set(id, order.size + 1); return; }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(d)?.[1] ?? '';
    for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]), depth + 1);
  };
  if (root) walk(root[0], 0);
  const out = new Map<string, number>();
  for (const d of objects.values()) {
    const title = /\/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/.exec(d);
    const dest = /\/Dest\s*\[\s*(\d+)\s+0\s+R/.exec(d);
    if (!title || !dest) continue;
    const page = order.get(Number(dest[1]));
    const key = normalise(pdfString(title[1]));
    if (page !== undefined && !out.has(key)) out.set(key, page);
  }
  return out;
}

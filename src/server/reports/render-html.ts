// The report as one standalone HTML document: the in-app preview, and the source Chromium prints to
// PDF (render-pdf.ts). No external resources: styles inline, charts as inline SVG (report-charts.ts).
// Print typography for Chinese: A4 with margins, Noto CJK (Debian fonts-noto-cjk), strict line
// breaking, justified paragraphs with a two-character first-line indent, table titles above tables
// and figure titles below figures, units in the column heads, notes as circled numbers.
import { chartSvg } from './report-charts.ts';
import type { Block, Cell, ReportData, TableBlock } from './report-data.ts';
import { dateZh, dateTimeZh, monthLabelZh } from './report-format.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ①②…⑳, then (21): how Chinese tables mark their notes. */
export const noteMark = (n: number) => (n >= 1 && n <= 20 ? String.fromCodePoint(0x245f + n) : `(${n})`);

export const FONT_STACK = '"Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif';

const CSS = `
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10.5pt; color: #1a1a1a; line-height: 1.75;
  line-break: strict; word-break: normal; overflow-wrap: anywhere; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
@media screen {
  body { background: #e9ecef; padding: 24px 0; }
  main { background: #fff; width: 210mm; margin: 0 auto; padding: 22mm 18mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
}
.cover { break-after: page; min-height: 240mm; display: flex; flex-direction: column; }
.cover .issuer { font-size: 12pt; letter-spacing: .2em; color: #444; margin-top: 10mm; }
.cover h1 { font-size: 22pt; line-height: 1.4; margin: 36mm 0 4mm; font-weight: 700; text-align: center; }
.cover .subtitle { text-align: center; color: #555; font-size: 10pt; margin-bottom: 10mm; }
.cover .stamp { align-self: center; border: 1.5pt solid #b00; color: #b00; padding: 1mm 5mm; font-weight: 700; letter-spacing: .15em; margin-bottom: 12mm; }
.cover .stamp.public { border-color: #1f5fa8; color: #1f5fa8; }
.cover dl { display: grid; grid-template-columns: 7em 1fr; gap: 1mm 4mm; margin: 0 auto; width: 130mm; font-size: 10pt; }
.cover dt { color: #555; text-align: justify; text-align-last: justify; }
.cover dd { margin: 0; }
.toc { margin-top: auto; }
.toc h2 { font-size: 14pt; text-align: center; letter-spacing: .5em; margin: 0 0 3mm; border: 0; }
.toc ol { list-style: none; padding: 0; margin: 0 auto; width: 130mm; }
.toc li { display: flex; align-items: baseline; }
.toc a { color: inherit; text-decoration: none; }
.toc .leader { flex: 1; border-bottom: 1px dotted #888; margin: 0 2mm; transform: translateY(-3px); }
.toc .page { min-width: 2em; text-align: right; font-variant-numeric: tabular-nums; }
section { margin-top: 8mm; }
h2 { font-size: 16pt; font-weight: 700; margin: 0 0 4mm; padding-bottom: 1mm; border-bottom: 1.2pt solid #1f5fa8; break-after: avoid; }
h3 { font-size: 12pt; font-weight: 700; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 3mm; text-indent: 2em; text-align: justify; }
.note { border-left: 3pt solid #1f5fa8; background: #f1f5fa; padding: 2mm 4mm; margin: 3mm 0; font-size: 9.5pt; text-align: justify; break-inside: avoid; }
.note.warning { border-color: #c0392b; background: #fbf0ee; }
ul.items { margin: 0 0 3mm; padding-left: 1.5em; text-align: justify; }
ul.items li { margin-bottom: 1.5mm; }
.table { margin: 4mm 0 5mm; }
.table .caption, figure figcaption { font-weight: 700; text-align: center; font-size: 10pt; margin-bottom: 1mm; }
.table .unit { text-align: right; font-size: 9pt; color: #444; }
.demo { display: inline-block; font-size: 8pt; font-weight: 400; color: #b00; border: 0.6pt solid #b00; border-radius: 2px; padding: 0 1.2mm; margin-left: 2mm; line-height: 1.5; vertical-align: 1px; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.45; border-top: 1.2pt solid #222; border-bottom: 1.2pt solid #222; }
thead { display: table-header-group; }
th { font-weight: 700; background: #eef2f7; border-bottom: 0.6pt solid #222; padding: 1.2mm 1.5mm; text-align: center; }
td { padding: 1mm 1.5mm; border-bottom: 0.3pt solid #ccc; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
td.right { text-align: right; white-space: nowrap; }
td.center { text-align: center; }
td.left { text-align: left; }
td.nw { white-space: nowrap; }
td strong { font-weight: 700; }
sup.mark { font-size: 7.5pt; margin-left: 0.5mm; vertical-align: 2pt; line-height: 0; }
.table .notes { font-size: 8.5pt; color: #333; margin-top: 1.2mm; line-height: 1.55; text-align: justify; }
.table .notes div { padding-left: 1.5em; text-indent: -1.5em; overflow-wrap: anywhere; }
figure { margin: 4mm 0 5mm; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figure figcaption { margin: 1mm 0 0; }
.small-table { break-inside: avoid; }
`;

const cellText = (c: Cell) => (typeof c === 'string' ? c : c.text);

function cellHtml(c: Cell, cls: string): string {
  if (typeof c === 'string') return `<td class="${cls}">${esc(c)}</td>`;
  const text = c.strong ? `<strong>${esc(c.text)}</strong>` : esc(c.text);
  return `<td class="${cls}">${text}${c.note ? `<sup class="mark">${noteMark(c.note)}</sup>` : ''}</td>`;
}

const demoBadge = (demo?: boolean) => (demo ? '<span class="demo">演示数据</span>' : '');

function tableHtml(t: TableBlock): string {
  const small = t.rows.length <= 12 ? ' small-table' : '';
  // Short columns (names of cities and districts, units, figures) never break inside a cell.
  const cls = t.head.map((_, i) => `${t.align[i] ?? 'left'}${t.rows.every((r) => cellText(r[i] ?? '').length <= 10) ? ' nw' : ''}`);
  return `<div class="table${small}">
<div class="caption">${esc(t.caption)}${demoBadge(t.demo)}</div>
${t.unit ? `<div class="unit">${esc(t.unit)}</div>` : ''}
<table><thead><tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr>${r.map((c, i) => cellHtml(c, cls[i])).join('')}</tr>`).join('\n')}</tbody></table>
${t.notes?.length ? `<div class="notes">${t.notes.map((n, i) => `<div>${t.rows.some((r) => r.some((c) => typeof c !== 'string' && c.note)) ? noteMark(i + 1) : `${i + 1}.`} ${esc(n)}</div>`).join('')}</div>` : ''}
</div>`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'paragraph': return `<p>${esc(b.text)}</p>`;
    case 'heading': return `<h3>${esc(b.text)}</h3>`;
    case 'note': return `<div class="note ${b.tone}">${esc(b.text)}</div>`;
    case 'list': return `<ul class="items">${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table': return tableHtml(b);
    case 'chart': return `<figure role="img" aria-label="${esc(b.alt)}">${chartSvg(b)}<figcaption>${esc(b.title)}${demoBadge(b.demo)}</figcaption></figure>`;
  }
}

export function renderReportHtml(data: ReportData): string {
  const v = data.vintage;
  const meta: [string, string][] = [
    ['统计期', `${data.periodLabel}（累计）`],
    ['数据时点', v.asOf ? `${dateZh(v.asOf)}日终的数据版本` : '生成时的最新数据'],
    ['数据截至', monthLabelZh(v.dataThrough)],
    ['数据更新', dateTimeZh(v.updatedAt)],
    ['生成时间', dateTimeZh(v.generatedAt)],
    ['版本', data.audience === 'internal' ? '内部版' : '公开版'],
  ];
  const toc = data.sections.map((s) => `<li><a href="#${s.id}">${s.number}、${esc(s.title)}</a><span class="leader"></span><span class="page" data-for="${s.id}"></span></li>`).join('\n');
  const sections = data.sections.map((s) => `<section id="${s.id}"><h2>${s.number}、${esc(s.title)}</h2>\n${s.blocks.map(blockHtml).join('\n')}</section>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.title)}</title>
<meta name="report-period" content="${esc(data.period)}">
<meta name="report-audience" content="${data.audience}">
<style>${CSS}</style>
</head>
<body>
<main>
<div class="cover">
<div class="issuer">${esc(data.issuer)}</div>
<h1>${esc(data.title)}</h1>
<div class="subtitle">${esc(data.subtitle)}</div>
<div class="stamp${data.audience === 'public' ? ' public' : ''}">${esc(data.audienceLabel)}</div>
<dl>${meta.map(([k, x]) => `<dt>${esc(k)}</dt><dd>${esc(x)}</dd>`).join('')}</dl>
${data.demo ? `<div class="note warning">本报告含演示数据：${esc(data.demoParts.join('；'))}。详见“数据口径与说明”。</div>` : ''}
<nav class="toc"><h2>目录</h2><ol>
${toc}
</ol></nav>
</div>
${sections}
</main>
</body>
</html>
`;
}

/** The running header and footer Chromium prints on every page (its own small document: inline styles, no external fonts). */
export function pageTemplates(title: string, audienceLabel: string): { header: string; footer: string } {
  const base = `font-family: ${FONT_STACK.replace(/"/g, "'")}; font-size: 8pt; color: #555; width: 100%; margin: 0 18mm;`;
  return {
    header: `<div style="${base} display: flex; justify-content: space-between; border-bottom: 0.5pt solid #999; padding-bottom: 1mm;"><span>${esc(title)}</span><span>${esc(audienceLabel)}</span></div>`,
    footer: `<div style="${base} text-align: center;">第 <span class="pageNumber"></span> 页\u3000共 <span class="totalPages"></span> 页</div>`,
  };
}

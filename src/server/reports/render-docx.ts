// The report as a Word document (docx), for the bureau to edit and file: the same content as the
// HTML/PDF (report-data.ts blocks), A4, Noto CJK as the East Asian font, headings as Word headings,
// tables as Word tables, charts as SVG with a PNG fallback (rasterised by resvg, pure prebuilt
// binary, no browser), page numbers in the footer. The contents list links to the sections but has
// no page numbers (Word would have to update a field on opening).
import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType, BorderStyle, Bookmark, Document, Footer, Header, HeadingLevel, ImageRun, InternalHyperlink, Packer, PageNumber,
  Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild,
} from 'docx';
import { CHART_WIDTH, chartSvg } from './report-charts.ts';
import type { Block, Cell, ChartBlock, ReportData, TableBlock } from './report-data.ts';
import { dateZh, dateTimeZh, monthLabelZh } from './report-format.ts';
import { noteMark } from './render-html.ts';

const FONT = { ascii: 'Noto Sans CJK SC', eastAsia: 'Noto Sans CJK SC', hAnsi: 'Noto Sans CJK SC', cs: 'Noto Sans CJK SC' };
/** Half-points. */
const SIZE = { body: 21, small: 18, note: 16, table: 18 };
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1247, bottom: 1134, left: 1020, right: 1020 };
/** Picture width in pixels (the text column is about 654 px at 96 dpi). */
const PICTURE_WIDTH = 620;
const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;
const THIN = { style: BorderStyle.SINGLE, size: 2, color: 'BBBBBB' };
const THICK = { style: BorderStyle.SINGLE, size: 10, color: '222222' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

const run = (text: string, o: { bold?: boolean; size?: number; color?: string; superScript?: boolean } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? SIZE.body, color: o.color, superScript: o.superScript, font: FONT });

/** PNG of a chart's SVG, twice the picture's width, for Word versions that do not draw SVG. */
function chartPng(svg: string): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' },
  });
  return Buffer.from(r.render().asPng());
}

function chartParagraphs(c: ChartBlock): Paragraph[] {
  const svg = chartSvg(c);
  const height = Math.round((c.height * PICTURE_WIDTH) / CHART_WIDTH);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({
        type: 'svg',
        data: Buffer.from(svg),
        fallback: { type: 'png', data: chartPng(svg) },
        transformation: { width: PICTURE_WIDTH, height },
        altText: { name: c.title, title: c.title, description: c.alt },
      })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(c.title, { bold: true, size: SIZE.small }), ...(c.demo ? [run('（演示数据）', { size: SIZE.note, color: 'B00000' })] : [])],
    }),
  ];
}

function cellChildren(c: Cell): ParagraphChild[] {
  if (typeof c === 'string') return [run(c, { size: SIZE.table })];
  return [run(c.text, { size: SIZE.table, bold: c.strong }), ...(c.note ? [run(noteMark(c.note), { size: SIZE.note, superScript: true })] : [])];
}

function tableBlocks(t: TableBlock): (Paragraph | Table)[] {
  const marks = t.rows.some((r) => r.some((c) => typeof c !== 'string' && c.note));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.head.map((h) => new TableCell({
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F7' },
      borders: { top: THICK, bottom: THICK, left: NONE, right: NONE },
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(h, { bold: true, size: SIZE.table })] })],
    })),
  });
  const rows = t.rows.map((r, i) => new TableRow({
    cantSplit: true,
    children: r.map((c, j) => new TableCell({
      borders: { top: NONE, bottom: i === t.rows.length - 1 ? THICK : THIN, left: NONE, right: NONE },
      children: [new Paragraph({ alignment: ALIGN[t.align[j] ?? 'left'], children: cellChildren(c) })],
    })),
  }));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 200 },
      children: [run(t.caption, { bold: true, size: SIZE.small }), ...(t.demo ? [run('（演示数据）', { size: SIZE.note, color: 'B00000' })] : [])],
    }),
    ...(t.unit ? [new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, children: [run(t.unit, { size: SIZE.note })] })] : []),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
    ...(t.notes ?? []).map((n, i) => new Paragraph({ children: [run(`${marks ? noteMark(i + 1) : `${i + 1}.`} ${n}`, { size: SIZE.note })] })),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function blockParagraphs(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph': return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 420 }, spacing: { after: 120, line: 360 }, children: [run(b.text)] })];
    case 'heading': return [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [run(b.text, { bold: true, size: 24 })] })];
    case 'note': return [new Paragraph({
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: b.tone === 'warning' ? 'FBF0EE' : 'F1F5FA' },
      border: { left: { style: BorderStyle.SINGLE, size: 18, color: b.tone === 'warning' ? 'C0392B' : '1F5FA8', space: 6 } },
      spacing: { before: 120, after: 120 },
      children: [run(b.text, { size: SIZE.small })],
    })];
    case 'list': return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, alignment: AlignmentType.JUSTIFIED, spacing: { after: 80 }, children: [run(i, { size: SIZE.small })] }));
    case 'table': return tableBlocks(b);
    case 'chart': return chartParagraphs(b);
  }
}

export async function renderReportDocx(data: ReportData): Promise<Buffer> {
  const v = data.vintage;
  const meta: [string, string][] = [
    ['统计期', `${data.periodLabel}（累计）`],
    ['数据时点', v.asOf ? `${dateZh(v.asOf)}日终的数据版本` : '生成时的最新数据'],
    ['数据截至', monthLabelZh(v.dataThrough)],
    ['数据更新', dateTimeZh(v.updatedAt)],
    ['生成时间', dateTimeZh(v.generatedAt)],
    ['版本', data.audience === 'internal' ? '内部版' : '公开版'],
  ];
  const cover: (Paragraph | Table)[] = [
    new Paragraph({ spacing: { before: 400 }, children: [run(data.issuer, { size: 24 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1600, after: 200 }, children: [run(data.title, { bold: true, size: 44 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(data.subtitle, { size: SIZE.small, color: '555555' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(data.audienceLabel, { bold: true, color: data.audience === 'public' ? '1F5FA8' : 'B00000', size: 24 })] }),
    ...meta.map(([k, x]) => new Paragraph({ indent: { left: 1800 }, children: [run(`${k}：`, { color: '555555', size: SIZE.small }), run(x, { size: SIZE.small })] })),
    ...(data.demo ? blockParagraphs({ kind: 'note', tone: 'warning', text: `本报告含演示数据：${data.demoParts.join('；')}。详见“数据口径与说明”。` }) : []),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400, after: 120 }, children: [run('目　录', { bold: true, size: 28 })] }),
    ...data.sections.map((s) => new Paragraph({
      indent: { left: 1800 },
      children: [new InternalHyperlink({ anchor: s.id, children: [run(`${s.number}、${s.title}`)] })],
    })),
  ];
  const body = data.sections.flatMap((s, i) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: i === 0,
      keepNext: true,
      spacing: { before: 360, after: 200 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: '1F5FA8', space: 2 } },
      children: [new Bookmark({ id: s.id, children: [run(`${s.number}、${s.title}`, { bold: true, size: 32 })] })],
    }),
    ...s.blocks.flatMap(blockParagraphs),
  ]);
  const doc = new Document({
    creator: data.issuer,
    title: data.title,
    description: data.subtitle,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [{
      properties: { page: { size: A4, margin: MARGIN } },
      headers: { default: new Header({ children: [new Paragraph({ children: [run(`${data.title}\u3000\u3000${data.audienceLabel}`, { size: SIZE.note, color: '555555' })] })] }) },
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              run('第 ', { size: SIZE.note }),
              new TextRun({ children: [PageNumber.CURRENT], size: SIZE.note, font: FONT }),
              run(' 页　共 ', { size: SIZE.note }),
              new TextRun({ children: [PageNumber.TOTAL_PAGES], size: SIZE.note, font: FONT }),
              run(' 页', { size: SIZE.note }),
            ],
          })],
        }),
      },
      children: [...cover, ...body],
    }],
  });
  return Packer.toBuffer(doc);
}

// The selection as an Excel workbook (.xlsx), written by write-excel-file (the writer of the
// read-excel-file our imports read with; its one dependency is fflate, which we already use).
// Sheet 1 holds the rows under the same columns as the CSV (extract-labels.ts): a bold, frozen
// header row in the user's language, numbers as numbers (revenue in 万元), dates as dates, the codes
// beside their labels, and the demo column on every row of demo data. Sheet 2 (说明) says what was
// exported: the layer, the filter, the data date, the export time and the demo notice in the
// user's language and in English. No formulas are ever written: a text cell is text.
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { label, type Label, type Lang } from '../taxonomy.ts';
import { DEMO_NOTICE_TEXT, tableColumns, type ExtractOptions, type TableCell, type TableColumn } from './extract-labels.ts';
import { featureFields, noticeOf, type ExtractFeature, type ExtractLayer, type ExtractMeta } from './extract-meta.ts';

const L = (zhHans: string, zhHant: string, en: string): Label => ({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en });
const LAYER_NAME: Record<ExtractLayer, Label> = {
  enterprises: L('企业', '企業', 'Enterprises'),
  parks: L('村级工业园', '村級工業園', 'Village parks'),
  'value-parks': L('价值创新园', '價值創新園', 'Value-innovation parks'),
};
const ABOUT = {
  sheet: L('说明', '說明', 'About'),
  layer: L('图层', '圖層', 'Layer'),
  rows: L('行数', '行數', 'Rows'),
  dataDate: L('数据日期', '資料日期', 'Data date'),
  exportedAt: L('导出时间', '匯出時間', 'Exported at'),
  filter: L('筛选条件', '篩選條件', 'Filter'),
  demo: L('演示数据', '示範資料', 'Demo data'),
  notice: L('说明', '說明', 'Notice'),
};

/** Display width of a text in Excel's character units: CJK characters take two. */
const widthOf = (s: string): number => [...s].reduce((n, c) => n + (/[\u2e80-\uffff]/.test(c) ? 2 : 1), 0);

function cellOf(value: TableCell, column: TableColumn): Cell {
  if (value === null || value === '') return null;
  switch (column.kind) {
    case 'integer':
    case 'number':
      return typeof value === 'number' ? { type: Number, value, format: column.kind === 'integer' ? '0' : undefined } : { type: String, value: String(value) };
    case 'date': {
      const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
      return d && !Number.isNaN(d.getTime()) ? { type: Date, value: d, format: 'yyyy-mm-dd' } : { type: String, value: String(value) };
    }
    case 'boolean':
      return typeof value === 'boolean' ? { type: Boolean, value } : { type: String, value: String(value) };
    default:
      return { type: String, value: String(value) };
  }
}

/** A workbook of rows (each a row's properties) under the given columns, with the about sheet. */
export async function xlsxWorkbook(columns: readonly TableColumn[], rows: Iterable<Readonly<Record<string, unknown>>>, meta: ExtractMeta, lang: Lang): Promise<Uint8Array> {
  const header: Cell[] = columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
  const data: SheetData = [header];
  const widths = columns.map((c) => Math.min(60, Math.max(8, widthOf(c.header) + 2)));
  let count = 0;
  for (const props of rows) {
    data.push(columns.map((c, i) => {
      const v = c.cell(props);
      if (typeof v === 'string' && count < 200) widths[i] = Math.min(60, Math.max(widths[i], widthOf(v) + 2));
      return cellOf(v, c);
    }));
    count++;
  }
  const about: SheetData = [
    [{ value: label(ABOUT.layer, lang), type: String, fontWeight: 'bold' }, { value: label(LAYER_NAME[meta.layer], lang), type: String }],
    [{ value: label(ABOUT.rows, lang), type: String, fontWeight: 'bold' }, { value: count, type: Number }],
    [{ value: label(ABOUT.dataDate, lang), type: String, fontWeight: 'bold' }, meta.dataDate ? { value: meta.dataDate, type: String } : null],
    [{ value: label(ABOUT.exportedAt, lang), type: String, fontWeight: 'bold' }, { value: meta.exportedAt, type: String }],
    [{ value: label(ABOUT.filter, lang), type: String, fontWeight: 'bold' }, { value: JSON.stringify(meta.filter ?? null), type: String }],
  ];
  if (meta.demo) about.push([{ value: label(ABOUT.demo, lang), type: String, fontWeight: 'bold' }, { value: label(DEMO_NOTICE_TEXT, lang), type: String }]);
  const notice = noticeOf(meta);
  if (notice) about.push([{ value: label(ABOUT.notice, lang), type: String, fontWeight: 'bold' }, { value: notice, type: String }]);
  const blob = await writeXlsxFile([
    { data, sheet: label(LAYER_NAME[meta.layer], lang), stickyRowsCount: 1, columns: widths.map((width) => ({ width })) },
    { data: about, sheet: label(ABOUT.sheet, lang), columns: [{ width: 14 }, { width: 80 }] },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

export async function toXlsxExtract(features: readonly ExtractFeature[], fields: readonly string[], meta: ExtractMeta, options: ExtractOptions): Promise<Uint8Array> {
  const columns = tableColumns(meta.layer, fields, options, meta.demo);
  return xlsxWorkbook(columns, features.map((f) => featureFields(f, fields)), meta, options.lang);
}

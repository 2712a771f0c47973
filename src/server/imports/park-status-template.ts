// The template of a park status file (kind parkStatus, issue 15), in Chinese, as XLSX and CSV.
//
// - Rows: the parks of a district with their current values (an official's own district, or the
//   district an administrator asks for), so the user changes only what changed and uploads the file
//   again; rows left as they are come back "unchanged, skipped". Without a district, one example row
//   (the city's first park as it stands: applying it changes nothing).
// - XLSX: sheet 园区状态 with drop-down lists (data validation) on the category, progress and pilot
//   year columns, the header row frozen, and a second sheet 说明 listing every column, the allowed
//   values (the zh-Hans labels; codes, Traditional and English labels are accepted too), the date
//   forms and an example row.
// - CSV: UTF-8 with a BOM, so Excel opens it in Chinese; the allowed values are written in the headers
//   themselves (整治类别（未分类/淘汰关停/功能转换/改造提升）): a CSV has no second sheet, and a comment
//   line would come back as a data row. The column mapping reads such a header by its name before the
//   bracket, so the file goes back in as it is (after Excel saves it in GBK, too).
// The workbook is written by hand (a few XML parts zipped with fflate): the project reads XLSX but had
// no writer, and the parts needed here are small.
import { strToU8, zipSync } from 'fflate';
import { CSV_BOM, csvRow } from '../../domain/csv.ts';
import { label, taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';

export interface TemplatePark {
  code: string;
  name: string;
  district: string;
  category: string;
  progress: string;
  pilotYear: number | null;
}

const NO_PILOT = '否';
const categories = () => taxonomy.renovationCategories.map((c) => c.label['zh-Hans']);
const progresses = () => taxonomy.renovationProgress.map((c) => c.label['zh-Hans']);
const pilotYears = () => [...taxonomy.pilotYears.map(String), NO_PILOT];
const districtName = (code: string) => taxonomy.districts.find((d) => d.code === code)?.label['zh-Hans'] ?? code;

export const TEMPLATE_HEADERS = ['园区编号', '园区名称', '所在区', '整治类别', '改造进度', '试点年度', '生效日期', '原因'] as const;

/** The parks a template is filled with: a district's, or the city's first park as an example. */
export async function templateParks(db: Queryable, district: string | null): Promise<{ parks: TemplatePark[]; example: boolean }> {
  const rows = await db.query<TemplatePark>(
    `SELECT code, name, district, category, progress, pilot_year AS "pilotYear" FROM village_parks
     WHERE ($1::text IS NULL OR district = $1) ORDER BY code LIMIT CASE WHEN $1::text IS NULL THEN 1 ELSE 10000 END`, [district]);
  return { parks: rows, example: district === null };
}

function cellsOf(p: TemplatePark, example: boolean, today: string): string[] {
  return [
    p.code, p.name, districtName(p.district),
    label(taxonomy.renovationCategories.find((c) => c.code === p.category) ?? taxonomy.renovationCategories[0], 'zh-Hans'),
    label(taxonomy.renovationProgress.find((c) => c.code === p.progress) ?? taxonomy.renovationProgress[0], 'zh-Hans'),
    p.pilotYear === null ? NO_PILOT : String(p.pilotYear),
    example ? today : '',
    example ? '示例行：保持现状的行导入时跳过，可删除' : '',
  ];
}

/** The CSV template: UTF-8 with BOM, CRLF, allowed values in the headers. */
export function templateCsv(parks: TemplatePark[], example: boolean, today: string): string {
  const headers = [
    '园区编号', '园区名称', '所在区',
    `整治类别（${categories().join('/')}）`,
    `改造进度（${progresses().join('/')}）`,
    `试点年度（${pilotYears().join('/')}）`,
    '生效日期（如 2026-11-20，留空为当天）',
    '原因（有修改的行必填）',
  ];
  return CSV_BOM + csvRow(headers) + parks.map((p) => csvRow(cellsOf(p, example, today))).join('');
}

// ── XLSX ─────────────────────────────────────────────────────────────────────────────────────

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i: number) => String.fromCharCode(65 + i);

function sheetXml(rows: string[][], opts: { widths: number[]; freeze?: boolean; validations?: { col: number; values: string[] }[]; boldRows?: number[] }): string {
  const data = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => {
    const style = opts.boldRows?.includes(r) ? ' s="1"' : '';
    return v === '' ? '' : `<c r="${colName(c)}${r + 1}" t="inlineStr"${style}><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  }).join('')}</row>`).join('');
  const views = opts.freeze
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = `<cols>${opts.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  const validations = opts.validations?.length
    ? `<dataValidations count="${opts.validations.length}">${opts.validations.map((v) =>
      `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="取值不在列表中" error="请从下拉列表中选择，见“说明”工作表" sqref="${colName(v.col)}2:${colName(v.col)}10001"><formula1>"${esc(v.values.join(','))}"</formula1></dataValidation>`).join('')}</dataValidations>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${views}${cols}<sheetData>${data}</sheetData>${validations}</worksheet>`;
}

function guideRows(today: string): string[][] {
  return [
    ['列', '必填', '可填的值', '说明'],
    ['园区编号', '是', '园区编号（如地图园区详情所示）', '按编号找到园区；也可填园区代码或系统编号'],
    ['园区名称', '否', '园区名称', '用于核对：与编号不符的行不会导入'],
    ['所在区', '否', '', '仅供查看，导入时不读取'],
    ['整治类别', '否', categories().join('、'), '留空表示不改；也可填代码（如 upgrade）或繁体、英文名称'],
    ['改造进度', '否', progresses().join('、'), '留空表示不改；进度须按“未启动 → 实施中 → 已完成”逐步推进'],
    ['试点年度', '否', `${taxonomy.pilotYears.join('、')}、${NO_PILOT}`, '提质增效试点年度；“否”表示不是试点；留空表示不改'],
    ['生效日期', '否', '2026-11-20、2026/11/20、2026年11月20日 或 Excel 日期', '留空为导入当天；不能晚于今天，也不能早于园区当前状态的日期'],
    ['原因', '有修改时必填', '文字', '写入园区历史记录'],
    [],
    ['提示', '', '', '与当前状态相同的行导入时跳过（不算错误），同一文件重复上传不会重复修改'],
    ['', '', '', '区级用户修改整治类别、试点年度或改为“已完成”，须经市级管理员审核；其余修改直接生效'],
    ['', '', '', '上传后先检查并列出每行的修改（原状态 → 新状态），确认后才会写入'],
    [],
    ['示例', '', '', ''],
    [...TEMPLATE_HEADERS],
    ['BY-001', '示例村工业园', '白云区', '改造提升', '实施中', '2020', today, '已签订改造协议，开始施工'],
  ];
}

/** The XLSX template: sheet 园区状态 (drop-down lists, header frozen) and sheet 说明. */
export function templateXlsx(parks: TemplatePark[], example: boolean, today: string): Uint8Array {
  const main = sheetXml([[...TEMPLATE_HEADERS], ...parks.map((p) => cellsOf(p, example, today))], {
    widths: [14, 28, 10, 12, 12, 10, 14, 36], freeze: true, boldRows: [0],
    validations: [{ col: 3, values: categories() }, { col: 4, values: progresses() }, { col: 5, values: pilotYears() }],
  });
  const guide = sheetXml(guideRows(today), { widths: [12, 14, 44, 70], boldRows: [0, 14, 15] });
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="园区状态" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    'xl/worksheets/sheet1.xml': main,
    'xl/worksheets/sheet2.xml': guide,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

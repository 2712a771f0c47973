// Which source column feeds which record field: the target fields per import kind, and a suggestion
// from the headers the bureau's spreadsheets actually use (Simplified or Traditional Chinese,
// English, full-width characters, units in brackets such as 营业收入(万元)). The user adjusts the
// suggestion before the import; the mapping is plain data so it can be saved and reused.
import { taxonomy } from '../taxonomy.ts';
import { foldKey, toSimplified } from './cells.ts';
import type { ColumnMapping, ColumnUnits, ImportKind } from './import-types.ts';

/** What kind of quantity a numeric field holds, so a unit in its header can be turned into a multiplier. */
export type QuantityKind = 'yuan' | 'mu' | 'squareMetres';

export interface TargetField {
  field: string;
  /**
   * A required field must be mapped for any row to pass. Coordinates are required only when the rows
   * carry no geometry (CSV, XLSX); `coordinate` marks them.
   */
  required: boolean;
  /** A required field that need not be mapped when this other field is (sub-industry ← industry code). */
  unlessMapped?: string;
  coordinate?: boolean;
  quantity?: QuantityKind;
  /** Headers that mean this field, compared after foldKey (case, width, script, spaces do not matter). */
  aliases: readonly string[];
}

const ENTERPRISE_FIELDS: readonly TargetField[] = [
  { field: 'creditCode', required: true, aliases: ['统一社会信用代码', '社会信用代码', '统一信用代码', '信用代码', '统一代码', 'creditCode', 'credit_code', 'USCC', 'unified social credit code', 'social credit code'] },
  { field: 'name', required: true, aliases: ['企业名称', '企业全称', '单位名称', '单位详细名称', '公司名称', '名称', 'name', 'enterprise name', 'company name', 'enterprise', 'company'] },
  // Derived from the sub-industry when absent, so not required on its own.
  { field: 'cluster', required: false, aliases: ['所属集群', '产业集群', '集群', '所属产业集群', 'cluster', 'industry cluster'] },
  // Derived from the industry code when the file has no sub-industry column (the statistics bureau's files).
  { field: 'subIndustry', required: true, unlessMapped: 'industryCode', aliases: ['细分行业', '细分产业', '细分领域', '子行业', '所属细分行业', 'subIndustry', 'sub_industry', 'sub industry', 'segment'] },
  { field: 'industryCode', required: false, aliases: ['行业代码', '国民经济行业代码', '国民经济行业分类代码', '行业小类代码', '国标行业代码', '行业分类代码', '所属行业代码', 'industryCode', 'industry_code', 'industry code', 'GB/T 4754', 'GB/T4754', 'GBT4754', 'GB 4754'] },
  { field: 'futureIndustry', required: false, aliases: ['未来产业', 'futureIndustry', 'future_industry', 'future industry'] },
  { field: 'tags', required: false, aliases: ['标签', '企业标签', '分类标签', '企业类型标签', 'tags', 'tag', 'labels'] },
  { field: 'revenue', required: true, quantity: 'yuan', aliases: ['营业收入', '年营业收入', '营业总收入', '主营业务收入', '营收', '收入', 'revenue', 'operating revenue', 'annual revenue', 'turnover', 'sales'] },
  { field: 'employees', required: false, aliases: ['从业人员', '从业人员数', '从业人数', '从业人员期末人数', '员工人数', '职工人数', '员工数', '人数', 'employees', 'employee count', 'staff', 'headcount'] },
  { field: 'address', required: false, aliases: ['地址', '企业地址', '注册地址', '经营地址', '详细地址', '生产经营地址', 'address', 'addr'] },
  { field: 'lon', required: true, coordinate: true, aliases: ['经度', '东经', '经度坐标', 'lon', 'lng', 'long', 'longitude', 'x'] },
  { field: 'lat', required: true, coordinate: true, aliases: ['纬度', '北纬', '纬度坐标', 'lat', 'latitude', 'y'] },
];

const PARK_FIELDS: readonly TargetField[] = [
  { field: 'code', required: true, aliases: ['园区编码', '园区编号', '园区代码', '编码', '编号', '代码', 'code', 'park code', 'park_code', 'id'] },
  { field: 'name', required: true, aliases: ['园区名称', '村级工业园名称', '名称', 'name', 'park name', 'park_name'] },
  { field: 'areaMu', required: false, quantity: 'mu', aliases: ['占地面积', '用地面积', '园区面积', '面积', 'area', 'areaMu', 'area_mu', 'area mu'] },
  { field: 'buildingAreaM2', required: false, quantity: 'squareMetres', aliases: ['建筑面积', '总建筑面积', 'buildingAreaM2', 'building_area_m2', 'building area', 'floor area'] },
  { field: 'outputPerMu', required: false, quantity: 'yuan', aliases: ['亩均产值', '亩均工业产值', 'outputPerMu', 'output_per_mu', 'output per mu'] },
  { field: 'taxPerMu', required: false, quantity: 'yuan', aliases: ['亩均税收', '亩均税收收入', 'taxPerMu', 'tax_per_mu', 'tax per mu'] },
  { field: 'category', required: false, aliases: ['改造类型', '改造分类', '整治类型', '整治分类', '分类', '类别', '类型', 'category', 'renovation category'] },
  { field: 'progress', required: false, aliases: ['改造进度', '整治进度', '实施进度', '进度', '状态', 'progress', 'status', 'renovation progress'] },
  { field: 'pilotYear', required: false, aliases: ['试点年份', '试点年度', '提质增效试点年份', '试点', 'pilotYear', 'pilot_year', 'pilot year', 'pilot'] },
];

const DISTRICT_FIELDS: readonly TargetField[] = [
  { field: 'code', required: true, aliases: ['区划代码', '行政区划代码', '区代码', '代码', '编码', 'code', 'adcode', 'district code', 'district_code'] },
  { field: 'name', required: true, aliases: ['区名', '区名称', '行政区', '行政区名称', '名称', 'name', 'district name', 'district', 'district_name'] },
];

// Periodic returns (企业月报): one row per enterprise and reporting period, money for the month alone
// or cumulative from January (累计), employees at the period's end.
const OPERATING_FIELDS: readonly TargetField[] = [
  { field: 'creditCode', required: true, aliases: ENTERPRISE_FIELDS[0].aliases },
  { field: 'period', required: true, aliases: ['报告期', '报告期别', '期别', '月份', '统计月份', '报表期', '统计期', '所属期', '所属月份', '年月', '期间', 'period', 'month', 'reporting period', 'report period'] },
  { field: 'revenue', required: true, quantity: 'yuan', aliases: ['营业收入', '营业总收入', '主营业务收入', '营收', 'revenue', 'operating revenue', 'turnover', 'sales'] },
  { field: 'output', required: true, quantity: 'yuan', aliases: ['工业总产值', '总产值', '工业产值', '产值', 'output', 'gross output', 'industrial output', 'gross industrial output'] },
  { field: 'valueAdded', required: false, quantity: 'yuan', aliases: ['工业增加值', '增加值', 'valueAdded', 'value_added', 'value added', 'gva'] },
  { field: 'profit', required: true, quantity: 'yuan', aliases: ['利润总额', '利润', 'profit', 'total profit', 'profits'] },
  { field: 'tax', required: true, quantity: 'yuan', aliases: ['税金总额', '应交税金', '应交税费', '应交税金总额', '纳税总额', '实缴税金', '税收', '税金', 'tax', 'taxes', 'tax paid'] },
  { field: 'employees', required: true, aliases: ['期末从业人员', '从业人员期末人数', '期末从业人数', '从业人员', '从业人数', '用工人数', '期末用工人数', '员工人数', '职工人数', 'employees', 'employee count', 'headcount', 'staff'] },
];

// Key-city indicators (重点城市指标): one published figure per row — city, indicator and year as codes
// or labels, the value in the indicator's unit, and where it was published.
const CITY_INDICATOR_FIELDS: readonly TargetField[] = [
  { field: 'city', required: true, aliases: ['城市', '城市名称', '城市名', '地区', '市', 'city', 'city name'] },
  { field: 'indicator', required: true, aliases: ['指标', '指标名称', '指标代码', '统计指标', '项目', 'indicator', 'indicator code', 'metric'] },
  { field: 'year', required: true, aliases: ['年份', '年度', '年', '统计年度', 'year'] },
  { field: 'value', required: true, aliases: ['数值', '指标值', '数据', '值', '公开数据', 'value', 'figure'] },
  { field: 'unit', required: false, aliases: ['单位', '计量单位', 'unit'] },
  { field: 'denominator', required: false, aliases: ['分母', '占比分母', '比重分母', '口径', 'denominator', 'share of'] },
  { field: 'coverage', required: false, aliases: ['统计期', '覆盖月份', '月份范围', '时间范围', '累计月份', 'coverage', 'months'] },
  { field: 'qualifier', required: false, aliases: ['数值说明', '限定', '约数', 'qualifier'] },
  { field: 'sourceTitle', required: false, aliases: ['来源', '资料来源', '数据来源', '来源名称', '来源标题', '发布机构', 'source', 'source title', 'publisher'] },
  { field: 'sourceUrl', required: false, aliases: ['来源链接', '来源网址', '链接', '网址', '原文链接', 'url', 'source url', 'link'] },
  { field: 'note', required: false, aliases: ['备注', '说明', '注', 'note', 'notes', 'remark'] },
];

// Industrial blocks (工业产业区块, plan §三(三)): the protected industrial land, one outline per block
// with its code, name, control level (一级控制线 / 二级控制线) and optionally its area.
const INDUSTRIAL_BLOCK_FIELDS: readonly TargetField[] = [
  { field: 'code', required: true, aliases: ['区块编号', '区块编码', '区块代码', '地块编号', '编号', '编码', '代码', 'code', 'block code', 'block_code', 'id'] },
  { field: 'name', required: true, aliases: ['区块名称', '产业区块名称', '地块名称', '名称', 'name', 'block name', 'block_name'] },
  { field: 'level', required: false, aliases: ['控制线级别', '区块级别', '管控级别', '控制线', '级别', '等级', 'level', 'control level', 'control_level'] },
  { field: 'areaMu', required: false, quantity: 'mu', aliases: ['区块面积', '用地面积', '占地面积', '面积', 'area', 'areaMu', 'area_mu', 'area mu'] },
];

// Key projects (重点项目, src/domain/key-projects.ts): one project per row — its code (项目代码, else
// the name is the key), name, total investment (万元 or 亿元 in the header), land area in mu, cluster,
// status (谋划/在建/建成) and location (经度/纬度 columns, a WKT column, or the row's Point or Polygon).
const KEY_PROJECT_FIELDS: readonly TargetField[] = [
  { field: 'code', required: false, aliases: ['项目代码', '项目编号', '项目编码', '统一项目代码', '编号', '代码', 'code', 'project code', 'project_code'] },
  { field: 'name', required: true, aliases: ['项目名称', '项目', '名称', 'name', 'project name', 'project_name', 'project'] },
  { field: 'investment', required: true, quantity: 'yuan', aliases: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额', '投资规模', '投资额', 'investment', 'total investment', 'total_investment'] },
  { field: 'areaMu', required: false, quantity: 'mu', aliases: ['用地面积', '项目用地面积', '占地面积', '用地规模', '面积', 'area', 'areaMu', 'area_mu', 'land area'] },
  { field: 'cluster', required: false, aliases: ['所属集群', '产业集群', '所属产业', '产业类别', '集群', '产业', '行业', 'cluster', 'industry cluster', 'industry'] },
  { field: 'status', required: false, aliases: ['项目状态', '建设状态', '建设阶段', '状态', '阶段', '进度', 'status', 'stage'] },
  { field: 'lon', required: true, coordinate: true, aliases: ['经度', '东经', '经度坐标', 'lon', 'lng', 'long', 'longitude', 'x'] },
  { field: 'lat', required: true, coordinate: true, aliases: ['纬度', '北纬', '纬度坐标', 'lat', 'latitude', 'y'] },
];

// Renovation status of village parks in bulk (园区改造状态, kind parkStatus): the park by its code, the
// values to set (codes or labels in any language), when they take effect and why.
const PARK_STATUS_FIELDS: readonly TargetField[] = [
  { field: 'code', required: true, aliases: ['园区编号', '园区代码', '园区编码', '编号', '代码', '编码', 'code', 'park code', 'park_code', 'parkId', 'park id', 'id'] },
  { field: 'name', required: false, aliases: ['园区名称', '村级工业园名称', '名称', 'name', 'park name', 'park_name'] },
  { field: 'category', required: false, aliases: ['整治类别', '整治分类', '整治类型', '改造类别', '改造分类', '改造类型', '分类', '类别', 'category', 'renovation category'] },
  { field: 'progress', required: false, aliases: ['改造进度', '整治进度', '实施进度', '进度', '状态', 'progress', 'status', 'renovation progress'] },
  { field: 'pilotYear', required: false, aliases: ['试点年度', '试点年份', '提质增效试点年份', '提质增效试点', '试点', 'pilotYear', 'pilot_year', 'pilot year', 'pilot'] },
  { field: 'effectiveDate', required: false, aliases: ['生效日期', '生效时间', '变更日期', '日期', 'effectiveDate', 'effective_date', 'effective date', 'date'] },
  { field: 'reason', required: false, aliases: ['原因', '说明', '說明', '变更原因', '调整原因', '理由', '备注', 'reason', 'note', 'comment'] },
];

// Zones of the classification standard (src/domain/renovation-standard.ts): code, name, zone type, outline.
const ZONE_FIELDS: readonly TargetField[] = [
  { field: 'code', required: true, aliases: ['区域编码', '区域编号', '图斑编号', '地块编号', '编码', '编号', '代码', 'code', 'zone code', 'zone_code', 'id'] },
  { field: 'name', required: true, aliases: ['区域名称', '名称', '图斑名称', 'name', 'zone name', 'zone_name'] },
  { field: 'zoneType', required: true, aliases: ['区域类型', '管控类型', '控制线类型', '类型', '类别', 'zoneType', 'zone_type', 'zone type', 'type'] },
];

export const TARGET_FIELDS: Readonly<Record<ImportKind, readonly TargetField[]>> = {
  zones: ZONE_FIELDS,
  enterprises: ENTERPRISE_FIELDS,
  parks: PARK_FIELDS,
  districts: DISTRICT_FIELDS,
  operating: OPERATING_FIELDS,
  cityIndicators: CITY_INDICATOR_FIELDS,
  parkStatus: PARK_STATUS_FIELDS,
  keyProjects: KEY_PROJECT_FIELDS,
  industrialBlocks: INDUSTRIAL_BLOCK_FIELDS,
};

/** Required fields not mapped; coordinates count only when the rows carry no geometry. */
export function unmappedRequired(kind: ImportKind, mapping: ColumnMapping, rowsHaveGeometry: boolean): string[] {
  return TARGET_FIELDS[kind]
    .filter((f) => f.required && !(f.coordinate && rowsHaveGeometry) && !mapping[f.field] && !(f.unlessMapped && mapping[f.unlessMapped]))
    .map((f) => f.field);
}

// Units as written in headers (after NFKC and lower-casing, spaces removed), per quantity kind.
const MU = taxonomy.muInSquareMetres;
const UNITS: Record<QuantityKind, readonly [string, number][]> = {
  yuan: [
    ['万元/亩', 1e4], ['元/亩', 1], ['亿元', 1e8], ['百万元', 1e6], ['千元', 1e3], ['万元', 1e4], ['元', 1],
    ['100millionyuan', 1e8], ['millionyuan', 1e6], ['millioncny', 1e6], ['10kyuan', 1e4], ['10thousandyuan', 1e4],
    ['thousandyuan', 1e3], ['yuan', 1], ['cny', 1], ['rmb', 1],
  ],
  mu: [
    ['亩', 1], ['公顷', 15], ['平方公里', 1e6 / MU], ['平方米', 1 / MU], ['m2', 1 / MU], ['km2', 1e6 / MU],
    ['hectares', 15], ['hectare', 15], ['ha', 15], ['mu', 1], ['sqm', 1 / MU],
  ],
  squareMetres: [
    ['万平方米', 1e4], ['平方米', 1], ['公顷', 1e4], ['亩', MU], ['m2', 1], ['sqm', 1], ['hectares', 1e4], ['ha', 1e4],
  ],
};

const isAscii = (s: string) => [...s].every((ch) => ch.charCodeAt(0) < 0x80);

function unitKey(s: string): string {
  return toSimplified(s.normalize('NFKC').toLowerCase()).replace(/\s/g, '').replace(/^(单位|unit)[:：]?/, '');
}

/** A header split into its name and the unit written with it: '营业收入(万元)' → 营业收入 + 万元. */
export function splitHeader(header: string): { base: string; unit: string | null } {
  const text = header.normalize('NFKC');
  let unit: string | null = null;
  let known = false;
  // '工业总产值(当年价格)(万元)': a bracket that names a unit wins over an earlier one that does not.
  const base = text.replace(/[([{【〔]([^)\]}】〕]*)[)\]}】〕]/g, (_m, inner: string) => {
    const key = unitKey(inner);
    const isUnit = Object.values(UNITS).some((list) => list.some(([u]) => u === key));
    if (unit === null || (isUnit && !known)) {
      unit = key;
      known = isUnit;
    }
    return ' ';
  });
  if (unit !== null) return { base: base.trim(), unit };
  // No brackets: a Chinese unit may still close the header ('营业收入万元').
  const t = toSimplified(text.trim());
  for (const list of Object.values(UNITS))
    for (const [u] of list)
      if (!isAscii(u) && t.endsWith(u) && t.length >= u.length + 2) return { base: t.slice(0, t.length - u.length).trim(), unit: u };
  return { base: t, unit: null };
}

/** The multiplier a header's unit stands for, for a field holding `quantity`; undefined when the unit is unknown or absent. */
export function unitMultiplier(quantity: QuantityKind, header: string): number | undefined {
  const { unit } = splitHeader(header);
  if (!unit) return undefined;
  return UNITS[quantity].find(([u]) => u === unit)?.[1];
}

const folded = new Map<ImportKind, { field: string; aliases: string[] }[]>();
for (const kind of Object.keys(TARGET_FIELDS) as ImportKind[])
  folded.set(kind, TARGET_FIELDS[kind].map((f) => ({ field: f.field, aliases: f.aliases.map(foldKey) })));

/** How well a header names a field: exact > contains an alias > truncated alias (DBF names stop at 10 bytes); 0 = not at all. */
function score(header: string, aliases: readonly string[]): number {
  let best = 0;
  for (const a of aliases) {
    if (header === a) best = Math.max(best, 300 + a.length);
    else if (header.includes(a) && (isAscii(a) ? a.length >= 4 : a.length >= 2)) best = Math.max(best, 200 + a.length);
    else if (!isAscii(header) && header.length >= 3 && a.startsWith(header)) best = Math.max(best, 100 + header.length);
  }
  return best;
}

/**
 * The likeliest column for each target field. Each header is used at most once; the strongest
 * matches are taken first, so '企业名称' wins `name` over a '所属园区名称' column.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const candidates: { field: string; header: string; score: number; order: number }[] = [];
  headers.forEach((header, order) => {
    // The header with and without its unit: '单元' is a name, not 单 in yuan.
    const keys = [foldKey(splitHeader(header).base), foldKey(header)].filter(Boolean);
    for (const f of folded.get(kind) ?? []) {
      const s = Math.max(0, ...keys.map((key) => score(key, f.aliases)));
      if (s > 0) candidates.push({ field: f.field, header, score: s, order });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order);
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || used.has(c.header)) continue;
    mapping[c.field] = c.header;
    used.add(c.header);
  }
  return mapping;
}

/** Multipliers from the units written in the mapped headers (营业收入(万元) → revenue × 10000). */
export function suggestUnits(kind: ImportKind, mapping: ColumnMapping): ColumnUnits {
  const units: ColumnUnits = {};
  for (const f of TARGET_FIELDS[kind]) {
    const header = mapping[f.field];
    if (!f.quantity || !header) continue;
    const k = unitMultiplier(f.quantity, header);
    if (k !== undefined && k !== 1) units[f.field] = k;
  }
  return units;
}

/** Fields of a kind that hold money (a unit such as 万元 applies to them). */
export const moneyFields = (kind: ImportKind): string[] => TARGET_FIELDS[kind].filter((f) => f.quantity === 'yuan').map((f) => f.field);

/**
 * Units chosen by the user, for fields whose header does not say it (营业收入 without (万元)): an
 * object of field → multiplier or unit text ({"revenue": "万元"} or {"revenue": 10000}), or a text:
 * one unit for every money field ("万元") or "revenue=万元,profit=元". Throws an Error naming the
 * problem when a field or unit is unknown.
 */
export function parseUnitChoice(kind: ImportKind, value: unknown): ColumnUnits {
  let entries: [string, unknown][];
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text) return {};
    entries = text.includes('=')
      ? text.split(/[,;，；]/).filter((p) => p.trim()).map((p) => {
        const [field, unit = ''] = p.split('=');
        return [field.trim(), unit.trim()];
      })
      : moneyFields(kind).map((f) => [f, text]);
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    entries = Object.entries(value);
  } else {
    throw new Error('units must be a unit such as "万元", "revenue=万元,profit=元", or an object of field → unit or multiplier.');
  }
  const units: ColumnUnits = {};
  for (const [field, unit] of entries) {
    const target = TARGET_FIELDS[kind].find((f) => f.field === field);
    if (!target?.quantity) {
      const choices = TARGET_FIELDS[kind].filter((f) => f.quantity).map((f) => f.field);
      throw new Error(`units: ${JSON.stringify(field)} is not a field of ${kind} with a unit${choices.length ? ` (choose among ${choices.join(', ')})` : ''}.`);
    }
    let k: number | undefined;
    if (typeof unit === 'number') k = unit;
    else if (typeof unit === 'string' && /^\d+(\.\d+)?(e\d+)?$/i.test(unit.trim())) k = Number(unit);
    else if (typeof unit === 'string') k = UNITS[target.quantity].find(([u]) => u === unitKey(unit))?.[1];
    if (k === undefined || !Number.isFinite(k) || k <= 0)
      throw new Error(`units: ${JSON.stringify(unit)} is not a unit of ${field} (for instance ${UNITS[target.quantity].filter(([u]) => !isAscii(u)).slice(0, 5).map(([u]) => u).join(', ')}).`);
    units[field] = k;
  }
  return units;
}

/** Whether a mapped header says it holds figures cumulative from January: 累计, 本年累计, 1-7月, year to date. */
export function looksCumulative(header: string): boolean {
  const t = toSimplified(header.normalize('NFKC'));
  return /累计|year\s*-?\s*to\s*-?\s*date|\bytd\b|cumulative|1\s*[-—–~～至到]\s*\d{1,2}\s*月/i.test(t);
}

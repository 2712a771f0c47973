// Exports a planner can read (issue 15, item 4): the name of every exportable field in the three
// languages, with its unit, and the labels of its coded values (cluster, sub-industry, tags,
// district, town, renovation category and progress, value-park theme and elements). Shared by the
// browser's encoders (the export dialog) and the server's CSV/XLSX/GeoJSON (POST /api/exports),
// so a file says the same thing whoever wrote it. docs/architecture.md §6, "Readable exports".
//
// Two modes (`labels`):
// - `readable`: tables (CSV, XLSX) get headers in the language, labels for codes with the code kept
//   in a column right after it (产业集群, 产业集群代码), revenue in 万元 with the unit in the header,
//   other figures in the unit the interface shows (元/亩, 亩, 平方米), employees blank when missing,
//   the value parks' six elements as one line of text. Feature formats (GeoJSON, KML, Shapefile)
//   keep their stable property keys and stored units; their values get labels and each coded field
//   gets a `<key>Code` property beside it.
// - `codes`: the files as they were before: property keys as headers and codes as values.
import { industryClassByCode, industryDivisionByCode } from '../monitoring/industry-classes.ts';
import { clusterByCode, label, revenueTierOf, subIndustryByCode, taxonomy, type Label, type Lang } from '../taxonomy.ts';
import { townLabel } from '../towns.ts';
import type { ExtractFeature, ExtractLayer } from './extract-meta.ts';

export type ExtractLabels = 'readable' | 'codes';
export interface ExtractOptions {
  lang: Lang;
  labels: ExtractLabels;
}
export const CODES_ONLY: ExtractOptions = { lang: 'zh-Hans', labels: 'codes' };

/** How a column is typed in a spreadsheet: XLSX writes numbers as numbers and dates as dates. */
export type ColumnKind = 'text' | 'integer' | 'number' | 'date' | 'boolean';
/** A table cell: dates travel as YYYY-MM-DD text (the XLSX writer makes them dates). */
export type TableCell = string | number | boolean | null;

type Labeller = (code: string, lang: Lang) => string;

interface FieldSpec {
  name: Label;
  kind: ColumnKind;
  /** Codes of this field get labels; the code is kept in a column of its own. */
  coded?: Labeller;
  /** Readable tables divide the stored value by this (yuan → 万元: 10,000). */
  divide?: number;
  /** The stored value's name in feature formats when `divide` changes the unit in tables. */
  storedName?: Label;
}

const L = (zhHans: string, zhHant: string, en: string): Label => ({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en });

const entryLabel = <T extends { code: string; label: Label }>(list: readonly T[]): Labeller => {
  const byCode = new Map(list.map((e) => [e.code as string, e]));
  return (code, lang) => {
    const e = byCode.get(code);
    return e ? label(e, lang) : code;
  };
};

export const clusterName: Labeller = (code, lang) => {
  const c = clusterByCode(code);
  return c ? label(c, lang) : code;
};
export const subIndustryName: Labeller = (code, lang) => {
  const s = subIndustryByCode(code);
  return s ? label(s.sub, lang) : code;
};
export const futureIndustryName = entryLabel(taxonomy.futureIndustries);
export const tagName = entryLabel(taxonomy.enterpriseTags);
export const tierName = entryLabel(taxonomy.revenueTiers);
export const districtName = entryLabel(taxonomy.districts);
export const categoryName = entryLabel(taxonomy.renovationCategories);
export const progressName = entryLabel(taxonomy.renovationProgress);
export const elementName = entryLabel(taxonomy.valueParkElements);
export const townName: Labeller = townLabel;
/** A GB/T 4754 class by its official name (simplified or traditional); English gets the division's name and the class code. */
export const industryClassName: Labeller = (code, lang) => {
  const c = industryClassByCode(code);
  if (!c) return code;
  if (lang === 'zh-Hant') return c.nameZhHant ?? c.name;
  if (lang === 'en') {
    const d = industryDivisionByCode(c.division);
    return d ? `${label(d, 'en')} (${c.code})` : c.name;
  }
  return c.name;
};

const FIELDS: Record<ExtractLayer, Record<string, FieldSpec>> = {
  enterprises: {
    id: { name: L('编号', '編號', 'ID'), kind: 'integer' },
    name: { name: L('企业名称', '企業名稱', 'Enterprise'), kind: 'text' },
    creditCode: { name: L('统一社会信用代码', '統一社會信用代碼', 'Unified social credit code'), kind: 'text' },
    cluster: { name: L('产业集群', '產業集群', 'Industry cluster'), kind: 'text', coded: clusterName },
    subIndustry: { name: L('细分行业', '細分行業', 'Sub-industry'), kind: 'text', coded: subIndustryName },
    industryCode: { name: L('国民经济行业', '國民經濟行業', 'Industry class (GB/T 4754)'), kind: 'text', coded: industryClassName },
    futureIndustry: { name: L('未来产业', '未來產業', 'Future industry'), kind: 'text', coded: futureIndustryName },
    tags: { name: L('企业标签', '企業標籤', 'Tags'), kind: 'text', coded: tagName },
    revenue: { name: L('营业收入（万元）', '營業收入（萬元）', 'Revenue (CNY 10,000)'), kind: 'number', divide: 10_000, storedName: L('营业收入（元）', '營業收入（元）', 'Revenue (CNY)') },
    employees: { name: L('从业人员（人）', '從業人員（人）', 'Employees'), kind: 'integer' },
    district: { name: L('所在区', '所在區', 'District'), kind: 'text', coded: districtName },
    town: { name: L('镇街', '鎮街', 'Town or street'), kind: 'text', coded: townName },
    address: { name: L('地址', '地址', 'Address'), kind: 'text' },
    villageParkId: { name: L('所在村级工业园编号', '所在村級工業園編號', 'Village park ID'), kind: 'integer' },
    valueParkId: { name: L('所在价值创新园编号', '所在價值創新園編號', 'Value-innovation park ID'), kind: 'integer' },
    lon: { name: L('经度（WGS84）', '經度（WGS84）', 'Longitude (WGS84)'), kind: 'number' },
    lat: { name: L('纬度（WGS84）', '緯度（WGS84）', 'Latitude (WGS84)'), kind: 'number' },
  },
  parks: {
    id: { name: L('编号', '編號', 'ID'), kind: 'integer' },
    code: { name: L('园区代码', '園區代碼', 'Park code'), kind: 'text' },
    name: { name: L('园区名称', '園區名稱', 'Park'), kind: 'text' },
    district: { name: L('所在区', '所在區', 'District'), kind: 'text', coded: districtName },
    town: { name: L('镇街', '鎮街', 'Town or street'), kind: 'text', coded: townName },
    townName: { name: L('镇街名称（登记）', '鎮街名稱（登記）', 'Town name (as registered)'), kind: 'text' },
    village: { name: L('村（社区）', '村（社區）', 'Village'), kind: 'text' },
    areaMu: { name: L('占地面积（亩）', '佔地面積（畝）', 'Land area (mu)'), kind: 'number' },
    buildingAreaM2: { name: L('建筑面积（平方米）', '建築面積（平方米）', 'Floor area (m²)'), kind: 'number' },
    outputPerMu: { name: L('亩均产值（元/亩）', '畝均產值（元/畝）', 'Output per mu (yuan/mu)'), kind: 'number' },
    taxPerMu: { name: L('亩均税收（元/亩）', '畝均稅收（元/畝）', 'Tax per mu (yuan/mu)'), kind: 'number' },
    category: { name: L('改造类型', '改造類型', 'Renovation category'), kind: 'text', coded: categoryName },
    progress: { name: L('改造进度', '改造進度', 'Progress'), kind: 'text', coded: progressName },
    pilotYear: { name: L('试点年度', '試點年度', 'Pilot year'), kind: 'integer' },
    statusDate: { name: L('状态日期', '狀態日期', 'Status date'), kind: 'date' },
    version: { name: L('版本', '版本', 'Version'), kind: 'integer' },
  },
  'value-parks': {
    id: { name: L('编号', '編號', 'ID'), kind: 'integer' },
    code: { name: L('园区代码', '園區代碼', 'Park code'), kind: 'text' },
    name: { name: L('园区名称', '園區名稱', 'Park'), kind: 'text' },
    nameZhHant: { name: L('园区名称（繁体）', '園區名稱（繁體）', 'Park (traditional Chinese)'), kind: 'text' },
    nameEn: { name: L('园区名称（英文）', '園區名稱（英文）', 'Park (English)'), kind: 'text' },
    district: { name: L('所在区', '所在區', 'District'), kind: 'text', coded: districtName },
    theme: { name: L('主导产业', '主導產業', 'Leading industry'), kind: 'text', coded: clusterName },
    areaKm2: { name: L('面积（平方公里）', '面積（平方公里）', 'Area (km²)'), kind: 'number' },
    elements: { name: L('六要素', '六要素', 'Six elements'), kind: 'text' },
  },
};

const CODE_SUFFIX: Label = L('代码', '代碼', ' code');
const DEMO_HEADER: Label = L('演示数据', '示範資料', 'Demo data');
const DEMO_VALUE: Label = L('是（合成演示数据，非真实企业和园区）', '是（合成示範資料，非真實企業和園區）', 'yes (synthetic demo data, not real enterprises or parks)');
/** The demo notice in the user's language, beside the English one every export carries. */
export const DEMO_NOTICE_TEXT: Label = L(
  '演示数据：企业和园区均为合成数据，并非真实情况；见 data/README.md。',
  '示範資料：企業和園區均為合成資料，並非真實情況；見 data/README.md。',
  'Demo data: synthetic enterprises and parks; see data/README.md.',
);
const TIER_HEADER: Label = L('营收规模', '營收規模', 'Revenue tier');

/** The field's name in the language (with its unit where it has one); an unknown field keeps its key. */
export function fieldName(layer: ExtractLayer, field: string, lang: Lang, stored = false): string {
  const spec = FIELDS[layer][field];
  if (!spec) return field;
  return label(stored && spec.storedName ? spec.storedName : spec.name, lang);
}

/** The fields of a layer the catalogue names (tests check it covers every field the server exports). */
export const catalogueFields = (layer: ExtractLayer): string[] => Object.keys(FIELDS[layer]);

const listSeparator = (lang: Lang) => (lang === 'en' ? '; ' : '、');

interface ValueParkElementValue { code?: unknown; present?: unknown; note?: unknown }

/**
 * The six elements of a value-innovation park as one line: each element, whether the park has it,
 * and its note, e.g. "产业龙头：有（龙头企业待认定）；产业资金：无". Accepts the stored array of
 * {code, present, note}, its JSON text, or anything else (written as text, never `[object Object]`).
 */
export function elementsText(value: unknown, lang: Lang): string | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v as string;
    }
  }
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) return typeof v === 'object' ? JSON.stringify(v) : String(v);
  const [yes, no, colon, sep] = lang === 'en' ? ['yes', 'no', ': ', '; '] : lang === 'zh-Hant' ? ['有', '無', '：', '；'] : ['有', '无', '：', '；'];
  return v.map((e: ValueParkElementValue) => {
    if (typeof e !== 'object' || e === null) return String(e);
    const name = typeof e.code === 'string' ? elementName(e.code, lang) : '?';
    const note = typeof e.note === 'string' && e.note.trim() ? e.note.trim() : '';
    const has = e.present === false ? no : yes;
    return `${name}${colon}${has}${e.present !== false && note ? (lang === 'en' ? ` (${note})` : `（${note}）`) : ''}`;
  }).join(sep);
}

/** Codes as text: a list joined with `;` (as the code files always did), one code as it is. */
const codeText = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  return Array.isArray(value) ? value.map(String).join(';') : String(value);
};

function labelled(coded: Labeller, value: unknown, lang: Lang): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map((c) => coded(String(c), lang)).join(listSeparator(lang));
  return coded(String(value), lang);
}

const finite = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** A value as one text cell in codes mode: lists joined with `;`, null blank, objects as JSON (never `[object Object]`). */
export function flatCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.some((x) => typeof x === 'object' && x !== null) ? JSON.stringify(value) : value.join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** The property key this column comes from (`demo` for the demo column). */
  key: string;
  /** The cell from a row's properties. */
  cell: (props: Readonly<Record<string, unknown>>) => TableCell;
}

/**
 * The columns of a table (CSV, XLSX) of the chosen fields. Readable: a header in the language, a
 * label column and its code column for coded fields, revenue in 万元 followed by its tier, employees
 * and every figure blank when missing; codes: the keys and values as stored. `demo` adds the demo
 * column (a last column on every row: spreadsheet users sort rows, and a notice row would end up among them).
 */
export function tableColumns(layer: ExtractLayer, fields: readonly string[], options: ExtractOptions, demo: boolean): TableColumn[] {
  const { lang } = options;
  const columns: TableColumn[] = [];
  for (const key of fields) {
    const spec = FIELDS[layer][key];
    if (options.labels === 'codes' || !spec) {
      columns.push({ key, header: key, kind: spec?.kind === 'integer' || spec?.kind === 'number' ? spec.kind : 'text', cell: (p) => flatCell(p[key]) });
      continue;
    }
    const header = label(spec.name, lang);
    if (key === 'elements') {
      columns.push({ key, header, kind: 'text', cell: (p) => elementsText(p[key], lang) });
    } else if (spec.coded) {
      const coded = spec.coded;
      columns.push({ key, header, kind: 'text', cell: (p) => labelled(coded, p[key], lang) });
      columns.push({ key, header: `${header}${label(CODE_SUFFIX, lang)}`, kind: 'text', cell: (p) => codeText(p[key]) });
    } else if (spec.kind === 'integer' || spec.kind === 'number') {
      const divide = spec.divide ?? 1;
      columns.push({ key, header, kind: spec.kind, cell: (p) => {
        const n = finite(p[key]);
        return n === null ? null : n / divide;
      } });
      if (key === 'revenue') {
        columns.push({ key, header: label(TIER_HEADER, lang), kind: 'text', cell: (p) => {
          const n = finite(p[key]);
          const tier = n === null ? undefined : revenueTierOf(n);
          return tier ? tierName(tier.code, lang) : null;
        } });
      }
    } else {
      columns.push({ key, header, kind: spec.kind, cell: (p) => {
        const v = p[key];
        return v === null || v === undefined || v === '' ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(flatCell(v));
      } });
    }
  }
  if (demo && !fields.includes('demo')) {
    columns.push(options.labels === 'codes'
      ? { key: 'demo', header: 'demo', kind: 'boolean', cell: () => true }
      : { key: 'demo', header: label(DEMO_HEADER, lang), kind: 'text', cell: () => label(DEMO_VALUE, lang) });
  }
  return columns;
}

/** The name of each property a readable feature carries (the `fieldLabels` member of a GeoJSON export). */
export function featureFieldLabels(layer: ExtractLayer, fields: readonly string[], lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of readableFeatureFields(layer, fields)) {
    const base = key.endsWith('Code') && FIELDS[layer][key.slice(0, -4)]?.coded ? key.slice(0, -4) : null;
    out[key] = base ? `${fieldName(layer, base, lang)}${label(CODE_SUFFIX, lang)}` : fieldName(layer, key, lang, true);
  }
  return out;
}

/** The keys a readable feature carries: each chosen field, and `<key>Code` right after a coded one. */
export function readableFeatureFields(layer: ExtractLayer, fields: readonly string[]): string[] {
  return fields.flatMap((key) => (FIELDS[layer][key]?.coded && !fields.includes(`${key}Code`) ? [key, `${key}Code`] : [key]));
}

/** A feature's properties with labels for codes (stable keys, stored units; `<key>Code` keeps the code, elements become text). */
export function readableProperties(layer: ExtractLayer, props: Readonly<Record<string, unknown>>, fields: readonly string[], lang: Lang): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of fields) {
    const spec = FIELDS[layer][key];
    const v = props[key] ?? null;
    if (key === 'elements' && spec) out[key] = elementsText(v, lang);
    else if (spec?.coded) {
      out[key] = labelled(spec.coded, v, lang);
      if (!fields.includes(`${key}Code`)) out[`${key}Code`] = v;
    } else out[key] = v;
  }
  return out;
}

/** Features with readable properties and the keys they now carry, for the feature encoders (GeoJSON, KML, Shapefile). */
export function readableFeatures(layer: ExtractLayer, features: readonly ExtractFeature[], fields: readonly string[], lang: Lang): { features: ExtractFeature[]; fields: string[] } {
  return {
    fields: readableFeatureFields(layer, fields),
    features: features.map((f) => ({ ...f, properties: readableProperties(layer, { ...f.properties, ...pointLonLat(f, fields) }, fields, lang) })),
  };
}

// A point's lon/lat, when chosen but not among its properties, come from its geometry (as featureFields does).
function pointLonLat(f: ExtractFeature, fields: readonly string[]): Record<string, number> {
  const g = f.geometry;
  const out: Record<string, number> = {};
  if (g?.type !== 'Point') return out;
  if (fields.includes('lon') && (f.properties?.lon ?? null) === null) out.lon = Math.round(g.coordinates[0] * 1e7) / 1e7;
  if (fields.includes('lat') && (f.properties?.lat ?? null) === null) out.lat = Math.round(g.coordinates[1] * 1e7) / 1e7;
  return out;
}

/** The language of a request, Simplified Chinese (the bureau's working script) when absent or unknown. */
export const extractLang = (x: unknown): Lang => (x === 'zh-Hant' || x === 'en' ? x : 'zh-Hans');

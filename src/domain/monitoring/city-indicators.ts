// Key-city indicators (重点城市指标对比, architecture §5 "Key-city indicators"): published figures of
// Guangzhou and the cities the plan compares it with, one per (city, indicator, year), each with the
// source it was reported in. This module is the vocabulary and the rules — the cities, the indicator
// catalogue (unit, growth rate or not, the denominators a share may have) and the check of one
// figure — shared by the server, the import validator, the dashboard card and the tests. No database.
//
// Conventions. Money in 亿元, shares and growth rates in per cent (67.6 means 67.6 %), counts as
// whole numbers, areas in km². A figure that covers only part of a year says so in `coverage`
// ('1-11' = January to November; null = the whole year), so it is never set beside a full year
// without a mark. A share names its denominator (2019's advanced-manufacturing share of Guangzhou is
// of above-scale *industrial* value added, 2021's of above-scale *manufacturing* value added). Where a
// source says "over", "about" or "expected", `qualifier` keeps it. `value` null means no published
// figure was found: it is shown as such and never filled in.
import type { Lang } from '../taxonomy.ts';

type Labels = Record<Lang, string>;

export interface CityDef {
  code: string;
  label: Labels;
  /** The city whose bureau runs this platform. */
  home?: boolean;
}

/** Guangzhou first, then the cities of the comparison (the plan's list), then Ningbo (the champions' leader in the published ranking). */
export const CITIES: readonly CityDef[] = [
  { code: 'guangzhou', label: { 'zh-Hans': '广州', 'zh-Hant': '廣州', en: 'Guangzhou' }, home: true },
  { code: 'shenzhen', label: { 'zh-Hans': '深圳', 'zh-Hant': '深圳', en: 'Shenzhen' } },
  { code: 'shanghai', label: { 'zh-Hans': '上海', 'zh-Hant': '上海', en: 'Shanghai' } },
  { code: 'beijing', label: { 'zh-Hans': '北京', 'zh-Hant': '北京', en: 'Beijing' } },
  { code: 'chongqing', label: { 'zh-Hans': '重庆', 'zh-Hant': '重慶', en: 'Chongqing' } },
  { code: 'tianjin', label: { 'zh-Hans': '天津', 'zh-Hant': '天津', en: 'Tianjin' } },
  { code: 'suzhou', label: { 'zh-Hans': '苏州', 'zh-Hant': '蘇州', en: 'Suzhou' } },
  { code: 'hangzhou', label: { 'zh-Hans': '杭州', 'zh-Hant': '杭州', en: 'Hangzhou' } },
  { code: 'wuhan', label: { 'zh-Hans': '武汉', 'zh-Hant': '武漢', en: 'Wuhan' } },
  { code: 'chengdu', label: { 'zh-Hans': '成都', 'zh-Hant': '成都', en: 'Chengdu' } },
  { code: 'dongguan', label: { 'zh-Hans': '东莞', 'zh-Hant': '東莞', en: 'Dongguan' } },
  { code: 'foshan', label: { 'zh-Hans': '佛山', 'zh-Hant': '佛山', en: 'Foshan' } },
  { code: 'ningbo', label: { 'zh-Hans': '宁波', 'zh-Hant': '寧波', en: 'Ningbo' } },
];

export const HOME_CITY = 'guangzhou';

export type CityUnit = '亿元' | '%' | 'count' | 'km²';

/** What a share is a share of. */
export type Denominator = 'aboveScaleIndustryVA' | 'aboveScaleManufacturingVA' | 'aboveScaleIndustryOutput';

export const DENOMINATORS: Readonly<Record<Denominator, Labels>> = {
  aboveScaleIndustryVA: { 'zh-Hans': '占规模以上工业增加值', 'zh-Hant': '佔規模以上工業增加值', en: 'of above-scale industrial value added' },
  aboveScaleManufacturingVA: { 'zh-Hans': '占规模以上制造业增加值', 'zh-Hant': '佔規模以上製造業增加值', en: 'of above-scale manufacturing value added' },
  aboveScaleIndustryOutput: { 'zh-Hans': '占规模以上工业总产值', 'zh-Hant': '佔規模以上工業總產值', en: 'of above-scale industrial output' },
};

/** How a source qualified a number: 超过 (over), 约 (about), 预计超过 (expected to exceed). */
export type Qualifier = 'over' | 'about' | 'expectedOver';
export const QUALIFIERS: Readonly<Record<Qualifier, Labels>> = {
  over: { 'zh-Hans': '超过', 'zh-Hant': '超過', en: 'over' },
  about: { 'zh-Hans': '约', 'zh-Hant': '約', en: 'about' },
  expectedOver: { 'zh-Hans': '预计超过', 'zh-Hant': '預計超過', en: 'expected over' },
};

export type IndicatorGroup = 'industry' | 'firms' | 'guangzhou';

export interface CityIndicatorDef {
  code: string;
  label: Labels;
  unit: CityUnit;
  /** A growth rate on the year before (per cent, may be negative). */
  growth: boolean;
  /** For shares: the denominators it may have (one is required). Absent for anything else. */
  denominators?: readonly Denominator[];
  group: IndicatorGroup;
}

const ind = (code: string, zhHans: string, zhHant: string, en: string, unit: CityUnit, group: IndicatorGroup, extra: Partial<CityIndicatorDef> = {}): CityIndicatorDef =>
  ({ code, label: { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en }, unit, growth: false, group, ...extra });
const SHARE_OF_VA: readonly Denominator[] = ['aboveScaleIndustryVA', 'aboveScaleManufacturingVA'];

/**
 * The catalogue. Above-scale (规模以上) amounts and growth rates are kept apart from those whose
 * source does not say above-scale (`industry…`: usually all industry), so the two are never
 * compared in one column.
 */
export const CITY_INDICATORS: readonly CityIndicatorDef[] = [
  ind('valueAdded', '规上工业增加值', '規上工業增加值', 'Above-scale industrial value added', '亿元', 'industry'),
  ind('valueAddedGrowth', '规上工业增加值增速', '規上工業增加值增速', 'Above-scale industrial value added, growth', '%', 'industry', { growth: true }),
  ind('output', '规上工业总产值', '規上工業總產值', 'Above-scale industrial output', '亿元', 'industry'),
  ind('outputGrowth', '规上工业总产值增速', '規上工業總產值增速', 'Above-scale industrial output, growth', '%', 'industry', { growth: true }),
  ind('industryValueAdded', '工业增加值（未注明规上）', '工業增加值（未註明規上）', 'Industrial value added (scope not stated)', '亿元', 'industry'),
  ind('industryValueAddedGrowth', '工业增加值增速（未注明规上）', '工業增加值增速（未註明規上）', 'Industrial value added, growth (scope not stated)', '%', 'industry', { growth: true }),
  ind('industryOutput', '工业总产值（未注明规上）', '工業總產值（未註明規上）', 'Industrial output (scope not stated)', '亿元', 'industry'),
  ind('industryOutputGrowth', '工业总产值增速（未注明规上）', '工業總產值增速（未註明規上）', 'Industrial output, growth (scope not stated)', '%', 'industry', { growth: true }),
  ind('amValueAdded', '先进制造业增加值', '先進製造業增加值', 'Advanced-manufacturing value added', '亿元', 'industry'),
  ind('amShare', '先进制造业增加值占比', '先進製造業增加值佔比', 'Advanced-manufacturing share', '%', 'industry', { denominators: SHARE_OF_VA }),
  ind('htShare', '高技术制造业增加值占比', '高技術製造業增加值佔比', 'High-tech manufacturing share', '%', 'industry', { denominators: SHARE_OF_VA }),
  ind('strategicEmergingShare', '战略性新兴产业占比', '戰略性新興產業佔比', 'Strategic emerging industries share', '%', 'industry', { denominators: ['aboveScaleIndustryOutput', 'aboveScaleIndustryVA'] }),
  ind('investment', '工业投资', '工業投資', 'Industrial investment', '亿元', 'industry'),
  ind('investmentGrowth', '工业投资增速', '工業投資增速', 'Industrial investment, growth', '%', 'industry', { growth: true }),
  ind('techUpgradeInvestment', '工业技术改造投资', '工業技術改造投資', 'Technical-upgrading investment', '亿元', 'industry'),
  ind('techUpgradeInvestmentGrowth', '工业技术改造投资增速', '工業技術改造投資增速', 'Technical-upgrading investment, growth', '%', 'industry', { growth: true }),
  ind('aboveScaleEnterprises', '规上工业企业数', '規上工業企業數', 'Above-scale industrial enterprises', 'count', 'firms'),
  ind('highTechEnterprises', '高新技术企业数', '高新技術企業數', 'High-tech enterprises', 'count', 'firms'),
  ind('srdiGiants', '国家级专精特新"小巨人"企业（累计）', '國家級專精特新「小巨人」企業（累計）', 'National SRDI "little giants" (cumulative)', 'count', 'firms'),
  ind('singleChampions', '制造业单项冠军（累计）', '製造業單項冠軍（累計）', 'Manufacturing single-item champions (cumulative)', 'count', 'firms'),
  ind('autoClusterOutput', '汽车产业集群产值', '汽車產業集群產值', 'Automobile cluster output', '亿元', 'guangzhou'),
  ind('uhdClusterOutput', '超高清视频及新型显示产业集群产值', '超高清視頻及新型顯示產業集群產值', 'UHD video and new display cluster output', '亿元', 'guangzhou'),
  ind('villageParks', '村级工业园数量', '村級工業園數量', 'Village industrial parks', 'count', 'guangzhou'),
  ind('villageParkArea', '村级工业园占地面积', '村級工業園佔地面積', 'Village industrial parks, land area', 'km²', 'guangzhou'),
  ind('pilotParks', '提质增效试点园区（首批）', '提質增效試點園區（首批）', 'Pilot parks (first batch)', 'count', 'guangzhou'),
  ind('renovatedArea', '村级工业园累计整治面积', '村級工業園累計整治面積', 'Village parks renovated (cumulative area)', 'km²', 'guangzhou'),
  ind('renovationInvestment', '村级工业园改造新增投资', '村級工業園改造新增投資', 'New investment in renovated parks', '亿元', 'guangzhou'),
  ind('renovationFirms', '改造园区引进企业', '改造園區引進企業', 'Firms brought into renovated parks', 'count', 'guangzhou'),
  ind('renovationJobs', '改造园区新增就业', '改造園區新增就業', 'Jobs created in renovated parks', 'count', 'guangzhou'),
];

const CITY_BY_CODE = new Map(CITIES.map((c) => [c.code, c]));
const INDICATOR_BY_CODE = new Map(CITY_INDICATORS.map((i) => [i.code, i]));

export const cityDef = (code: string): CityDef | undefined => CITY_BY_CODE.get(code);
export const cityIndicatorDef = (code: string): CityIndicatorDef | undefined => INDICATOR_BY_CODE.get(code);
export const cityLabel = (code: string, lang: Lang): string => CITY_BY_CODE.get(code)?.label[lang] ?? code;
export const cityIndicatorLabel = (code: string, lang: Lang): string => INDICATOR_BY_CODE.get(code)?.label[lang] ?? code;
export const isShare = (d: CityIndicatorDef): boolean => Boolean(d.denominators);

/** Months a coverage covers, from January: '1-11' → {from: 1, to: 11}; null (the whole year) → null. */
export function coverageMonths(coverage: string | null): { from: number; to: number } | null {
  if (coverage === null) return null;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(coverage);
  return m ? { from: Number(m[1]), to: Number(m[2]) } : null;
}

/**
 * A coverage as people write it → the stored form: '1-11', '1-11月', '1—11月', '1至11月', 'Jan-Nov'
 * → '1-11'; '', '全年', 'full year', '1-12' → null (the whole year); undefined when unreadable.
 */
export function parseCoverage(text: string | null | undefined): string | null | undefined {
  const t = (text ?? '').normalize('NFKC').trim().toLowerCase().replace(/\s/g, '');
  if (t === '' || ['全年', '全年度', 'fullyear', 'year', 'annual'].includes(t)) return null;
  const names = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const m = /^(\d{1,2})月?[-—–~～至到](\d{1,2})月?份?$/.exec(t) ?? /^([a-z]{3})[a-z]*\.?[-—–~～]([a-z]{3})[a-z]*\.?$/.exec(t);
  if (!m) return undefined;
  const month = (s: string) => (/^\d+$/.test(s) ? Number(s) : names.indexOf(s) + 1);
  const [from, to] = [month(m[1]), month(m[2])];
  if (from !== 1 || to < 1 || to > 12) return undefined;
  return to === 12 ? null : `1-${to}`;
}

/** A figure as entered or imported, before it is stored. */
export interface CityFigureInput {
  city: string;
  indicator: string;
  year: number;
  value: number | null;
  /** Optional: when given it must be the indicator's unit. */
  unit?: string | null;
  denominator?: string | null;
  coverage?: string | null;
  qualifier?: string | null;
  sourceTitle?: string | null;
  sourceUrl?: string | null;
  note?: string | null;
}

export interface FigureProblem {
  field: keyof CityFigureInput;
  message: string;
}

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/**
 * The problems of one figure (an empty list when it is valid), as plain English sentences naming the
 * value. Rules: a known city and indicator; a year 2000–2100; a value that is a finite number or
 * null (no published figure); amounts, counts and shares not negative, shares at most 100, counts
 * whole, growth rates above −100 %; the indicator's unit; a share names one of its denominators and
 * nothing else does; a coverage '1-N' (N 1–11); a known qualifier; a value has a source (title or
 * URL), and a URL is http(s).
 */
export function validateCityFigure(f: CityFigureInput): FigureProblem[] {
  const problems: FigureProblem[] = [];
  const add = (field: keyof CityFigureInput, message: string) => problems.push({ field, message });
  if (!cityDef(f.city)) add('city', `${JSON.stringify(f.city)} is not a city of the comparison (${CITIES.map((c) => c.code).join(', ')}).`);
  const def = cityIndicatorDef(f.indicator);
  if (!def) add('indicator', `${JSON.stringify(f.indicator)} is not a key-city indicator (${CITY_INDICATORS.map((i) => i.code).join(', ')}).`);
  if (!Number.isInteger(f.year) || f.year < FIRST_YEAR || f.year > LAST_YEAR) add('year', `the year ${JSON.stringify(f.year)} must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}.`);
  const v = f.value;
  if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) add('value', `${JSON.stringify(v)} is not a number (leave it empty when no figure was published).`);
  else if (v !== null && def) {
    if (def.growth) {
      if (v <= -100) add('value', `a growth rate of ${v} % is impossible (it must be above −100 %).`);
    } else if (v < 0) add('value', `${v} is negative; ${def.label.en} cannot be.`);
    else if (isShare(def) && v > 100) add('value', `a share of ${v} % is more than 100 %.`);
    else if (def.unit === 'count' && !Number.isInteger(v)) add('value', `${v} is not a whole number of ${def.label.en.toLowerCase()}.`);
  }
  if (def && f.unit != null && f.unit !== '' && normaliseUnit(f.unit) !== def.unit)
    add('unit', `${def.label.en} is given in ${def.unit}, not ${JSON.stringify(f.unit)}.`);
  if (def && isShare(def)) {
    if (!f.denominator) add('denominator', `a share must say what it is a share of (${def.denominators!.join(' or ')}).`);
    else if (!def.denominators!.includes(f.denominator as Denominator))
      add('denominator', `${JSON.stringify(f.denominator)} is not a denominator of ${def.label.en} (${def.denominators!.join(' or ')}).`);
  } else if (def && f.denominator) add('denominator', `${def.label.en} is no share: it has no denominator.`);
  if (f.coverage != null) {
    const c = coverageMonths(f.coverage);
    if (!c || c.from !== 1 || c.to < 1 || c.to > 11)
      add('coverage', `the coverage ${JSON.stringify(f.coverage)} must be "1-N" (January to month N, N from 1 to 11), or empty for the whole year.`);
  }
  if (f.qualifier != null && !(f.qualifier in QUALIFIERS)) add('qualifier', `${JSON.stringify(f.qualifier)} is not a qualifier (${Object.keys(QUALIFIERS).join(', ')}).`);
  if (f.sourceUrl && !/^https?:\/\/\S+$/i.test(f.sourceUrl)) add('sourceUrl', `the source address ${JSON.stringify(f.sourceUrl)} must start with http:// or https://.`);
  if (v !== null && !f.sourceTitle?.trim() && !f.sourceUrl?.trim()) add('sourceTitle', 'a figure needs its source: give the title or publisher, or the address, where it was published.');
  return problems;
}

/** A unit as written (亿元, %, 个, 家, 项, 平方公里 …) → the catalogue's; the text itself when unknown. */
export function normaliseUnit(unit: string): string {
  const u = unit.normalize('NFKC').trim().toLowerCase();
  if (['亿元', '億元', '亿', '億', '100millionyuan'].includes(u)) return '亿元';
  if (['%', 'percent', '百分比', '百分点'].includes(u)) return '%';
  if (['count', '个', '個', '家', '项', '項', '人', '座', '户', '戶', 'number'].includes(u)) return 'count';
  if (['km²', 'km2', '平方公里', '平方千米'].includes(u)) return 'km²';
  return unit;
}

/** The key of a figure: `${city}:${indicator}:${year}` (import records, history). */
export const cityFigureKey = (f: { city: string; indicator: string; year: number }) => `${f.city}:${f.indicator}:${f.year}`;

// The answers of /api/city-indicators, for the server and the app.

/** One published figure (value null: no published figure). Shares and growth rates in per cent, money in 亿元. */
export interface CityFigure { city: string; indicator: string; year: number; value: number | null; unit: string; denominator: string | null; coverage: string | null; sourceTitle: string | null; sourceUrl: string | null; note: string | null; version: number; id: number }

/** What the API answers: the figure, how its source qualified the number, who changed it last and when. */
export interface CityFigureRow extends CityFigure {
  qualifier: string | null;
  demo: boolean;
  updatedBy: string;
  updatedAt: string;
}

export interface CityFigureChange {
  version: number;
  changedAt: string;
  username: string;
  reason: string;
  importId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

// UI strings of the monitoring dashboard, kept out of the map's catalogue so they travel in the
// dashboard's own (lazy) chunk.
import type { Metric } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const messages = {
  title: { 'zh-Hans': '产业监测看板', 'zh-Hant': '產業監測看板', en: 'Industry monitoring dashboard' },
  backToMap: { 'zh-Hans': '返回地图', 'zh-Hant': '返回地圖', en: 'Back to the map' },
  toDashboard: { 'zh-Hans': '监测看板', 'zh-Hant': '監測看板', en: 'Dashboard' },
  period: { 'zh-Hans': '报告期', 'zh-Hant': '報告期', en: 'Period' },
  year: { 'zh-Hans': '全年', 'zh-Hant': '全年', en: 'Year' },
  cumulative: { 'zh-Hans': '1月至本期累计', 'zh-Hant': '1月至本期累計', en: 'Year to date' },
  metric: { 'zh-Hans': '指标', 'zh-Hant': '指標', en: 'Indicator' },
  clusterPick: { 'zh-Hans': '产业集群', 'zh-Hant': '產業集群', en: 'Cluster' },
  allManufacturing: { 'zh-Hans': '全部制造业', 'zh-Hant': '全部製造業', en: 'All manufacturing' },
  filtersFromMap: { 'zh-Hans': '筛选条件（来自地图）：{text}', 'zh-Hant': '篩選條件（來自地圖）：{text}', en: 'Filters (from the map): {text}' },
  clearFilters: { 'zh-Hans': '清除筛选', 'zh-Hant': '清除篩選', en: 'Clear filters' },
  freshness: { 'zh-Hans': '{period} · 数据截至 {through}', 'zh-Hant': '{period} · 數據截至 {through}', en: '{period} · data through {through}' },
  demoNote: { 'zh-Hans': '演示数据：企业及其经营数据为程序生成，城市总量按公开数据校准（见 data/README.md）。', 'zh-Hant': '演示數據：企業及其經營數據為程式生成，城市總量按公開數據校準（見 data/README.md）。', en: 'Demo data: enterprises and their figures are synthetic; city totals are calibrated to published figures (see data/README.md).' },
  targetsTitle: { 'zh-Hans': '集群规模与 2021 年目标', 'zh-Hant': '集群規模與 2021 年目標', en: 'Cluster scale against the 2021 targets' },
  targetsNote: { 'zh-Hans': '集群规模按工业总产值计。', 'zh-Hant': '集群規模按工業總產值計。', en: 'Cluster scale is gross industrial output.' },
  target: { 'zh-Hans': '目标', 'zh-Hant': '目標', en: 'Target' },
  attainment: { 'zh-Hans': '完成', 'zh-Hant': '完成', en: 'Attained' },
  yoy: { 'zh-Hans': '同比', 'zh-Hant': '同比', en: 'Year on year' },
  needed: { 'zh-Hans': '需年均增长', 'zh-Hant': '需年均增長', en: 'Growth needed a year' },
  reached: { 'zh-Hans': '已达目标', 'zh-Hant': '已達目標', en: 'Target reached' },
  amTitle: { 'zh-Hans': '先进制造业增加值', 'zh-Hant': '先進製造業增加值', en: 'Advanced-manufacturing value added' },
  amShareTitle: { 'zh-Hans': '占规上制造业增加值比重', 'zh-Hant': '占規上製造業增加值比重', en: 'Share of above-scale manufacturing value added' },
  trendTitle: { 'zh-Hans': '月度走势：{metric}（{cluster}）', 'zh-Hant': '月度走勢：{metric}（{cluster}）', en: 'Monthly trend: {metric} ({cluster})' },
  trendCumulative: { 'zh-Hans': '累计', 'zh-Hant': '累計', en: 'cumulative' },
  rankingTitle: { 'zh-Hans': '{by}排名：{metric}', 'zh-Hant': '{by}排名：{metric}', en: 'Ranking by {by}: {metric}' },
  rankingHint: { 'zh-Hans': '点击行政区可按该区筛选。', 'zh-Hant': '點擊行政區可按該區篩選。', en: 'Click a district to filter by it.' },
  compositionTitle: { 'zh-Hans': '构成：{metric}', 'zh-Hant': '構成：{metric}', en: 'Composition: {metric}' },
  tagsTitle: { 'zh-Hans': '重点企业标签：{metric}', 'zh-Hant': '重點企業標籤：{metric}', en: 'Key enterprise tags: {metric}' },
  byDistrict: { 'zh-Hans': '行政区', 'zh-Hant': '行政區', en: 'district' },
  byTown: { 'zh-Hans': '镇街', 'zh-Hant': '鎮街', en: 'town' },
  byVillagePark: { 'zh-Hans': '村级工业园', 'zh-Hant': '村級工業園', en: 'village park' },
  byValuePark: { 'zh-Hans': '价值创新园区', 'zh-Hant': '價值創新園區', en: 'value-innovation park' },
  rank: { 'zh-Hans': '名次', 'zh-Hant': '名次', en: 'Rank' },
  name: { 'zh-Hans': '名称', 'zh-Hant': '名稱', en: 'Name' },
  value: { 'zh-Hans': '数值', 'zh-Hant': '數值', en: 'Value' },
  enterprises: { 'zh-Hans': '企业数', 'zh-Hant': '企業數', en: 'Enterprises' },
  change: { 'zh-Hans': '同比变化', 'zh-Hant': '同比變化', en: 'Change on last year' },
  suppressed: { 'zh-Hans': '—', 'zh-Hant': '—', en: '—' },
  suppressedNote: { 'zh-Hans': '“—”：企业少于 3 家，按统计保密规定不公开。', 'zh-Hant': '「—」：企業少於 3 家，按統計保密規定不公開。', en: '“—”: fewer than 3 enterprises; not published under statistical confidentiality rules.' },
  noData: { 'zh-Hans': '该报告期没有数据。', 'zh-Hant': '該報告期沒有數據。', en: 'No figures for this period.' },
  loading: { 'zh-Hans': '正在加载…', 'zh-Hant': '正在載入…', en: 'Loading…' },
  loadError: { 'zh-Hans': '数据无法加载：', 'zh-Hant': '數據無法載入：', en: 'The figures could not be loaded: ' },
  showTable: { 'zh-Hans': '表格', 'zh-Hant': '表格', en: 'Table' },
  showChart: { 'zh-Hans': '图表', 'zh-Hant': '圖表', en: 'Chart' },
  downloadCsv: { 'zh-Hans': '下载 CSV', 'zh-Hant': '下載 CSV', en: 'Download CSV' },
  downloadSvg: { 'zh-Hans': '下载 SVG', 'zh-Hant': '下載 SVG', en: 'Download SVG' },
  downloadPng: { 'zh-Hans': '下载 PNG', 'zh-Hant': '下載 PNG', en: 'Download PNG' },
  month: { 'zh-Hans': '月份', 'zh-Hant': '月份', en: 'Month' },
} satisfies Record<string, Strings>;

export type DashboardKey = keyof typeof messages;
export const dt = (key: DashboardKey, lang: Lang): string => messages[key][lang];
export const dtf = (key: DashboardKey, lang: Lang, vars: Record<string, string | number>): string =>
  dt(key, lang).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

const METRIC_LABELS: Record<Metric, Strings> = {
  revenue: { 'zh-Hans': '营业收入', 'zh-Hant': '營業收入', en: 'Revenue' },
  output: { 'zh-Hans': '工业总产值', 'zh-Hant': '工業總產值', en: 'Gross industrial output' },
  valueAdded: { 'zh-Hans': '工业增加值', 'zh-Hant': '工業增加值', en: 'Industrial value added' },
  profit: { 'zh-Hans': '利润总额', 'zh-Hant': '利潤總額', en: 'Total profit' },
  tax: { 'zh-Hans': '税金', 'zh-Hant': '稅金', en: 'Tax' },
  employees: { 'zh-Hans': '从业人员（平均）', 'zh-Hant': '從業人員（平均）', en: 'Employees (average)' },
  enterprises: { 'zh-Hans': '企业数', 'zh-Hant': '企業數', en: 'Enterprises' },
  amValueAdded: { 'zh-Hans': '先进制造业增加值', 'zh-Hant': '先進製造業增加值', en: 'Advanced-manufacturing value added' },
  amShare: { 'zh-Hans': '先进制造业增加值占比', 'zh-Hant': '先進製造業增加值占比', en: 'Advanced-manufacturing share' },
  htValueAdded: { 'zh-Hans': '高技术制造业增加值', 'zh-Hant': '高技術製造業增加值', en: 'High-tech manufacturing value added' },
  htShare: { 'zh-Hans': '高技术制造业增加值占比', 'zh-Hant': '高技術製造業增加值占比', en: 'High-tech manufacturing share' },
};

export const metricLabel = (m: Metric, lang: Lang) => METRIC_LABELS[m][lang];

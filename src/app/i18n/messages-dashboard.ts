// The names of the dashboard's metrics; the dashboard's messages are in the catalogue (§10 of
// docs/architecture.md).
import type { Metric } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

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
  outputPerMu: { 'zh-Hans': '亩均产值', 'zh-Hant': '畝均產值', en: 'Output per mu' },
  taxPerMu: { 'zh-Hans': '亩均税收', 'zh-Hant': '畝均稅收', en: 'Tax per mu' },
};

export const metricLabel = (m: Metric, lang: Lang) => METRIC_LABELS[m][lang];

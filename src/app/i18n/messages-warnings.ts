// Early warnings (监测预警): the labels of severities, subjects, kinds and rule parameters. Their
// messages are in the catalogue (§10 of docs/architecture.md).
import type { Severity, SubjectType, WarningKind } from '../../domain/monitoring/warnings.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const SEVERITY_LABELS: Record<Severity, Strings> = {
  high: { 'zh-Hans': '高', 'zh-Hant': '高', en: 'High' },
  medium: { 'zh-Hans': '中', 'zh-Hant': '中', en: 'Medium' },
  low: { 'zh-Hans': '低', 'zh-Hant': '低', en: 'Low' },
};
export const severityLabel = (s: Severity, lang: Lang) => SEVERITY_LABELS[s][lang];

const SUBJECT_LABELS: Record<SubjectType, Strings> = {
  cluster: { 'zh-Hans': '产业集群', 'zh-Hant': '產業集群', en: 'Cluster' },
  enterprise: { 'zh-Hans': '企业', 'zh-Hant': '企業', en: 'Enterprise' },
  villagePark: { 'zh-Hans': '村级工业园', 'zh-Hant': '村級工業園', en: 'Village park' },
  valuePark: { 'zh-Hans': '价值创新园区', 'zh-Hant': '價值創新園區', en: 'Value-innovation park' },
};
export const subjectLabel = (s: SubjectType, lang: Lang) => SUBJECT_LABELS[s][lang];

/** A rule kind's short name (the editor's rows). */
const KIND_NAMES: Record<WarningKind, Strings> = {
  clusterBehindTarget: { 'zh-Hans': '集群进度滞后于目标', 'zh-Hant': '集群進度滯後於目標', en: 'Cluster behind its target' },
  enterpriseRevenueDrop: { 'zh-Hans': '企业营业收入大幅下降', 'zh-Hant': '企業營業收入大幅下降', en: 'Enterprise revenue falling sharply' },
  belowThreshold: { 'zh-Hans': '规上企业有退规风险', 'zh-Hant': '規上企業有退規風險', en: 'Above-scale enterprise falling below the standard' },
  parkOutputPerMuFell: { 'zh-Hans': '园区亩均产值下降', 'zh-Hant': '園區畝均產值下降', en: 'Park output per mu falling' },
};
export const kindName = (k: WarningKind, lang: Lang) => KIND_NAMES[k][lang];

/** The rule in words, with its threshold ({percent} is filled in by the caller). */
const KIND_WORDS: Record<WarningKind, Strings> = {
  clusterBehindTarget: { 'zh-Hans': '工业总产值1月至本期末累计增速低于完成目标尚需的年均增速', 'zh-Hant': '工業總產值1月至本期末累計增速低於完成目標尚需的年均增速', en: 'Output growth from January to the end of the period below the yearly growth the target still needs' },
  enterpriseRevenueDrop: { 'zh-Hans': '营业收入比上年同期下降超过 {percent}', 'zh-Hant': '營業收入比上年同期下降超過 {percent}', en: 'Revenue down more than {percent} on the same period last year' },
  belowThreshold: { 'zh-Hans': '营业收入低于规上标准（按月折算）', 'zh-Hant': '營業收入低於規上標準（按月折算）', en: 'Revenue below the above-scale standard (pro rata)' },
  parkOutputPerMuFell: { 'zh-Hans': '亩均产值比上年同期下降超过 {percent}', 'zh-Hant': '畝均產值比上年同期下降超過 {percent}', en: 'Output per mu down more than {percent} on the same period last year' },
};
export const kindWords = (k: WarningKind, lang: Lang, percent: string) => KIND_WORDS[k][lang].replace('{percent}', percent);

/** Parameter names in the editor, with the unit they are typed in. */
const PARAM_LABELS: Record<string, Strings> = {
  tolerance: { 'zh-Hans': '容差（百分点）', 'zh-Hant': '容差（百分點）', en: 'Tolerance (points)' },
  percent: { 'zh-Hans': '降幅（%）', 'zh-Hant': '降幅（%）', en: 'Fall (%)' },
  annualRevenue: { 'zh-Hans': '规上标准（万元/年）', 'zh-Hant': '規上標準（萬元/年）', en: 'Standard (CNY 10,000 a year)' },
};
export const paramLabel = (name: string, lang: Lang) => PARAM_LABELS[name]?.[lang] ?? name;

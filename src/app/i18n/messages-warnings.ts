// UI strings of the early warnings (监测预警) on the dashboard and their rules editor, in the
// dashboard's own (lazy) chunk like messages-dashboard.ts.
import type { Severity, SubjectType, WarningKind } from '../../domain/monitoring/warnings.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const messages = {
  title: { 'zh-Hans': '监测预警', 'zh-Hant': '監測預警', en: 'Early warnings' },
  note: { 'zh-Hans': '按管理员设定的规则，对比上年同期', 'zh-Hant': '按管理員設定的規則，對比上年同期', en: 'Rules set by the administrators, against the same period last year' },
  total: { 'zh-Hans': '共 {n} 条预警', 'zh-Hant': '共 {n} 條預警', en: '{n} warnings' },
  listed: { 'zh-Hans': '列出前 {n} 条（按级别、规模排序）。', 'zh-Hant': '列出前 {n} 條（按級別、規模排序）。', en: 'The first {n} are listed (by severity, then size).' },
  none: { 'zh-Hans': '本期没有预警。', 'zh-Hant': '本期沒有預警。', en: 'No warnings for this period.' },
  loading: { 'zh-Hans': '正在加载…', 'zh-Hant': '正在載入…', en: 'Loading…' },
  loadError: { 'zh-Hans': '预警加载失败：', 'zh-Hant': '預警載入失敗：', en: 'Could not load the warnings: ' },
  byDistrict: { 'zh-Hans': '各区预警数', 'zh-Hant': '各區預警數', en: 'Warnings by district' },
  hiddenNote: { 'zh-Hans': '企业和园区的预警涉及企业经营数据，仅对有权限的用户显示。', 'zh-Hant': '企業和園區的預警涉及企業經營數據，僅對有權限的用戶顯示。', en: 'Warnings about single enterprises and parks rest on confidential figures and are shown to authorised users only.' },
  officialNote: { 'zh-Hans': '仅显示{district}的企业和园区预警。', 'zh-Hant': '僅顯示{district}的企業和園區預警。', en: 'Enterprise and park warnings of {district} only.' },
  colSeverity: { 'zh-Hans': '级别', 'zh-Hant': '級別', en: 'Severity' },
  colSubject: { 'zh-Hans': '对象', 'zh-Hant': '對象', en: 'Subject' },
  colDistrict: { 'zh-Hans': '区', 'zh-Hant': '區', en: 'District' },
  colRule: { 'zh-Hans': '预警规则', 'zh-Hant': '預警規則', en: 'Rule' },
  colValue: { 'zh-Hans': '本期', 'zh-Hant': '本期', en: 'This period' },
  colPrevious: { 'zh-Hans': '上年同期', 'zh-Hant': '上年同期', en: 'Same period last year' },
  colChange: { 'zh-Hans': '同比', 'zh-Hant': '同比', en: 'Year on year' },
  colThreshold: { 'zh-Hans': '阈值', 'zh-Hant': '閾值', en: 'Threshold' },
  onMap: { 'zh-Hans': '地图', 'zh-Hant': '地圖', en: 'Map' },
  onMapTitle: { 'zh-Hans': '在地图上查看{name}', 'zh-Hant': '在地圖上查看{name}', en: 'Show {name} on the map' },
  cityWide: { 'zh-Hans': '全市', 'zh-Hant': '全市', en: 'City' },
  perMu: { 'zh-Hans': '/亩', 'zh-Hant': '/畝', en: ' per mu' },
  // The rules editor (administrators).
  editorTitle: { 'zh-Hans': '预警规则设置', 'zh-Hant': '預警規則設定', en: 'Warning rules' },
  editorNote: { 'zh-Hans': '修改即时生效，每次修改连同原因留有记录。', 'zh-Hant': '修改即時生效，每次修改連同原因留有記錄。', en: 'Changes apply at once; each is kept with its reason.' },
  enabled: { 'zh-Hans': '启用', 'zh-Hant': '啟用', en: 'On' },
  reason: { 'zh-Hans': '修改原因', 'zh-Hant': '修改原因', en: 'Reason' },
  save: { 'zh-Hans': '保存', 'zh-Hant': '儲存', en: 'Save' },
  saved: { 'zh-Hans': '已保存（第 {version} 版）', 'zh-Hant': '已儲存（第 {version} 版）', en: 'Saved (version {version})' },
  stale: { 'zh-Hans': '规则已被他人修改，已重新载入，请核对后再保存。', 'zh-Hant': '規則已被他人修改，已重新載入，請核對後再儲存。', en: 'Someone changed this rule meanwhile; it was reloaded. Check it and save again.' },
  needReason: { 'zh-Hans': '请填写修改原因。', 'zh-Hant': '請填寫修改原因。', en: 'Please give a reason.' },
  badParam: { 'zh-Hans': '{name}应在 {min} 至 {max} 之间。', 'zh-Hant': '{name}應在 {min} 至 {max} 之間。', en: '{name} must be between {min} and {max}.' },
} satisfies Record<string, Strings>;

export type WarningsKey = keyof typeof messages;
export const wt = (key: WarningsKey, lang: Lang): string => messages[key][lang];
export const wtf = (key: WarningsKey, lang: Lang, vars: Record<string, string | number>): string =>
  wt(key, lang).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

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

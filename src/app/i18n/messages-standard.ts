// Strings of the classification standard (村级工业园分类整治标准): the suggestion in the park panel,
// the map's contradiction toggle, the administrators' editor, and the reasons and conditions (data
// from src/domain/renovation-standard.ts) in words.
import {
  ZONE_TYPE_LABELS, type Comparison, type StandardCondition, type StandardMetric, type StandardReason, type ZoneRelation, type ZoneType,
} from '../../domain/renovation-standard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { categoryLabel, formatNumber } from './format.ts';

type Strings = Record<Lang, string>;

const messages = {
  standardOpen: { 'zh-Hans': '分类整治标准', 'zh-Hant': '分類整治標準', en: 'Classification standard' },
  standardKicker: { 'zh-Hans': '村级工业园', 'zh-Hant': '村級工業園', en: 'Village industrial parks' },
  standardTitle: { 'zh-Hans': '分类整治标准', 'zh-Hant': '分類整治標準', en: 'Classification standard' },
  standardIntro: {
    'zh-Hans': '按行动计划“制定村级工业园分类整治标准”：规则自上而下逐条判断，第一条全部条件成立的规则给出建议分类（淘汰关停、功能转换、改造提升）。',
    'zh-Hant': '按行動計劃「制定村級工業園分類整治標準」：規則自上而下逐條判斷，第一條全部條件成立的規則給出建議分類（淘汰關停、功能轉換、改造提升）。',
    en: 'The plan asks for a classification standard: rules are tried from the top; the first rule whose conditions all hold suggests the category (eliminate, convert, upgrade).',
  },
  standardJudgement: {
    'zh-Hans': '第 1 版为系统预置的默认标准，阈值是本系统的判断，不是官方发布的标准。',
    'zh-Hant': '第 1 版為系統預置的預設標準，閾值是本系統的判斷，不是官方發布的標準。',
    en: 'Version 1 is the system\'s default: its thresholds are our judgement, not a published standard.',
  },
  standardLoading: { 'zh-Hans': '正在加载标准…', 'zh-Hant': '正在載入標準…', en: 'Loading the standard…' },
  standardLoadError: { 'zh-Hans': '无法加载标准：', 'zh-Hant': '無法載入標準：', en: 'The standard could not be loaded: ' },
  // The park panel
  suggestionTitle: { 'zh-Hans': '分类整治标准建议', 'zh-Hant': '分類整治標準建議', en: 'The standard suggests' },
  suggestionVersion: { 'zh-Hans': '第 {version} 版标准', 'zh-Hant': '第 {version} 版標準', en: 'standard version {version}' },
  suggestionNone: { 'zh-Hans': '没有规则适用于此园区。', 'zh-Hant': '沒有規則適用於此園區。', en: 'No rule applies to this park.' },
  suggestionRule: { 'zh-Hans': '依据第 {rule} 条规则：', 'zh-Hant': '依據第 {rule} 條規則：', en: 'By rule {rule}:' },
  contradicts: {
    'zh-Hans': '与标准不一致：现为“{current}”，标准建议“{suggested}”',
    'zh-Hant': '與標準不一致：現為「{current}」，標準建議「{suggested}」',
    en: 'Contradicts the standard: now "{current}", the standard suggests "{suggested}"',
  },
  agrees: { 'zh-Hans': '与当前分类一致', 'zh-Hant': '與當前分類一致', en: 'Agrees with the current category' },
  unclassifiedHint: { 'zh-Hans': '园区尚未分类，可参考此建议', 'zh-Hant': '園區尚未分類，可參考此建議', en: 'The park is not classified yet: the suggestion may guide it' },
  suggestionLoading: { 'zh-Hans': '正在计算标准建议…', 'zh-Hant': '正在計算標準建議…', en: 'Applying the standard…' },
  suggestionError: { 'zh-Hans': '无法计算标准建议：', 'zh-Hant': '無法計算標準建議：', en: 'The suggestion could not be computed: ' },
  // The map toggle
  contradictionToggle: { 'zh-Hans': '标出与分类标准不一致的园区', 'zh-Hant': '標出與分類標準不一致的園區', en: 'Mark parks that contradict the standard' },
  contradictionCount: { 'zh-Hans': '{count} 个园区与标准不一致', 'zh-Hant': '{count} 個園區與標準不一致', en: '{count} parks contradict the standard' },
  // The editor
  activeVersion: { 'zh-Hans': '现行：第 {version} 版（{date} 起施行）', 'zh-Hant': '現行：第 {version} 版（{date} 起施行）', en: 'In force: version {version} (since {date})' },
  draftVersion: { 'zh-Hans': '草稿：第 {version} 版', 'zh-Hant': '草稿：第 {version} 版', en: 'Draft: version {version}' },
  noDraft: { 'zh-Hans': '暂无草稿。', 'zh-Hant': '暫無草稿。', en: 'No draft.' },
  newDraft: { 'zh-Hans': '以现行标准为基础新建草稿', 'zh-Hant': '以現行標準為基礎新建草稿', en: 'New draft from the standard in force' },
  saveDraft: { 'zh-Hans': '保存草稿', 'zh-Hant': '儲存草稿', en: 'Save the draft' },
  discardDraft: { 'zh-Hans': '放弃草稿', 'zh-Hant': '放棄草稿', en: 'Discard the draft' },
  previewDraft: { 'zh-Hans': '预览变化', 'zh-Hant': '預覽變化', en: 'Preview the changes' },
  activateDraft: { 'zh-Hans': '启用此版本', 'zh-Hant': '啟用此版本', en: 'Activate this version' },
  activateConfirm: {
    'zh-Hans': '启用第 {version} 版后，现行版本将停用（保留备查）。建议分类变化的园区：{moved} 个。确定启用？',
    'zh-Hant': '啟用第 {version} 版後，現行版本將停用（保留備查）。建議分類變化的園區：{moved} 個。確定啟用？',
    en: 'Activating version {version} retires the version in force (it is kept). Parks whose suggestion changes: {moved}. Activate?',
  },
  saved: { 'zh-Hans': '草稿已保存。', 'zh-Hant': '草稿已儲存。', en: 'The draft was saved.' },
  activated: { 'zh-Hans': '第 {version} 版已启用。', 'zh-Hant': '第 {version} 版已啟用。', en: 'Version {version} is in force.' },
  unsaved: { 'zh-Hans': '有未保存的修改，请先保存再预览或启用。', 'zh-Hant': '有未儲存的修改，請先儲存再預覽或啟用。', en: 'There are unsaved changes: save them before previewing or activating.' },
  rulesTitle: { 'zh-Hans': '规则（按顺序判断）', 'zh-Hant': '規則（按順序判斷）', en: 'Rules (tried in order)' },
  ruleN: { 'zh-Hans': '第 {n} 条', 'zh-Hant': '第 {n} 條', en: 'Rule {n}' },
  ruleSuggests: { 'zh-Hans': '建议', 'zh-Hant': '建議', en: 'suggests' },
  ruleIf: { 'zh-Hans': '当', 'zh-Hant': '當', en: 'when' },
  ruleOtherwise: { 'zh-Hans': '其余所有园区', 'zh-Hant': '其餘所有園區', en: 'every other park' },
  ruleAnd: { 'zh-Hans': '且', 'zh-Hant': '且', en: 'and' },
  ruleNote: { 'zh-Hans': '备注', 'zh-Hant': '備註', en: 'Note' },
  versionNote: { 'zh-Hans': '版本说明', 'zh-Hant': '版本說明', en: 'About this version' },
  threshold: { 'zh-Hans': '阈值', 'zh-Hant': '閾值', en: 'Threshold' },
  moveUp: { 'zh-Hans': '上移', 'zh-Hant': '上移', en: 'Move up' },
  moveDown: { 'zh-Hans': '下移', 'zh-Hant': '下移', en: 'Move down' },
  removeRule: { 'zh-Hans': '删除规则', 'zh-Hant': '刪除規則', en: 'Remove the rule' },
  addRule: { 'zh-Hans': '添加规则', 'zh-Hant': '添加規則', en: 'Add a rule' },
  addMetric: { 'zh-Hans': '+ 指标条件', 'zh-Hant': '+ 指標條件', en: '+ figure condition' },
  addZone: { 'zh-Hans': '+ 区域条件', 'zh-Hant': '+ 區域條件', en: '+ zone condition' },
  removeCondition: { 'zh-Hans': '删除条件', 'zh-Hant': '刪除條件', en: 'Remove the condition' },
  previewTitle: { 'zh-Hans': '第 {to} 版与现行第 {from} 版相比', 'zh-Hant': '第 {to} 版與現行第 {from} 版相比', en: 'Version {to} against version {from} in force' },
  previewSummary: {
    'zh-Hans': '{parks} 个园区中，{moved} 个的建议分类会变化；与标准不一致的园区由 {before} 个变为 {after} 个。',
    'zh-Hant': '{parks} 個園區中，{moved} 個的建議分類會變化；與標準不一致的園區由 {before} 個變為 {after} 個。',
    en: 'Of {parks} parks, {moved} would get another suggestion; parks contradicting the standard: {before} → {after}.',
  },
  previewNone: { 'zh-Hans': '没有园区的建议分类变化。', 'zh-Hant': '沒有園區的建議分類變化。', en: 'No park\'s suggestion changes.' },
  colFrom: { 'zh-Hans': '原建议', 'zh-Hant': '原建議', en: 'From' },
  colTo: { 'zh-Hans': '新建议', 'zh-Hant': '新建議', en: 'To' },
  colCount: { 'zh-Hans': '园区数', 'zh-Hant': '園區數', en: 'Parks' },
  colDistrict: { 'zh-Hans': '区', 'zh-Hant': '區', en: 'District' },
  colMoved: { 'zh-Hans': '变化园区', 'zh-Hant': '變化園區', en: 'Parks moving' },
  byDistrictTitle: { 'zh-Hans': '各区变化', 'zh-Hant': '各區變化', en: 'By district' },
  noRule: { 'zh-Hans': '无建议', 'zh-Hant': '無建議', en: 'none' },
  zonesTitle: { 'zh-Hans': '已导入的管控区域', 'zh-Hant': '已匯入的管控區域', en: 'Zones imported' },
  zonesNone: {
    'zh-Hans': '尚未导入管控区域：区域条件暂不成立（在“数据导入”中选择“管控区域”导入）。',
    'zh-Hant': '尚未匯入管控區域：區域條件暫不成立（在「數據匯入」中選擇「管控區域」匯入）。',
    en: 'No zones imported yet: zone conditions do not hold (import them as "Planning and protection zones").',
  },
  zoneCount: { 'zh-Hans': '{zone}：{count} 个', 'zh-Hant': '{zone}：{count} 個', en: '{zone}: {count}' },
  historyTitle: { 'zh-Hans': '历史版本', 'zh-Hant': '歷史版本', en: 'Versions' },
  statusActive: { 'zh-Hans': '现行', 'zh-Hant': '現行', en: 'in force' },
  statusDraft: { 'zh-Hans': '草稿', 'zh-Hant': '草稿', en: 'draft' },
  statusRetired: { 'zh-Hans': '已停用', 'zh-Hant': '已停用', en: 'retired' },
  versionLine: { 'zh-Hans': '第 {version} 版 · {status} · {rules} 条规则 · {by}', 'zh-Hant': '第 {version} 版 · {status} · {rules} 條規則 · {by}', en: 'Version {version} · {status} · {rules} rules · {by}' },
  // Figures and comparisons
  metric_outputPerMu: { 'zh-Hans': '亩均产值', 'zh-Hant': '畝均產值', en: 'output per mu' },
  metric_taxPerMu: { 'zh-Hans': '亩均税收', 'zh-Hant': '畝均稅收', en: 'tax per mu' },
  metric_plotRatio: { 'zh-Hans': '容积率', 'zh-Hant': '容積率', en: 'plot ratio' },
  metric_buildingAreaM2: { 'zh-Hans': '建筑面积', 'zh-Hant': '建築面積', en: 'building area' },
  metric_areaMu: { 'zh-Hans': '占地面积', 'zh-Hant': '佔地面積', en: 'land area' },
  op_lt: { 'zh-Hans': '低于', 'zh-Hant': '低於', en: 'below' },
  op_lte: { 'zh-Hans': '不高于', 'zh-Hant': '不高於', en: 'at most' },
  op_gt: { 'zh-Hans': '高于', 'zh-Hant': '高於', en: 'above' },
  op_gte: { 'zh-Hans': '不低于', 'zh-Hant': '不低於', en: 'at least' },
  rel_intersects: { 'zh-Hans': '涉及', 'zh-Hant': '涉及', en: 'overlaps' },
  rel_within: { 'zh-Hans': '位于', 'zh-Hant': '位於', en: 'lies within' },
  rel_outside: { 'zh-Hans': '不涉及', 'zh-Hant': '不涉及', en: 'lies outside' },
  unit_yuanPerMu: { 'zh-Hans': '万元/亩', 'zh-Hant': '萬元/畝', en: '¥10k per mu' },
  unit_m2: { 'zh-Hans': '平方米', 'zh-Hant': '平方米', en: 'm²' },
  unit_mu: { 'zh-Hans': '亩', 'zh-Hant': '畝', en: 'mu' },
  sourceEnterprises: { 'zh-Hans': '{year}年企业经营数据', 'zh-Hant': '{year}年企業經營數據', en: 'enterprises\' figures of {year}' },
  sourceBaseline: { 'zh-Hans': '园区台账数据', 'zh-Hant': '園區台賬數據', en: 'the park register' },
} satisfies Record<string, Strings>;

export type StandardKey = keyof typeof messages;
export const stt = (key: StandardKey, lang: Lang): string => messages[key][lang];
export const sttf = (key: StandardKey, lang: Lang, vars: Record<string, string | number>): string =>
  stt(key, lang).replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));

export const zoneTypeLabel = (t: ZoneType, lang: Lang) => ZONE_TYPE_LABELS[t][lang];
export const metricName = (m: StandardMetric, lang: Lang) => stt(`metric_${m}`, lang);
export const opName = (op: Comparison, lang: Lang) => stt(`op_${op}`, lang);
export const relationName = (r: ZoneRelation, lang: Lang) => stt(`rel_${r}`, lang);

/** The unit a metric's thresholds are entered in, and the factor from it to the stored unit (yuan per mu: 万元). */
export function metricUnit(m: StandardMetric, lang: Lang): { unit: string; factor: number } {
  if (m === 'outputPerMu' || m === 'taxPerMu') return { unit: stt('unit_yuanPerMu', lang), factor: 10_000 };
  if (m === 'buildingAreaM2') return { unit: stt('unit_m2', lang), factor: 1 };
  if (m === 'areaMu') return { unit: stt('unit_mu', lang), factor: 1 };
  return { unit: '', factor: 1 };
}

/** A figure in its display unit: 15 万元/亩, 0.8, 12,000 平方米. */
export function metricText(m: StandardMetric, value: number, lang: Lang): string {
  const { unit, factor } = metricUnit(m, lang);
  const v = formatNumber(value / factor, lang, m === 'plotRatio' ? 2 : factor > 1 ? 2 : 0);
  return unit ? `${v}${lang === 'en' ? ' ' : ''}${unit}` : v;
}

/** A condition in words: 亩均产值低于 15 万元/亩; 涉及生态保护红线. */
export function conditionText(c: StandardCondition, lang: Lang): string {
  if (c.kind === 'metric') return `${metricName(c.metric, lang)}${lang === 'en' ? ' ' : ''}${opName(c.op, lang)}${lang === 'en' ? ' ' : ''}${metricText(c.metric, c.value, lang)}`;
  return `${relationName(c.relation, lang)}${lang === 'en' ? ' the ' : ''}${zoneTypeLabel(c.zoneType, lang)}`;
}

/** A reason of a suggestion in words, with the park's own figure and where it comes from. */
export function reasonText(r: StandardReason, lang: Lang): string {
  const sp = lang === 'en' ? ' ' : '';
  switch (r.code) {
    case 'metric': {
      const p = r.params;
      const source = p.source === 'enterprises' && p.year ? sttf('sourceEnterprises', lang, { year: p.year }) : stt('sourceBaseline', lang);
      const perMu = p.metric === 'outputPerMu' || p.metric === 'taxPerMu';
      const value = metricText(p.metric, p.value, lang);
      const limit = `${opName(p.op, lang)}${sp}${metricText(p.metric, p.threshold, lang)}`;
      if (lang === 'en') return `${metricName(p.metric, lang)} ${value}${perMu ? ` (${source})` : ''}, ${limit}`;
      return `${metricName(p.metric, lang)}${value}${perMu ? `（${source}）` : ''}，${limit}`;
    }
    case 'zone': {
      const names = r.params.zones.join(lang === 'en' ? ', ' : '、');
      return lang === 'en' ? `${relationName(r.params.relation, lang)} the ${zoneTypeLabel(r.params.zoneType, lang)} (${names})` : `${relationName(r.params.relation, lang)}${zoneTypeLabel(r.params.zoneType, lang)}（${names}）`;
    }
    case 'outsideZone':
      return `${relationName('outside', lang)}${lang === 'en' ? ' the ' : ''}${zoneTypeLabel(r.params.zoneType, lang)}`;
    case 'otherwise':
      return stt('ruleOtherwise', lang);
  }
}

export const suggestedLabel = (c: string | null, lang: Lang) => (c === null || c === 'none' ? stt('noRule', lang) : categoryLabel(c, lang));

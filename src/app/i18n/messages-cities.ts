// UI strings of the key-city comparison card (重点城市指标对比) on the dashboard, in the dashboard's
// own (lazy) chunk like messages-dashboard.ts. City and indicator names come from
// src/domain/monitoring/city-indicators.ts.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const messages = {
  title: { 'zh-Hans': '重点城市指标对比', 'zh-Hant': '重點城市指標對比', en: 'Key cities compared' },
  note: {
    'zh-Hans': '公开报道数据，按原文及来源记录，非本平台统计；未见公开数据的不作推算。',
    'zh-Hant': '公開報道數據，按原文及來源記錄，非本平台統計；未見公開數據的不作推算。',
    en: 'Published figures, recorded as reported with their sources, not computed here; nothing missing is estimated.',
  },
  indicator: { 'zh-Hans': '指标', 'zh-Hant': '指標', en: 'Indicator' },
  groupIndustry: { 'zh-Hans': '工业经济', 'zh-Hant': '工業經濟', en: 'Industry' },
  groupFirms: { 'zh-Hans': '企业', 'zh-Hant': '企業', en: 'Enterprises' },
  groupGuangzhou: { 'zh-Hans': '广州专项', 'zh-Hant': '廣州專項', en: 'Guangzhou only' },
  city: { 'zh-Hans': '城市', 'zh-Hant': '城市', en: 'City' },
  yearCol: { 'zh-Hans': '{year}年', 'zh-Hant': '{year}年', en: '{year}' },
  missing: { 'zh-Hans': '未见公开数据', 'zh-Hant': '未見公開數據', en: 'No published figure' },
  home: { 'zh-Hans': '本市', 'zh-Hant': '本市', en: 'this city' },
  coverage: { 'zh-Hans': '1—{to}月', 'zh-Hant': '1—{to}月', en: 'Jan–{to}' },
  partialNote: {
    'zh-Hans': '标有月份范围的为年内累计数，不可与全年数据直接比较。',
    'zh-Hant': '標有月份範圍的為年內累計數，不可與全年數據直接比較。',
    en: 'Figures marked with months cover part of the year only; do not compare them with full years.',
  },
  denominators: { 'zh-Hans': '占比口径', 'zh-Hant': '佔比口徑', en: 'Shares' },
  sources: { 'zh-Hans': '来源', 'zh-Hant': '來源', en: 'Sources' },
  noUrl: { 'zh-Hans': '（无网址）', 'zh-Hant': '（無網址）', en: '(no address)' },
  seeAlso: { 'zh-Hans': '另见：', 'zh-Hant': '另見：', en: 'See also: ' },
  loading: { 'zh-Hans': '正在加载…', 'zh-Hant': '正在載入…', en: 'Loading…' },
  loadError: { 'zh-Hans': '重点城市指标加载失败：', 'zh-Hant': '重點城市指標載入失敗：', en: 'Could not load the key-city figures: ' },
  // The editor (administrators).
  edit: { 'zh-Hans': '编辑', 'zh-Hant': '編輯', en: 'Edit' },
  editCell: { 'zh-Hans': '编辑{city}{year}年数据', 'zh-Hant': '編輯{city}{year}年數據', en: 'Edit {city}, {year}' },
  editorTitle: { 'zh-Hans': '{city} · {year}年 · {indicator}', 'zh-Hant': '{city} · {year}年 · {indicator}', en: '{city} · {year} · {indicator}' },
  value: { 'zh-Hans': '数值（{unit}）', 'zh-Hant': '數值（{unit}）', en: 'Value ({unit})' },
  valueHint: { 'zh-Hans': '留空表示未见公开数据', 'zh-Hant': '留空表示未見公開數據', en: 'Empty = no published figure' },
  qualifier: { 'zh-Hans': '原文表述', 'zh-Hant': '原文表述', en: 'As worded' },
  qualifierNone: { 'zh-Hans': '确数', 'zh-Hant': '確數', en: 'exact' },
  coverageLabel: { 'zh-Hans': '统计期', 'zh-Hant': '統計期', en: 'Period' },
  fullYear: { 'zh-Hans': '全年', 'zh-Hant': '全年', en: 'Full year' },
  denominator: { 'zh-Hans': '分母', 'zh-Hant': '分母', en: 'Share of' },
  sourceTitle: { 'zh-Hans': '来源（标题或发布机构）', 'zh-Hant': '來源（標題或發布機構）', en: 'Source (title or publisher)' },
  sourceUrl: { 'zh-Hans': '来源网址', 'zh-Hant': '來源網址', en: 'Source address' },
  noteLabel: { 'zh-Hans': '备注', 'zh-Hant': '備註', en: 'Note' },
  reason: { 'zh-Hans': '修改原因', 'zh-Hant': '修改原因', en: 'Reason' },
  save: { 'zh-Hans': '保存', 'zh-Hant': '儲存', en: 'Save' },
  cancel: { 'zh-Hans': '取消', 'zh-Hant': '取消', en: 'Cancel' },
  saved: { 'zh-Hans': '已保存（第 {version} 版）', 'zh-Hant': '已儲存（第 {version} 版）', en: 'Saved (version {version})' },
  stale: { 'zh-Hans': '该数据已被他人修改，已重新载入，请核对后再保存。', 'zh-Hant': '該數據已被他人修改，已重新載入，請核對後再儲存。', en: 'Someone changed this figure meanwhile; it was reloaded. Check it and save again.' },
  needReason: { 'zh-Hans': '请填写修改原因。', 'zh-Hant': '請填寫修改原因。', en: 'Please give a reason.' },
  badValue: { 'zh-Hans': '数值应为数字，或留空。', 'zh-Hant': '數值應為數字，或留空。', en: 'The value must be a number, or empty.' },
  needSource: { 'zh-Hans': '有数值时须注明来源。', 'zh-Hant': '有數值時須註明來源。', en: 'A figure needs its source.' },
  refused: { 'zh-Hans': '未保存：', 'zh-Hant': '未儲存：', en: 'Not saved: ' },
} satisfies Record<string, Strings>;

export type CitiesKey = keyof typeof messages;
export const ct = (key: CitiesKey, lang: Lang): string => messages[key][lang];
export const ctf = (key: CitiesKey, lang: Lang, vars: Record<string, string | number>): string =>
  ct(key, lang).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

const UNIT_LABELS: Record<string, Strings> = {
  亿元: { 'zh-Hans': '亿元', 'zh-Hant': '億元', en: 'CNY 100 m' },
  '%': { 'zh-Hans': '%', 'zh-Hant': '%', en: '%' },
  count: { 'zh-Hans': '个', 'zh-Hant': '個', en: 'count' },
  'km²': { 'zh-Hans': '平方公里', 'zh-Hant': '平方公里', en: 'km²' },
};
export const unitLabel = (unit: string, lang: Lang) => UNIT_LABELS[unit]?.[lang] ?? unit;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '1-11' → 1—11月 / Jan–Nov. */
export const coverageText = (to: number, lang: Lang) => ctf('coverage', lang, { to: lang === 'en' ? MONTHS_EN[to - 1] : to });

// UI strings of the dashboard's enterprise list (the drill-down's last step), in the dashboard's chunk.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const messages = {
  title: { 'zh-Hans': '企业明细', 'zh-Hant': '企業明細', en: 'Enterprises' },
  note: { 'zh-Hans': '当前筛选条件下的企业，点击企业名称在地图上查看其月度数据。', 'zh-Hant': '當前篩選條件下的企業，點擊企業名稱在地圖上查看其月度數據。', en: 'The enterprises of the current filters; a name opens the enterprise and its monthly figures on the map.' },
  confidential: {
    'zh-Hans': '单个企业的经营数据属于保密信息，仅向规划、区级管理和系统管理账号显示。请登录相应账号查看企业明细。',
    'zh-Hant': '單個企業的經營數據屬於保密資訊，僅向規劃、區級管理和系統管理帳號顯示。請登入相應帳號查看企業明細。',
    en: 'The figures of single enterprises are confidential: only planners, district officials and administrators see them. Log in with such an account to see the list.',
  },
  rankedBy: { 'zh-Hans': '所选指标没有单个企业的数值，按{metric}列示。', 'zh-Hant': '所選指標沒有單個企業的數值，按{metric}列示。', en: 'The chosen indicator has no value per enterprise; listed by {metric}.' },
  name: { 'zh-Hans': '企业名称', 'zh-Hant': '企業名稱', en: 'Enterprise' },
  place: { 'zh-Hans': '区 · 镇街', 'zh-Hant': '區 · 鎮街', en: 'District · town' },
  cluster: { 'zh-Hans': '产业集群', 'zh-Hant': '產業集群', en: 'Cluster' },
  value: { 'zh-Hans': '{metric}（{unit}）', 'zh-Hant': '{metric}（{unit}）', en: '{metric} ({unit})' },
  lastYear: { 'zh-Hans': '上年同期（{unit}）', 'zh-Hant': '上年同期（{unit}）', en: 'Same period last year ({unit})' },
  change: { 'zh-Hans': '同比', 'zh-Hant': '同比', en: 'Change' },
  unitWan: { 'zh-Hans': '万元', 'zh-Hant': '萬元', en: 'CNY 10,000' },
  unitPersons: { 'zh-Hans': '人', 'zh-Hant': '人', en: 'persons' },
  sortBy: { 'zh-Hans': '按{column}排序', 'zh-Hant': '按{column}排序', en: 'Sort by {column}' },
  range: { 'zh-Hans': '第 {from}–{to} 条，共 {total} 家', 'zh-Hant': '第 {from}–{to} 條，共 {total} 家', en: '{from}–{to} of {total} enterprises' },
  previous: { 'zh-Hans': '上一页', 'zh-Hant': '上一頁', en: 'Previous' },
  next: { 'zh-Hans': '下一页', 'zh-Hant': '下一頁', en: 'Next' },
  pageOf: { 'zh-Hans': '第 {page} / {pages} 页', 'zh-Hant': '第 {page} / {pages} 頁', en: 'Page {page} of {pages}' },
  pages: { 'zh-Hans': '分页', 'zh-Hant': '分頁', en: 'Pages' },
  loading: { 'zh-Hans': '正在加载企业明细…', 'zh-Hant': '正在載入企業明細…', en: 'Loading the enterprises…' },
  empty: { 'zh-Hans': '当前筛选条件下没有企业。', 'zh-Hant': '當前篩選條件下沒有企業。', en: 'No enterprise matches the current filters.' },
  error: { 'zh-Hans': '企业明细无法加载：', 'zh-Hant': '企業明細無法載入：', en: 'The enterprises could not be loaded: ' },
  noFigure: { 'zh-Hans': '未报', 'zh-Hant': '未報', en: 'not reported' },
} satisfies Record<string, Strings>;

export type EnterpriseTableKey = keyof typeof messages;
export const et = (key: EnterpriseTableKey, lang: Lang): string => messages[key][lang];
export const etf = (key: EnterpriseTableKey, lang: Lang, vars: Record<string, string | number>): string =>
  et(key, lang).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

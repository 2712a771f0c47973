// UI strings of the monitoring reports card: asking for a report, its progress, the archive,
// publication and schedules.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

const messages = {
  title: { 'zh-Hans': '监测报告', 'zh-Hant': '監測報告', en: 'Monitoring reports' },
  note: {
    'zh-Hans': '按报告期生成监测报告（PDF 与 Word），含目标进度、区排名、园区改造与重点城市对比；发布后内容不再改变。',
    'zh-Hant': '按報告期生成監測報告（PDF 與 Word），含目標進度、區排名、園區改造與重點城市對比；發布後內容不再改變。',
    en: 'Monitoring reports for a period (PDF and Word): targets, district ranking, park renovation and the key-city comparison; a published report never changes.',
  },
  archiveNote: { 'zh-Hans': '已发布的公开版监测报告。', 'zh-Hant': '已發布的公開版監測報告。', en: 'Published public monitoring reports.' },
  period: { 'zh-Hans': '报告期', 'zh-Hant': '報告期', en: 'Period' },
  audience: { 'zh-Hans': '版本', 'zh-Hant': '版本', en: 'Audience' },
  internal: { 'zh-Hans': '内部版', 'zh-Hant': '內部版', en: 'Internal' },
  public: { 'zh-Hans': '公开版', 'zh-Hant': '公開版', en: 'Public' },
  asOf: { 'zh-Hans': '数据截至日期（可选）', 'zh-Hant': '數據截至日期（可選）', en: 'Data as of (optional)' },
  generate: { 'zh-Hans': '生成报告', 'zh-Hant': '生成報告', en: 'Generate report' },
  queued: { 'zh-Hans': '排队中', 'zh-Hant': '排隊中', en: 'Queued' },
  running: { 'zh-Hans': '生成中 {pct}', 'zh-Hant': '生成中 {pct}', en: 'Generating {pct}' },
  done: { 'zh-Hans': '已生成', 'zh-Hant': '已生成', en: 'Ready' },
  failed: { 'zh-Hans': '生成失败：{error}', 'zh-Hant': '生成失敗：{error}', en: 'Failed: {error}' },
  publishedV: { 'zh-Hans': '已发布 第 {version} 版', 'zh-Hant': '已發布 第 {version} 版', en: 'Published, version {version}' },
  draft: { 'zh-Hans': '草稿', 'zh-Hant': '草稿', en: 'Draft' },
  vintage: { 'zh-Hans': '数据截至 {through}', 'zh-Hant': '數據截至 {through}', en: 'Data through {through}' },
  asOfShown: { 'zh-Hans': '按 {date} 的数据', 'zh-Hant': '按 {date} 的數據', en: 'Data as of {date}' },
  demo: { 'zh-Hans': '演示数据', 'zh-Hant': '演示數據', en: 'demo data' },
  by: { 'zh-Hans': '{who} 于 {when}', 'zh-Hant': '{who} 於 {when}', en: '{who}, {when}' },
  preview: { 'zh-Hans': '预览', 'zh-Hant': '預覽', en: 'Preview' },
  pdf: { 'zh-Hans': 'PDF', 'zh-Hant': 'PDF', en: 'PDF' },
  docx: { 'zh-Hans': 'Word', 'zh-Hant': 'Word', en: 'Word' },
  publish: { 'zh-Hans': '发布', 'zh-Hant': '發布', en: 'Publish' },
  publishConfirm: {
    'zh-Hans': '发布后报告内容不可再修改，确定发布 {period} {audience}？',
    'zh-Hant': '發布後報告內容不可再修改，確定發布 {period} {audience}？',
    en: 'A published report can no longer change. Publish {period} ({audience})?',
  },
  none: { 'zh-Hans': '还没有报告。', 'zh-Hant': '還沒有報告。', en: 'No reports yet.' },
  noneArchive: { 'zh-Hans': '还没有已发布的公开报告。', 'zh-Hant': '還沒有已發布的公開報告。', en: 'No public report has been published yet.' },
  colPeriod: { 'zh-Hans': '报告期', 'zh-Hant': '報告期', en: 'Period' },
  colStatus: { 'zh-Hans': '状态', 'zh-Hant': '狀態', en: 'Status' },
  colData: { 'zh-Hans': '数据', 'zh-Hant': '數據', en: 'Data' },
  colRequested: { 'zh-Hans': '申请', 'zh-Hant': '申請', en: 'Requested' },
  colFiles: { 'zh-Hans': '文件', 'zh-Hant': '文件', en: 'Files' },
  schedules: { 'zh-Hans': '定期生成', 'zh-Hant': '定期生成', en: 'Schedules' },
  scheduleLine: {
    'zh-Hans': '每{kind}第 {day} 日生成上一{kind}报告（{audiences}）{publish}',
    'zh-Hant': '每{kind}第 {day} 日生成上一{kind}報告（{audiences}）{publish}',
    en: 'On day {day} of each {kind}, the previous {kind} ({audiences}){publish}',
  },
  scheduleMonth: { 'zh-Hans': '月', 'zh-Hant': '月', en: 'month' },
  scheduleQuarter: { 'zh-Hans': '季度', 'zh-Hant': '季度', en: 'quarter' },
  scheduleYear: { 'zh-Hans': '年', 'zh-Hant': '年', en: 'year' },
  scheduleAutoPublish: { 'zh-Hans': '，生成后自动发布', 'zh-Hant': '，生成後自動發布', en: ', published automatically' },
  scheduleLast: { 'zh-Hans': '最近：{period}', 'zh-Hant': '最近：{period}', en: 'last: {period}' },
  scheduleEnabled: { 'zh-Hans': '启用', 'zh-Hant': '啟用', en: 'Enabled' },
  scheduleAdd: { 'zh-Hans': '添加', 'zh-Hant': '添加', en: 'Add' },
  scheduleDay: { 'zh-Hans': '日', 'zh-Hant': '日', en: 'Day' },
  scheduleKind: { 'zh-Hans': '周期', 'zh-Hant': '週期', en: 'Every' },
  schedulePublish: { 'zh-Hans': '自动发布', 'zh-Hant': '自動發布', en: 'Publish automatically' },
  scheduleNone: { 'zh-Hans': '未设置定期生成。', 'zh-Hant': '未設置定期生成。', en: 'No schedule yet.' },
  publishConflict: { 'zh-Hans': '无法发布：该报告已发布或尚未生成完成，请刷新后再试。', 'zh-Hant': '無法發布：該報告已發布或尚未生成完成，請重新整理後再試。', en: 'Cannot publish: the report is already published or not generated yet; reload and try again.' },
  loadError: { 'zh-Hans': '无法读取报告：', 'zh-Hant': '無法讀取報告：', en: 'Reports could not be loaded: ' },
} satisfies Record<string, Strings>;

export type ReportKey = keyof typeof messages;
export const rt = (key: ReportKey, lang: Lang): string => messages[key][lang];
export const rtf = (key: ReportKey, lang: Lang, vars: Record<string, string | number>): string =>
  rt(key, lang).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));

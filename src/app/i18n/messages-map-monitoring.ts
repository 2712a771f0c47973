// UI strings of the map's monitoring tools: time (parks on a date, changes between two dates), the
// district choropleth and the hover tooltips.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

export const mapMonitoringMessages = {
  timeTitle: { 'zh-Hans': '时间', 'zh-Hant': '時間', en: 'Time' },
  timeNow: { 'zh-Hans': '现状', 'zh-Hant': '現狀', en: 'Now' },
  timeAsOf: { 'zh-Hans': '某日状态', 'zh-Hant': '某日狀態', en: 'On a date' },
  timeChanges: { 'zh-Hans': '两日间变化', 'zh-Hant': '兩日間變化', en: 'Changes between dates' },
  timeDate: { 'zh-Hans': '日期', 'zh-Hant': '日期', en: 'Date' },
  timeFrom: { 'zh-Hans': '从', 'zh-Hant': '從', en: 'From' },
  timeTo: { 'zh-Hans': '到', 'zh-Hant': '到', en: 'To' },
  timeShowingAsOf: { 'zh-Hans': '村级工业园显示 {date} 的改造状态', 'zh-Hant': '村級工業園顯示 {date} 的改造狀態', en: 'Village parks as they stood on {date}' },
  timeChangesCount: {
    'zh-Hans': '{from} 至 {to}：{changed} 个园区状态有变化（分类 {category}，进度 {progress}，新增试点 {pilots}）；颜色为 {to} 的状态',
    'zh-Hant': '{from} 至 {to}：{changed} 個園區狀態有變化（分類 {category}，進度 {progress}，新增試點 {pilots}）；顏色為 {to} 的狀態',
    en: '{from} to {to}: {changed} parks changed status (category {category}, progress {progress}, new pilots {pilots}); colours show {to}',
  },
  timeOrderError: { 'zh-Hans': '起始日期须早于结束日期', 'zh-Hant': '起始日期須早於結束日期', en: 'The first date must be before the second' },
  timeLoading: { 'zh-Hans': '正在读取历史状态…', 'zh-Hant': '正在讀取歷史狀態…', en: 'Reading past statuses…' },
  timeError: { 'zh-Hans': '无法读取历史状态：', 'zh-Hant': '無法讀取歷史狀態：', en: 'Past statuses could not be read: ' },
  legendChanged: { 'zh-Hans': '期间状态有变化', 'zh-Hant': '期間狀態有變化', en: 'Status changed in the period' },
  choroplethTitle: { 'zh-Hans': '各区着色指标', 'zh-Hant': '各區著色指標', en: 'Colour districts by' },
  choroplethNone: { 'zh-Hans': '不着色', 'zh-Hant': '不著色', en: 'None' },
  choroplethPeriod: { 'zh-Hans': '时期', 'zh-Hant': '時期', en: 'Period' },
  choroplethLegend: { 'zh-Hans': '{metric}，{period}（{unit}）', 'zh-Hant': '{metric}，{period}（{unit}）', en: '{metric}, {period} ({unit})' },
  choroplethFilter: { 'zh-Hans': '按当前筛选条件统计', 'zh-Hant': '按當前篩選條件統計', en: 'Counted with the current filters' },
  choroplethSuppressed: { 'zh-Hans': '— 企业过少，不公开', 'zh-Hant': '— 企業過少，不公開', en: '— too few enterprises to publish' },
  choroplethNoData: { 'zh-Hans': '无数据', 'zh-Hant': '無數據', en: 'No data' },
  choroplethLoading: { 'zh-Hans': '正在计算各区指标…', 'zh-Hant': '正在計算各區指標…', en: 'Computing district figures…' },
  choroplethError: { 'zh-Hans': '无法计算各区指标：', 'zh-Hant': '無法計算各區指標：', en: 'District figures could not be computed: ' },
  choroplethDemo: { 'zh-Hans': '演示数据', 'zh-Hant': '演示數據', en: 'Demo data' },
  tooltipStatusOn: { 'zh-Hans': '{date} 状态', 'zh-Hant': '{date} 狀態', en: 'status on {date}' },
  tooltipClusterCount: { 'zh-Hans': '{count} 家企业', 'zh-Hant': '{count} 家企業', en: '{count} enterprises' },
  tooltipClusterKey: { 'zh-Hans': '其中黑环所示企业 {count} 家', 'zh-Hant': '其中黑環所示企業 {count} 家', en: '{count} of them with a dark ring' },
  tooltipListSeparator: { 'zh-Hans': '、', 'zh-Hant': '、', en: ', ' },
  tooltipClusterZoom: { 'zh-Hans': '点击放大', 'zh-Hant': '點擊放大', en: 'Click to zoom in' },
} satisfies Record<string, Strings>;

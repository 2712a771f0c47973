// UI strings of the enterprise filters, the summary and the search box.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

export const filterMessages = {
  filters: { 'zh-Hans': '企业筛选', 'zh-Hant': '企業篩選', en: 'Filter enterprises' },
  facetArea: { 'zh-Hans': '区域（区 → 镇街）', 'zh-Hant': '區域（區 → 鎮街）', en: 'Area (district → town)' },
  facetRevenueNote: { 'zh-Hans': '营收筛选仅对登录的工作人员开放。', 'zh-Hant': '營收篩選僅對登入的工作人員開放。', en: 'Revenue filters are for logged-in staff only.' },
  expand: { 'zh-Hans': '展开 {name}', 'zh-Hant': '展開 {name}', en: 'Show the parts of {name}' },
  // Why a choice is greyed out: it is still a choice, but nothing matches it with the others.
  facetZero: { 'zh-Hans': '灰色：与其他已选条件同时满足的企业为 0 家', 'zh-Hant': '灰色：與其他已選條件同時滿足的企業為 0 家', en: 'Greyed out: no enterprise matches this together with the other choices' },
  clearAll: { 'zh-Hans': '清除全部筛选', 'zh-Hant': '清除全部篩選', en: 'Clear all filters' },
  activeFilters: { 'zh-Hans': '已选 {n} 项', 'zh-Hant': '已選 {n} 項', en: '{n} selected' },
  noMatch: { 'zh-Hans': '没有符合当前筛选条件的企业，请减少筛选条件。', 'zh-Hant': '沒有符合當前篩選條件的企業，請減少篩選條件。', en: 'No enterprise matches these filters. Remove a filter to see more.' },
  countsPending: { 'zh-Hans': '企业数据加载后显示数量。', 'zh-Hant': '企業數據載入後顯示數量。', en: 'Counts appear once the enterprises are loaded.' },
  summary: { 'zh-Hans': '统计', 'zh-Hant': '統計', en: 'Summary' },
  enterprisesShown: { 'zh-Hans': '显示企业', 'zh-Hant': '顯示企業', en: 'Enterprises shown' },
  shownOfTotal: { 'zh-Hans': '{shown} / {total} 家', 'zh-Hant': '{shown} / {total} 家', en: '{shown} of {total}' },
  totalRevenue: { 'zh-Hans': '营业收入合计', 'zh-Hant': '營業收入合計', en: 'Their total revenue' },
  revenueHidden: { 'zh-Hans': '营业收入仅对登录的工作人员显示。', 'zh-Hant': '營業收入僅對登入的工作人員顯示。', en: 'Revenue is shown to logged-in staff only.' },
  parksByStatus: { 'zh-Hans': '村级工业园（全市，按分类与进度）', 'zh-Hant': '村級工業園（全市，按分類與進度）', en: 'Village parks (city-wide) by category and progress' },
  total: { 'zh-Hans': '合计', 'zh-Hant': '合計', en: 'Total' },
  parksByStatusFiltered: { 'zh-Hans': '村级工业园（所选区、镇街，按分类与进度）', 'zh-Hant': '村級工業園（所選區、鎮街，按分類與進度）', en: 'Village parks in the chosen districts and towns, by category and progress' },
  pilots: { 'zh-Hans': '其中试点园区 {n} 个', 'zh-Hant': '其中試點園區 {n} 個', en: 'of which {n} pilot parks' },
  search: { 'zh-Hans': '搜索', 'zh-Hant': '搜尋', en: 'Search' },
  searchPlaceholder: { 'zh-Hans': '企业名称、信用代码、园区或村名', 'zh-Hant': '企業名稱、信用代碼、園區或村名', en: 'Firm, credit code, park, village' },
  searching: { 'zh-Hans': '正在搜索…', 'zh-Hant': '正在搜尋…', en: 'Searching…' },
  searchNothing: { 'zh-Hans': '没有找到匹配的企业或园区。', 'zh-Hant': '沒有找到匹配的企業或園區。', en: 'No enterprise or park matches.' },
  searchError: { 'zh-Hans': '搜索暂时不可用：', 'zh-Hant': '搜尋暫時不可用：', en: 'Search is not available right now: ' },
  searchResults: { 'zh-Hans': '搜索结果', 'zh-Hant': '搜尋結果', en: 'Search results' },
  searchHelp: { 'zh-Hans': '用 ↑↓ 选择，回车打开', 'zh-Hant': '用 ↑↓ 選擇，Enter 開啟', en: '↑↓ to choose, Enter to open' },
} satisfies Record<string, Strings>;

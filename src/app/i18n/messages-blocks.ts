// UI strings of the industrial blocks (工业产业区块, plan §三(三)): the layer, its legend, the block
// panel with its report, and the block as an area filter.
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

export const blockMessages = {
  industrialBlocks: { 'zh-Hans': '工业产业区块', 'zh-Hant': '工業產業區塊', en: 'Industrial blocks' },
  kindIndustrialBlocks: { 'zh-Hans': '工业产业区块', 'zh-Hant': '工業產業區塊', en: 'Industrial blocks' },
  blockLevelFirst: { 'zh-Hans': '一级控制线', 'zh-Hant': '一級控制線', en: 'First-level control line' },
  blockLevelSecond: { 'zh-Hans': '二级控制线', 'zh-Hant': '二級控制線', en: 'Second-level control line' },
  blockLevelNone: { 'zh-Hans': '未注明级别', 'zh-Hant': '未註明級別', en: 'Level not stated' },
  blockLegendNote: {
    'zh-Hans': '市级工业产业区块（规划第三部分第（三）项）：保障工业用地的控制线。',
    'zh-Hant': '市級工業產業區塊（規劃第三部分第（三）項）：保障工業用地的控制線。',
    en: 'The city\'s industrial blocks (plan §III(3)): control lines that protect industrial land.',
  },
  blockDemoNote: {
    'zh-Hans': '当前区块为演示用的合成数据（围绕演示企业聚集区生成），并非官方公布的工业产业区块。',
    'zh-Hant': '目前區塊為演示用的合成數據（圍繞演示企業聚集區生成），並非官方公布的工業產業區塊。',
    en: 'These blocks are synthetic demonstration data (drawn around clusters of demo enterprises), not the officially published industrial blocks.',
  },
  blockLoadError: { 'zh-Hans': '无法加载工业产业区块：', 'zh-Hant': '無法載入工業產業區塊：', en: 'The industrial blocks could not be loaded: ' },
  blockPanel: { 'zh-Hans': '工业产业区块', 'zh-Hant': '工業產業區塊', en: 'Industrial block' },
  blockLoading: { 'zh-Hans': '正在加载区块报告…', 'zh-Hant': '正在載入區塊報告…', en: 'Loading the block report…' },
  blockCode: { 'zh-Hans': '区块编号', 'zh-Hant': '區塊編號', en: 'Block code' },
  blockLevel: { 'zh-Hans': '控制线级别', 'zh-Hant': '控制線級別', en: 'Control level' },
  blockArea: { 'zh-Hans': '区块面积', 'zh-Hant': '區塊面積', en: 'Land area' },
  blockAreaValue: { 'zh-Hans': '{mu} 亩', 'zh-Hant': '{mu} 畝', en: '{mu} mu' },
  blockYear: { 'zh-Hans': '统计年度', 'zh-Hant': '統計年度', en: 'Year' },
  blockYearValue: { 'zh-Hans': '{year} 年', 'zh-Hant': '{year} 年', en: '{year}' },
  blockNoFigures: { 'zh-Hans': '暂无经营数据。', 'zh-Hant': '暫無經營數據。', en: 'No operating figures yet.' },
  blockEnterprises: { 'zh-Hans': '区块内企业（企业库）', 'zh-Hant': '區塊內企業（企業庫）', en: 'Enterprises in the block (library)' },
  blockEnterprisesValue: { 'zh-Hans': '{n} 家', 'zh-Hant': '{n} 家', en: '{n}' },
  blockReporting: { 'zh-Hans': '报送经营数据的企业', 'zh-Hant': '報送經營數據的企業', en: 'Enterprises with returns' },
  blockOutput: { 'zh-Hans': '工业总产值', 'zh-Hant': '工業總產值', en: 'Gross output' },
  blockRevenue: { 'zh-Hans': '营业收入', 'zh-Hant': '營業收入', en: 'Revenue' },
  blockTax: { 'zh-Hans': '税金', 'zh-Hant': '稅金', en: 'Tax' },
  blockValueAdded: { 'zh-Hans': '工业增加值', 'zh-Hant': '工業增加值', en: 'Value added' },
  blockOutputPerMu: { 'zh-Hans': '亩均产值', 'zh-Hant': '畝均產值', en: 'Output per mu' },
  blockYi: { 'zh-Hans': '{v} 亿元', 'zh-Hant': '{v} 億元', en: 'CNY {v} 100 million' },
  blockWanPerMu: { 'zh-Hans': '{v} 万元/亩', 'zh-Hant': '{v} 萬元/畝', en: 'CNY {v} 10,000 per mu' },
  blockChange: { 'zh-Hans': '同比 {change}', 'zh-Hant': '同比 {change}', en: '{change} on a year earlier' },
  blockSuppressed: { 'zh-Hans': '不足 3 家企业，依统计保密规定不予显示', 'zh-Hant': '不足 3 家企業，依統計保密規定不予顯示', en: 'Fewer than 3 enterprises: withheld (statistical confidentiality)' },
  blockFiguresTitle: { 'zh-Hans': '经营情况（{year} 年）', 'zh-Hant': '經營情況（{year} 年）', en: 'Operating figures ({year})' },
  blockFiguresNote: {
    'zh-Hans': '由指标引擎按区块范围统计（与地图区域筛选相同，边界上的企业计入）；亩均产值 = 区块内企业工业总产值 ÷ 区块面积。',
    'zh-Hant': '由指標引擎按區塊範圍統計（與地圖區域篩選相同，邊界上的企業計入）；畝均產值 = 區塊內企業工業總產值 ÷ 區塊面積。',
    en: 'Counted by the indicator engine over the block (as the map\'s area filter; enterprises on the edge count); output per mu = the gross output of the enterprises in the block ÷ the block\'s land area.',
  },
  blockVillageParks: { 'zh-Hans': '区块内村级工业园（{n} 个）', 'zh-Hant': '區塊內村級工業園（{n} 個）', en: 'Village industrial parks in the block ({n})' },
  blockValueParks: { 'zh-Hans': '区块内价值创新园区（{n} 个）', 'zh-Hant': '區塊內價值創新園區（{n} 個）', en: 'Value-innovation parks in the block ({n})' },
  blockShareInside: { 'zh-Hans': '{share} 在区块内', 'zh-Hant': '{share} 在區塊內', en: '{share} inside' },
  blockUseAsArea: { 'zh-Hans': '按此区块筛选', 'zh-Hant': '按此區塊篩選', en: 'Filter by this block' },
  blockIsArea: { 'zh-Hans': '已按此区块筛选', 'zh-Hant': '已按此區塊篩選', en: 'Filtering by this block' },
  blockStatsLink: { 'zh-Hans': '查看此区块的统计', 'zh-Hant': '查看此區塊的統計', en: 'Statistics of this block' },
  areaBlock: { 'zh-Hans': '产业区块：{name}', 'zh-Hant': '產業區塊：{name}', en: 'Industrial block: {name}' },
  areaChooseBlock: { 'zh-Hans': '按工业产业区块…', 'zh-Hant': '按工業產業區塊…', en: 'By industrial block…' },
} satisfies Record<string, Strings>;

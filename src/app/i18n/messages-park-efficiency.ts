// Strings of park efficiency (亩均产值, 亩均税收) in the park panels and the efficiency overlay's legend.
import type { Lang } from '../../domain/taxonomy.ts';

export const parkEfficiencyMessages = {
  efficiencyTitle: { 'zh-Hans': '亩均效益', 'zh-Hant': '畝均效益', en: 'Land efficiency' },
  efficiencyFromFirms: { 'zh-Hans': '按园区内企业经营数据计算', 'zh-Hant': '按園區內企業經營數據計算', en: 'Computed from the operating figures of the enterprises in the park' },
  efficiencyYear: { 'zh-Hans': '年份', 'zh-Hant': '年份', en: 'Year' },
  efficiencyBaseline: { 'zh-Hans': '基准值（演示数据，无企业数据时使用）', 'zh-Hant': '基準值（演示數據，無企業數據時使用）', en: 'Baseline (demo data, used where no enterprise figures exist)' },
  efficiencyNone: { 'zh-Hans': '园区内企业暂无经营数据。', 'zh-Hant': '園區內企業暫無經營數據。', en: 'No enterprise in the park has operating figures.' },
  efficiencySuppressed: { 'zh-Hans': '报送企业不足 3 家，不予公开', 'zh-Hant': '報送企業不足 3 家，不予公開', en: 'Fewer than 3 reporting enterprises: not published' },
  efficiencyLoading: { 'zh-Hans': '正在计算亩均效益…', 'zh-Hant': '正在計算畝均效益…', en: 'Computing land efficiency…' },
  efficiencyError: { 'zh-Hans': '无法计算亩均效益：', 'zh-Hant': '無法計算畝均效益：', en: 'Land efficiency could not be computed: ' },
  efficiencyLegendYear: { 'zh-Hans': '{year}年，按园区内企业数据计算；无企业数据的园区用基准值（演示数据）', 'zh-Hant': '{year}年，按園區內企業數據計算；無企業數據的園區用基準值（演示數據）', en: '{year}, from the enterprises in each park; parks without enterprise figures use the baseline (demo data)' },
  efficiencyLegendBaseline: { 'zh-Hans': '基准值（演示数据）：尚无企业经营数据', 'zh-Hant': '基準值（演示數據）：尚無企業經營數據', en: 'Baseline (demo data): no enterprise figures yet' },
} satisfies Record<string, Record<Lang, string>>;

// Strings of pilot selection (提质增效试点): the pilot panel on the map, the dashboard's pilot card,
// and the low-efficiency reasons (codes with parameters from src/domain/pilots.ts) in words.
import type { PilotReason } from '../../domain/pilots.ts';
import type { StandardReason } from '../../domain/renovation-standard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { districtLabel, formatNumber } from './format.ts';
import { reasonText as standardReasonText, stt, suggestedLabel } from './messages-standard.ts';

type Strings = Record<Lang, string>;

const messages = {
  pilotsOpen: { 'zh-Hans': '提质增效试点', 'zh-Hant': '提質增效試點', en: 'Quality-and-efficiency pilots' },
  pilotsKicker: { 'zh-Hans': '村级工业园', 'zh-Hant': '村級工業園', en: 'Village industrial parks' },
  pilotsTitle: { 'zh-Hans': '提质增效试点遴选', 'zh-Hant': '提質增效試點遴選', en: 'Pilot selection' },
  pilotsIntro: {
    'zh-Hans': '按行动计划，每年选取 20 个左右低效村级工业园开展提质增效试点：各区从低效园区排名中申报，市级审核确认。',
    'zh-Hant': '按行動計劃，每年選取 20 個左右低效村級工業園開展提質增效試點：各區從低效園區排名中申報，市級審核確認。',
    en: 'The action plan picks about 20 low-efficiency village parks a year as quality-and-efficiency pilots: districts nominate from the ranking, the city confirms.',
  },
  pilotsYear: { 'zh-Hans': '试点年份', 'zh-Hant': '試點年份', en: 'Pilot year' },
  pilotsLoading: { 'zh-Hans': '正在加载试点…', 'zh-Hant': '正在載入試點…', en: 'Loading the pilots…' },
  pilotsLoadError: { 'zh-Hans': '无法加载试点：', 'zh-Hant': '無法載入試點：', en: 'The pilots could not be loaded: ' },
  pilotsCount: {
    'zh-Hans': '{year}年已确认试点 {count} 个，计划 {target} 个左右（{min}–{max} 个）',
    'zh-Hant': '{year}年已確認試點 {count} 個，計劃 {target} 個左右（{min}–{max} 個）',
    en: '{year}: {count} pilots confirmed; the plan says about {target} ({min}–{max})',
  },
  pilotsWarnBelow: {
    'zh-Hans': '试点数量偏少：{count} 个，少于 {min} 个，与计划的 {target} 个左右相差较大。',
    'zh-Hant': '試點數量偏少：{count} 個，少於 {min} 個，與計劃的 {target} 個左右相差較大。',
    en: 'Too few pilots: {count}, fewer than {min}, far from the plan\'s about {target}.',
  },
  pilotsWarnAbove: {
    'zh-Hans': '试点数量偏多：{count} 个，多于 {max} 个，与计划的 {target} 个左右相差较大。',
    'zh-Hant': '試點數量偏多：{count} 個，多於 {max} 個，與計劃的 {target} 個左右相差較大。',
    en: 'Too many pilots: {count}, more than {max}, far from the plan\'s about {target}.',
  },
  pilotsProjected: {
    'zh-Hans': '连同待审核申报，预计 {count} 个。',
    'zh-Hant': '連同待審核申報，預計 {count} 個。',
    en: 'With the pending nominations: {count}.',
  },
  pilotsProjectedWarn: {
    'zh-Hans': '连同待审核申报预计 {count} 个，仍不在 {min}–{max} 个之间。',
    'zh-Hant': '連同待審核申報預計 {count} 個，仍不在 {min}–{max} 個之間。',
    en: 'With the pending nominations: {count}, still outside {min}–{max}.',
  },
  byDistrictTitle: { 'zh-Hans': '各区试点', 'zh-Hant': '各區試點', en: 'Pilots by district' },
  colDistrict: { 'zh-Hans': '区', 'zh-Hant': '區', en: 'District' },
  colConfirmed: { 'zh-Hans': '已确认', 'zh-Hant': '已確認', en: 'Confirmed' },
  colPending: { 'zh-Hans': '待审核', 'zh-Hant': '待審核', en: 'Pending' },
  colRank: { 'zh-Hans': '排名', 'zh-Hant': '排名', en: 'Rank' },
  colPark: { 'zh-Hans': '园区', 'zh-Hant': '園區', en: 'Park' },
  colOutputPerMu: { 'zh-Hans': '亩均产值（万元/亩）', 'zh-Hant': '畝均產值（萬元/畝）', en: 'Output per mu (¥10k)' },
  colTaxPerMu: { 'zh-Hans': '亩均税收（万元/亩）', 'zh-Hant': '畝均稅收（萬元/畝）', en: 'Tax per mu (¥10k)' },
  colReasons: { 'zh-Hans': '低效原因', 'zh-Hant': '低效原因', en: 'Why' },
  colProgress: { 'zh-Hans': '改造进度', 'zh-Hant': '改造進度', en: 'Progress' },
  colBefore: { 'zh-Hans': '试点前（{year}年）', 'zh-Hant': '試點前（{year}年）', en: 'Before ({year})' },
  colAfter: { 'zh-Hans': '最新（{year}年）', 'zh-Hant': '最新（{year}年）', en: 'Latest ({year})' },
  colChange: { 'zh-Hans': '变化', 'zh-Hant': '變化', en: 'Change' },
  rankingTitleCity: { 'zh-Hans': '全市低效园区排名', 'zh-Hant': '全市低效園區排名', en: 'Low-efficiency parks, city-wide' },
  rankingTitleDistrict: { 'zh-Hans': '{district}低效园区排名', 'zh-Hant': '{district}低效園區排名', en: 'Low-efficiency parks, {district}' },
  rankingDistrictPick: { 'zh-Hans': '范围', 'zh-Hant': '範圍', en: 'Scope' },
  rankingHint: {
    'zh-Hans': '按园区内企业{basis}年经营数据计算，亩均产值由低到高（相同时按亩均税收）；不含淘汰关停园区和已列为试点的园区。共 {total} 个，另有 {unassessed} 个园区暂无企业数据、未参与排名。',
    'zh-Hant': '按園區內企業{basis}年經營數據計算，畝均產值由低到高（相同時按畝均稅收）；不含淘汰關停園區和已列為試點的園區。共 {total} 個，另有 {unassessed} 個園區暫無企業數據、未參與排名。',
    en: 'From the {basis} figures of the enterprises in each park, lowest output per mu first (then tax per mu); parks being eliminated and existing pilots are left out. {total} parks; {unassessed} more have no enterprise figures and are not ranked.',
  },
  rankingNoBasis: { 'zh-Hans': '尚无完整年度的企业经营数据，无法排名。', 'zh-Hant': '尚無完整年度的企業經營數據，無法排名。', en: 'No complete year of enterprise figures yet: nothing to rank.' },
  rankingEmpty: { 'zh-Hans': '没有符合条件的低效园区。', 'zh-Hant': '沒有符合條件的低效園區。', en: 'No low-efficiency park qualifies.' },
  rankingMore: { 'zh-Hans': '仅显示前 {shown} 个，共 {total} 个。', 'zh-Hant': '僅顯示前 {shown} 個，共 {total} 個。', en: 'Showing the first {shown} of {total}.' },
  nominate: { 'zh-Hans': '申报为{year}年试点', 'zh-Hant': '申報為{year}年試點', en: 'Nominate for {year}' },
  nominateReason: { 'zh-Hans': '申报理由', 'zh-Hant': '申報理由', en: 'Justification' },
  nominateDefaultReason: {
    'zh-Hans': '{basis}年{reasons}，申报{year}年提质增效试点。',
    'zh-Hant': '{basis}年{reasons}，申報{year}年提質增效試點。',
    en: 'In {basis}: {reasons}. Nominated as a {year} quality-and-efficiency pilot.',
  },
  nominateSubmit: { 'zh-Hans': '提交市级审核', 'zh-Hant': '提交市級審核', en: 'Submit for the city\'s review' },
  nominateCancel: { 'zh-Hans': '取消', 'zh-Hant': '取消', en: 'Cancel' },
  nominateReasonRequired: { 'zh-Hans': '请填写申报理由。', 'zh-Hant': '請填寫申報理由。', en: 'Give a justification.' },
  nominateDone: {
    'zh-Hans': '已申报{park}为{year}年试点，待市级审核（申请编号 {id}）。',
    'zh-Hant': '已申報{park}為{year}年試點，待市級審核（申請編號 {id}）。',
    en: '{park} nominated for {year}; awaiting the city\'s review (proposal {id}).',
  },
  nominatedAlready: { 'zh-Hans': '已申报（{year}年，申请 {id}）', 'zh-Hant': '已申報（{year}年，申請 {id}）', en: 'Nominated ({year}, proposal {id})' },
  nominationsTitle: { 'zh-Hans': '{year}年待审核的试点申报', 'zh-Hant': '{year}年待審核的試點申報', en: 'Nominations for {year} awaiting review' },
  nominationsEmpty: { 'zh-Hans': '暂无待审核的试点申报。', 'zh-Hant': '暫無待審核的試點申報。', en: 'No nomination awaits review.' },
  nominationsHint: {
    'zh-Hans': '批准即确认为试点，退回须说明理由；也可在审核队列中处理。',
    'zh-Hant': '批准即確認為試點，退回須說明理由；也可在審核隊列中處理。',
    en: 'Approving confirms the pilot; a return needs a reason. The review queue shows them too.',
  },
  openReviewQueue: { 'zh-Hans': '打开审核队列', 'zh-Hant': '打開審核隊列', en: 'Open the review queue' },
  pilotsListTitle: { 'zh-Hans': '{year}年试点园区（{count} 个）', 'zh-Hant': '{year}年試點園區（{count} 個）', en: '{year} pilots ({count})' },
  pilotsNone: { 'zh-Hans': '该年暂无试点园区。', 'zh-Hant': '該年暫無試點園區。', en: 'No pilots this year.' },
  noFigures: { 'zh-Hans': '无数据', 'zh-Hant': '無數據', en: 'no data' },
  suppressedShort: { 'zh-Hans': '不公开', 'zh-Hant': '不公開', en: 'hidden' },
  summaryLine: {
    'zh-Hans': '{parks} 个试点有前后数据：亩均产值 {before} → {after} 万元/亩（{change}）',
    'zh-Hant': '{parks} 個試點有前後數據：畝均產值 {before} → {after} 萬元/畝（{change}）',
    en: '{parks} pilots with figures before and after: output per mu {before} → {after} (¥10k/mu, {change})',
  },
  noAfterYet: { 'zh-Hans': '试点年份尚无完整年度数据，暂无试点后数据。', 'zh-Hant': '試點年份尚無完整年度數據，暫無試點後數據。', en: 'No complete year since the pilot year began: no figures after yet.' },
  // The dashboard card
  cardTitle: { 'zh-Hans': '{year}年提质增效试点：数量与成效', 'zh-Hant': '{year}年提質增效試點：數量與成效', en: '{year} pilots: count and results' },
  cardFreshness: { 'zh-Hans': '亩均产值：试点前 {before} 年与 {after} 年对比', 'zh-Hant': '畝均產值：試點前 {before} 年與 {after} 年對比', en: 'Output per mu: {before} against {after}' },
  seriesBefore: { 'zh-Hans': '试点前', 'zh-Hant': '試點前', en: 'Before' },
  seriesAfter: { 'zh-Hans': '最新', 'zh-Hant': '最新', en: 'Latest' },
} satisfies Record<string, Strings>;

export type PilotKey = keyof typeof messages;
export const pt = (key: PilotKey, lang: Lang): string => messages[key][lang];
export const ptf = (key: PilotKey, lang: Lang, vars: Record<string, string | number>): string =>
  pt(key, lang).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

/** Yuan per mu shown in 万元 (¥10k) per mu, one decimal. */
export const wanPerMu = (v: number | null | undefined, lang: Lang): string => (v === null || v === undefined ? '—' : formatNumber(v / 10_000, lang, 1));

/** A relative change as a signed percentage. */
export const changeText = (c: number | null, lang: Lang): string => (c === null ? '—' : `${c > 0 ? '+' : ''}${formatNumber(c * 100, lang, 1)}%`);

const METRIC_WORDS: Record<'output' | 'tax', Strings> = {
  output: { 'zh-Hans': '亩均产值', 'zh-Hant': '畝均產值', en: 'output per mu' },
  tax: { 'zh-Hans': '亩均税收', 'zh-Hant': '畝均稅收', en: 'tax per mu' },
};
const CITY: Strings = { 'zh-Hans': '全市', 'zh-Hant': '全市', en: 'the city\'s' };

/**
 * One reason in words, e.g. "亩均产值处于全市后四分之一（1.2 ≤ 下四分位 3.4 万元/亩）". Codes from other
 * features (the classification standard) that this build does not know are shown as their code.
 */
export function reasonText(r: PilotReason, lang: Lang): string {
  if (r.source === 'standard') {
    // The classification standard's suggestion, then its own reasons, in its own words.
    if (r.code === 'suggestion') return `${stt('suggestionTitle', lang)}${lang === 'en' ? ': ' : '：'}${suggestedLabel(r.params.suggested as string, lang)}`;
    return standardReasonText(r as unknown as StandardReason, lang);
  }
  const m = /^(output|tax)_(bottom_quartile|below_median)$/.exec(r.code);
  if (!m) return r.code;
  const metric = METRIC_WORDS[m[1] as 'output' | 'tax'][lang];
  const where = r.params.scope === 'district' ? (lang === 'en' ? `${districtLabel(String(r.params.district), lang)}'s` : districtLabel(String(r.params.district), lang)) : CITY[lang];
  const value = wanPerMu(r.params.value as number, lang);
  const threshold = `${wanPerMu(r.params.threshold as number, lang)}${lang === 'en' ? ' ¥10k/mu' : ' 万元/亩'}`;
  if (m[2] === 'bottom_quartile')
    return lang === 'en' ? `${metric} in ${where} lowest quarter (${value} ≤ ${threshold})` : `${metric}处于${where}后四分之一（${value} ≤ ${threshold}）`;
  return lang === 'en' ? `${metric} below ${where} median (${value} < ${threshold})` : `${metric}低于${where}中位数（${value} < ${threshold}）`;
}

/** Several reasons, joined the way the language lists things. */
export const reasonsText = (reasons: readonly PilotReason[], lang: Lang): string => reasons.map((r) => reasonText(r, lang)).join(lang === 'en' ? '; ' : '；');

// Strings of the key projects (重点项目): the map layer, its legend, panel and tooltip, the dashboard
// card, and the units as Chinese statistics write them (亿元, 万元/亩). Also the number formats of
// those units, so the map and the dashboard write them the same way.
import { KEY_PROJECT_THRESHOLDS, WAN, YI, type KeyProjectStatus } from '../../domain/key-projects.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

export const keyProjectMessages = {
  keyProjects: { 'zh-Hans': '重点项目', 'zh-Hant': '重點項目', en: 'Key projects' },
  kpLegendPoint: { 'zh-Hans': '项目点位', 'zh-Hant': '項目點位', en: 'Project (point)' },
  kpLegendParcel: { 'zh-Hans': '项目地块', 'zh-Hant': '項目地塊', en: 'Project (parcel)' },
  kpLegendEligible: {
    'zh-Hans': '★ 符合省奖励用地指标条件（投资超过12亿元且投资强度超过400万元/亩）',
    'zh-Hant': '★ 符合省獎勵用地指標條件（投資超過12億元且投資強度超過400萬元/畝）',
    en: '★ Eligible for provincial land quotas (investment over 12亿元 and intensity over 400万元/亩)',
  },
  kpLegendDemo: { 'zh-Hans': '示例数据：项目为虚构，仅供演示', 'zh-Hant': '示例數據：項目為虛構，僅供演示', en: 'Demo data: the projects are fictitious' },
  kpLegendCount: { 'zh-Hans': '{count} 个项目，其中 {eligible} 个符合条件', 'zh-Hant': '{count} 個項目，其中 {eligible} 個符合條件', en: '{count} projects, {eligible} of them eligible' },
  kpLoading: { 'zh-Hans': '正在加载重点项目…', 'zh-Hant': '正在載入重點項目…', en: 'Loading key projects…' },
  kpError: { 'zh-Hans': '无法加载重点项目：', 'zh-Hant': '無法載入重點項目：', en: 'Key projects could not be loaded: ' },
  kpPanelTitle: { 'zh-Hans': '重点项目', 'zh-Hant': '重點項目', en: 'Key project' },
  kpNotFound: { 'zh-Hans': '未找到该项目。', 'zh-Hant': '未找到該項目。', en: 'This project was not found.' },
  kpCode: { 'zh-Hans': '项目代码', 'zh-Hant': '項目代碼', en: 'Project code' },
  kpInvestment: { 'zh-Hans': '总投资', 'zh-Hant': '總投資', en: 'Total investment' },
  kpArea: { 'zh-Hans': '用地面积', 'zh-Hant': '用地面積', en: 'Land area' },
  kpIntensity: { 'zh-Hans': '投资强度', 'zh-Hant': '投資強度', en: 'Investment intensity' },
  kpCluster: { 'zh-Hans': '所属集群', 'zh-Hant': '所屬集群', en: 'Cluster' },
  kpStatus: { 'zh-Hans': '项目状态', 'zh-Hant': '項目狀態', en: 'Status' },
  kpDistrict: { 'zh-Hans': '所在区', 'zh-Hant': '所在區', en: 'District' },
  kpLocation: { 'zh-Hans': '位置', 'zh-Hant': '位置', en: 'Location' },
  kpLocationPoint: { 'zh-Hans': '点位', 'zh-Hant': '點位', en: 'Point' },
  kpLocationParcel: { 'zh-Hans': '地块范围', 'zh-Hant': '地塊範圍', en: 'Parcel outline' },
  kpUnknown: { 'zh-Hans': '未填报', 'zh-Hant': '未填報', en: 'Not given' },
  kpNoCluster: { 'zh-Hans': '未注明', 'zh-Hant': '未註明', en: 'Not stated' },
  kpEligibility: { 'zh-Hans': '省奖励用地指标', 'zh-Hant': '省獎勵用地指標', en: 'Provincial land quota' },
  kpEligibleYes: { 'zh-Hans': '符合条件', 'zh-Hant': '符合條件', en: 'Eligible' },
  kpEligibleNo: { 'zh-Hans': '不符合条件', 'zh-Hant': '不符合條件', en: 'Not eligible' },
  kpRule: {
    'zh-Hans': '行动计划：投资规模超过12亿元、投资强度超过400万元/亩的项目，争取列入省重点建设项目计划，由省安排奖励用地指标。两项须同时满足，恰好等于门槛不算“超过”。',
    'zh-Hant': '行動計劃：投資規模超過12億元、投資強度超過400萬元/畝的項目，爭取列入省重點建設項目計劃，由省安排獎勵用地指標。兩項須同時滿足，恰好等於門檻不算「超過」。',
    en: 'The action plan: projects with investment over 12亿元 and intensity over 400万元/亩 are put forward for the province\'s key-project plan, which grants land quotas. Both must hold; exactly at a threshold is not "over".',
  },
  kpInvestmentMet: { 'zh-Hans': '✓ 总投资 {value}，超过 {threshold}', 'zh-Hant': '✓ 總投資 {value}，超過 {threshold}', en: '✓ Investment {value}, over {threshold}' },
  kpInvestmentNotMet: { 'zh-Hans': '✗ 总投资 {value}，未超过 {threshold}', 'zh-Hant': '✗ 總投資 {value}，未超過 {threshold}', en: '✗ Investment {value}, not over {threshold}' },
  kpIntensityMet: { 'zh-Hans': '✓ 投资强度 {value}，超过 {threshold}', 'zh-Hant': '✓ 投資強度 {value}，超過 {threshold}', en: '✓ Intensity {value}, over {threshold}' },
  kpIntensityNotMet: { 'zh-Hans': '✗ 投资强度 {value}，未超过 {threshold}', 'zh-Hant': '✗ 投資強度 {value}，未超過 {threshold}', en: '✗ Intensity {value}, not over {threshold}' },
  kpIntensityUnknown: { 'zh-Hans': '✗ 投资强度未知（未填报用地面积）', 'zh-Hant': '✗ 投資強度未知（未填報用地面積）', en: '✗ Intensity unknown (no land area given)' },
  kpDemoNote: { 'zh-Hans': '示例数据：此项目为虚构，名称与数字均非真实。', 'zh-Hant': '示例數據：此項目為虛構，名稱與數字均非真實。', en: 'Demo data: this project is fictitious; its name and figures are not real.' },
  kpUpdated: { 'zh-Hans': '更新于 {date}（第 {version} 版）', 'zh-Hant': '更新於 {date}（第 {version} 版）', en: 'Updated {date} (version {version})' },
  kindKeyProjects: { 'zh-Hans': '重点项目', 'zh-Hant': '重點項目', en: 'Key projects' },
  kindKeyProjectsHint: {
    'zh-Hans': '每行一个项目：项目代码、项目名称、总投资（表头注明万元或亿元）、用地面积（亩）、所属集群、状态（谋划/在建/建成），以及经度、纬度或项目地块图形。',
    'zh-Hant': '每行一個項目：項目代碼、項目名稱、總投資（表頭註明萬元或億元）、用地面積（畝）、所屬集群、狀態（謀劃/在建/建成），以及經度、緯度或項目地塊圖形。',
    en: 'One project per row: code, name, total investment (万元 or 亿元 in the header), land area (mu), cluster, status (谋划/在建/建成), and longitude and latitude or the parcel\'s geometry.',
  },
} satisfies Record<string, Strings>;

/** Strings of the dashboard's key-project card (in the dashboard's chunk). */
export const keyProjectCardMessages = {
  kpCardTitle: { 'zh-Hans': '重点项目', 'zh-Hant': '重點項目', en: 'Key projects' },
  kpCardCount: { 'zh-Hans': '项目数', 'zh-Hant': '項目數', en: 'Projects' },
  kpCardEligible: { 'zh-Hans': '符合省奖励用地指标条件', 'zh-Hant': '符合省獎勵用地指標條件', en: 'Eligible for provincial land quotas' },
  kpCardInvestment: { 'zh-Hans': '总投资', 'zh-Hant': '總投資', en: 'Total investment' },
  kpCardEligibleInvestment: { 'zh-Hans': '其中符合条件项目投资', 'zh-Hant': '其中符合條件項目投資', en: 'of which eligible projects' },
  kpCardByDistrict: { 'zh-Hans': '按区', 'zh-Hant': '按區', en: 'By district' },
  kpCardByCluster: { 'zh-Hans': '按集群', 'zh-Hant': '按集群', en: 'By cluster' },
  kpCardColName: { 'zh-Hans': '名称', 'zh-Hant': '名稱', en: 'Name' },
  kpCardColCount: { 'zh-Hans': '项目', 'zh-Hant': '項目', en: 'Projects' },
  kpCardColEligible: { 'zh-Hans': '符合条件', 'zh-Hant': '符合條件', en: 'Eligible' },
  kpCardColInvestment: { 'zh-Hans': '投资（亿元）', 'zh-Hant': '投資（億元）', en: 'Investment (亿元)' },
  kpCardRule: {
    'zh-Hans': '条件：投资超过12亿元且投资强度超过400万元/亩（两项同时满足，等于门槛不计）。',
    'zh-Hant': '條件：投資超過12億元且投資強度超過400萬元/畝（兩項同時滿足，等於門檻不計）。',
    en: 'Condition: investment over 12亿元 and intensity over 400万元/亩 (both; exactly at a threshold does not count).',
  },
  kpCardDemo: { 'zh-Hans': '示例数据（虚构项目）', 'zh-Hant': '示例數據（虛構項目）', en: 'Demo data (fictitious projects)' },
  kpCardLoading: { 'zh-Hans': '正在加载…', 'zh-Hant': '正在載入…', en: 'Loading…' },
  kpCardError: { 'zh-Hans': '无法加载重点项目：', 'zh-Hant': '無法載入重點項目：', en: 'Key projects could not be loaded: ' },
  kpCardMap: { 'zh-Hans': '在地图上查看', 'zh-Hant': '在地圖上查看', en: 'Show on the map' },
} satisfies Record<string, Strings>;

export type KeyProjectCardKey = keyof typeof keyProjectCardMessages;
export const kpCardText = (key: KeyProjectCardKey, lang: Lang) => keyProjectCardMessages[key][lang];

const STATUS_LABELS: Record<KeyProjectStatus, Strings> = {
  planned: { 'zh-Hans': '谋划', 'zh-Hant': '謀劃', en: 'Planned' },
  under_construction: { 'zh-Hans': '在建', 'zh-Hant': '在建', en: 'Under construction' },
  completed: { 'zh-Hans': '建成', 'zh-Hant': '建成', en: 'Completed' },
};
export const keyProjectStatusLabel = (status: KeyProjectStatus, lang: Lang) => STATUS_LABELS[status]?.[lang] ?? status;

const locale = (lang: Lang) => (lang === 'en' ? 'en-US' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN');
const num = (v: number, lang: Lang, digits: number) => v.toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Yuan as 亿元 (億元 in Traditional), e.g. "12.35亿元"; English keeps the Chinese unit, as statistics tables do. */
export function formatYi(yuan: number, lang: Lang, digits = 2): string {
  return `${num(yuan / YI, lang, digits)}${lang === 'zh-Hant' ? '億元' : '亿元'}`;
}

/** Yuan per mu as 万元/亩 (萬元/畝). */
export function formatWanPerMu(yuanPerMu: number, lang: Lang, digits = 1): string {
  return `${num(yuanPerMu / WAN, lang, digits)}${lang === 'zh-Hant' ? '萬元/畝' : '万元/亩'}`;
}

/** Mu as 亩 (畝; "mu" in English). */
export function formatMu(mu: number, lang: Lang): string {
  return `${num(mu, lang, 1)}${lang === 'zh-Hant' ? '畝' : lang === 'en' ? ' mu' : '亩'}`;
}

export const THRESHOLD_TEXT = (lang: Lang) => ({
  investment: formatYi(KEY_PROJECT_THRESHOLDS.investmentYuan, lang, 0),
  intensity: formatWanPerMu(KEY_PROJECT_THRESHOLDS.intensityYuanPerMu, lang, 0),
});

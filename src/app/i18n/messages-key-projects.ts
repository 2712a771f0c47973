// Key projects (重点项目): their status labels and the units as Chinese statistics write them (亿元,
// 万元/亩), so the map and the dashboard write them the same way. Their messages (`kp…`) are in the
// catalogue (§10 of docs/architecture.md).
import { KEY_PROJECT_THRESHOLDS, WAN, YI, type KeyProjectStatus } from '../../domain/key-projects.ts';
import type { Lang } from '../../domain/taxonomy.ts';

type Strings = Record<Lang, string>;

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

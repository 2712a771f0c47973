// Key projects (重点项目): numbers in the units Chinese statistics write them (亿元, 万元/亩), so the
// map and the dashboard write them the same way. The units' words and the messages (`kp…`) are in the
// catalogue, the status labels in labels.ts (§10 of docs/architecture.md).
import { KEY_PROJECT_THRESHOLDS, WAN, YI } from '../../domain/key-projects.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { tf } from './messages.ts';

const locale = (lang: Lang) => (lang === 'en' ? 'en-US' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN');
const num = (v: number, lang: Lang, digits: number) => v.toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Yuan as 亿元 (億元 in Traditional), e.g. "12.35亿元"; English keeps the Chinese unit, as statistics tables do. */
export function formatYi(yuan: number, lang: Lang, digits = 2): string {
  return tf('kpUnitYi', lang, { n: num(yuan / YI, lang, digits) });
}

/** Yuan per mu as 万元/亩 (萬元/畝). */
export function formatWanPerMu(yuanPerMu: number, lang: Lang, digits = 1): string {
  return tf('kpUnitWanPerMu', lang, { n: num(yuanPerMu / WAN, lang, digits) });
}

/** Mu as 亩 (畝; "mu" in English). */
export function formatMu(mu: number, lang: Lang): string {
  return tf('kpUnitMu', lang, { n: num(mu, lang, 1) });
}

export const THRESHOLD_TEXT = (lang: Lang) => ({
  investment: formatYi(KEY_PROJECT_THRESHOLDS.investmentYuan, lang, 0),
  intensity: formatWanPerMu(KEY_PROJECT_THRESHOLDS.intensityYuanPerMu, lang, 0),
});

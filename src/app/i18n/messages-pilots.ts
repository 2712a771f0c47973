// Pilot selection (提质增效试点): the low-efficiency reasons (codes with parameters from
// src/domain/pilots.ts) in words, and its numbers. Its messages are in the catalogue (§10 of
// docs/architecture.md).
import type { PilotReason } from '../../domain/pilots.ts';
import type { StandardReason } from '../../domain/renovation-standard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from './format.ts';
import { districtLabel } from './labels.ts';
import { reasonText as standardReasonText, suggestedLabel } from './messages-standard.ts';
import { t } from './messages.ts';

type Strings = Record<Lang, string>;

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
    if (r.code === 'suggestion') return `${t('suggestionTitle', lang)}${lang === 'en' ? ': ' : '：'}${suggestedLabel(r.params.suggested as string, lang)}`;
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

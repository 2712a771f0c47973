// Pilot selection (提质增效试点): the low-efficiency reasons (codes with parameters from
// src/domain/pilots.ts) in words, and its numbers. Its messages are in the catalogue (§10 of
// docs/architecture.md).
import type { PilotReason } from '../../domain/pilots.ts';
import type { StandardReason } from '../../domain/renovation-standard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from './format.ts';
import { districtLabel } from './labels.ts';
import { reasonText as standardReasonText, suggestedLabel } from './messages-standard.ts';
import { t, tf } from './messages.ts';

/** Yuan per mu shown in 万元 (¥10k) per mu, one decimal. */
export const wanPerMu = (v: number | null | undefined, lang: Lang): string => (v === null || v === undefined ? '—' : formatNumber(v / 10_000, lang, 1));

/** A relative change as a signed percentage. */
export const changeText = (c: number | null, lang: Lang): string => (c === null ? '—' : `${c > 0 ? '+' : ''}${formatNumber(c * 100, lang, 1)}%`);


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
  // The metric's name as the classification standard writes it (亩均产值, "output per mu").
  const metric = t(m[1] === 'output' ? 'metric_outputPerMu' : 'metric_taxPerMu', lang);
  const where = r.params.scope === 'district' ? tf('pilotWhereDistrict', lang, { district: districtLabel(String(r.params.district), lang) }) : t('pilotWhereCity', lang);
  const value = wanPerMu(r.params.value as number, lang);
  const threshold = tf('pilotThreshold', lang, { value: wanPerMu(r.params.threshold as number, lang) });
  return tf(m[2] === 'bottom_quartile' ? 'pilotReason_bottom_quartile' : 'pilotReason_below_median', lang, { metric, where, value, threshold });
}

/** Several reasons, joined the way the language lists things. */
export const reasonsText = (reasons: readonly PilotReason[], lang: Lang): string => reasons.map((r) => reasonText(r, lang)).join(lang === 'en' ? '; ' : '；');

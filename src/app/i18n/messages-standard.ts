// The classification standard (村级工业园分类整治标准) in words: zone types, metrics, conditions and
// reasons (data from src/domain/renovation-standard.ts). Its messages are in the catalogue, its terms'
// labels in labels.ts (§10 of docs/architecture.md).
import type { StandardCondition, StandardMetric, StandardReason } from '../../domain/renovation-standard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from './format.ts';
import { categoryLabel, comparisonLabel, standardMetricLabel, zoneRelationLabel, zoneTypeLabel } from './labels.ts';
import { t, tf } from './messages.ts';

/** The unit a metric's thresholds are entered in, and the factor from it to the stored unit (yuan per mu: 万元). */
export function metricUnit(m: StandardMetric, lang: Lang): { unit: string; factor: number } {
  if (m === 'outputPerMu' || m === 'taxPerMu') return { unit: t('unit_yuanPerMu', lang), factor: 10_000 };
  if (m === 'buildingAreaM2') return { unit: t('unit_m2', lang), factor: 1 };
  if (m === 'areaMu') return { unit: t('unit_mu', lang), factor: 1 };
  return { unit: '', factor: 1 };
}

/** A figure in its display unit: 15 万元/亩, 0.8, 12,000 平方米. */
export function metricText(m: StandardMetric, value: number, lang: Lang): string {
  const { unit, factor } = metricUnit(m, lang);
  const v = formatNumber(value / factor, lang, m === 'plotRatio' ? 2 : factor > 1 ? 2 : 0);
  return unit ? `${v}${lang === 'en' ? ' ' : ''}${unit}` : v;
}

/** A condition in words: 亩均产值低于 15 万元/亩; 涉及生态保护红线. */
export function conditionText(c: StandardCondition, lang: Lang): string {
  if (c.kind === 'metric') return `${standardMetricLabel(c.metric, lang)}${lang === 'en' ? ' ' : ''}${comparisonLabel(c.op, lang)}${lang === 'en' ? ' ' : ''}${metricText(c.metric, c.value, lang)}`;
  return `${zoneRelationLabel(c.relation, lang)}${lang === 'en' ? ' the ' : ''}${zoneTypeLabel(c.zoneType, lang)}`;
}

/** A reason of a suggestion in words, with the park's own figure and where it comes from. */
export function reasonText(r: StandardReason, lang: Lang): string {
  const sp = lang === 'en' ? ' ' : '';
  switch (r.code) {
    case 'metric': {
      const p = r.params;
      const source = p.source === 'enterprises' && p.year ? tf('sourceEnterprises', lang, { year: p.year }) : t('sourceBaseline', lang);
      const perMu = p.metric === 'outputPerMu' || p.metric === 'taxPerMu';
      const value = metricText(p.metric, p.value, lang);
      const limit = `${comparisonLabel(p.op, lang)}${sp}${metricText(p.metric, p.threshold, lang)}`;
      if (lang === 'en') return `${standardMetricLabel(p.metric, lang)} ${value}${perMu ? ` (${source})` : ''}, ${limit}`;
      return `${standardMetricLabel(p.metric, lang)}${value}${perMu ? `（${source}）` : ''}，${limit}`;
    }
    case 'zone': {
      const names = r.params.zones.join(lang === 'en' ? ', ' : '、');
      return lang === 'en' ? `${zoneRelationLabel(r.params.relation, lang)} the ${zoneTypeLabel(r.params.zoneType, lang)} (${names})` : `${zoneRelationLabel(r.params.relation, lang)}${zoneTypeLabel(r.params.zoneType, lang)}（${names}）`;
    }
    case 'outsideZone':
      return `${zoneRelationLabel('outside', lang)}${lang === 'en' ? ' the ' : ''}${zoneTypeLabel(r.params.zoneType, lang)}`;
    case 'otherwise':
      return t('ruleOtherwise', lang);
  }
}

export const suggestedLabel = (c: string | null, lang: Lang) => (c === null || c === 'none' ? t('noRule', lang) : categoryLabel(c, lang));

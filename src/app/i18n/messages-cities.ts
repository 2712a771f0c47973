// Wording helpers of the key-city comparison card (重点城市指标对比): units and the months covered. Its
// messages are in the catalogue (§10 of docs/architecture.md); city and indicator names come from
// src/domain/monitoring/city-indicators.ts.
import type { Lang } from '../../domain/taxonomy.ts';
import { tf } from './messages.ts';

type Strings = Record<Lang, string>;

const UNIT_LABELS: Record<string, Strings> = {
  亿元: { 'zh-Hans': '亿元', 'zh-Hant': '億元', en: 'CNY 100 m' },
  '%': { 'zh-Hans': '%', 'zh-Hant': '%', en: '%' },
  count: { 'zh-Hans': '个', 'zh-Hant': '個', en: 'count' },
  'km²': { 'zh-Hans': '平方公里', 'zh-Hant': '平方公里', en: 'km²' },
};
export const unitLabel = (unit: string, lang: Lang) => UNIT_LABELS[unit]?.[lang] ?? unit;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '1-11' → 1—11月 / Jan–Nov. */
export const coverageText = (to: number, lang: Lang) => tf('coverage', lang, { to: lang === 'en' ? MONTHS_EN[to - 1] : to });

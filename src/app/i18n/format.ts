// Number, date and status formatting in the chosen language; the labels of codes are in labels.ts.
import type { Lang } from '../../domain/taxonomy.ts';
import { categoryLabel, progressLabel } from './labels.ts';
import { t } from './messages.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 0): string {
  const key = `${lang}/${maximumFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits })));
  return f.format(value);
}

/** A server timestamp (UTC) shown in Guangzhou time, e.g. 2024-05-06 14:03. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Today in Guangzhou (China Standard Time), YYYY-MM-DD: the server checks effective dates against it. */
export { todayInChina } from '../../domain/china-date.ts';

/** "Upgrade · In progress · pilot 2020" for a status, in the chosen language. */
export function statusSummary(s: { category?: string | null; progress?: string | null; pilotYear?: number | null } | null, lang: Lang): string {
  if (!s || !s.category) return '—';
  const parts = [categoryLabel(s.category, lang), progressLabel(s.progress ?? null, lang)];
  if (s.pilotYear != null) parts.push(`${t('pilotYear', lang)} ${s.pilotYear}`);
  return parts.join(' · ');
}

/** A changed value in one short line (outlines and long texts are cut). */
export function shortValue(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? '—';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

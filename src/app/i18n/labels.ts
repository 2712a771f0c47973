// Labels of taxonomy codes in the chosen language, the one place the app names them (every label comes
// from seeds/taxonomy.json; towns from domain/towns.ts): categories, progress, districts, towns,
// clusters, tags, tiers. An unknown code is shown as it is rather than hidden. (Exports name codes
// with domain/extract/extract-labels.ts, which has no app code.)
import { clusterByCode, label, subIndustryByCode, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { t } from './messages.ts';

const find = <T extends { code: string; label: Record<Lang, string> }>(list: readonly T[], code: string | null, lang: Lang) => {
  const e = list.find((x) => x.code === code);
  return e ? label(e, lang) : (code ?? '—');
};

export const clusterLabel = (code: string, lang: Lang) => {
  const c = clusterByCode(code);
  return c ? label(c, lang) : code;
};
export const subIndustryLabel = (code: string, lang: Lang) => {
  const s = subIndustryByCode(code);
  return s ? label(s.sub, lang) : code;
};
export const futureIndustryLabel = (code: string | null, lang: Lang) => find(taxonomy.futureIndustries, code, lang);
export const tagLabel = (code: string, lang: Lang) => find(taxonomy.enterpriseTags, code, lang);
export const tierLabel = (code: string, lang: Lang) => find(taxonomy.revenueTiers, code, lang);
export const elementLabel = (code: string, lang: Lang) => find(taxonomy.valueParkElements, code, lang);
export const tagGroupLabel = (code: string, lang: Lang) => find(taxonomy.tagGroups, code, lang);
export { townLabel } from '../../domain/towns.ts';

export const categoryLabel = (code: string | null, lang: Lang): string => {
  const c = taxonomy.renovationCategories.find((x) => x.code === code);
  return c ? label(c, lang) : (code ?? '—');
};

export const progressLabel = (code: string | null, lang: Lang): string => {
  const p = taxonomy.renovationProgress.find((x) => x.code === code);
  return p ? label(p, lang) : (code ?? '—');
};

export const pilotLabel = (year: number | null, lang: Lang): string => (year === null ? t('none', lang) : String(year));

export const districtLabel = (code: string | null, lang: Lang): string => {
  const d = taxonomy.districts.find((x) => x.code === code);
  return d ? label(d, lang) : (code ?? '—');
};

export const clusterColor = (code: string) => clusterByCode(code)?.color ?? '#777777';

/** A value-innovation park's name in the UI language (the API carries all three). */
export const valueParkName = (p: { name: string; nameZhHant?: string; nameEn?: string }, lang: Lang) =>
  (lang === 'en' ? p.nameEn : lang === 'zh-Hant' ? p.nameZhHant : p.name) || p.name;

/** Yuan as 億元 (the taxonomy's target unit), e.g. "12.3 亿元"; in English as CNY millions or billions. */
export function formatYi(yuan: number, lang: Lang): string {
  if (lang === 'en') {
    const [v, unit] = yuan >= 1e9 ? [yuan / 1e9, 'billion'] : [yuan / 1e6, 'million'];
    return `CNY ${new Intl.NumberFormat('en', { maximumFractionDigits: v >= 100 ? 0 : 1 }).format(v)} ${unit}`;
  }
  const yi = yuan / taxonomy.unitTarget.yuan;
  const digits = yi >= 100 ? 0 : yi >= 1 ? 1 : 2;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(yi)} ${label(taxonomy.unitTarget.label, lang)}`;
}

/** Yuan the way Chinese statistics write a firm's figures: 亿元 from 100 million up, else 万元; English in CNY millions. */
export function formatMoney(yuan: number, lang: Lang): string {
  if (lang === 'en' || Math.abs(yuan) >= taxonomy.unitTarget.yuan) return formatYi(yuan, lang);
  const wan = yuan / 10_000;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: Math.abs(wan) >= 100 ? 0 : 1 }).format(wan)} ${lang === 'zh-Hant' ? '萬元' : '万元'}`;
}

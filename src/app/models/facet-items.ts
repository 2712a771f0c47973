// Builds the sidebar's facet rows from the taxonomy, the filter and the worker's live counts.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { label, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import type { FacetCountsMessage } from '../../domain/worker-protocol.ts';
import { townLabel } from '../i18n/labels.ts';
import type { PayloadInfo } from '../state/enterprise-store.ts';
import { isChosen, type FacetKey } from '../state/filter-model.ts';
import { TOWNS } from '../../domain/towns.ts';
import type { FacetItem } from '../components/FacetList.tsx';

type Counts = Pick<FacetCountsMessage, FacetKey>;

/** Looks up the count of a code: counts are in the payload's dictionary order. */
export function countLookup(info: PayloadInfo | null, counts: FacetCountsMessage | null) {
  return (facet: FacetKey, code: string): number | null => {
    if (!info || !counts) return null;
    const i = info.dictionaries[facet].indexOf(code);
    return i < 0 ? 0 : ((counts as Counts)[facet][i] ?? 0);
  };
}

type Lookup = ReturnType<typeof countLookup>;

const item = (f: EnterpriseFilter, count: Lookup, facet: FacetKey, code: string, text: string, extra: Partial<FacetItem> = {}): FacetItem => ({
  facet, code, label: text, count: count(facet, code), chosen: isChosen(f, facet, code), ...extra,
});

export function industryItems(f: EnterpriseFilter, count: Lookup, lang: Lang): FacetItem[] {
  return taxonomy.clusters.map((c) => {
    const children = c.subIndustries.map((s) => item(f, count, 'subIndustries', s.code, label(s, lang)));
    return item(f, count, 'clusters', c.code, label(c, lang), { color: c.color, children, partial: c.subIndustries.some((s) => f.subIndustries.includes(s.code)) });
  });
}

export const futureItems = (f: EnterpriseFilter, count: Lookup, lang: Lang) =>
  taxonomy.futureIndustries.map((x) => item(f, count, 'futureIndustries', x.code, label(x, lang)));

/** Tags grouped by taxonomy tag group. */
export const tagGroups = (f: EnterpriseFilter, count: Lookup, lang: Lang) =>
  taxonomy.tagGroups.map((g) => ({
    code: g.code,
    label: label(g, lang),
    items: taxonomy.enterpriseTags.filter((x) => x.group === g.code).map((x) => item(f, count, 'tags', x.code, label(x, lang))),
  }));

export const tierItems = (f: EnterpriseFilter, count: Lookup, lang: Lang) =>
  taxonomy.revenueTiers.map((x) => item(f, count, 'revenueTiers', x.code, label(x, lang)));

/** Districts with their towns; only towns that hold enterprises (or are chosen) are listed. */
export function areaItems(f: EnterpriseFilter, count: Lookup, lang: Lang, info: PayloadInfo | null): FacetItem[] {
  const known = new Set(info?.dictionaries.towns ?? []);
  return taxonomy.districts.map((d) => {
    const towns = TOWNS.filter((x) => x.district === d.code && (known.has(x.code) || f.towns.includes(x.code)));
    const children = towns.map((x) => item(f, count, 'towns', x.code, townLabel(x.code, lang)));
    return item(f, count, 'districts', d.code, label(d, lang), { children, partial: towns.some((x) => f.towns.includes(x.code)) });
  });
}

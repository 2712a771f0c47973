// Pure edits of the enterprise filter (src/domain/enterprise-filter.ts) for the sidebar: a parent
// (industry cluster, district) and its children (sub-industries, towns) are one facet, so choosing
// one side drops the other — a chosen cluster already includes all of its sub-industries.
import { EMPTY_FILTER, FILTER_KEYS, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { PayloadDictionaries } from '../../domain/enterprise-payload.ts';
import { subIndustryByCode, taxonomy } from '../../domain/taxonomy.ts';
import { townByCode } from '../../domain/towns.ts';

export type FacetKey = keyof EnterpriseFilter;

const toggled = (list: string[], code: string) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]);

const subsOf = (cluster: string): string[] => taxonomy.clusters.find((c) => c.code === cluster)?.subIndustries.map((s) => s.code) ?? [];

/** The filter with `code` switched on or off in `facet`, keeping parents and children consistent. */
export function toggleCode(f: EnterpriseFilter, facet: FacetKey, code: string): EnterpriseFilter {
  const next = { ...f, [facet]: toggled(f[facet], code) };
  if (facet === 'clusters' && next.clusters.includes(code)) {
    const subs = subsOf(code);
    next.subIndustries = f.subIndustries.filter((s) => !subs.includes(s));
  }
  if (facet === 'subIndustries' && next.subIndustries.includes(code)) {
    const parent = subIndustryByCode(code)?.cluster.code;
    next.clusters = f.clusters.filter((c) => c !== parent);
  }
  if (facet === 'districts' && next.districts.includes(code)) next.towns = f.towns.filter((t) => townByCode(t)?.district !== code);
  if (facet === 'towns' && next.towns.includes(code)) {
    const parent = townByCode(code)?.district;
    next.districts = f.districts.filter((d) => d !== parent);
  }
  return next;
}

/** Whether a child shows as chosen: itself, or through its parent. */
export function isChosen(f: EnterpriseFilter, facet: FacetKey, code: string): boolean {
  if (f[facet].includes(code)) return true;
  if (facet === 'subIndustries') return f.clusters.includes(subIndustryByCode(code)?.cluster.code ?? '');
  if (facet === 'towns') return f.districts.includes(townByCode(code)?.district ?? '');
  return false;
}

export const activeCount = (f: EnterpriseFilter) => FILTER_KEYS.reduce((n, k) => n + f[k].length, 0);

/**
 * The part of a filter the loaded payload can answer: codes missing from its dictionaries (a town
 * without enterprises, a code from an old link) are dropped, and so are revenue tiers when the
 * payload carries no revenue (the worker refuses both).
 */
export function filterForPayload(f: EnterpriseFilter, dict: PayloadDictionaries, confidential: boolean): EnterpriseFilter {
  const out: EnterpriseFilter = { ...EMPTY_FILTER };
  for (const k of FILTER_KEYS) out[k] = f[k].filter((c) => dict[k].includes(c));
  if (!confidential) out.revenueTiers = [];
  return out;
}

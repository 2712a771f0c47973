// The enterprise tag filter: facets combine with AND, values within a facet with OR. Industry is one
// facet over clusters and sub-industries (a sub-industry narrows its cluster), and so is area over
// districts and towns. Live counts follow the usual faceted-search rule: a value's count is how many
// enterprises would match if that value were added, i.e. all the *other* facets applied.
import type { EnterpriseColumns, PayloadDictionaries } from './enterprise-payload.ts';

export interface EnterpriseFilter {
  clusters: string[];
  subIndustries: string[];
  futureIndustries: string[];
  tags: string[];
  revenueTiers: string[];
  districts: string[];
  towns: string[];
}

export const EMPTY_FILTER: EnterpriseFilter = { clusters: [], subIndustries: [], futureIndustries: [], tags: [], revenueTiers: [], districts: [], towns: [] };
export const FILTER_KEYS = Object.keys(EMPTY_FILTER) as (keyof EnterpriseFilter)[];

export const isEmptyFilter = (f: EnterpriseFilter) => FILTER_KEYS.every((k) => f[k].length === 0);

export interface FacetCounts {
  matched: number;
  clusters: Uint32Array;
  subIndustries: Uint32Array;
  futureIndustries: Uint32Array;
  tags: Uint32Array;
  revenueTiers: Uint32Array;
  districts: Uint32Array;
  towns: Uint32Array;
}

interface Compiled {
  industry: { active: boolean; cluster: Uint8Array; sub: Uint8Array };
  future: { active: boolean; allowed: Uint8Array };
  tags: { active: boolean; mask: number };
  tier: { active: boolean; allowed: Uint8Array };
  area: { active: boolean; district: Uint8Array; town: Uint8Array };
}

function allowed(size: number, dict: string[], codes: string[], facet: string, offset = 0): Uint8Array {
  const a = new Uint8Array(size);
  for (const c of codes) {
    const i = dict.indexOf(c);
    if (i < 0) throw new Error(`Unknown ${facet} "${c}" in the filter.`);
    a[i + offset] = 1;
  }
  return a;
}

export function compileFilter(f: EnterpriseFilter, dict: PayloadDictionaries, hasRevenue: boolean): Compiled {
  if (f.revenueTiers.length && !hasRevenue) throw new Error('Revenue tiers can only be filtered by roles that may see revenue.');
  let mask = 0;
  for (const t of f.tags) {
    const i = dict.tags.indexOf(t);
    if (i < 0) throw new Error(`Unknown tag "${t}" in the filter.`);
    mask |= 1 << i;
  }
  return {
    industry: { active: f.clusters.length + f.subIndustries.length > 0, cluster: allowed(256, dict.clusters, f.clusters, 'cluster'), sub: allowed(256, dict.subIndustries, f.subIndustries, 'sub-industry') },
    future: { active: f.futureIndustries.length > 0, allowed: allowed(256, dict.futureIndustries, f.futureIndustries, 'future industry', 1) },
    tags: { active: mask !== 0, mask },
    tier: { active: f.revenueTiers.length > 0, allowed: allowed(256, dict.revenueTiers, f.revenueTiers, 'revenue tier', 1) },
    area: { active: f.districts.length + f.towns.length > 0, district: allowed(256, dict.districts, f.districts, 'district'), town: allowed(65536, dict.towns, f.towns, 'town') },
  };
}

const F_INDUSTRY = 1, F_FUTURE = 2, F_TAGS = 4, F_TIER = 8, F_AREA = 16;

function failures(c: Compiled, cols: EnterpriseColumns, i: number): number {
  let fail = 0;
  if (c.industry.active && !c.industry.cluster[cols.cluster[i]] && !c.industry.sub[cols.subIndustry[i]]) fail |= F_INDUSTRY;
  if (c.future.active && !c.future.allowed[cols.futureIndustry[i]]) fail |= F_FUTURE;
  if (c.tags.active && (cols.tags[i] & c.tags.mask) === 0) fail |= F_TAGS;
  if (c.tier.active && !c.tier.allowed[cols.revenueTier![i]]) fail |= F_TIER;
  if (c.area.active && !c.area.district[cols.district[i]] && !c.area.town[cols.town[i]]) fail |= F_AREA;
  return fail;
}

/** Marks matching rows in `out` (1 = match) and returns how many match. `within` restricts to rows marked 1 there (e.g. a spatial selection). */
export function applyFilter(cols: EnterpriseColumns, c: Compiled, out: Uint8Array, within?: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < cols.id.length; i++) {
    const ok = (!within || within[i] === 1) && failures(c, cols, i) === 0;
    out[i] = ok ? 1 : 0;
    if (ok) n++;
  }
  return n;
}

export function facetCounts(cols: EnterpriseColumns, c: Compiled, dict: PayloadDictionaries, within?: Uint8Array): FacetCounts {
  const r: FacetCounts = {
    matched: 0,
    clusters: new Uint32Array(dict.clusters.length),
    subIndustries: new Uint32Array(dict.subIndustries.length),
    futureIndustries: new Uint32Array(dict.futureIndustries.length),
    tags: new Uint32Array(dict.tags.length),
    revenueTiers: new Uint32Array(dict.revenueTiers.length),
    districts: new Uint32Array(dict.districts.length),
    towns: new Uint32Array(dict.towns.length),
  };
  for (let i = 0; i < cols.id.length; i++) {
    if (within && within[i] !== 1) continue;
    const fail = failures(c, cols, i);
    // Counted for a facet when every other facet passes.
    if (fail === 0) r.matched++;
    if ((fail & ~F_INDUSTRY) === 0) {
      r.clusters[cols.cluster[i]]++;
      r.subIndustries[cols.subIndustry[i]]++;
    }
    if ((fail & ~F_FUTURE) === 0 && cols.futureIndustry[i]) r.futureIndustries[cols.futureIndustry[i] - 1]++;
    if ((fail & ~F_TAGS) === 0) for (let t = cols.tags[i], b = 0; t; t >>= 1, b++) if (t & 1) r.tags[b]++;
    if ((fail & ~F_TIER) === 0 && cols.revenueTier && cols.revenueTier[i]) r.revenueTiers[cols.revenueTier[i] - 1]++;
    if ((fail & ~F_AREA) === 0) {
      r.districts[cols.district[i]]++;
      r.towns[cols.town[i]]++;
    }
  }
  return r;
}

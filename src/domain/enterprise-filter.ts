// The enterprise tag filter: facets combine with AND, values within a facet with OR. Industry is one
// facet over clusters and sub-industries (a sub-industry narrows its cluster), and so is area over
// districts and towns. Live counts follow the usual faceted-search rule: a value's count is how many
// enterprises would match if that value were added, i.e. all the *other* facets applied.
import type { EnterpriseColumns, PayloadDictionaries } from './enterprise-payload.ts';
import { problem, ProblemError, type FilterFacet } from './problems.ts';

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

const unknownCode = (facet: FilterFacet, code: string) => new ProblemError(problem('filter_unknown_code', { facet, code }), `Unknown ${facet} "${code}" in the filter.`);

function allowed(size: number, dict: string[], codes: string[], facet: FilterFacet, offset = 0): Uint8Array {
  const a = new Uint8Array(size);
  for (const c of codes) {
    const i = dict.indexOf(c);
    if (i < 0) throw unknownCode(facet, c);
    a[i + offset] = 1;
  }
  return a;
}

export function compileFilter(f: EnterpriseFilter, dict: PayloadDictionaries, hasRevenue: boolean): Compiled {
  if (f.revenueTiers.length && !hasRevenue)
    throw new ProblemError(problem('filter_revenue_not_allowed'), 'Revenue tiers can only be filtered by roles that may see revenue.');
  let mask = 0;
  for (const t of f.tags) {
    const i = dict.tags.indexOf(t);
    if (i < 0) throw unknownCode('tag', t);
    mask |= 1 << i;
  }
  return {
    industry: { active: f.clusters.length + f.subIndustries.length > 0, cluster: allowed(256, dict.clusters, f.clusters, 'cluster'), sub: allowed(256, dict.subIndustries, f.subIndustries, 'subIndustry') },
    future: { active: f.futureIndustries.length > 0, allowed: allowed(256, dict.futureIndustries, f.futureIndustries, 'futureIndustry', 1) },
    tags: { active: mask !== 0, mask },
    tier: { active: f.revenueTiers.length > 0, allowed: allowed(256, dict.revenueTiers, f.revenueTiers, 'revenueTier', 1) },
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

/**
 * True when every enterprise that `next` matches is matched by `prev` too, facet by facet (a facet
 * newly set, or one whose values are a subset of what they were). Then the rows that failed two
 * facets or more under `prev` fail them under `next` too, and only the others need testing again.
 */
export function narrows(next: EnterpriseFilter, prev: EnterpriseFilter): boolean {
  const facet = (n: string[][], p: string[][]) => {
    const nActive = n.some((l) => l.length > 0), pActive = p.some((l) => l.length > 0);
    if (!nActive) return !pActive;
    return !pActive || n.every((l, i) => l.every((code) => p[i].includes(code)));
  };
  return (
    facet([next.clusters, next.subIndustries], [prev.clusters, prev.subIndustries]) &&
    facet([next.futureIndustries], [prev.futureIndustries]) &&
    facet([next.tags], [prev.tags]) &&
    facet([next.revenueTiers], [prev.revenueTiers]) &&
    facet([next.districts, next.towns], [prev.districts, prev.towns])
  );
}

/** The matches, the facet counts and the matches' totals, from one pass over the rows. */
export interface FilterEvaluation {
  counts: FacetCounts;
  /** Matches per industry cluster, per tag, per revenue tier (dictionary order), and their revenue in payload units. */
  byCluster: Uint32Array;
  byTag: Uint32Array;
  byTier: Uint32Array;
  revenueUnits: number;
  /** near[0 … nearCount) are the rows that failed at most one facet: the only rows a narrower filter needs to test. */
  near: Uint32Array;
  nearCount: number;
}

/**
 * applyFilter, facetCounts and the matches' totals in one pass (a million rows in the worker after
 * every filter click). `out` gets 1 for a match, 0 otherwise. With `only` (the `near` rows of the
 * previous evaluation, for a filter that narrows it, see `narrows`) just those rows are tested:
 * every other row failed two facets before, so it is neither a match nor counted now, and `out`
 * must still hold the previous evaluation's 0 for it. `near` may be the same array as `only.rows`.
 */
export function evaluateFilter(
  cols: EnterpriseColumns, c: Compiled, dict: PayloadDictionaries, out: Uint8Array,
  opts: { within?: Uint8Array; only?: { rows: Uint32Array; count: number }; near?: Uint32Array } = {},
): FilterEvaluation {
  const n = cols.id.length;
  const counts: FacetCounts = {
    matched: 0,
    clusters: new Uint32Array(dict.clusters.length),
    subIndustries: new Uint32Array(dict.subIndustries.length),
    futureIndustries: new Uint32Array(dict.futureIndustries.length),
    tags: new Uint32Array(dict.tags.length),
    revenueTiers: new Uint32Array(dict.revenueTiers.length),
    districts: new Uint32Array(dict.districts.length),
    towns: new Uint32Array(dict.towns.length),
  };
  const byCluster = new Uint32Array(dict.clusters.length), byTag = new Uint32Array(dict.tags.length), byTier = new Uint32Array(dict.revenueTiers.length);
  const near = opts.near ?? new Uint32Array(n);
  const { within, only } = opts;
  const { cluster, subIndustry, futureIndustry, tags, district, town, revenue, revenueTier } = cols;
  const ind = c.industry, fut = c.future, tg = c.tags, tier = c.tier, area = c.area;
  let nearCount = 0, matched = 0, revenueUnits = 0;
  // Tags are a bit mask: rows are counted per mask value here and spread over the bits at the end,
  // instead of a loop over the bits of every row.
  const tagBits = dict.tags.length;
  const tagCounts = new Uint32Array(1 << tagBits), tagMatches = new Uint32Array(1 << tagBits);
  const total = only ? only.count : n;
  for (let j = 0; j < total; j++) {
    const i = only ? only.rows[j] : j;
    if (within && within[i] !== 1) {
      out[i] = 0;
      continue;
    }
    // The same tests as `failures`, written out: this loop is the cost of a filter click.
    let fail = 0, fails = 0;
    if (ind.active && !ind.cluster[cluster[i]] && !ind.sub[subIndustry[i]]) {
      fail |= F_INDUSTRY;
      fails++;
    }
    if (fut.active && !fut.allowed[futureIndustry[i]]) {
      fail |= F_FUTURE;
      fails++;
    }
    const t = tags[i];
    if (tg.active && (t & tg.mask) === 0) {
      fail |= F_TAGS;
      fails++;
    }
    if (tier.active && !tier.allowed[revenueTier![i]]) {
      fail |= F_TIER;
      fails++;
    }
    if (area.active && !area.district[district[i]] && !area.town[town[i]]) {
      fail |= F_AREA;
      fails++;
    }
    if (fails > 1) {
      out[i] = 0;
      continue;
    }
    near[nearCount++] = i;
    if ((fail & ~F_INDUSTRY) === 0) {
      counts.clusters[cluster[i]]++;
      counts.subIndustries[subIndustry[i]]++;
    }
    if ((fail & ~F_FUTURE) === 0 && futureIndustry[i]) counts.futureIndustries[futureIndustry[i] - 1]++;
    if ((fail & ~F_TAGS) === 0) tagCounts[t]++;
    if ((fail & ~F_TIER) === 0 && revenueTier && revenueTier[i]) counts.revenueTiers[revenueTier[i] - 1]++;
    if ((fail & ~F_AREA) === 0) {
      counts.districts[district[i]]++;
      counts.towns[town[i]]++;
    }
    if (fail !== 0) {
      out[i] = 0;
      continue;
    }
    out[i] = 1;
    matched++;
    byCluster[cluster[i]]++;
    tagMatches[t]++;
    if (revenueTier && revenueTier[i]) byTier[revenueTier[i] - 1]++; // tier column: 0 = none, else index + 1
    if (revenue) revenueUnits += revenue[i];
  }
  for (let mask = 1; mask < tagCounts.length; mask++)
    for (let b = 0; b < tagBits; b++)
      if (mask & (1 << b)) {
        counts.tags[b] += tagCounts[mask];
        byTag[b] += tagMatches[mask];
      }
  counts.matched = matched;
  return { counts, byCluster, byTag, byTier, revenueUnits, near, nearCount };
}

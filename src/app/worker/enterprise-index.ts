// Everything the enterprise worker knows, as a plain class (no DOM, no messages) so it runs and is
// tested in Node: the decoded columns, the current filter and area, the resulting match mask with
// its facet counts and summary, and a cluster index over the matches.
//
// The cluster index is rebuilt lazily, on the first `clusters` (or leaves/expansion) call after the
// matches change: a filter change answers with counts at once, and a filter and an area set in a
// row cost one rebuild. The index over all enterprises is kept once built, because "no filter" is
// where the map starts and where clear-all returns, and it is the slowest one to build; a few recent
// ones are kept too (up to CACHED_POINTS points in all), so ticking a tag off and on again is instant.
import { EMPTY_FILTER, FILTER_KEYS, applyFilter, compileFilter, facetCounts, isEmptyFilter, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { decodeEnterprisePayload, type EnterpriseColumns, type PayloadDictionaries, type PayloadHeader } from '../../domain/enterprise-payload.ts';
import { PointGrid, selectInArea } from '../../domain/spatial-selection.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { FacetCountsMessage, Summary, ViewFeature } from '../../domain/worker-protocol.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { ClusterIndex } from './cluster-index.ts';

/**
 * Cluster features get ids from this offset up (supercluster cluster id + offset): enterprise ids
 * are uint32, so a cluster's feature id never equals an enterprise's. Their `properties.clusterId`
 * is supercluster's own id, the one expansionZoom and leaves take.
 */
export const CLUSTER_FEATURE_ID_OFFSET = 2 ** 32;

/** Points held by the cached cluster indices besides the one over all enterprises (~70 bytes each). */
export const CACHED_POINTS = 1_000_000;

export interface Located {
  id: number;
  lon: number;
  lat: number;
  /** Whether the enterprise passes the current filter and area. */
  matched: boolean;
}

/** What a load tells the caller (the protocol's `loaded` response, less its timing). */
export interface LoadInfo {
  count: number;
  dictionaries: PayloadDictionaries;
  confidential: boolean;
  demo: boolean;
  bytes: number;
}

interface Loaded {
  header: PayloadHeader;
  columns: EnterpriseColumns;
  count: number;
  keyTagMask: number;
  /** 1 where the row matches the filter and the area. */
  mask: Uint8Array;
}

export class EnterpriseIndex {
  private data: Loaded | null = null;
  private filter: EnterpriseFilter = EMPTY_FILTER;
  private area: Polygon | MultiPolygon | null = null;
  private grid: PointGrid | null = null;
  /** 1 where the row is inside the area; null when no area is set. */
  private areaMask: Uint8Array | null = null;
  private matchedCount = 0;
  private counts: FacetCountsMessage | null = null;
  private summaryCache: Summary | null = null;
  private clusterIndex: ClusterIndex | null = null;
  private allIndex: ClusterIndex | null = null;
  /** Recently built indices by filter-and-area key, least recently used first. */
  private readonly recent = new Map<string, ClusterIndex>();
  /** Bumped by every setArea, so that indices of an earlier area are never reused. */
  private areaVersion = 0;

  /** Takes a payload (replacing any loaded before); the filter and area start empty. */
  load(buffer: ArrayBuffer): LoadInfo {
    const { header, columns } = decodeEnterprisePayload(buffer);
    const keyCodes = new Set<string>(taxonomy.enterpriseTags.filter((t) => t.key).map((t) => t.code));
    const keyTagMask = header.dictionaries.tags.reduce((m, code, i) => (keyCodes.has(code) ? m | (1 << i) : m), 0);
    this.data = { header, columns, count: header.count, keyTagMask, mask: new Uint8Array(header.count).fill(1) };
    this.filter = EMPTY_FILTER;
    this.area = null;
    this.grid = null;
    this.areaMask = null;
    this.allIndex = null;
    this.recent.clear();
    this.refresh();
    return { count: header.count, dictionaries: header.dictionaries, confidential: header.confidential, demo: header.demo, bytes: buffer.byteLength };
  }

  get loaded(): boolean {
    return this.data !== null;
  }

  private get d(): Loaded {
    if (!this.data) throw new Error('The enterprises are not loaded yet.');
    return this.data;
  }

  get header(): PayloadHeader {
    return this.d.header;
  }

  get columns(): EnterpriseColumns {
    return this.d.columns;
  }

  get count(): number {
    return this.d.count;
  }

  get dictionaries() {
    return this.header.dictionaries;
  }

  get hasRevenue(): boolean {
    return this.columns.revenue !== undefined;
  }

  get matched(): number {
    return this.matchedCount;
  }

  /** Replaces the filter (throws, keeping the previous one, if it names unknown codes). */
  setFilter(filter: EnterpriseFilter): void {
    compileFilter(filter, this.dictionaries, this.hasRevenue);
    this.filter = filter;
    this.refresh();
  }

  /** Restricts the matches to an area (null: no restriction); combined with the filter by AND. */
  setArea(area: Polygon | MultiPolygon | null): void {
    if (area && area.type !== 'Polygon' && area.type !== 'MultiPolygon') throw new Error('The area must be a Polygon or a MultiPolygon.');
    if (area) {
      this.grid ??= new PointGrid(this.columns.lon, this.columns.lat);
      const mask = new Uint8Array(this.count);
      selectInArea(this.grid, area, mask);
      this.areaMask = mask;
    } else this.areaMask = null;
    this.area = area;
    this.areaVersion++;
    this.refresh();
  }

  private get unrestricted(): boolean {
    return isEmptyFilter(this.filter) && !this.area;
  }

  private refresh(): void {
    const compiled = compileFilter(this.filter, this.dictionaries, this.hasRevenue);
    this.matchedCount = applyFilter(this.columns, compiled, this.d.mask, this.areaMask ?? undefined);
    this.counts = null;
    this.summaryCache = null;
    this.clusterIndex = null;
  }

  facetCounts(): FacetCountsMessage {
    if (!this.counts) {
      const c = facetCounts(this.columns, compileFilter(this.filter, this.dictionaries, this.hasRevenue), this.dictionaries, this.areaMask ?? undefined);
      this.counts = {
        matched: c.matched,
        clusters: Array.from(c.clusters),
        subIndustries: Array.from(c.subIndustries),
        futureIndustries: Array.from(c.futureIndustries),
        tags: Array.from(c.tags),
        revenueTiers: Array.from(c.revenueTiers),
        districts: Array.from(c.districts),
        towns: Array.from(c.towns),
      };
    }
    return this.counts;
  }

  summary(): Summary {
    if (!this.summaryCache) {
      const { mask, count, columns: { cluster, tags, revenue, revenueTier } } = this.d;
      const byCluster = new Array<number>(this.dictionaries.clusters.length).fill(0);
      const byTag = new Array<number>(this.dictionaries.tags.length).fill(0);
      const byTier = revenueTier ? new Array<number>(this.dictionaries.revenueTiers.length).fill(0) : null;
      let revenueUnits = 0;
      for (let i = 0; i < count; i++) {
        if (!mask[i]) continue;
        byCluster[cluster[i]]++;
        for (let bits = tags[i], b = 0; bits; bits >>= 1, b++) if (bits & 1) byTag[b]++;
        if (byTier && revenueTier![i]) byTier[revenueTier![i] - 1]++; // tier column: 0 = none, else index + 1
        if (revenue) revenueUnits += revenue[i];
      }
      this.summaryCache = { total: this.count, matched: this.matchedCount, revenueYuan: revenue ? revenueUnits * this.header.revenueUnit : null, byCluster, byTag, byTier };
    }
    return this.summaryCache;
  }

  private get matchKey(): string {
    const f = this.filter;
    return JSON.stringify([FILTER_KEYS.map((k) => [...f[k]].sort()), this.area ? this.areaVersion : 0]);
  }

  private index(): ClusterIndex {
    if (this.clusterIndex) return this.clusterIndex;
    const unrestricted = this.unrestricted;
    if (unrestricted && this.allIndex) return (this.clusterIndex = this.allIndex);
    const key = this.matchKey;
    const cached = this.recent.get(key);
    if (cached) {
      this.recent.delete(key);
      this.recent.set(key, cached);
      return (this.clusterIndex = cached);
    }
    const { mask, count } = this.d;
    const rows = new Uint32Array(this.matchedCount);
    for (let i = 0, j = 0; i < count; i++) if (mask[i]) rows[j++] = i;
    const built = new ClusterIndex(rows, this.columns.lon, this.columns.lat, this.columns.cluster, this.dictionaries.clusters.length);
    if (unrestricted) this.allIndex = built;
    else this.remember(key, built);
    return (this.clusterIndex = built);
  }

  private remember(key: string, built: ClusterIndex): void {
    this.recent.set(key, built);
    let points = 0;
    for (const idx of this.recent.values()) points += idx.size;
    for (const [k, idx] of this.recent) {
      if (points <= CACHED_POINTS || k === key) break;
      this.recent.delete(k);
      points -= idx.size;
    }
  }

  /** Builds the cluster index now if the matches changed since it was last built (for callers that time it). */
  prepareClusters(): void {
    this.index();
  }

  /** Clusters and single enterprises of the matches in a bbox ([west, south, east, north]) at a zoom. */
  clusters(bbox: [number, number, number, number], zoom: number): ViewFeature[] {
    const { columns: { id, lon, lat, cluster, tags }, keyTagMask } = this.d;
    return this.index().clusters(bbox, zoom).map((hit): ViewFeature => {
      if (hit.kind === 'cluster') {
        const comp = hit.composition;
        let dominant = 0;
        for (let j = 1; j < comp.length; j++) if (comp[j] > comp[dominant]) dominant = j;
        return {
          type: 'Feature',
          id: CLUSTER_FEATURE_ID_OFFSET + hit.clusterId,
          geometry: { type: 'Point', coordinates: [hit.lon, hit.lat] },
          properties: { cluster: true, clusterId: hit.clusterId, count: hit.count, dominant, composition: comp },
        };
      }
      const r = hit.row;
      return {
        type: 'Feature',
        id: id[r],
        geometry: { type: 'Point', coordinates: [lon[r] / 1e6, lat[r] / 1e6] },
        properties: { cluster: false, id: id[r], industry: cluster[r], tags: tags[r], key: (tags[r] & keyTagMask) !== 0 },
      };
    });
  }

  /** The zoom at which a cluster (supercluster id) splits. Throws for an id of an index since replaced. */
  expansionZoom(clusterId: number): number {
    return this.index().expansionZoom(clusterId);
  }

  /** Enterprise ids under a cluster. */
  leaves(clusterId: number, limit: number, offset = 0): number[] {
    const { id } = this.columns;
    return this.index().leaves(clusterId, limit, offset).map((r) => id[r]);
  }

  /** Where an enterprise is (whether or not it matches the filter); null if the payload has no such id. */
  locate(enterpriseId: number): Located | null {
    const r = this.columns.id.indexOf(enterpriseId);
    if (r < 0) return null;
    return { id: enterpriseId, lon: this.columns.lon[r] / 1e6, lat: this.columns.lat[r] / 1e6, matched: this.d.mask[r] === 1 };
  }

  /** A page of the ids of the matches (payload order), and how many match in all. */
  selectedIds(limit: number, offset = 0): { ids: number[]; total: number } {
    const { mask, count, columns } = this.d;
    const ids: number[] = [];
    if (limit > 0) {
      for (let i = 0, seen = 0; i < count; i++) {
        if (!mask[i]) continue;
        if (seen++ < offset) continue;
        ids.push(columns.id[i]);
        if (ids.length >= limit) break;
      }
    }
    return { ids, total: this.matchedCount };
  }
}

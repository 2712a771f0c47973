// Everything the enterprise worker knows, as a plain class (no DOM, no messages) so it runs and is
// tested in Node: the decoded columns, the current filter and area, the resulting match mask with
// its facet counts and summary, and the cluster grid (bubble-grid.ts) that sums the matches of the
// cells a view shows.
//
// A filter or area change costs one pass over the rows (match mask, facet counts and totals
// together, enterprise-filter.ts `evaluateFilter`); a filter that narrows the previous one tests only
// the rows that failed at most one facet before. The clusters are then summed for the view only,
// when asked. The grid's spatial order is built once per payload, on the first clusters request.
import { EMPTY_FILTER, compileFilter, evaluateFilter, narrows, type EnterpriseFilter, type FilterEvaluation } from '../../domain/enterprise-filter.ts';
import { decodeEnterprisePayload, type EnterpriseColumns, type PayloadDictionaries, type PayloadHeader } from '../../domain/enterprise-payload.ts';
import { problem, ProblemError } from '../../domain/problems.ts';
import { PointGrid, selectInArea } from '../../domain/spatial-selection.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { FacetCountsMessage, Summary, ViewFeature } from '../../domain/worker-protocol.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { BubbleGrid } from './bubble-grid.ts';

/**
 * Cluster features get ids from this offset up (cluster id + offset): enterprise ids are uint32, so a
 * cluster's feature id never equals an enterprise's. Their `properties.bubbleId` names the grid cell
 * (domain/bubble-cells.ts), the id expansionZoom and leaves take.
 */
export const BUBBLE_FEATURE_ID_OFFSET = 2 ** 32;

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
  private grid: PointGrid | null = null;
  /** 1 where the row is inside the area; null when no area is set. */
  private areaMask: Uint8Array | null = null;
  private matchedCount = 0;
  /** The last evaluation of the filter and area; null while the matches are all rows (just loaded) and nobody asked for counts. */
  private evaluation: FilterEvaluation | null = null;
  private counts: FacetCountsMessage | null = null;
  private summaryCache: Summary | null = null;
  private clusterGrid: BubbleGrid | null = null;

  /** Takes a payload (replacing any loaded before); the filter and area start empty. */
  load(buffer: ArrayBuffer): LoadInfo {
    const { header, columns } = decodeEnterprisePayload(buffer);
    const keyCodes = new Set<string>(taxonomy.enterpriseTags.filter((t) => t.key).map((t) => t.code));
    const keyTagMask = header.dictionaries.tags.reduce((m, code, i) => (keyCodes.has(code) ? m | (1 << i) : m), 0);
    this.data = { header, columns, count: header.count, keyTagMask, mask: new Uint8Array(header.count).fill(1) };
    this.filter = EMPTY_FILTER;
    this.grid = null;
    this.areaMask = null;
    this.clusterGrid = null;
    // No filter and no area: every row matches. The counts wait until someone asks (the first frame does not).
    this.matchedCount = header.count;
    this.evaluation = null;
    this.counts = null;
    this.summaryCache = null;
    return { count: header.count, dictionaries: header.dictionaries, confidential: header.confidential, demo: header.demo, bytes: buffer.byteLength };
  }

  get loaded(): boolean {
    return this.data !== null;
  }

  private get d(): Loaded {
    if (!this.data) throw new ProblemError(problem('worker_not_loaded'), 'The enterprises are not loaded yet.');
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
    const narrowed = this.evaluation !== null && narrows(filter, this.filter);
    this.filter = filter;
    this.refresh(narrowed);
  }

  /** Restricts the matches to an area (null: no restriction); combined with the filter by AND. */
  setArea(area: Polygon | MultiPolygon | null): void {
    if (area && area.type !== 'Polygon' && area.type !== 'MultiPolygon') throw new ProblemError(problem('area_not_polygon'), 'The area must be a Polygon or a MultiPolygon.');
    if (area) {
      this.grid ??= new PointGrid(this.columns.lon, this.columns.lat);
      const mask = new Uint8Array(this.count);
      selectInArea(this.grid, area, mask);
      this.areaMask = mask;
    } else this.areaMask = null;
    this.refresh(false);
  }

  /** Evaluates the filter and area into the mask, counts and totals; `narrowed`: only the previous near rows can still match or count. */
  private refresh(narrowed: boolean): void {
    const compiled = compileFilter(this.filter, this.dictionaries, this.hasRevenue);
    const prev = this.evaluation;
    const only = narrowed && prev ? { rows: prev.near, count: prev.nearCount } : undefined;
    const e = evaluateFilter(this.columns, compiled, this.dictionaries, this.d.mask, { within: this.areaMask ?? undefined, only, near: prev?.near });
    this.evaluation = e;
    this.matchedCount = e.counts.matched;
    this.counts = null;
    this.summaryCache = null;
    this.clusterGrid?.invalidate(narrowed);
  }

  private evaluated(): FilterEvaluation {
    if (!this.evaluation) this.refresh(false);
    return this.evaluation!;
  }

  facetCounts(): FacetCountsMessage {
    if (!this.counts) {
      const c = this.evaluated().counts;
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
      const e = this.evaluated();
      const { revenue, revenueTier } = this.columns;
      this.summaryCache = {
        total: this.count,
        matched: this.matchedCount,
        revenueYuan: revenue ? e.revenueUnits * this.header.revenueUnit : null,
        byCluster: Array.from(e.byCluster),
        byTag: Array.from(e.byTag),
        byTier: revenueTier ? Array.from(e.byTier) : null,
      };
    }
    return this.summaryCache;
  }

  private clusters_(): BubbleGrid {
    if (!this.clusterGrid) {
      const { columns: c, keyTagMask, mask } = this.d;
      this.clusterGrid = new BubbleGrid(c.lon, c.lat, c.cluster, c.tags, keyTagMask, this.dictionaries.clusters.length, mask);
    }
    return this.clusterGrid;
  }

  /** Builds the cluster grid now, spatial sort included, if it is not built yet. */
  prepareClusters(): void {
    this.clusters_().sort();
  }

  /** Whether the cluster grid still has its spatial sort to do (the first view is answered without it). */
  get clustersPending(): boolean {
    return !this.clusterGrid?.sorted;
  }

  /** Bubbles and single enterprises of the matches in the grid cells a bbox ([west, south, east, north]) touches at a zoom. */
  clusters(bbox: [number, number, number, number], zoom: number): ViewFeature[] {
    const { columns: { id, lon, lat, cluster, tags }, keyTagMask } = this.d;
    return this.clusters_().clusters(bbox, zoom).map((hit): ViewFeature => {
      if (hit.kind === 'cluster') {
        const comp = hit.composition;
        let dominant = 0;
        for (let j = 1; j < comp.length; j++) if (comp[j] > comp[dominant]) dominant = j;
        return {
          type: 'Feature',
          id: BUBBLE_FEATURE_ID_OFFSET + hit.bubbleId,
          geometry: { type: 'Point', coordinates: [hit.lon, hit.lat] },
          properties: { cluster: true, bubbleId: hit.bubbleId, count: hit.count, dominant, composition: comp, keyCount: hit.keyCount },
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

  /** The zoom at which a cluster splits. Throws when its cell no longer holds a cluster (the filter or area changed). */
  expansionZoom(bubbleId: number): number {
    return this.clusters_().expansionZoom(bubbleId);
  }

  /** Enterprise ids under a cluster. */
  leaves(bubbleId: number, limit: number, offset = 0): number[] {
    const { id } = this.columns;
    return this.clusters_().leaves(bubbleId, limit, offset).map((r) => id[r]);
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

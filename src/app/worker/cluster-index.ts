// Supercluster over a subset of the enterprise rows, with per-industry-cluster member counts for
// every cluster (its dominant industry and its composition ring).
//
// Fast and lean for a million rows:
// - supercluster reads its input once, in order, through `length` and iteration, so it gets a
//   flyweight: one reused point object whose coordinates change as it iterates the matched rows,
//   instead of a million GeoJSON objects. Each point's `properties` is just its row number.
// - The per-industry counts live in one growing Uint32Array (a slot of K counters per cluster);
//   supercluster's map/reduce objects carry only the slot number. The first reduce call for a new
//   cluster gives its accumulator a slot of its own, so a cluster never shares counts with the
//   child it was cloned from.
import Supercluster, { type ClusterProperties, type InputFeature } from 'supercluster';
import type { GeoJsonProperties } from 'geojson';

export const CLUSTER_OPTIONS = { radius: 60, maxZoom: 16, extent: 512, minPoints: 2 } as const;

/** Accumulated properties of a supercluster cluster: `s` is its slot in the counts array, or -1 for a lone point (row `r`). */
type Acc = { r: number; s: number };

export interface ClusterHit {
  kind: 'cluster';
  clusterId: number;
  count: number;
  lon: number;
  lat: number;
  /** Members per industry cluster (a copy, in dictionary order). */
  composition: number[];
}

export interface PointHit {
  kind: 'point';
  row: number;
}

type GeoPoint = { type: 'Feature'; geometry: { type: 'Point'; coordinates: number[] }; properties: number };

/** Iterates the given rows as GeoJSON points while reusing one object (supercluster copies what it keeps). */
function flyweight(rows: Uint32Array, lon: Int32Array, lat: Int32Array): Iterable<GeoPoint> & { length: number } {
  return {
    length: rows.length,
    [Symbol.iterator]() {
      const coordinates = [0, 0];
      const value: GeoPoint = { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: 0 };
      const result = { value, done: false };
      let i = 0;
      return {
        next() {
          if (i >= rows.length) return { value: undefined, done: true } as IteratorResult<GeoPoint>;
          const row = rows[i++];
          coordinates[0] = lon[row] / 1e6;
          coordinates[1] = lat[row] / 1e6;
          value.properties = row;
          return result;
        },
      };
    },
  };
}

export class ClusterIndex {
  private readonly sc: Supercluster<GeoJsonProperties, Acc>;
  private counts: Uint32Array;
  private slots = 0;
  private current: Acc | null = null;
  /** Number of points indexed. */
  readonly size: number;

  /** `industry[row]` is the row's industry cluster, in [0, k). */
  constructor(
    rows: Uint32Array,
    lon: Int32Array,
    lat: Int32Array,
    private readonly industry: Uint8Array,
    private readonly k: number,
  ) {
    this.size = rows.length;
    this.counts = new Uint32Array(Math.max(1024, (rows.length >> 2) * k));
    this.sc = new Supercluster<GeoJsonProperties, Acc>({
      ...CLUSTER_OPTIONS,
      map: (row) => ({ r: row as unknown as number, s: -1 }),
      reduce: (acc, props) => this.reduce(acc, props),
    });
    // supercluster only iterates its input and reads `length`; its typings ask for an array.
    this.sc.load(flyweight(rows, lon, lat) as unknown as InputFeature<GeoJsonProperties>[]);
    this.current = null;
  }

  private newSlot(): number {
    const k = this.k;
    if ((this.slots + 1) * k > this.counts.length) {
      const next = new Uint32Array(this.counts.length * 2);
      next.set(this.counts);
      this.counts = next;
    }
    return this.slots++;
  }

  private reduce(acc: Acc, props: Acc): void {
    const k = this.k;
    if (acc !== this.current) {
      // A new cluster: acc is a fresh object made from its first member (a point, or a clone of a
      // cluster's props that still names that cluster's slot).
      const slot = this.newSlot();
      const base = slot * k;
      if (acc.s < 0) this.counts[base + this.industry[acc.r]] = 1;
      else this.counts.copyWithin(base, acc.s * k, acc.s * k + k);
      acc.s = slot;
      this.current = acc;
    }
    const base = acc.s * k;
    if (props.s < 0) this.counts[base + this.industry[props.r]]++;
    else for (let j = 0, from = props.s * k; j < k; j++) this.counts[base + j] += this.counts[from + j];
  }

  private composition(acc: Acc): number[] {
    const out = new Array<number>(this.k);
    for (let j = 0, base = acc.s * this.k; j < this.k; j++) out[j] = this.counts[base + j];
    return out;
  }

  clusters(bbox: [number, number, number, number], zoom: number): (ClusterHit | PointHit)[] {
    return this.sc.getClusters(bbox, zoom).map((f) => {
      const p = f.properties as ClusterProperties & Acc;
      if (p.cluster) {
        const [lon, lat] = f.geometry.coordinates;
        return { kind: 'cluster', clusterId: p.cluster_id, count: p.point_count, lon, lat, composition: this.composition(p) };
      }
      return { kind: 'point', row: f.properties as unknown as number };
    });
  }

  expansionZoom(clusterId: number): number {
    return this.sc.getClusterExpansionZoom(clusterId);
  }

  /** Rows of the points under a cluster (supercluster's order). */
  leaves(clusterId: number, limit: number, offset = 0): number[] {
    return this.sc.getLeaves(clusterId, limit, offset).map((f) => f.properties as unknown as number);
  }
}

// Cleaning of decoded district shapes so they form a proper partition of the city:
// valid rings, RFC 7946 winding, no overlaps and no interior gaps between districts.
// Boolean operations come from polygon-clipping (Martinez–Rueda–Feito); the gap assignment is ours
// because no library decides which neighbour should receive a sliver.
import polygonClipping, { type MultiPolygon as PcMulti, type Polygon as PcPoly } from 'polygon-clipping';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type DistrictFeature = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

export interface CleaningReport {
  duplicatePointsDropped: number;
  overlapsRemovedKm2: number;
  gapsFilled: number;
  gapsFilledKm2: number;
  slivers: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function dropConsecutiveDuplicates(ring: Position[], digits = 7): { ring: Position[]; dropped: number } {
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [round(p[0], digits), round(p[1], digits)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return { ring: out, dropped: Math.max(0, ring.length - out.length) };
}

function toMulti(g: Polygon | MultiPolygon): PcMulti {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as PcMulti;
}

function fromMulti(m: PcMulti): Polygon | MultiPolygon {
  return m.length === 1 ? { type: 'Polygon', coordinates: m[0] } : { type: 'MultiPolygon', coordinates: m };
}

const areaKm2 = (m: PcMulti) => (m.length ? turf.area(fromMulti(m)) / 1e6 : 0);

/** Clean a set of districts into a partition. Order matters only for overlaps: the earlier district keeps them. */
export function cleanDistricts(input: DistrictFeature[], sliverKm2 = 0.001): { features: DistrictFeature[]; report: CleaningReport } {
  const report: CleaningReport = { duplicatePointsDropped: 0, overlapsRemovedKm2: 0, gapsFilled: 0, gapsFilledKm2: 0, slivers: 0 };

  // 1. Dedupe points and repair self-touching/self-intersecting rings: a self-union rebuilds valid rings.
  const repaired: PcMulti[] = input.map((f) => {
    const polys = toMulti(f.geometry).map((poly) =>
      poly.map((ring) => {
        const r = dropConsecutiveDuplicates(ring as Position[]);
        report.duplicatePointsDropped += r.dropped;
        return r.ring;
      }),
    ) as PcMulti;
    return polygonClipping.union(polys);
  });

  // 2. Remove overlaps: each district minus everything before it.
  const exclusive: PcMulti[] = [];
  let covered: PcMulti = [];
  for (const m of repaired) {
    const rest = covered.length ? polygonClipping.difference(m, covered) : m;
    report.overlapsRemovedKm2 += areaKm2(m) - areaKm2(rest);
    exclusive.push(rest);
    covered = covered.length ? polygonClipping.union(covered, rest) : rest;
  }

  // 3. Fill interior gaps: holes of the union are places no district covers although districts surround them.
  //    Each goes to the neighbour that shares the most of its outline (measured by a thin buffer).
  for (const poly of covered) {
    for (const hole of poly.slice(1)) {
      const gap: PcPoly = [[...hole].reverse()];
      const gapArea = areaKm2([gap]);
      const halo = turf.buffer(turf.polygon(gap as Position[][]), 0.03, { units: 'kilometers' });
      if (!halo) continue;
      const haloM = toMulti(halo.geometry);
      let best = -1;
      let bestArea = 0;
      exclusive.forEach((m, i) => {
        const a = areaKm2(polygonClipping.intersection(m, haloM));
        if (a > bestArea) [best, bestArea] = [i, a];
      });
      if (best >= 0) {
        exclusive[best] = polygonClipping.union(exclusive[best], [gap]);
        report.gapsFilled++;
        report.gapsFilledKm2 += gapArea;
      }
    }
  }

  // 4. Drop detached slivers left by the boolean operations (pieces far smaller than any real island).
  const features = input.map((f, i): DistrictFeature => {
    const parts = exclusive[i].filter((poly) => {
      const keep = areaKm2([poly]) >= sliverKm2;
      if (!keep) report.slivers++;
      return keep;
    });
    const geometry = turf.rewind(fromMulti(parts), { reverse: false }) as Polygon | MultiPolygon;
    return { type: 'Feature', properties: { code: f.properties.code, name: f.properties.name }, geometry };
  });
  return { features, report };
}

// Coordinates of uploaded rows: conversion to WGS84 (GCJ-02 and BD-09 with gcoord; CGCS2000 differs
// from WGS84 by centimetres and is taken as is), and the test "inside Guangzhou" against the real
// district boundaries. The domain reads no files: the server passes the districts in (the
// FeatureCollection of data/boundaries/guangzhou-districts.geojson, or the districts table).
import gcoord from 'gcoord';
import pip from 'point-in-polygon-hao';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { PointGrid, selectInArea } from '../spatial-selection.ts';
import { round } from './cells.ts';
import type { SourceCrs } from './import-types.ts';

const GCOORD_CRS = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** WGS84 longitude and latitude of a position in `crs`, rounded to 7 decimals (about 1 cm). */
export function toWgs84(lon: number, lat: number, crs: SourceCrs): [number, number] {
  if (crs === 'gcj02' || crs === 'bd09') {
    const [x, y] = gcoord.transform([lon, lat], GCOORD_CRS[crs], gcoord.WGS84) as [number, number];
    return [round(x, 7), round(y, 7)];
  }
  return [round(lon, 7), round(lat, 7)];
}

/** Rings of a polygon converted to WGS84, 2D (a third coordinate is dropped), consecutive repeats removed. */
export function polygonToWgs84(rings: readonly Position[][], crs: SourceCrs): Position[][] {
  return rings.map((ring) => {
    const out: Position[] = [];
    for (const p of ring) {
      const q = toWgs84(p[0], p[1], crs);
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  });
}

/** Whether both numbers could be a WGS84 longitude and latitude at all. */
export const inLonLatRange = (lon: number, lat: number) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

export type Area = Polygon | MultiPolygon;

/** The city as the union of its districts, for "is this row in Guangzhou" tests. */
export interface CityArea {
  readonly bbox: readonly [number, number, number, number];
  readonly parts: readonly Area[];
  /** One point; points on a boundary count as inside. */
  contains(lon: number, lat: number): boolean;
  /** Many points at once (a grid over the points, so a million rows stay fast): 1 = inside. */
  containsAll(lons: Float64Array, lats: Float64Array): Uint8Array;
}

function isArea(g: Geometry | null | undefined): g is Area {
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/** A CityArea from the district boundaries (a FeatureCollection or plain geometries), in WGS84. */
export function createCityArea(boundaries: FeatureCollection | readonly (Area | Feature)[]): CityArea {
  const items: readonly (Geometry | Feature | null)[] = 'type' in boundaries && boundaries.type === 'FeatureCollection' ? boundaries.features : (boundaries as readonly (Area | Feature)[]);
  const parts: Area[] = [];
  for (const item of items) {
    const g = item && item.type === 'Feature' ? item.geometry : (item as Geometry | null);
    if (isArea(g)) parts.push(g);
  }
  if (!parts.length) throw new Error('createCityArea: the boundaries hold no Polygon or MultiPolygon');
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons: Position[][][] = [];
  for (const p of parts) for (const rings of p.type === 'Polygon' ? [p.coordinates] : p.coordinates) {
    polygons.push(rings);
    for (const [x, y] of rings[0] ?? []) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  }
  const bbox = [w, s, e, n] as const;
  return {
    bbox,
    parts,
    contains(lon, lat) {
      if (!(lon >= w && lon <= e && lat >= s && lat <= n)) return false;
      // pip: true inside, 0 on the boundary, false outside.
      return polygons.some((rings) => pip([lon, lat], rings) !== false);
    },
    containsAll(lons, lats) {
      const out = new Uint8Array(lons.length);
      if (!lons.length) return out;
      const grid = new PointGrid(lons, lats, 1);
      for (const p of parts) selectInArea(grid, p, out);
      return out;
    },
  };
}

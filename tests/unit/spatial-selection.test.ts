// Point-in-polygon selection against turf: the public turf corpus, then random areas over the
// demo's real districts and random points (boundary points included on purpose).
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { PointGrid, selectInArea } from '../../src/domain/spatial-selection.ts';

const CORPUS = '../shared/corpora/turf-boolean-point-in-polygon/cases.json';
interface Case { test: string; point: [number, number]; polygon: Polygon | MultiPolygon; options: { ignoreBoundary?: boolean }; expected: boolean }

function selectOne(point: [number, number], area: Polygon | MultiPolygon, ignoreBoundary: boolean, scale = 1): boolean {
  const grid = new PointGrid(Float64Array.of(point[0] * scale), Float64Array.of(point[1] * scale), scale);
  const out = new Uint8Array(1);
  selectInArea(grid, area, out, { ignoreBoundary });
  return out[0] === 1;
}

describe.skipIf(!existsSync(CORPUS))('selection against the turf point-in-polygon corpus', () => {
  if (!existsSync(CORPUS)) console.log(`skipped: ${CORPUS} not found (the shared corpora sit beside the project in CI)`);
  const cases: Case[] = existsSync(CORPUS) ? JSON.parse(readFileSync(CORPUS, 'utf8')) : [];
  it.each(cases.map((c, i) => [i, c.test, c] as const))('case %i (%s)', (_i, _name, c) => {
    expect(selectOne(c.point, c.polygon, !!c.options.ignoreBoundary)).toBe(c.expected);
  });

  it('agrees when all corpus points are selected together in one grid', () => {
    for (const c of cases) {
      // Put the case's point among many decoys so it shares cells with other points.
      const xs = [c.point[0]];
      const ys = [c.point[1]];
      const [w, s, e, n] = turf.bbox(c.polygon);
      for (let i = 0; i < 200; i++) {
        xs.push(w + ((e - w) * ((i * 37) % 200)) / 199);
        ys.push(s + ((n - s) * ((i * 91) % 200)) / 199);
      }
      const grid = new PointGrid(Float64Array.from(xs), Float64Array.from(ys), 1);
      const out = new Uint8Array(xs.length);
      selectInArea(grid, c.polygon, out, c.options);
      xs.forEach((x, i) => expect(out[i] === 1, `${c.test} point ${i}`).toBe(turf.booleanPointInPolygon([x, ys[i]], c.polygon, c.options)));
    }
  });
});

describe('selection over micro-degree columns equals turf.booleanPointInPolygon', () => {
  const districts = JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')).features as { geometry: Polygon | MultiPolygon }[];
  // Deterministic pseudo-random points over the city, plus every vertex of each test area (exact boundary hits).
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lon: number[] = [];
  const lat: number[] = [];
  for (let i = 0; i < 40000; i++) {
    lon.push(Math.round((113.1 + rand() * 1.1) * 1e6));
    lat.push(Math.round((22.5 + rand() * 1.5) * 1e6));
  }
  const areas: (Polygon | MultiPolygon)[] = [
    ...districts.map((d) => d.geometry),
    turf.circle([113.4, 23.1], 12, { steps: 64 }).geometry,
    turf.bboxPolygon([113.3, 23.0, 113.5, 23.2]).geometry,
  ];
  for (const a of areas) for (const ring of a.type === 'Polygon' ? a.coordinates : a.coordinates.flat()) for (const [x, y] of ring) {
    // Only vertices on the micro-degree lattice can be stored exactly in an Int32 column.
    if (Number.isInteger(Math.round(x * 1e6)) && Math.round(x * 1e6) / 1e6 === x && Math.round(y * 1e6) / 1e6 === y) {
      lon.push(Math.round(x * 1e6));
      lat.push(Math.round(y * 1e6));
    }
  }
  const grid = new PointGrid(Int32Array.from(lon), Int32Array.from(lat));

  it.each(areas.map((a, i) => [i, a] as const))('area %i', (_i, area) => {
    const out = new Uint8Array(lon.length);
    const n = selectInArea(grid, area, out);
    let expected = 0;
    for (let i = 0; i < lon.length; i++) {
      const want = turf.booleanPointInPolygon([lon[i] / 1e6, lat[i] / 1e6], area);
      if (want) expected++;
      if ((out[i] === 1) !== want) expect.fail(`point ${i} (${lon[i] / 1e6}, ${lat[i] / 1e6}): selected ${out[i] === 1}, turf ${want}`);
    }
    expect(n).toBe(expected);
  });
});

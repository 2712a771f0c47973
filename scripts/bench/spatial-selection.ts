// Benchmark: polygon selection over 1,000,000 points, the worker's code (src/domain/spatial-selection.ts,
// run here in Node: the same V8 engine the browser's worker uses) against turf.pointsWithinPolygon in
// the same run, on the same points and polygons. Two 64-vertex polygons: a circle and a star (many
// edges crossing the point grid). The answers must be identical; the bar is a median ≤ 20 ms and a
// speed-up ≥ 15× (docs/architecture.md §9).
import seedrandom from 'seedrandom';
import { circle, featureCollection, point, pointsWithinPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { PointGrid, selectInArea } from '../../src/domain/spatial-selection.ts';
import { describeMachine } from './results.ts';
import type { Benchmark } from './types.ts';

const POINTS = 1_000_000;
const BAR_MS = 20;
const BAR_SPEEDUP = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A 64-vertex star around (lon, lat): radii alternate between r and r/2 (km, roughly). */
function star(lon: number, lat: number, rKm: number): Polygon {
  const ring: number[][] = [];
  for (let i = 0; i < 64; i++) {
    const a = (i / 64) * 2 * Math.PI;
    const r = (i % 2 ? rKm / 2 : rKm) / 111;
    ring.push([lon + (r * Math.cos(a)) / Math.cos((lat * Math.PI) / 180), lat + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

export const spatialSelection: Benchmark = {
  name: 'spatial-selection',
  title: 'Spatial selection: polygon over 1,000,000 points',
  async run({ options, machine, date, log }) {
    const n = Number(options.points ?? POINTS);
    const rng = seedrandom('spatial-selection');
    // Points over the city's extent, denser towards the centre as enterprises are, in the payload's integer micro-degrees.
    const lon = new Int32Array(n), lat = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const spread = rng() < 0.6 ? 0.25 : 0.8;
      lon[i] = Math.round((113.4 + (rng() - 0.5) * spread * 1.6) * 1e6);
      lat[i] = Math.round((23.2 + (rng() - 0.5) * spread * 1.4) * 1e6);
    }
    let t0 = performance.now();
    const grid = new PointGrid(lon, lat);
    const gridMs = performance.now() - t0;
    log(`grid over ${n.toLocaleString('en')} points built in ${gridMs.toFixed(0)} ms (once per payload)`);
    t0 = performance.now();
    const points = featureCollection(Array.from({ length: n }, (_, i) => point([lon[i] / 1e6, lat[i] / 1e6])));
    log(`turf FeatureCollection built in ${(performance.now() - t0).toFixed(0)} ms (not timed below)`);

    const polygons: [string, Polygon][] = [
      ['circle, 64 vertices, r = 12 km', circle([113.35, 23.15], 12, { steps: 64 }).geometry],
      ['star, 64 vertices, r = 20 km', star(113.45, 23.2, 20)],
    ];
    const rows: string[] = [];
    let pass = true;
    for (const [name, polygon] of polygons) {
      const out = new Uint8Array(n);
      const ours: number[] = [];
      let count = 0;
      for (let k = 0; k < 21; k++) {
        out.fill(0);
        const t = performance.now();
        count = selectInArea(grid, polygon, out);
        ours.push(performance.now() - t);
      }
      const theirs: number[] = [];
      let turfCount = 0;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        turfCount = pointsWithinPolygon(points, polygon).features.length;
        theirs.push(performance.now() - t);
      }
      if (turfCount !== count) throw new Error(`${name}: ${count} selected, turf selects ${turfCount}`);
      const [m, tm] = [median(ours), median(theirs)];
      const ok = m <= BAR_MS && tm / m >= BAR_SPEEDUP;
      pass &&= ok;
      log(`${name}: ${count.toLocaleString('en')} points; ours median ${m.toFixed(1)} ms, turf ${tm.toFixed(0)} ms → ${(tm / m).toFixed(0)}× ${ok ? 'pass' : 'FAIL'}`);
      rows.push(`| ${name} | ${count.toLocaleString('en')} | ${m.toFixed(1)} ms | ${tm.toFixed(0)} ms | ${(tm / m).toFixed(0)}× | ${ok ? 'pass' : '**FAIL**'} |`);
    }
    const markdown = [
      `Run ${date} on ${describeMachine(machine)}. ${n.toLocaleString('en')} points in integer micro-degrees (the payload's columns);`,
      `the worker's selection (grid + polygon raster + point-in-polygon-hao near edges) against \`turf.pointsWithinPolygon\` on the same points, same run.`,
      `Identical answers are checked. Ours: median of 21 runs; turf: median of 3. Grid build (once per payload): ${gridMs.toFixed(0)} ms.`,
      `Bar (docs/architecture.md §9): median ≤ ${BAR_MS} ms and ≥ ${BAR_SPEEDUP}× faster than turf.`,
      '',
      '| polygon | selected | ours (median) | turf (median) | speed-up | bar |',
      '|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
    return { markdown, pass };
  },
};

// The enterprise bubbles for the view (src/app/worker/bubble-grid.ts through EnterpriseIndex, and
// src/domain/bubble-cells.ts): at every zoom the bubbles and points of a view add up to the
// filtered enterprises in the cells the view touches, a bubble is the same in every view that shows
// it, zooming in splits a bubble into bubbles that add up to it, and the incremental path of a
// narrowing filter answers exactly what a fresh evaluation does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/lib/demo/generate.ts';
import type { Enterprise } from '../../scripts/lib/demo/enterprises.ts';
import {
  CELL_LEVEL_OFFSET, FINE_LEVEL, MAX_BUBBLE_ZOOM, cellOfBubbleId, cellsBbox, bubbleIdOf, fineXMicro, fineYMicro, viewCells, type CellRange,
} from '../../src/domain/bubble-cells.ts';
import { EMPTY_FILTER, narrows, type EnterpriseFilter } from '../../src/domain/enterprise-filter.ts';
import { EnterprisePayloadBuilder } from '../../src/domain/enterprise-payload.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import type { ClusterFeatureProps, ViewFeature } from '../../src/domain/worker-protocol.ts';
import { EnterpriseIndex } from '../../src/app/worker/enterprise-index.ts';

type Box = [number, number, number, number];
const WORLD: Box = [-180, -85, 180, 85];
const ZOOMS = Array.from({ length: MAX_BUBBLE_ZOOM + 2 }, (_, z) => z); // 0 … 17
const KEY_TAGS = new Set<string>(taxonomy.enterpriseTags.filter((t) => t.key).map((t) => t.code));
const CLUSTERS = taxonomy.clusters.map((c) => c.code as string);

const dir = mkdtempSync(join(tmpdir(), 'igis-cluster-grid-'));
let records: Enterprise[];
let byId: Map<number, Enterprise>;
let payload: ArrayBuffer;
/** A point where 40 enterprises share one position (a building), to check the last zoom. */
const STACK: [number, number] = [113.388888, 23.111111];

beforeAll(() => {
  generateDemoData({ seed: 'cluster-grid', enterprises: 12_000, outDir: dir, figures: false });
  records = readFileSync(join(dir, 'enterprises.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const e of records.slice(0, 40)) [e.lon, e.lat] = STACK;
  byId = new Map(records.map((e) => [e.id, e]));
  const b = new EnterprisePayloadBuilder({ confidential: true, demo: true });
  for (const e of records) b.add(e);
  payload = b.finish().slice().buffer;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loaded(): EnterpriseIndex {
  const index = new EnterpriseIndex();
  index.load(payload.slice(0));
  return index;
}

const filter = (f: Partial<EnterpriseFilter>): EnterpriseFilter => ({ ...EMPTY_FILTER, ...f });
function matches(e: Enterprise, f: EnterpriseFilter): boolean {
  const industry = !f.clusters.length && !f.subIndustries.length ? true : f.clusters.includes(e.cluster) || f.subIndustries.includes(e.subIndustry);
  const tags = !f.tags.length || e.tags.some((t) => f.tags.includes(t));
  const area = !f.districts.length && !f.towns.length ? true : f.districts.includes(e.district) || f.towns.includes(e.town);
  return industry && tags && area;
}

/** The cell of an enterprise at a level, from its published coordinates as the payload stores them. */
const fine = new Map<Enterprise, [number, number]>();
function cellOf(e: Enterprise, level: number): [number, number] {
  const shift = FINE_LEVEL - level;
  let f = fine.get(e);
  if (!f) fine.set(e, (f = [fineXMicro(Math.round(e.lon * 1e6)), fineYMicro(Math.round(e.lat * 1e6))]));
  return [f[0] >> shift, f[1] >> shift];
}
const inRange = (c: [number, number], r: CellRange) => c[0] >= r.x0 && c[0] <= r.x1 && c[1] >= r.y0 && c[1] <= r.y1;
const total = (features: ViewFeature[]) => features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0);
const isCluster = (f: ViewFeature): f is ViewFeature & { properties: ClusterFeatureProps } => f.properties.cluster;

/** Views: the world, the city, and boxes of about a screen around places with many enterprises, at each zoom. */
function boxesAt(zoom: number): Box[] {
  const span = (w: number) => (1280 / (512 * 2 ** zoom)) * 360 * w;
  const around = ([x, y]: [number, number], w: number): Box => [x - span(w) / 2, y - span(w) / 3, x + span(w) / 2, y + span(w) / 3];
  return [WORLD, [112.9, 22.5, 114.1, 23.95], around(STACK, 1), around([records[500].lon, records[500].lat], 1.5), around([records[7000].lon + 0.01, records[7000].lat], 0.7)];
}

const FILTERS: EnterpriseFilter[] = [EMPTY_FILTER, filter({ tags: ['high-tech'] }), filter({ tags: ['srdi', 'backbone'], clusters: ['auto', 'biomed', 'equipment'] }), filter({ districts: ['440113', '440112'] })];

describe('bubbles for the view', () => {
  it('add up, at every zoom, to the filtered enterprises in the cells the view touches, with each bubble as its members say', () => {
    const index = loaded();
    for (const f of FILTERS) {
      index.setFilter(f);
      const matched = records.filter((e) => matches(e, f));
      expect(index.matched).toBe(matched.length);
      for (const zoom of ZOOMS) {
        const level = zoom + CELL_LEVEL_OFFSET;
        for (const box of boxesAt(zoom)) {
          const features = index.clusters(box, zoom);
          const cells = viewCells(box, level);
          const inView = matched.filter((e) => inRange(cellOf(e, level), cells));
          const byCell = new Map<string, Enterprise[]>();
          for (const r of inView) {
            const key = cellOf(r, level).join('/');
            const list = byCell.get(key);
            if (list) list.push(r);
            else byCell.set(key, [r]);
          }
          const what = `filter ${JSON.stringify(f.tags)} zoom ${zoom} box ${box.map((x) => x.toFixed(3)).join(',')}`;
          expect(total(features), what).toBe(inView.length);
          // Every enterprise inside the box is in a bubble or drawn, and nothing from beyond the touched cells.
          const [w, s, e, n] = box;
          const [cw, cs, ce, cn] = cellsBbox(cells);
          const strictlyInside = matched.filter((r) => r.lon > w && r.lon < e && r.lat > s && r.lat < n).length;
          const inCells = matched.filter((r) => r.lon >= cw - 1e-9 && r.lon <= ce + 1e-9 && r.lat >= cs - 1e-9 && r.lat <= cn + 1e-9).length;
          expect(total(features), what).toBeGreaterThanOrEqual(strictlyInside);
          expect(total(features), what).toBeLessThanOrEqual(inCells);
          expect(new Set(features.map((x) => x.id)).size, what).toBe(features.length);
          for (const c of features.filter(isCluster)) {
            const cell = cellOfBubbleId(c.properties.bubbleId)!;
            expect(cell.level, what).toBe(level);
            const members = byCell.get(`${cell.x}/${cell.y}`) ?? [];
            expect(c.properties.count, what).toBe(members.length);
            expect(c.properties.count).toBeGreaterThanOrEqual(2);
            expect(c.properties.composition).toEqual(CLUSTERS.map((code) => members.filter((r) => r.cluster === code).length));
            expect(c.properties.composition[c.properties.dominant]).toBe(Math.max(...c.properties.composition));
            expect(c.properties.keyCount).toBe(members.filter((r) => r.tags.some((t) => KEY_TAGS.has(t))).length);
            // The bubble sits inside its cell, at the mean of its members.
            const [bw, bs, be, bn] = cellsBbox({ level, x0: cell.x, x1: cell.x, y0: cell.y, y1: cell.y });
            const [lon, lat] = c.geometry.coordinates;
            expect(lon >= bw && lon <= be && lat >= bs && lat <= bn, `${what}: bubble outside its cell`).toBe(true);
            expect(lon).toBeCloseTo(members.reduce((a, r) => a + r.lon, 0) / members.length, 2);
          }
          if (zoom > MAX_BUBBLE_ZOOM) expect(features.every((x) => !x.properties.cluster), what).toBe(true);
        }
      }
    }
  });

  it('gives the same answer for the same input, and the same bubble in every view that shows its cell', () => {
    const a = loaded(), b = loaded();
    for (const f of FILTERS.slice(0, 3)) {
      a.setFilter(f);
      b.setFilter(f);
      for (const zoom of ZOOMS)
        for (const box of boxesAt(zoom)) {
          const first = a.clusters(box, zoom);
          // Compared as text: deep equality of thousands of features is slow, and the text is as strict.
          expect(JSON.stringify(a.clusters(box, zoom))).toBe(JSON.stringify(first));
          expect(JSON.stringify(b.clusters(box, zoom))).toBe(JSON.stringify(first));
          // Panned by a third of the box: whatever both views show is identical (no count flicker, no jumping).
          const dx = (box[2] - box[0]) / 3;
          const panned = new Map(a.clusters([box[0] + dx, box[1], box[2] + dx, box[3]], zoom).map((x) => [x.id, x]));
          for (const x of first) if (panned.has(x.id)) expect(panned.get(x.id), `zoom ${zoom}`).toEqual(x);
        }
    }
    // A fractional zoom is the whole level below it, as maplibre draws GeoJSON.
    expect(a.clusters(WORLD, 8.99)).toEqual(a.clusters(WORLD, 8));
  });

  it('answers the first view by a scan exactly as the sorted grid does, at every zoom and filter', () => {
    for (const f of FILTERS.slice(0, 3))
      for (const zoom of ZOOMS)
        for (const box of boxesAt(zoom)) {
          // A fresh index answers its first coarse view before the spatial sort (one scan over the rows) …
          const fresh = loaded();
          fresh.setFilter(f);
          const scanned = JSON.stringify(fresh.clusters(box, zoom));
          // … and the same index, sorted, answers the same.
          fresh.prepareClusters();
          expect(fresh.clustersPending).toBe(false);
          expect(JSON.stringify(fresh.clusters(box, zoom)), `zoom ${zoom}`).toBe(scanned);
        }
  });

  it('splits a bubble, one zoom in, into bubbles and points that add up to it', () => {
    const index = loaded();
    index.setFilter(filter({ tags: ['high-tech', 'above-scale'] }));
    for (let zoom = 0; zoom <= MAX_BUBBLE_ZOOM; zoom++) {
      const parents = index.clusters(WORLD, zoom).filter(isCluster);
      const children = index.clusters(WORLD, zoom + 1);
      const sums = new Map<number, number>();
      for (const c of children) {
        let x: number, y: number;
        if (isCluster(c)) ({ x, y } = cellOfBubbleId(c.properties.bubbleId)!);
        else [x, y] = cellOf(byId.get(c.id)!, zoom + 1 + CELL_LEVEL_OFFSET);
        const parent = bubbleIdOf(zoom + CELL_LEVEL_OFFSET, x >> 1, y >> 1);
        sums.set(parent, (sums.get(parent) ?? 0) + (isCluster(c) ? c.properties.count : 1));
      }
      for (const p of parents) expect(sums.get(p.properties.bubbleId), `zoom ${zoom}`).toBe(p.properties.count);
    }
  });

  it('expands a bubble at the zoom where its members first fall apart, lists its members, and refuses a stale id', () => {
    const index = loaded();
    for (const zoom of [4, 8, 11, 14, 16]) {
      const bubbles = index.clusters(WORLD, zoom).filter(isCluster).sort((a, b) => b.properties.count - a.properties.count);
      for (const c of [bubbles[0], bubbles[bubbles.length >> 1], bubbles[bubbles.length - 1]]) {
        const id = c.properties.bubbleId;
        const leaves = index.leaves(id, Infinity);
        expect(leaves.length).toBe(c.properties.count);
        const members = leaves.map((lid) => byId.get(lid)!);
        const cell = cellOfBubbleId(id)!;
        for (const m of members) expect(cellOf(m, cell.level)).toEqual([cell.x, cell.y]);
        const z = index.expansionZoom(id);
        expect(z).toBeGreaterThan(zoom);
        expect(z).toBeLessThanOrEqual(MAX_BUBBLE_ZOOM + 1);
        const cellsAt = (zz: number) => new Set(members.map((m) => cellOf(m, zz + CELL_LEVEL_OFFSET).join('/'))).size;
        if (z <= MAX_BUBBLE_ZOOM) {
          expect(cellsAt(z), `zoom ${zoom}: apart at ${z}`).toBeGreaterThan(1);
          expect(cellsAt(z - 1), `zoom ${zoom}: together at ${z - 1}`).toBe(1);
        } else expect(cellsAt(MAX_BUBBLE_ZOOM)).toBe(1);
        expect(index.leaves(id, 3, 1)).toEqual(leaves.slice(1, 4));
      }
    }
    // Forty enterprises at one position stay one bubble up to the last clustered zoom, then are drawn one by one.
    const stack = index.clusters([STACK[0] - 1e-4, STACK[1] - 1e-4, STACK[0] + 1e-4, STACK[1] + 1e-4], MAX_BUBBLE_ZOOM).filter(isCluster);
    expect(stack.some((c) => c.properties.count >= 40 && index.expansionZoom(c.properties.bubbleId) === MAX_BUBBLE_ZOOM + 1)).toBe(true);
    // A cell that holds no bubble (any more) is refused in words the handler turns into plain language.
    const lone = index.clusters(WORLD, 10).filter(isCluster)[0].properties.bubbleId;
    index.setFilter(filter({ clusters: ['auto'], tags: ['single-champion'], districts: ['440114'] }));
    const still = index.clusters(WORLD, 10).filter(isCluster).map((c) => c.properties.bubbleId);
    if (!still.includes(lone)) expect(() => index.expansionZoom(lone)).toThrow(/No cluster with the specified id/);
    expect(() => index.expansionZoom(12345678)).toThrow(/No cluster with the specified id/);
  });

  it('answers a narrowing filter from the previous one exactly as a fresh evaluation does', () => {
    const steps = [
      filter({ tags: ['high-tech', 'srdi', 'above-scale'] }),
      filter({ tags: ['high-tech', 'srdi'] }),
      filter({ tags: ['high-tech', 'srdi'], clusters: ['auto', 'display', 'biomed'] }),
      filter({ tags: ['srdi'], clusters: ['auto', 'display'], districts: ['440113', '440112', '440114'] }),
      filter({ tags: ['srdi'], clusters: ['auto'], districts: ['440113'] }),
    ];
    const incremental = loaded();
    incremental.setFilter(EMPTY_FILTER);
    incremental.clusters(WORLD, 9); // sums cached under the wider filter
    for (let i = 0; i < steps.length; i++) {
      if (i) expect(narrows(steps[i], steps[i - 1])).toBe(true);
      incremental.setFilter(steps[i]);
      const fresh = loaded();
      fresh.setFilter(steps[i]);
      expect(incremental.matched).toBe(records.filter((e) => matches(e, steps[i])).length);
      expect(incremental.facetCounts()).toEqual(fresh.facetCounts());
      expect(incremental.summary()).toEqual(fresh.summary());
      for (const zoom of [3, 9, 12, 15]) expect(incremental.clusters(WORLD, zoom)).toEqual(fresh.clusters(WORLD, zoom));
      expect(incremental.selectedIds(1e9)).toEqual(fresh.selectedIds(1e9));
    }
    // Widening again (and a tag swapped) takes the full pass and is right too.
    for (const f of [filter({ tags: ['srdi', 'backbone'] }), filter({ tags: ['backbone'] }), EMPTY_FILTER]) {
      incremental.setFilter(f);
      const fresh = loaded();
      fresh.setFilter(f);
      expect(incremental.facetCounts()).toEqual(fresh.facetCounts());
      expect(incremental.clusters(WORLD, 10)).toEqual(fresh.clusters(WORLD, 10));
    }
  });

  it('handles a few enterprises spread over the city (coarse buckets, many cells each when zoomed in)', () => {
    const few = records.filter((_, i) => i % 200 === 7); // 60 enterprises
    const builder = new EnterprisePayloadBuilder({ confidential: true, demo: true });
    for (const e of few) builder.add(e);
    const index = new EnterpriseIndex();
    index.load(builder.finish().slice().buffer);
    for (const zoom of ZOOMS) {
      const level = zoom + CELL_LEVEL_OFFSET;
      const features = index.clusters(WORLD, zoom);
      expect(total(features), `zoom ${zoom}`).toBe(few.length);
      for (const c of features.filter(isCluster)) {
        const cell = cellOfBubbleId(c.properties.bubbleId)!;
        expect(c.properties.count).toBe(few.filter((r) => { const [x, y] = cellOf(r, level); return x === cell.x && y === cell.y; }).length);
      }
    }
  });

  it('tells which filters narrow which', () => {
    const f = filter;
    expect(narrows(f({ tags: ['srdi'] }), EMPTY_FILTER)).toBe(true);
    expect(narrows(EMPTY_FILTER, f({ tags: ['srdi'] }))).toBe(false);
    expect(narrows(f({ tags: ['srdi'] }), f({ tags: ['srdi', 'backbone'] }))).toBe(true);
    expect(narrows(f({ tags: ['srdi', 'backbone'] }), f({ tags: ['srdi'] }))).toBe(false);
    expect(narrows(f({ tags: ['backbone'] }), f({ tags: ['srdi'] }))).toBe(false);
    // Industry is one facet: a sub-industry added to a cluster choice widens it.
    expect(narrows(f({ clusters: ['auto'] }), f({ clusters: ['auto'], subIndustries: ['cosmetics'] }))).toBe(true);
    expect(narrows(f({ clusters: ['auto'], subIndustries: ['cosmetics'] }), f({ clusters: ['auto'] }))).toBe(false);
    expect(narrows(f({ towns: ['x'] }), f({ districts: ['440113'] }))).toBe(false);
    expect(narrows(EMPTY_FILTER, EMPTY_FILTER)).toBe(true);
  });
});

describe('grid cells', () => {
  it('nest: a point\'s cell at one level is its cell one level finer, halved', () => {
    for (const e of records.slice(0, 2000))
      for (let level = CELL_LEVEL_OFFSET; level < MAX_BUBBLE_ZOOM + CELL_LEVEL_OFFSET; level++) {
        const [x, y] = cellOf(e, level + 1);
        expect(cellOf(e, level)).toEqual([x >> 1, y >> 1]);
      }
  });

  it('name cells by ids that decode back, and reject ids that cannot be cells', () => {
    for (const [level, x, y] of [[3, 0, 0], [11, 1664, 885], [19, 2 ** 19 - 1, 2 ** 19 - 1]]) expect(cellOfBubbleId(bubbleIdOf(level, x, y))).toEqual({ level, x, y });
    for (const bad of [-1, 1.5, 12345678, bubbleIdOf(20, 0, 0), bubbleIdOf(5, 40, 0)]) expect(cellOfBubbleId(bad)).toBeNull();
  });

  it('cover a box with whole cells, the covered area holding the box', () => {
    for (const level of [3, 8, 11, 15, 19]) {
      const box: Box = [113.21, 22.97, 113.58, 23.31];
      const covered = cellsBbox(viewCells(box, level));
      expect(covered[0]).toBeLessThanOrEqual(box[0]);
      expect(covered[1]).toBeLessThanOrEqual(box[1]);
      expect(covered[2]).toBeGreaterThanOrEqual(box[2]);
      expect(covered[3]).toBeGreaterThanOrEqual(box[3]);
    }
    // At zoom z the cells are 64 px of maplibre's 512-px tiles.
    const r = viewCells([0, -1, 360 / 2 ** 11 - 1e-9, 0], 11);
    expect(r.x1 - r.x0).toBe(0);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { generateDemoData } from '../../scripts/lib/demo/generate.ts';
import type { Enterprise } from '../../scripts/lib/demo/enterprises.ts';
import type { VillageParkProps } from '../../scripts/lib/demo/village-parks.ts';
import type { ValueParkProps } from '../../scripts/lib/demo/value-parks.ts';
import { isValidCreditCode } from '../../src/domain/credit-code.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { collectionProblems } from '../helpers/rfc7946.ts';
import { geojsonValidationErrors } from '../helpers/geojson-validation.ts';

type Districts = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
const districts = JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as Districts;
const districtShape = new Map(districts.features.map((f) => [f.properties.code, f]));
const towns = JSON.parse(readFileSync('data/divisions/guangzhou-towns.json', 'utf8')) as { code: string; district: string }[];
const villages = JSON.parse(readFileSync('data/divisions/guangzhou-villages.json', 'utf8')) as { code: string; town: string; name: string; kind: string }[];

const root = mkdtempSync(join(tmpdir(), 'igis-demo-'));
let enterprises: Enterprise[];
let parks: FeatureCollection<Polygon, VillageParkProps> & { demo?: boolean };
let valueParks: FeatureCollection<Polygon, ValueParkProps> & { demo?: boolean };

beforeAll(() => {
  generateDemoData({ seed: 'test-seed', enterprises: 20_000, outDir: join(root, 'a') });
  enterprises = readFileSync(join(root, 'a/enterprises.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  parks = JSON.parse(readFileSync(join(root, 'a/village-parks.geojson'), 'utf8'));
  valueParks = JSON.parse(readFileSync(join(root, 'a/value-parks.geojson'), 'utf8'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const bboxesOverlap = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe('demo data: village parks', () => {
  it('are 2,705 valid RFC 7946 polygons marked as demo data', () => {
    expect(parks.features).toHaveLength(2705);
    expect(parks.demo).toBe(true);
    expect(geojsonValidationErrors(parks)).toEqual([]);
    expect(collectionProblems(parks)).toEqual([]);
  });

  it('cover 131.6 km² in total within 2 %', () => {
    const km2 = parks.features.reduce((s, f) => s + turf.area(f), 0) / 1e6;
    expect(Math.abs(km2 - 131.6) / 131.6).toBeLessThan(0.02);
  });

  it('lie in the seven outer districts, each wholly inside the district it names', () => {
    const outer = new Set(taxonomy.districts.filter((d) => d.outer).map((d) => d.code));
    for (const f of parks.features) {
      expect(outer.has(f.properties.district as never)).toBe(true);
      expect(turf.booleanWithin(f, districtShape.get(f.properties.district)!), f.properties.code).toBe(true);
    }
  });

  it('do not overlap each other', () => {
    const boxes = parks.features.map((f) => turf.bbox(f));
    const order = boxes.map((_, i) => i).sort((a, b) => boxes[a][0] - boxes[b][0]);
    let checked = 0;
    for (let a = 0; a < order.length; a++)
      for (let b = a + 1; b < order.length && boxes[order[b]][0] < boxes[order[a]][2]; b++) {
        const [i, j] = [order[a], order[b]];
        if (!bboxesOverlap(boxes[i], boxes[j])) continue;
        checked++;
        expect(turf.booleanIntersects(parks.features[i], parks.features[j]), `${i} × ${j}`).toBe(false);
      }
    expect(checked).toBeGreaterThanOrEqual(0);
  });

  it('are named after a real village committee of the town they lie in', () => {
    const byCode = new Map(villages.map((v) => [v.code, v]));
    for (const f of parks.features) {
      const v = byCode.get(f.properties.villageCode)!;
      expect(v.kind).toBe('village');
      expect(v.town).toBe(f.properties.town);
      expect(f.properties.name.startsWith(f.properties.village)).toBe(true);
    }
  });

  it('have valid renovation codes, land area in mu, and about 20 pilots a year for 2019-2021', () => {
    const cats = new Set(taxonomy.renovationCategories.map((c) => c.code as string));
    const progress = new Set(taxonomy.renovationProgress.map((c) => c.code as string));
    for (const f of parks.features) {
      expect(cats.has(f.properties.category)).toBe(true);
      expect(progress.has(f.properties.progress)).toBe(true);
      if (f.properties.category === 'unclassified') expect(f.properties.progress).toBe('not_started');
      expect(f.properties.areaMu).toBeCloseTo(turf.area(f) / 666.67, 0);
      expect(f.properties.outputPerMu).toBeGreaterThan(0);
      expect(f.properties.taxPerMu).toBeGreaterThan(0);
    }
    for (const year of [2019, 2020, 2021]) expect(parks.features.filter((f) => f.properties.pilotYear === year)).toHaveLength(20);
  });
});

describe('demo data: value-innovation parks', () => {
  it('are 10 valid polygons inside their districts with the six elements', () => {
    expect(valueParks.features).toHaveLength(10);
    expect(valueParks.demo).toBe(true);
    expect(geojsonValidationErrors(valueParks)).toEqual([]);
    expect(collectionProblems(valueParks)).toEqual([]);
    const elementCodes = taxonomy.valueParkElements.map((e) => e.code);
    for (const f of valueParks.features) {
      expect(turf.booleanWithin(f, districtShape.get(f.properties.district)!)).toBe(true);
      expect(f.properties.elements.map((e) => e.code)).toEqual(elementCodes);
      expect(taxonomy.clusters.some((c) => c.code === f.properties.theme)).toBe(true);
    }
  });

  it('do not overlap village parks', () => {
    for (const v of valueParks.features) {
      const vb = turf.bbox(v);
      for (const p of parks.features) if (bboxesOverlap(vb, turf.bbox(p))) expect(turf.booleanIntersects(v, p)).toBe(false);
    }
  });
});

describe('demo data: enterprises', () => {
  it('has the requested count with valid, unique credit codes', () => {
    expect(enterprises).toHaveLength(20_000);
    const codes = new Set(enterprises.map((e) => e.creditCode));
    expect(codes.size).toBe(enterprises.length);
    for (const e of enterprises) expect(isValidCreditCode(e.creditCode), e.creditCode).toBe(true);
  });

  it('uses only taxonomy codes, with revenue at or above the library threshold', () => {
    const tags = new Set(taxonomy.enterpriseTags.map((t) => t.code as string));
    const futures = new Set(taxonomy.futureIndustries.map((t) => t.code as string));
    for (const e of enterprises) {
      const cluster = taxonomy.clusters.find((c) => c.code === e.cluster)!;
      expect(cluster.subIndustries.some((s) => s.code === e.subIndustry)).toBe(true);
      for (const t of e.tags) expect(tags.has(t)).toBe(true);
      if (e.futureIndustry) expect(futures.has(e.futureIndustry)).toBe(true);
      expect(e.revenue).toBeGreaterThanOrEqual(taxonomy.libraryRevenueThreshold);
      expect(e.tags.includes('above-scale')).toBe(e.revenue >= 20_000_000);
      expect(e.employees).toBeGreaterThan(0);
      expect(e.name.length).toBeGreaterThan(4);
    }
  });

  it('every enterprise lies inside the district it names and in a town of that district', () => {
    const townDistrict = new Map(towns.map((t) => [t.code, t.district]));
    for (const e of enterprises) {
      expect(turf.booleanPointInPolygon([e.lon, e.lat], districtShape.get(e.district)!), `${e.id}`).toBe(true);
      expect(townDistrict.get(e.town)).toBe(e.district);
    }
  });

  it('names the village or value-innovation park it lies in, and only that', () => {
    const parkById = new Map(parks.features.map((f) => [f.properties.id, f as Feature<Polygon>]));
    const boxes = parks.features.map((f) => ({ f, b: turf.bbox(f) }));
    let inPark = 0;
    for (const e of enterprises) {
      const pt: [number, number] = [e.lon, e.lat];
      const containing = boxes.filter(({ b }) => pt[0] >= b[0] && pt[0] <= b[2] && pt[1] >= b[1] && pt[1] <= b[3]).filter(({ f }) => turf.booleanPointInPolygon(pt, f));
      expect(containing.map(({ f }) => f.properties.id)).toEqual(e.villageParkId ? [e.villageParkId] : []);
      if (e.villageParkId) {
        inPark++;
        expect(parkById.get(e.villageParkId)!.properties!.district).toBe(e.district);
      }
      const vp = valueParks.features.find((f) => turf.booleanPointInPolygon(pt, f));
      expect(vp?.properties.id ?? null).toBe(e.valueParkId);
    }
    expect(inPark).toBeGreaterThan(1000);
  });

  it('follows plausible cluster geography', () => {
    const share = (pred: (e: Enterprise) => boolean, districtsWanted: string[]) => {
      const sel = enterprises.filter(pred);
      return sel.filter((e) => districtsWanted.includes(e.district)).length / sel.length;
    };
    expect(share((e) => e.cluster === 'auto', ['440114', '440113', '440115', '440118', '440112'])).toBeGreaterThan(0.85);
    expect(share((e) => e.cluster === 'display', ['440112', '440118'])).toBeGreaterThan(0.6);
    expect(share((e) => e.subIndustry === 'cosmetics', ['440111'])).toBeGreaterThan(0.5);
    expect(share((e) => e.subIndustry === 'ships-ocean', ['440115'])).toBeGreaterThan(0.5);
    expect(share((e) => e.cluster === 'biomed', ['440112'])).toBeGreaterThan(0.35);
  });
});

describe('demo data: determinism', () => {
  it('gives byte-identical files for the same seed and different ones for another seed', () => {
    const files = ['enterprises.ndjson', 'village-parks.geojson', 'value-parks.geojson', 'meta.json'];
    generateDemoData({ seed: 'det', enterprises: 3000, outDir: join(root, 'b') });
    generateDemoData({ seed: 'det', enterprises: 3000, outDir: join(root, 'c') });
    generateDemoData({ seed: 'other', enterprises: 3000, outDir: join(root, 'd') });
    for (const f of files) {
      expect(readFileSync(join(root, 'b', f)).equals(readFileSync(join(root, 'c', f))), f).toBe(true);
      if (f !== 'meta.json') expect(readFileSync(join(root, 'b', f)).equals(readFileSync(join(root, 'd', f))), f).toBe(false);
    }
  });

  it('refuses impossible counts', () => {
    expect(() => generateDemoData({ seed: 'x', enterprises: 1_000_001, outDir: join(root, 'e') })).toThrow(/1,000,000/);
    expect(() => generateDemoData({ seed: 'x', enterprises: 1.5, outDir: join(root, 'e') })).toThrow(/integer/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import polygonClipping, { type MultiPolygon as PcMulti } from 'polygon-clipping';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { collectionProblems } from '../helpers/rfc7946.ts';
import { geojsonValidationErrors } from '../helpers/geojson-validation.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';

type Districts = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
const districts = JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as Districts;
const asMulti = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as PcMulti;
const km2 = (m: PcMulti) => (m.length ? turf.area({ type: 'MultiPolygon', coordinates: m }) / 1e6 : 0);

// data/README.md ("Accuracy"): areas after GCJ-02 → WGS84 conversion.
const EXPECTED_KM2: Record<string, number> = {
  '440117': 1990, '440118': 1618, '440114': 971, '440111': 666, '440115': 843, '440113': 521,
  '440112': 483, '440106': 137, '440105': 91, '440103': 63, '440104': 34,
};

const districtAt = (lon: number, lat: number) => districts.features.find((f) => turf.booleanPointInPolygon([lon, lat], f))?.properties.code;

describe('Guangzhou district boundaries', () => {
  it('are 11 districts with the taxonomy codes', () => {
    expect(districts.features.map((f) => f.properties.code).sort()).toEqual(taxonomy.districts.map((d) => d.code).sort());
  });

  it('pass geojson-validation and the RFC 7946 checks', () => {
    expect(geojsonValidationErrors(districts)).toEqual([]);
    expect(collectionProblems(districts)).toEqual([]);
  });

  it('have valid polygons (each part valid; parts of one district do not overlap)', () => {
    for (const f of districts.features) {
      const parts = asMulti(f.geometry);
      for (const p of parts) expect(turf.booleanValid(turf.polygon(p)), f.properties.name).toBe(true);
      for (let i = 0; i < parts.length; i++)
        for (let j = i + 1; j < parts.length; j++) expect(km2(polygonClipping.intersection(parts[i], parts[j]))).toBeLessThan(1e-6);
    }
  });

  it.each(Object.entries(EXPECTED_KM2))('district %s has the expected area within 1 %%', (code, expected) => {
    const f = districts.features.find((d) => d.properties.code === code)!;
    expect(Math.abs(turf.area(f) / 1e6 - expected) / expected).toBeLessThan(0.01);
  });

  it('do not overlap each other', () => {
    const fs = districts.features;
    for (let i = 0; i < fs.length; i++)
      for (let j = i + 1; j < fs.length; j++) {
        const overlap = km2(polygonClipping.intersection(asMulti(fs[i].geometry), asMulti(fs[j].geometry)));
        expect(overlap, `${fs[i].properties.name} ∩ ${fs[j].properties.name}`).toBeLessThan(1e-6); // < 1 m²
      }
  });

  it('leave no gaps inside the city', () => {
    const union = polygonClipping.union(asMulti(districts.features[0].geometry), ...districts.features.slice(1).map((f) => asMulti(f.geometry)));
    const holes = union.flatMap((poly) => poly.slice(1));
    expect(holes.map((h) => km2([[h]]))).toEqual([]);
    expect(turf.area({ type: 'MultiPolygon', coordinates: union }) / 1e6).toBeCloseTo(7417, -1);
  });

  it('put landmarks in the right district', () => {
    expect(districtAt(113.3245, 23.1064)).toBe('440105'); // Canton Tower → 海珠
    expect(districtAt(113.525, 22.801)).toBe('440115'); // Nansha district government → 南沙
    expect(districtAt(113.2644, 23.1291)).toBe('440104'); // Yuexiu Park area → 越秀
  });
});

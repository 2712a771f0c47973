// Spatial filter areas: the permalink codec and the geometry an area stands for.
import { area as turfArea, booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { bufferArea } from '../../src/domain/area-buffer.ts';
import { combinePolygons, type AreaSpec } from '../../src/domain/area-geometry.ts';
import { decodeArea, encodeArea, MAX_LINK_POSITIONS } from '../../src/app/state/area-url.ts';
import { stateFromUrl } from '../../src/app/state/url-state.ts';
import type { Polygon } from 'geojson';

const square: Polygon = { type: 'Polygon', coordinates: [[[113.2, 23.1], [113.3, 23.1], [113.3, 23.2], [113.2, 23.2], [113.2, 23.1]]] };
const withHole: Polygon = {
  type: 'Polygon',
  coordinates: [square.coordinates[0], [[113.22, 23.12], [113.22, 23.18], [113.28, 23.18], [113.28, 23.12], [113.22, 23.12]]],
};

describe('area in the permalink', () => {
  const cases: [string, AreaSpec][] = [
    ['two shapes, one with a hole', { kind: 'shapes', polygons: [withHole, { type: 'Polygon', coordinates: [[[113.5, 23.5], [113.6, 23.5], [113.55, 23.6], [113.5, 23.5]]] }] }],
    ['buffer around a village park', { kind: 'buffer', target: { kind: 'park', id: 1234 }, km: 2.5 }],
    ['buffer around a value park', { kind: 'buffer', target: { kind: 'valuePark', id: 3 }, km: 1 }],
    ['buffer around a line', { kind: 'buffer', target: { kind: 'line', coordinates: [[113.1, 23.1], [113.25, 23.15]] }, km: 0.5 }],
    ['inside village parks', { kind: 'inside', layer: 'villageParks' }],
    ['inside value parks', { kind: 'inside', layer: 'valueParks' }],
  ];
  for (const [name, spec] of cases)
    it(`round-trips ${name}`, () => {
      const raw = encodeArea(spec)!;
      expect(decodeArea(raw)).toEqual(spec);
      // and through the whole query string, where spaces become "+"
      const qs = `?a=${encodeURIComponent(raw)}`;
      expect(stateFromUrl(qs, () => undefined).area).toEqual(spec);
    });

  it('keeps rings closed and drops the closing position from the link', () => {
    const raw = encodeArea({ kind: 'shapes', polygons: [square] })!;
    expect(raw).toBe('s:113.2 23.1,113.3 23.1,113.3 23.2,113.2 23.2');
  });

  it('leaves shapes too big for a link out of it', () => {
    const ring = Array.from({ length: MAX_LINK_POSITIONS + 10 }, (_, i) => [113 + Math.cos(i) * 0.1, 23 + Math.sin(i) * 0.1]);
    expect(encodeArea({ kind: 'shapes', polygons: [{ type: 'Polygon', coordinates: [[...ring, ring[0]]] }] })).toBeNull();
  });

  it.each([
    ['s:113.2 23.1,113.3 23.1', /at least three/],
    ['s:13.2 23.1,113.3 23.1,113.3 23.2', /outside the map/],
    ['s:abc', /longitude latitude/],
    ['b:p12:0', /more than 0/],
    ['b:p12:500', /at most 50/],
    ['b:l113.1 23.1:1', /two positions/],
    ['x:1', /expected/],
  ])('rejects %s with a reason, and the rest of the link still applies', (raw, why) => {
    expect(() => decodeArea(raw)).toThrow(why);
    const warnings: string[] = [];
    const s = stateFromUrl(`?z=11&a=${encodeURIComponent(raw)}`, (m) => warnings.push(m));
    expect(s.area).toBeNull();
    expect(s.zoom).toBe(11);
    expect(warnings[0]).toMatch(/ignoring area/);
  });
});

describe('area geometry', () => {
  it('combines polygons into one MultiPolygon', () => {
    expect(combinePolygons([])).toBeNull();
    expect(combinePolygons([square])).toEqual(square);
    const m = combinePolygons([square, withHole, { type: 'MultiPolygon', coordinates: [square.coordinates] }])!;
    expect(m.type).toBe('MultiPolygon');
    expect(m.coordinates).toHaveLength(3);
  });

  it('buffers a line by N km: a point 0.9 km away is inside, 1.1 km away is not', () => {
    const area = bufferArea({ type: 'LineString', coordinates: [[113.2, 23.1], [113.3, 23.1]] }, 1);
    const kmPerDegLat = 111.195;
    expect(booleanPointInPolygon(point([113.25, 23.1 + 0.9 / kmPerDegLat]), area)).toBe(true);
    expect(booleanPointInPolygon(point([113.25, 23.1 + 1.1 / kmPerDegLat]), area)).toBe(false);
  });

  it('buffers a polygon: area grows by about perimeter × distance', () => {
    const a0 = turfArea(square);
    const a1 = turfArea(bufferArea(square, 1));
    const perimeterKm = 2 * (10.24 + 11.12); // 0.1° of longitude and latitude at 23.15° N
    const expected = a0 + perimeterKm * 1e6 + Math.PI * 1e6;
    expect(Math.abs(a1 - expected) / expected).toBeLessThan(0.02);
  });

  it('refuses buffers out of range', () => {
    expect(() => bufferArea(square, 0)).toThrow(/more than 0/);
    expect(() => bufferArea(square, 51)).toThrow(/at most 50/);
  });
});

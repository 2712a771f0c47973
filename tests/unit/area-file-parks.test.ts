// Areas loaded from files (GeoJSON, KML) and the parks an area touches.
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { parksInArea } from '../../src/domain/area-parks.ts';
import { polygonsFromFile } from '../../src/app/state/area-file.ts';
import type { Polygon } from 'geojson';

const parseXml = (text: string) => new DOMParser().parseFromString(text, 'application/xml') as unknown as Document;
const ring = [[113.2, 23.1], [113.3, 23.1], [113.3, 23.2], [113.2, 23.2], [113.2, 23.1]];
const square: Polygon = { type: 'Polygon', coordinates: [ring] };

describe('area from a file', () => {
  it('reads polygons and multipolygons from a GeoJSON FeatureCollection (with a BOM), dropping heights', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x, y, 12])] } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x + 0.2, y])]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [113.2, 23.1] } },
      ],
    };
    const polygons = polygonsFromFile('a.geojson', `\uFEFF${JSON.stringify(fc)}`, parseXml);
    expect(polygons).toHaveLength(3);
    expect(polygons[0]).toEqual(square);
  });

  it('reads a KML polygon with Chinese names', () => {
    const coords = ring.map(([x, y]) => `${x},${y},0`).join(' ');
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>黄埔片区</name>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>${coords}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;
    expect(polygonsFromFile('area.kml', kml, parseXml)).toEqual([square]);
  });

  it.each([
    ['bad.geojson', '{"type": "Feature",', /not valid JSON/],
    ['points.geojson', JSON.stringify({ type: 'Point', coordinates: [113, 23] }), /no polygons \(found 1 Point\)/],
    ['empty.geojson', '{"type":"FeatureCollection","features":[]}', /no geometries/],
    ['far.geojson', JSON.stringify({ type: 'Polygon', coordinates: [[[500000, 2500000], [500100, 2500000], [500100, 2500100], [500000, 2500000]]] }), /outside the map of Guangzhou.*WGS84/],
    ['short.geojson', JSON.stringify({ type: 'Polygon', coordinates: [[[113, 23], [113.1, 23], [113, 23]]] }), /fewer than four/],
    ['bad.kml', '<kml><Document>', /not a readable KML/],
  ])('refuses %s with a plain reason', (name, text, why) => {
    expect(() => polygonsFromFile(name, text, parseXml)).toThrow(why);
  });
});

describe('parks an area touches', () => {
  const park = (id: number, x: number, district = '440112', town = '440112001') =>
    ({ id, district, town, geometry: { type: 'Polygon' as const, coordinates: [[[x, 23.15], [x + 0.01, 23.15], [x + 0.01, 23.16], [x, 23.15]]] } });
  const parks = [park(1, 113.25), park(2, 113.295), park(3, 113.5), park(4, 113.22, '440113', '440113002'), { id: 5, district: '440112', geometry: null }];
  const none = { districts: [], towns: [] };

  it('takes parks whose outline meets the area, including those crossing its edge', () => {
    expect(parksInArea(parks, square, none).map((p) => p.id)).toEqual([1, 2, 4]);
  });
  it('applies the district or town filter, with or without an area', () => {
    expect(parksInArea(parks, square, { districts: ['440112'], towns: [] }).map((p) => p.id)).toEqual([1, 2]);
    expect(parksInArea(parks, null, { districts: [], towns: ['440113002'] }).map((p) => p.id)).toEqual([4]);
    expect(parksInArea(parks, null, none)).toHaveLength(5);
  });
  it('works part by part on a MultiPolygon area', () => {
    const far: Polygon = { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x + 0.29, y])] };
    expect(parksInArea(parks, { type: 'MultiPolygon', coordinates: [far.coordinates] }, none).map((p) => p.id)).toEqual([3]);
  });
});

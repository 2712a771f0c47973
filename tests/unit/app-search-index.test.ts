// Client-side park search: matching on names, villages and codes, ranking, and bounds for flying.
import { describe, expect, it } from 'vitest';
import { boundsOf, entry, searchEntries } from '../../src/app/state/search-index.ts';
import { parseRuntimeConfig } from '../../src/app/api/runtime-config.ts';

const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });

const entries = [
  entry('park', 1, ['江村工业园'], '江村 · 江高镇 · VP4401110001', square(113.2, 23.2)),
  entry('park', 2, ['米龙村工业园'], '米龙村 · 江高镇 · VP4401110002', square(113.3, 23.3)),
  entry('park', 3, ['大江村工业园二区'], '大江村 · 石井街道 · VP4401110003', square(113.4, 23.4)),
  entry('valuePark', 9, ['白云美湾美丽健康价值创新园', '白雲美灣美麗健康價值創新園', 'Baiyun Beauty and Health Value-Innovation Park'], 'VIP09', null),
];

describe('park search', () => {
  it('finds by name, village or code, names starting with the query first', () => {
    expect(searchEntries(entries, '江村', 10).map((e) => e.id)).toEqual([1, 3]);
    expect(searchEntries(entries, '米龙', 10).map((e) => e.id)).toEqual([2]);
    expect(searchEntries(entries, 'vp4401110003', 10).map((e) => e.id)).toEqual([3]);
    expect(searchEntries(entries, '石井', 10).map((e) => e.id)).toEqual([3]);
  });

  it('finds value parks by any of their names, and respects the limit', () => {
    expect(searchEntries(entries, 'beauty', 10).map((e) => e.id)).toEqual([9]);
    expect(searchEntries(entries, '美灣', 10).map((e) => e.id)).toEqual([9]);
    expect(searchEntries(entries, '工业园', 2)).toHaveLength(2);
    expect(searchEntries(entries, '   ', 10)).toEqual([]);
  });

  it('computes bounds of polygons and multipolygons', () => {
    const round = (b: number[] | null) => b?.map((v) => Math.round(v * 1e6) / 1e6);
    expect(round(boundsOf(square(113.2, 23.2)))).toEqual([113.2, 23.2, 113.21, 23.21]);
    expect(round(boundsOf({ type: 'MultiPolygon', coordinates: [square(113, 23).coordinates, square(114, 24).coordinates] }))).toEqual([113, 23, 114.01, 24.01]);
    expect(boundsOf(null)).toBeNull();
  });
});

describe('runtime configuration', () => {
  it('has no basemap unless one is configured', () => {
    expect(parseRuntimeConfig(null).basemap).toBeNull();
    expect(parseRuntimeConfig({}).basemap).toBeNull();
    expect(parseRuntimeConfig({ basemap: { tiles: ['http://insecure/{z}/{x}/{y}.png'] } }).basemap).toBeNull();
    expect(parseRuntimeConfig({ basemap: { provider: 'tianditu', key: 'not a key' } }).basemap).toBeNull();
  });

  it('accepts OSM, Tianditu with a key, or https tile URLs', () => {
    expect(parseRuntimeConfig({ basemap: { provider: 'osm' } }).basemap?.tiles[0]).toContain('tile.openstreetmap.org');
    const tdt = parseRuntimeConfig({ basemap: { provider: 'tianditu', key: '0123456789abcdef0123456789abcdef' } }).basemap!;
    expect(tdt.tiles).toHaveLength(4);
    expect(tdt.tiles[0]).toContain('tk=0123456789abcdef0123456789abcdef');
    const custom = parseRuntimeConfig({ basemap: { tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'], attribution: '© Example' } }).basemap!;
    expect(custom).toMatchObject({ attribution: '© Example', tileSize: 256 });
  });
});

// A tiny vector basemap in the Protomaps schema (https://docs.protomaps.com/basemaps/layers), made
// with our own PMTiles writer: land (earth), a stretch of the Pearl River (water), two roads and a
// place label over central Guangzhou, enough for @protomaps/basemaps' layers to draw something.
// Chinese names carry `script: 'Han'` as in Protomaps builds: the style then shows `name` alone for
// zh-Hans/zh-Hant (and `name:en` over it for English).
import type { Feature } from 'geojson';
import { buildVectorTileArchive } from '../../src/server/tiles/vector-tiles.ts';

/** The river's rectangle and the label's point, for assertions (central Guangzhou, around Haizhu). */
export const RIVER_BOX = [113.24, 23.1, 113.36, 23.115] as const;
export const PLACE_POINT = [113.3, 23.13] as const;
export const PLACE_NAME = '天河测试地名';

const box = ([w, s, e, n]: readonly [number, number, number, number]) => ({
  type: 'Polygon' as const,
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

export function protomapsTestArchive(maxZoom = 14): Uint8Array {
  const feature = (properties: Record<string, unknown>, geometry: Feature['geometry']): Feature => ({ type: 'Feature', properties, geometry });
  return buildVectorTileArchive(
    [
      { name: 'earth', features: [feature({ kind: 'earth', min_zoom: 0 }, box([113.1, 22.95, 113.5, 23.3]))], tolerance: 0 },
      { name: 'water', features: [feature({ kind: 'water', min_zoom: 0, name: '珠江', script: 'Han', 'name:zh-Hans': '珠江', 'name:zh-Hant': '珠江', 'name:en': 'Pearl River' }, box(RIVER_BOX))], tolerance: 0 },
      {
        name: 'roads',
        features: [
          feature({ kind: 'major_road', kind_detail: 'primary', min_zoom: 7, name: '天河路', script: 'Han', 'name:en': 'Tianhe Road' }, { type: 'LineString', coordinates: [[113.25, 23.135], [113.35, 23.135]] }),
          feature({ kind: 'highway', kind_detail: 'motorway', min_zoom: 5, name: '华南快速干线', script: 'Han', ref: 'S4' }, { type: 'LineString', coordinates: [[113.33, 23.06], [113.33, 23.2]] }),
        ],
      },
      {
        name: 'places',
        features: [
          feature(
            { kind: 'locality', kind_detail: 'city', min_zoom: 4, population_rank: 15, name: PLACE_NAME, script: 'Han', 'name:zh-Hans': PLACE_NAME, 'name:zh-Hant': '天河測試地名', 'name:en': 'Tianhe Test Place' },
            { type: 'Point', coordinates: [...PLACE_POINT] },
          ),
        ],
      },
    ],
    { minZoom: 0, maxZoom, name: 'test basemap', description: 'Protomaps-schema test basemap', attribution: '© OpenStreetMap contributors (test)' },
  );
}

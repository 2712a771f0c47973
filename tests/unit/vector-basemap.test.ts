// Issue 15 item 7: the regional vector basemap. The style made from @protomaps/basemaps labels in
// the app's language (name:zh-Hans / name:zh-Hant / name:en), uses only the font our own labels use
// and needs no sprite; the test archive the browser test serves is in the Protomaps schema, and the
// basemap's water and place layers match its features; intranet tile URL templates are accepted.
import { featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig, wmtsToXyz } from '../../src/app/api/runtime-config.ts';
import { buildStyle } from '../../src/app/map/style.ts';
import { LABEL_FONT, VECTOR_BASEMAP_PREFIX, VECTOR_BASEMAP_SOURCE, vectorBasemapLayers, vectorBasemapSource } from '../../src/app/map/vector-basemap.ts';
import { featuresAtZoom, open } from '../helpers/pmtiles-read.ts';
import { PLACE_NAME, protomapsTestArchive } from '../helpers/protomaps-archive.ts';

/** Every value of `key` anywhere in a JSON value. */
function valuesOf(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) valuesOf(v, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      valuesOf(v, key, out);
    }
  }
  return out;
}

describe('the vector basemap style', () => {
  it('labels in the chosen language with our font only, and needs no sprite', () => {
    for (const [lang, field] of [['zh-Hans', 'name:zh-Hans'], ['zh-Hant', 'name:zh-Hant'], ['en', 'name:en']] as const) {
      const layers = vectorBasemapLayers(lang);
      expect(layers.length).toBeGreaterThan(50);
      expect(layers.every((l) => l.id.startsWith(VECTOR_BASEMAP_PREFIX) && 'source' in l && l.source === VECTOR_BASEMAP_SOURCE)).toBe(true);
      const labels = layers.filter((l) => l.type === 'symbol');
      expect(labels.map((l) => l.id)).toEqual(expect.arrayContaining(['bm-places_locality', 'bm-roads_labels_major', 'bm-water_label_lakes']));
      expect(JSON.stringify(labels.find((l) => l.id === 'bm-places_locality'))).toContain(`"${field}"`);
      // Fonts: only ours, as a layout property or inside a `format` section.
      const fonts = valuesOf(layers, 'text-font');
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect([[LABEL_FONT], ['literal', [LABEL_FONT]]]).toContainEqual(f);
      // No sprite: no icon, no pattern.
      expect(valuesOf(layers, 'icon-image')).toEqual([]);
      expect(valuesOf(layers, 'fill-pattern')).toEqual([]);
      expect(layers.some((l) => l.type === 'background')).toBe(false);
    }
  });

  it('is a valid style under ours, with no glyph or sprite URL', () => {
    const style = buildStyle('http://localhost/tiles', 'zh-Hans');
    const full = { ...style, sources: { ...style.sources, [VECTOR_BASEMAP_SOURCE]: vectorBasemapSource('http://localhost/tiles') }, layers: [style.layers[0], ...vectorBasemapLayers('zh-Hans'), ...style.layers.slice(1)] };
    expect(validateStyleMin(full as never)).toEqual([]);
    expect(full.glyphs).toBeUndefined();
    expect(full.sprite).toBeUndefined();
    expect(vectorBasemapSource('http://localhost/tiles').url).toBe('pmtiles://http://localhost/tiles/basemap.pmtiles');
  });

  it('draws the test archive: its water and place match the basemap layers', async () => {
    const archive = open(protomapsTestArchive(), 'basemap');
    const header = await archive.getHeader();
    expect(header.maxZoom).toBe(14);
    const { layers } = await featuresAtZoom(archive, 14);
    expect([...layers.keys()].sort()).toEqual(['earth', 'places', 'roads', 'water']);
    const style = Object.fromEntries(vectorBasemapLayers('zh-Hans').map((l) => [l.id, l]));
    const matches = (layerId: string, sourceLayer: string) => {
      const layer = style[layerId] as { filter?: unknown; 'source-layer': string };
      expect(layer['source-layer']).toBe(sourceLayer);
      const filter = featureFilter(layer.filter as never, `layers.${layerId}.filter`);
      return (layers.get(sourceLayer) ?? []).filter(({ feature }) =>
        filter.filter({ zoom: 14 }, { type: feature.type, properties: feature.properties, id: feature.id } as never));
    };
    expect(matches('bm-water', 'water').length).toBeGreaterThan(0);
    expect(matches('bm-earth', 'earth').length).toBeGreaterThan(0);
    expect(matches('bm-roads_major', 'roads').length).toBeGreaterThan(0);
    const places = matches('bm-places_locality', 'places');
    expect(places.length).toBeGreaterThan(0);
    expect(places[0].feature.properties['name:zh-Hans']).toBe(PLACE_NAME);
  });
});

describe('intranet tile URLs for the online basemap', () => {
  it('turns WMTS placeholders into {z}/{x}/{y} and accepts paths on this server', () => {
    expect(wmtsToXyz('https://gis.example.gov.cn/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}'))
      .toBe('https://gis.example.gov.cn/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    const b = parseRuntimeConfig({ basemap: { tiles: ['/intranet-tiles/vec/{TileMatrix}/{TileRow}/{TileCol}.png', '//evil.example/{z}/{x}/{y}.png'], attribution: '广州市' } }).basemap!;
    expect(b.tiles).toEqual(['/intranet-tiles/vec/{z}/{y}/{x}.png']);
    expect(parseRuntimeConfig({ basemap: { tiles: ['//evil.example/{z}/{x}/{y}.png'] } }).basemap).toBeNull();
  });
});

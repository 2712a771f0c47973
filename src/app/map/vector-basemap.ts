// The regional vector basemap: water, roads, buildings and place names from a PMTiles archive in
// the Protomaps schema that the bureau's GIS staff put on the server (docs/deploy.md), styled with
// @protomaps/basemaps' light flavour and labelled in the app's language. It is drawn under our
// overlays, from our own server only: the labels use the same local font as ours (no glyph server is
// named, so maplibre draws them with the browser's fonts), and the layers that need a sprite (POI
// and town icons, road shields, one-way arrows) are left out or keep only their text, as we serve
// no sprite.
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import type { LayerSpecification, SymbolLayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { Lang } from '../../domain/taxonomy.ts';

export const VECTOR_BASEMAP_SOURCE = 'protomaps';
/** The archive's name under the tiles URL (server: routes/tiles.ts BASEMAP_ARCHIVE). */
export const VECTOR_BASEMAP_ARCHIVE = 'basemap.pmtiles';
/** The only font our labels use; the basemap's are mapped to it. */
export const LABEL_FONT = 'sans-serif';
/** Layers left out: they draw nothing but sprite images. */
const SPRITE_ONLY = new Set(['roads_shields', 'roads_oneway']);
/** Layer id prefix, so the basemap's ids ("water", "roads_major", …) never meet ours. */
export const VECTOR_BASEMAP_PREFIX = 'bm-';

export const vectorBasemapSource = (tilesBase: string): VectorSourceSpecification => ({
  type: 'vector',
  url: `pmtiles://${tilesBase}/${VECTOR_BASEMAP_ARCHIVE}`,
  attribution: '© OpenStreetMap contributors, Protomaps',
});

/** Font names inside expressions (a `format` section may name one: a literal there) → ours. */
function ownFonts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownFonts);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'text-font' ? ['literal', [LABEL_FONT]] : ownFonts(v)]));
  }
  return value;
}

/**
 * The basemap's layers for `lang` (zh-Hans, zh-Hant or en: @protomaps/basemaps reads `name:zh-Hans`,
 * `name:zh-Hant` or `name:en`, falling back to the local `name`), with our ids, our font, no sprite.
 * The background layer is left out: ours stays.
 */
export function vectorBasemapLayers(lang: Lang): LayerSpecification[] {
  const flavor = { ...namedFlavor('light'), regular: LABEL_FONT, bold: LABEL_FONT, italic: LABEL_FONT };
  const out: LayerSpecification[] = [];
  for (const layer of protomapsLayers(VECTOR_BASEMAP_SOURCE, flavor, { lang }) as LayerSpecification[]) {
    if (layer.type === 'background' || SPRITE_ONLY.has(layer.id)) continue;
    const copy = { ...layer, id: `${VECTOR_BASEMAP_PREFIX}${layer.id}` } as LayerSpecification;
    if (copy.type === 'symbol') {
      const layout = { ...(ownFonts(copy.layout ?? {}) as NonNullable<SymbolLayerSpecification['layout']>) };
      for (const key of Object.keys(layout) as (keyof typeof layout)[]) if (key.startsWith('icon-')) delete layout[key];
      // The layout's own font (a plain list, or an expression choosing among the flavour's fonts).
      if (layout['text-font']) layout['text-font'] = [LABEL_FONT];
      if (!layout['text-field']) continue;
      (copy as SymbolLayerSpecification).layout = layout;
    }
    out.push(copy);
  }
  return out;
}

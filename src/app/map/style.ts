// The offline map style: every colour and label comes from the taxonomy, every source is a local
// PMTiles archive (or in-memory GeoJSON from the worker), and no glyph server is named so maplibre
// draws labels with local fonts.
import type { StyleSpecification, ExpressionSpecification } from 'maplibre-gl';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { enterpriseLabelLayers, enterpriseLayers, enterpriseSources } from './enterprise-style.ts';
import { KEY_PROJECT_LAYER_IDS, keyProjectLayers, keyProjectSources } from './key-project-style.ts';
import { CHANGED_COLOR, CONTRADICTION_COLOR, CONTRADICTION_DASH, PENDING_COLOR, PENDING_DASH, PILOT_COLOR, isChanged, isContradicting, isPending, isPilot, parkFillPaint, type ParkOverlay } from './park-overlay.ts';

export const LAYER_GROUPS = {
  districts: ['district-fill', 'district-line', 'district-highlight', 'district-label'],
  villageParks: ['village-park-fill', 'village-park-line', 'village-park-pilot', 'village-park-changed', 'village-park-selected', 'village-park-pending', 'village-park-contradiction'],
  valueParks: ['value-park-fill', 'value-park-line', 'value-park-selected', 'value-park-label'],
  enterprises: ['enterprise-cluster', 'enterprise-point', 'enterprise-selected', 'enterprise-cluster-count'],
  industrialBlocks: ['industrial-block-fill', 'industrial-block-line', 'industrial-block-line-second', 'industrial-block-selected', 'industrial-block-label'],
  keyProjects: KEY_PROJECT_LAYER_IDS,
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

/** The spatial filter area (GeoJSON set by the map controller). */
export const AREA_SOURCE = 'area';
/** The shape of the last measurement (MapController.setMeasureShape). */
export const MEASURE_SOURCE = 'measure';
export const AREA_COLOR = '#d9480f';

/**
 * Industrial blocks (工业产业区块): a GeoJSON source filled from GET /api/industrial-blocks when the layer
 * is first shown (a few hundred outlines at most, and an import shows at once, without a tile rebuild).
 * Feature ids are the blocks' database ids. Dark gold, apart from the parks' category colours, the
 * value parks' purple and the area's orange: first-level blocks solid, second-level dashed.
 */
export const BLOCKS_SOURCE = 'industrial-blocks';
export const BLOCK_COLOR = '#9c7700';

/** Source and source layer of the village parks; tile feature ids are the parks' database ids. */
export const VILLAGE_PARKS = { source: 'village-parks', sourceLayer: 'village-parks' } as const;
export const VALUE_PARKS = { source: 'value-parks', sourceLayer: 'value-parks' } as const;

const selectedOpacity = ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0] as unknown as ExpressionSpecification;

/** District label in the chosen language, looked up from the taxonomy by district code. */
function districtLabel(lang: Lang): ExpressionSpecification {
  return ['match', ['get', 'code'], ...taxonomy.districts.flatMap((d) => [d.code, d.label[lang]]), ['get', 'name']] as unknown as ExpressionSpecification;
}

export function buildStyle(tilesBase: string, lang: Lang, overlay: ParkOverlay = 'category'): StyleSpecification {
  const pm = (name: string) => `pmtiles://${tilesBase}/${name}.pmtiles`;
  return {
    version: 8,
    sources: {
      districts: { type: 'vector', url: pm('districts') },
      'village-parks': { type: 'vector', url: pm('village-parks') },
      'value-parks': { type: 'vector', url: pm('value-parks') },
      ...enterpriseSources(),
      ...keyProjectSources(),
      [AREA_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [MEASURE_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [BLOCKS_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } },
      { id: 'district-fill', type: 'fill', source: 'districts', 'source-layer': 'districts', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.9 } },
      { id: 'district-line', type: 'line', source: 'districts', 'source-layer': 'districts', paint: { 'line-color': '#5b6b7a', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 13, 2.5] } },
      // The districts chosen in the filter, outlined (MapController.setDistrictHighlight).
      { id: 'district-highlight', type: 'line', source: 'districts', 'source-layer': 'districts', filter: ['in', ['get', 'code'], ['literal', []]], paint: { 'line-color': '#1565c0', 'line-width': 3 } },
      { id: 'village-park-fill', type: 'fill', source: 'village-parks', 'source-layer': 'village-parks', paint: parkFillPaint(overlay) },
      { id: 'village-park-line', type: 'line', source: 'village-parks', 'source-layer': 'village-parks', minzoom: 11, paint: { 'line-color': '#333', 'line-width': 0.6 } },
      {
        id: 'village-park-pilot', type: 'line', source: 'village-parks', 'source-layer': 'village-parks',
        paint: { 'line-color': PILOT_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 3.5], 'line-opacity': ['case', isPilot, 1, 0] },
      },
      {
        id: 'village-park-changed', type: 'line', source: 'village-parks', 'source-layer': 'village-parks',
        paint: { 'line-color': CHANGED_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2, 14, 4], 'line-opacity': ['case', isChanged, 1, 0] },
      },
      {
        // Shown through feature-state, which needs no tile re-parse, so the outline appears at once.
        id: 'village-park-selected', type: 'line', source: 'village-parks', 'source-layer': 'village-parks',
        paint: { 'line-color': '#111111', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 3.5], 'line-opacity': selectedOpacity },
      },
      {
        // Parks with a proposal awaiting the city's review: a dashed outline over the fill, which
        // keeps the status in force until the approval (feature-state, so no tile is re-parsed). Above
        // the selection's outline, so a selected park still shows it.
        id: 'village-park-pending', type: 'line', source: 'village-parks', 'source-layer': 'village-parks',
        paint: { 'line-color': PENDING_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2, 14, 4], 'line-dasharray': PENDING_DASH, 'line-opacity': ['case', isPending, 1, 0] },
      },
      {
        // Parks whose category contradicts the classification standard, while the legend's toggle is on
        // (feature-state `contradicts`, set by the controller from /api/standard/contradictions).
        id: 'village-park-contradiction', type: 'line', source: 'village-parks', 'source-layer': 'village-parks',
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': CONTRADICTION_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2.5, 14, 5], 'line-dasharray': CONTRADICTION_DASH, 'line-opacity': ['case', isContradicting, 1, 0] },
      },
      { id: 'value-park-fill', type: 'fill', source: 'value-parks', 'source-layer': 'value-parks', paint: { 'fill-color': '#6a3d9a', 'fill-opacity': 0.08 } },
      { id: 'value-park-line', type: 'line', source: 'value-parks', 'source-layer': 'value-parks', paint: { 'line-color': '#6a3d9a', 'line-width': 2, 'line-dasharray': [3, 1.5] } },
      { id: 'value-park-selected', type: 'line', source: 'value-parks', 'source-layer': 'value-parks', paint: { 'line-color': '#4b2a70', 'line-width': 4, 'line-opacity': selectedOpacity } },
      // Industrial blocks: a faint wash (clickable) and an outline over the parks, under the area and the enterprises.
      { id: 'industrial-block-fill', type: 'fill', source: BLOCKS_SOURCE, layout: { visibility: 'none' }, paint: { 'fill-color': BLOCK_COLOR, 'fill-opacity': 0.06 } },
      {
        id: 'industrial-block-line', type: 'line', source: BLOCKS_SOURCE, filter: ['==', ['get', 'level'], 'first'], layout: { visibility: 'none' },
        paint: { 'line-color': BLOCK_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.6, 14, 3.5] },
      },
      {
        id: 'industrial-block-line-second', type: 'line', source: BLOCKS_SOURCE, filter: ['!=', ['get', 'level'], 'first'], layout: { visibility: 'none' },
        paint: { 'line-color': BLOCK_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.4, 14, 3], 'line-dasharray': [2, 1] },
      },
      {
        id: 'industrial-block-selected', type: 'line', source: BLOCKS_SOURCE, layout: { visibility: 'none' },
        paint: { 'line-color': '#5c4600', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 6], 'line-opacity': selectedOpacity },
      },
      // The spatial filter area: a light wash and a bold outline, under the enterprises.
      { id: 'area-fill', type: 'fill', source: AREA_SOURCE, paint: { 'fill-color': AREA_COLOR, 'fill-opacity': 0.07 } },
      { id: 'area-line', type: 'line', source: AREA_SOURCE, paint: { 'line-color': AREA_COLOR, 'line-width': 2.5, 'line-dasharray': [2, 1] } },
      // District names under the enterprise bubbles: a bubble covers a name rather than a name
      // sitting on a bubble's count.
      {
        id: 'district-label', type: 'symbol', source: 'districts', 'source-layer': 'district-labels',
        layout: { 'text-field': districtLabel(lang), 'text-font': ['sans-serif'], 'text-size': 14 },
        paint: { 'text-color': '#2b3a48', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      ...enterpriseLayers(),
      // A measured distance or area: a dark dashed line over the enterprises, not a filter.
      { id: 'measure-fill', type: 'fill', source: MEASURE_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#222222', 'fill-opacity': 0.08 } },
      { id: 'measure-line', type: 'line', source: MEASURE_SOURCE, paint: { 'line-color': '#222222', 'line-width': 2.5, 'line-dasharray': [3, 2] } },
      // Key projects over the enterprises: a few dozen marks that must not hide under the bubbles.
      ...keyProjectLayers(),
      {
        id: 'value-park-label', type: 'symbol', source: 'value-parks', 'source-layer': 'value-park-labels', minzoom: 9,
        layout: { 'text-field': ['get', lang === 'en' ? 'nameEn' : lang === 'zh-Hant' ? 'nameZhHant' : 'name'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-max-width': 10, 'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 2.4 },
        paint: { 'text-color': '#4b2a70', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'industrial-block-label', type: 'symbol', source: BLOCKS_SOURCE, minzoom: 11, layout: { visibility: 'none', 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-max-width': 12 },
        paint: { 'text-color': '#5c4600', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      ...enterpriseLabelLayers(),
    ],
  };
}

// The key-project layer (重点项目): points as diamonds (◆) and parcels as outlines, coloured by status;
// the projects that meet the plan's thresholds for provincial land quotas get a gold ring (points)
// or a gold outline (parcels) and a ★. One GeoJSON source that the controller fills from
// GET /api/key-projects (a few dozen to a few hundred features); feature ids are the projects' ids.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { KeyProjectStatus } from '../../domain/key-projects.ts';

export const KEY_PROJECT_SOURCE = 'key-projects';

export const KEY_PROJECT_STATUS_COLORS: Record<KeyProjectStatus, string> = {
  planned: '#8c6bb1',
  under_construction: '#e6550d',
  completed: '#2b8cbe',
};
/** The mark of an eligible project (ring, outline and ★). */
export const KEY_PROJECT_ELIGIBLE_COLOR = '#d4a000';

/** The layers of the group, bottom to top (LAYER_GROUPS in style.ts). */
export const KEY_PROJECT_LAYER_IDS = ['key-project-parcel-fill', 'key-project-parcel-line', 'key-project-eligible', 'key-project-point', 'key-project-selected', 'key-project-marker', 'key-project-star'] as const;
/** The point marker: a diamond, so a project never reads as an enterprise's round dot. */
export const KEY_PROJECT_MARKER = '◆';
/** What a click or hover can hit. */
export const KEY_PROJECT_HIT_LAYERS = ['key-project-point', 'key-project-eligible', 'key-project-parcel-fill'];
/** The point marks, which win a click over the enterprises (a parcel wins only over the parks). */
export const KEY_PROJECT_POINT_LAYERS = ['key-project-point', 'key-project-eligible'];

const expr = (e: unknown) => e as ExpressionSpecification;
const isPoint = expr(['==', ['geometry-type'], 'Point']);
const isPolygon = expr(['==', ['geometry-type'], 'Polygon']);
const eligible = expr(['==', ['get', 'eligible'], true]);
const selected = expr(['boolean', ['feature-state', 'selected'], false]);
const statusColor = expr(['match', ['get', 'status'], ...Object.entries(KEY_PROJECT_STATUS_COLORS).flat(), '#666666']);
const radius = expr(['interpolate', ['linear'], ['zoom'], 8, 5, 14, 9]);

export const keyProjectSources = (): Record<string, SourceSpecification> => ({
  [KEY_PROJECT_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
});

/** Hidden until the layer is switched on (it is off by default, url-state.ts). */
const hidden = { visibility: 'none' } as const;

export const keyProjectLayers = (): LayerSpecification[] => [
  { id: 'key-project-parcel-fill', type: 'fill', source: KEY_PROJECT_SOURCE, filter: isPolygon, layout: hidden, paint: { 'fill-color': statusColor, 'fill-opacity': 0.28 } },
  {
    id: 'key-project-parcel-line', type: 'line', source: KEY_PROJECT_SOURCE, filter: isPolygon, layout: hidden,
    paint: {
      'line-color': expr(['case', eligible, KEY_PROJECT_ELIGIBLE_COLOR, statusColor]),
      // One zoom interpolation (maplibre allows one per expression), the eligibility inside each stop.
      'line-width': expr(['interpolate', ['linear'], ['zoom'], 8, ['case', eligible, 2.5, 1.2], 14, ['case', eligible, 4.5, 2.5]]),
    },
  },
  {
    // The ring of an eligible point, drawn under the point.
    id: 'key-project-eligible', type: 'circle', source: KEY_PROJECT_SOURCE, filter: expr(['all', isPoint, eligible]), layout: hidden,
    paint: { 'circle-radius': expr(['interpolate', ['linear'], ['zoom'], 8, 10, 14, 15]), 'circle-color': 'rgba(255,255,255,0.6)', 'circle-stroke-color': KEY_PROJECT_ELIGIBLE_COLOR, 'circle-stroke-width': 3 },
  },
  {
    // The point's hit area and selection ring; the diamond above (key-project-marker) is what the eye sees.
    id: 'key-project-point', type: 'circle', source: KEY_PROJECT_SOURCE, filter: isPoint, layout: hidden,
    paint: { 'circle-radius': radius, 'circle-color': '#ffffff', 'circle-opacity': 0.85, 'circle-stroke-color': '#1b1b1b', 'circle-stroke-width': expr(['case', selected, 3.5, 0]) },
  },
  {
    // Feature-state `selected`: a dark ring (points) or outline (parcels) around the project whose panel is open.
    id: 'key-project-selected', type: 'line', source: KEY_PROJECT_SOURCE, filter: isPolygon, layout: hidden,
    paint: { 'line-color': '#111111', 'line-width': 4, 'line-opacity': expr(['case', selected, 1, 0]) },
  },
  {
    id: 'key-project-marker', type: 'symbol', source: KEY_PROJECT_SOURCE, filter: isPoint,
    layout: { ...hidden, 'text-field': KEY_PROJECT_MARKER, 'text-font': ['sans-serif'], 'text-size': expr(['interpolate', ['linear'], ['zoom'], 8, 15, 14, 22]), 'text-allow-overlap': true, 'text-ignore-placement': true },
    paint: { 'text-color': statusColor, 'text-halo-color': '#1b1b1b', 'text-halo-width': 1 },
  },
  {
    id: 'key-project-star', type: 'symbol', source: KEY_PROJECT_SOURCE, filter: eligible,
    layout: { ...hidden, 'text-field': '★', 'text-font': ['sans-serif'], 'text-size': 16, 'text-allow-overlap': true, 'text-ignore-placement': true, 'text-offset': expr(['case', isPoint, ['literal', [0, -1.3]], ['literal', [0, 0]]]) },
    paint: { 'text-color': KEY_PROJECT_ELIGIBLE_COLOR, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  },
];

/** What the map's source holds per project (the panel and the tooltip read the rest from the cached list). */
export interface KeyProjectMapFeature {
  type: 'Feature';
  id: number;
  properties: { id: number; name: string; status: KeyProjectStatus; eligible: boolean };
  geometry: GeoJSON.Point | GeoJSON.Polygon;
}

// The enterprise layer: clusters and single points computed by the worker for the current view,
// drawn from one GeoJSON source that the controller replaces on every view or filter change.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { clusterByCode, taxonomy, type Lang } from '../../domain/taxonomy.ts';

export const ENTERPRISE_SOURCE = 'enterprises';
export const ENTERPRISE_SELECTED_SOURCE = 'enterprise-selected';

const expr = (e: unknown) => e as ExpressionSpecification;

/** Colour by industry-cluster index (`dominant` of a cluster, `industry` of a point) in the payload's dictionary order. */
export function industryColor(prop: 'dominant' | 'industry', codes: readonly string[]): ExpressionSpecification {
  return expr(['match', ['get', prop], ...codes.flatMap((code, i) => [i, clusterByCode(code)?.color ?? '#777777']), '#777777']);
}

export const KEY_RING = '#111111';

export const enterpriseSources = (): Record<string, SourceSpecification> => ({
  [ENTERPRISE_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  [ENTERPRISE_SELECTED_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
});

const isCluster = expr(['==', ['get', 'cluster'], true]);
const isPoint = expr(['==', ['get', 'cluster'], false]);
const DEFAULT_CODES = taxonomy.clusters.map((c) => c.code);

/** Bubbles and points (drawn below the labels). */
export const enterpriseLayers = (): LayerSpecification[] => [
  {
    id: 'enterprise-cluster', type: 'circle', source: ENTERPRISE_SOURCE, filter: isCluster,
    paint: {
      'circle-color': industryColor('dominant', DEFAULT_CODES),
      'circle-radius': expr(['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 10, 10, 18, 40, 30, 100, 42]),
      'circle-opacity': 0.88,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'enterprise-point', type: 'circle', source: ENTERPRISE_SOURCE, filter: isPoint,
    paint: {
      'circle-color': industryColor('industry', DEFAULT_CODES),
      'circle-radius': expr(['interpolate', ['linear'], ['zoom'], 9, 4, 16, 7]),
      'circle-stroke-color': expr(['case', ['get', 'key'], KEY_RING, '#ffffff']),
      'circle-stroke-width': expr(['case', ['get', 'key'], 2.5, 1]),
    },
  },
  {
    id: 'enterprise-selected', type: 'circle', source: ENTERPRISE_SELECTED_SOURCE,
    paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 },
  },
];

/** Counts on the bubbles (drawn above everything). */
export const enterpriseLabelLayers = (): LayerSpecification[] => [
  {
    id: 'enterprise-cluster-count', type: 'symbol', source: ENTERPRISE_SOURCE, filter: isCluster,
    layout: { 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
    paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.45)', 'text-halo-width': 1.2 },
  },
];

// Formatters are costly to make and every view's bubbles are labelled again: one per language and precision.
const compact = new Map<string, Intl.NumberFormat>();

/**
 * Short count for a bubble: 1234 → "1234", 23456 → "2.3万" (Simplified), "2.3萬" (Traditional) or
 * "23k" (English). The Chinese unit comes from Intl's compact notation, so the map needs no words.
 */
export function countLabel(n: number, lang: Lang): string {
  if (n < 10_000) return String(n);
  if (lang === 'en') return `${Math.round(n / 1000)}k`;
  const digits = n < 100_000 ? 1 : 0;
  const id = `${lang}:${digits}`;
  let f = compact.get(id);
  if (!f) compact.set(id, (f = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: digits })));
  return f.format(n);
}

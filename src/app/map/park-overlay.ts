// How the village parks are drawn under each overlay: renovation category (taxonomy colours),
// progress (its own light-to-dark scale) and the output-per-mu choropleth. Live status
// from the API (feature-state) wins over the status baked into the tiles, so an edit recolours a
// park at once. Output per mu is the engine's figure from the park's enterprises (feature-state
// `outputPerMu`, set by MapController.setParkEfficiency) where there is one, else the tile's static
// baseline; baseline parks are drawn fainter.
import type { ExpressionSpecification } from 'maplibre-gl';
import { taxonomy, type RenovationProgress } from '../../domain/taxonomy.ts';

export type ParkOverlay = 'category' | 'progress' | 'efficiency';

const expr = (e: unknown) => e as ExpressionSpecification;
const live = (key: string) => ['coalesce', ['feature-state', key], ['get', key]];

export const categoryColor = expr(['match', live('category'), ...taxonomy.renovationCategories.flatMap((c) => [c.code, c.color]), '#999999']);

/**
 * Fill colour per progress state in the progress overlay (the legend uses the same values): three
 * steps of one hue from light to dark (the teal half of ColorBrewer BrBG), told apart by lightness,
 * so they read in grey and with colour-blindness; teal is a hue no industry cluster's bubble uses.
 */
export const PROGRESS_COLORS: Record<RenovationProgress, string> = { not_started: '#c7eae5', in_progress: '#5ab4ac', completed: '#01665e' };

/** Output-per-mu classes in yuan per mu (`min` inclusive); a sequential, colour-blind-safe ramp. */
export const EFFICIENCY_CLASSES: readonly { min: number; max: number | null; color: string }[] = [
  { min: 0, max: 200_000, color: '#ffffcc' },
  { min: 200_000, max: 400_000, color: '#a1dab4' },
  { min: 400_000, max: 600_000, color: '#41b6c4' },
  { min: 600_000, max: 1_000_000, color: '#2c7fb8' },
  { min: 1_000_000, max: null, color: '#253494' },
];

/** Fill opacity of parks in the efficiency overlay whose figure is the static baseline (no enterprise figures). */
export const BASELINE_OPACITY = 0.4;
const computed = ['==', ['typeof', ['feature-state', 'outputPerMu']], 'number'];

const efficiencyColor = expr([
  'step', ['to-number', ['coalesce', ['feature-state', 'outputPerMu'], ['get', 'outputPerMu']], 0],
  EFFICIENCY_CLASSES[0].color,
  ...EFFICIENCY_CLASSES.slice(1).flatMap((c) => [c.min, c.color]),
]);

const progressColor = expr(['match', live('progress'), ...Object.entries(PROGRESS_COLORS).flat(), '#cccccc']);

/** Fill opacity of parks that did not change, in the "changes between two dates" mode. */
export const UNCHANGED_OPACITY = 0.12;
/** Outline of parks whose status changed between two dates. */
export const CHANGED_COLOR = '#ff6f00';
export const isChanged = expr(['boolean', ['feature-state', 'changed'], false]);

/** Paint of the park fill layer for an overlay; with `changes`, parks that did not change fade. */
export function parkFillPaint(overlay: ParkOverlay, changes = false): { 'fill-color': ExpressionSpecification; 'fill-opacity': ExpressionSpecification | number } {
  const paint = overlay === 'efficiency' ? { 'fill-color': efficiencyColor, 'fill-opacity': expr(['case', computed, 0.85, BASELINE_OPACITY]) }
    : overlay === 'progress' ? { 'fill-color': progressColor, 'fill-opacity': 0.85 }
      : { 'fill-color': categoryColor, 'fill-opacity': 0.75 };
  return changes ? { ...paint, 'fill-opacity': expr(['case', isChanged, paint['fill-opacity'], UNCHANGED_OPACITY]) } : paint;
}

/** Dashed outline of parks with a proposal awaiting the city's review (feature-state `pending`, set by the controller). */
export const PENDING_COLOR = '#f08c00';
export const PENDING_DASH = [2, 1.2];
export const isPending = expr(['boolean', ['feature-state', 'pending'], false]);

/** Thick dotted outline of parks whose category contradicts the classification standard (feature-state `contradicts`, the legend's toggle). */
export const CONTRADICTION_COLOR = '#d62728';
export const CONTRADICTION_DASH = [0.6, 0.9];
export const isContradicting = expr(['boolean', ['feature-state', 'contradicts'], false]);

/** Outline of pilot parks: a colour none of the fills use. */
export const PILOT_COLOR = '#c2185b';
// `pilot` (a boolean, set by the controller) rather than pilotYear: a live null must not fall
// through to the year in the tile.
export const isPilot = expr(['coalesce', ['feature-state', 'pilot'], ['to-boolean', ['get', 'pilotYear']]]);

// Plain data types of the app state, shared by the store and the URL (permalink) codec.
import type { AreaSpec } from '../../domain/area-geometry.ts';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Lang } from '../../domain/taxonomy.ts';

export type LayerKey = 'districts' | 'villageParks' | 'valueParks' | 'enterprises';
export const LAYER_KEYS: readonly LayerKey[] = ['enterprises', 'villageParks', 'valueParks', 'districts'];

/** What the village parks are coloured by. */
export type Overlay = 'category' | 'progress' | 'efficiency';
export const OVERLAYS: readonly Overlay[] = ['category', 'progress', 'efficiency'];

/** A map feature whose detail panel is open. */
export type Selection = { kind: 'park' | 'valuePark' | 'enterprise'; id: number };

export interface MapViewState {
  center: [number, number];
  zoom: number;
}

/** Everything a permalink carries. */
export interface PermalinkState extends MapViewState {
  lang: Lang;
  layers: Record<LayerKey, boolean>;
  overlay: Overlay;
  filter: EnterpriseFilter;
  selected: Selection | null;
  /** The optional online basemap (only when one is configured). */
  basemap: boolean;
  /** The spatial filter area, ANDed with the filter; null for none. */
  area: AreaSpec | null;
}

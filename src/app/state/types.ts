// Plain data types of the app state, shared by the store and the URL (permalink) codec.
import type { AreaSpec } from '../../domain/area-geometry.ts';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Metric } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';

export type LayerKey = 'districts' | 'villageParks' | 'valueParks' | 'enterprises' | 'keyProjects' | 'industrialBlocks';
export const LAYER_KEYS: readonly LayerKey[] = ['enterprises', 'keyProjects', 'villageParks', 'valueParks', 'industrialBlocks', 'districts'];

/** What the village parks are coloured by. */
export type Overlay = 'category' | 'progress' | 'efficiency';
export const OVERLAYS: readonly Overlay[] = ['category', 'progress', 'efficiency'];

/**
 * Time on the map: village parks as they stood on a past date, or the parks whose status changed
 * between two dates (coloured as they stood on the later one). Dates are YYYY-MM-DD, China time.
 */
export type TimeView = { kind: 'asOf'; date: string } | { kind: 'changes'; from: string; to: string };

/** Districts coloured by an indicator of the engine (period as /api/indicators takes it). */
export interface Choropleth {
  metric: ChoroplethMetric;
  period: string;
}
export const CHOROPLETH_METRICS = ['output', 'revenue', 'valueAdded', 'profit', 'tax', 'employees', 'enterprises'] as const satisfies readonly Metric[];
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

/** A map feature whose detail panel is open. */
export type Selection = { kind: 'park' | 'valuePark' | 'enterprise' | 'keyProject' | 'block'; id: number };

export interface Camera {
  center: [number, number];
  zoom: number;
}

/** Everything a permalink carries. */
export interface PermalinkState extends Camera {
  lang: Lang;
  layers: Record<LayerKey, boolean>;
  overlay: Overlay;
  filter: EnterpriseFilter;
  selected: Selection | null;
  /** The optional online basemap (only when one is configured). */
  basemap: boolean;
  /** The regional vector basemap (only when the server has one); absent = off. */
  vectorBasemap?: boolean;
  /** The spatial filter area, ANDed with the filter; null for none. */
  area: AreaSpec | null;
  /** Parks on a past date or changes between two dates; null = now. */
  time: TimeView | null;
  /** Districts coloured by an indicator; null = plain outlines. */
  choropleth: Choropleth | null;
}

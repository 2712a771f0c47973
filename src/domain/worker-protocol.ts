// Messages between the main thread and the enterprise worker (src/app/worker). The worker holds the
// enterprise columns (the payload of GET /api/enterprises/payload), filters them, sums the
// matches into bubbles on a fixed grid for the view (bubble-cells.ts) and answers spatial queries; the main thread only ever receives small
// results (clusters for the view, counts, id lists).
import type { EnterpriseFilter } from './enterprise-filter.ts';
import type { PayloadDictionaries } from './enterprise-payload.ts';
import type { ProblemRef } from './problems.ts';
import type { MultiPolygon, Polygon } from 'geojson';

export interface ClusterFeatureProps {
  cluster: true;
  /** The grid cell the bubble sums (bubble-cells.ts `bubbleIdOf`): the same cell in every view and filter. */
  bubbleId: number;
  count: number;
  /** Index (into dictionaries.clusters) of the industry cluster with most members. */
  dominant: number;
  /** Members per industry cluster, in dictionaries.clusters order (for a composition ring). */
  composition: number[];
  /** Members carrying a key distinction (taxonomy enterpriseTags[].key), as a point's `key` ring. */
  keyCount: number;
}

export interface PointFeatureProps {
  cluster: false;
  id: number;
  /** Index into dictionaries.clusters. */
  industry: number;
  /** Bitmask over dictionaries.tags. */
  tags: number;
  /** True when the enterprise carries a key distinction (taxonomy enterpriseTags[].key). */
  key: boolean;
}

export interface ViewFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: ClusterFeatureProps | PointFeatureProps;
}

export interface FacetCountsMessage {
  matched: number;
  /** Per dictionary entry, in dictionary order (same keys as PayloadDictionaries). */
  clusters: number[];
  subIndustries: number[];
  futureIndustries: number[];
  tags: number[];
  revenueTiers: number[];
  districts: number[];
  towns: number[];
}

export interface Summary {
  total: number;
  matched: number;
  /** Sum of revenue in yuan of the matches; null when the payload carries no revenue (viewer, public). */
  revenueYuan: number | null;
  /** Matches per industry cluster, dictionary order. */
  byCluster: number[];
  /** Matches carrying each tag, dictionary order (an enterprise may carry several). */
  byTag: number[];
  /** Matches per revenue tier, dictionary order; null when the payload carries no revenue. */
  byTier: number[] | null;
}

export type WorkerRequest =
  | { type: 'load'; url: string }
  | { type: 'setFilter'; filter: EnterpriseFilter }
  | { type: 'setArea'; area: Polygon | MultiPolygon | null }
  | { type: 'clusters'; bbox: [number, number, number, number]; zoom: number }
  | { type: 'expansionZoom'; bubbleId: number }
  | { type: 'leaves'; bubbleId: number; limit: number }
  | { type: 'locate'; id: number }
  | { type: 'selectedIds'; limit: number; offset: number };

export type WorkerResponse =
  | { type: 'loaded'; count: number; dictionaries: PayloadDictionaries; confidential: boolean; demo: boolean; bytes: number; ms: number }
  | { type: 'filtered'; counts: FacetCountsMessage; summary: Summary; ms: number }
  | { type: 'clusters'; features: ViewFeature[]; ms: number }
  | { type: 'expansionZoom'; zoom: number }
  | { type: 'leaves'; ids: number[] }
  | { type: 'located'; id: number; lon: number; lat: number } | { type: 'located'; id: number; lon: null; lat: null }
  | { type: 'selectedIds'; ids: number[]; total: number }
  /** `problem` is what the app shows (in the user's language, problem-text.ts); `message` the same in English. */
  | { type: 'error'; message: string; problem: ProblemRef };

/** Every request carries a sequence number; the response echoes it so callers can match them up. */
export interface Envelope<T> {
  seq: number;
  body: T;
}

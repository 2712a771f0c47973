// Typed access to seeds/taxonomy.json, the single source of truth for every code and label the
// app, the server and the scripts use. The JSON stays plain data so the database seeder and
// non-TypeScript tools can read it; the unions below are written out by hand so that the compiler
// checks every use of a code, and tests/unit/taxonomy.test.ts checks that they match the JSON.
import raw from '../../seeds/taxonomy.json' with { type: 'json' };

export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';
export type Label = Readonly<Record<Lang, string>>;

export type ClusterLevel = 'world-class' | 'national';
/** The plan's six clusters, and `other`: manufacturing outside them (the library is by industry, 按行业). */
export type ClusterCode = 'auto' | 'display' | 'materials' | 'consumer' | 'equipment' | 'biomed' | 'other';
export type SubIndustryCode =
  | 'nev' | 'icv' | 'auto-parts'
  | 'uhd-video' | 'new-display' | 'display-materials'
  | 'advanced-chemical' | 'advanced-metals' | 'new-energy-materials' | 'electronic-materials'
  | 'smart-home' | 'green-food' | 'fashion-apparel' | 'lighting-audio' | 'cosmetics'
  | 'robots' | 'rail-transit' | 'ships-ocean'
  | 'biopharma' | 'chemical-pharma' | 'modern-tcm' | 'medical-devices'
  | 'other-manufacturing';
export type FutureIndustryCode =
  | '3d-printing' | 'vr-ar' | 'stem-cells' | 'quantum-communication' | 'hydrogen'
  | 'blockchain' | 'graphene' | 'terahertz' | '5g';
export type TagGroupCode = 'three-batches' | 'distinction' | 'scale' | 'list';
export type TagCode =
  | 'backbone' | 'two-high-four-new' | 'small-to-above'
  | 'srdi' | 'hidden-champion' | 'single-champion' | 'high-tech'
  | 'above-scale' | 'key-enterprise';
export type RevenueTierCode = 'r10m' | 'r50m' | 'r200m' | 'r1bn' | 'r5bn' | 'r10bn';
export type RenovationCategory = 'unclassified' | 'eliminate' | 'convert' | 'upgrade';
export type RenovationProgress = 'not_started' | 'in_progress' | 'completed';
export type ValueParkElementCode =
  | 'industry-leader' | 'industry-chain' | 'innovation-centre'
  | 'industry-fund' | 'service-platform' | 'industrial-community';
export type EfficiencyIndicatorCode = 'outputPerMu' | 'taxPerMu';
export type DistrictCode =
  | '440103' | '440104' | '440105' | '440106' | '440111' | '440112'
  | '440113' | '440114' | '440115' | '440117' | '440118';

export interface Entry<C extends string> { readonly code: C; readonly label: Label }
export type SubIndustry = Entry<SubIndustryCode>;
export interface Cluster extends Entry<ClusterCode> {
  /** Null for `other`, which is no cluster of the plan. */
  readonly level: ClusterLevel | null;
  /** Cluster scale the plan sets for 2021, in unitTarget (億元 = 100 million yuan); null for `other`. Targets as data: seeds/targets.json. */
  readonly target2021: number | null;
  /** Categorical map colour, readable on a light basemap. */
  readonly color: string;
  readonly subIndustries: readonly SubIndustry[];
}
export interface EnterpriseTag extends Entry<TagCode> {
  readonly group: TagGroupCode;
  /** Distinctions a planner filters by first; shown prominently in legends and details. */
  readonly key: boolean;
}
export interface RevenueTier extends Entry<RevenueTierCode> {
  /** Yuan, inclusive. */
  readonly min: number;
  /** Yuan, exclusive; null for the open-ended top tier. */
  readonly max: number | null;
}
export interface RenovationCategoryEntry extends Entry<RenovationCategory> { readonly color: string }
export interface EfficiencyIndicator extends Entry<EfficiencyIndicatorCode> { readonly unit: 'yuan/mu' }
export interface District extends Entry<DistrictCode> {
  /** One of the seven outer (suburban) districts where the village industrial parks are. */
  readonly outer: boolean;
}

export interface Taxonomy {
  readonly version: number;
  readonly source: string;
  readonly sourceLabel: Label;
  readonly languages: readonly Lang[];
  readonly clusterLevels: readonly Entry<ClusterLevel>[];
  readonly clusters: readonly Cluster[];
  readonly unitTarget: { readonly yuan: number; readonly label: Label };
  readonly futureIndustries: readonly Entry<FutureIndustryCode>[];
  readonly tagGroups: readonly Entry<TagGroupCode>[];
  readonly enterpriseTags: readonly EnterpriseTag[];
  readonly libraryRevenueThreshold: number;
  readonly revenueTiers: readonly RevenueTier[];
  readonly renovationCategories: readonly RenovationCategoryEntry[];
  readonly renovationProgress: readonly Entry<RenovationProgress>[];
  readonly valueParkElements: readonly Entry<ValueParkElementCode>[];
  readonly efficiencyIndicators: readonly EfficiencyIndicator[];
  readonly districts: readonly District[];
  readonly planTargets: {
    readonly advancedManufacturingValueAdded: number;
    readonly shareOfAboveScaleManufacturing: number;
    readonly pilotParksPerYear: number;
    readonly valueInnovationParks: number;
  };
  readonly pilotYears: readonly number[];
  readonly keyProjectThresholds: { readonly investmentYuan: number; readonly intensityYuanPerMu: number };
  readonly muInSquareMetres: number;
}

// JSON imports widen codes to `string`; the cast narrows them, and the unit test keeps the cast honest.
export const taxonomy: Taxonomy = raw as unknown as Taxonomy;

export const LANGS: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

// Simplified Chinese is the bureau's working script, so it is the fallback for a missing label.
export function label(entry: { readonly label: Label } | Label, lang: Lang): string {
  const l = 'label' in entry ? entry.label : entry;
  return l[lang] || l['zh-Hans'];
}

// Maps are built once at load: lookups run per feature in the worker and per row on the server.
const clusters = new Map(taxonomy.clusters.map((c) => [c.code as string, c]));
const subs = new Map<string, { cluster: Cluster; sub: SubIndustry }>();
for (const cluster of taxonomy.clusters) for (const sub of cluster.subIndustries) subs.set(sub.code, { cluster, sub });
const districts = new Map(taxonomy.districts.map((d) => [d.code as string, d]));

// Lookups accept any string because codes arrive from URLs, imports and the database.
export function clusterByCode(code: string): Cluster | undefined {
  return clusters.get(code);
}

export function subIndustryByCode(code: string): { cluster: Cluster; sub: SubIndustry } | undefined {
  return subs.get(code);
}

export function districtByCode(code: string): District | undefined {
  return districts.get(code);
}

/** The tier holding a revenue in yuan; undefined below the enterprise-library threshold or for non-finite input. */
export function revenueTierOf(yuan: number): RevenueTier | undefined {
  if (!Number.isFinite(yuan)) return undefined;
  return taxonomy.revenueTiers.find((t) => yuan >= t.min && (t.max === null || yuan < t.max));
}

const categories = new Set<string>(taxonomy.renovationCategories.map((c) => c.code));
const progress = new Set<string>(taxonomy.renovationProgress.map((p) => p.code));

export function isRenovationCategory(x: unknown): x is RenovationCategory {
  return typeof x === 'string' && categories.has(x);
}

export function isRenovationProgress(x: unknown): x is RenovationProgress {
  return typeof x === 'string' && progress.has(x);
}

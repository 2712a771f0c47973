// Industrial blocks (工业产业区块, plan §三(三)): the list (GeoJSON), one block, and a block's report —
// its enterprises, their figures for a year, the village and value parks in it, and output per mu.
// The figures come from the indicator engine with the block's outline as the area (computeIndicators,
// detail path, ST_Covers as every area filter), so suppression and populations are the engine's; only
// the counts of library enterprises and the parks are read here.
import { EMPTY_FILTER } from '../../domain/enterprise-filter.ts';
import type { IndicatorAnswer, Metric } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { cachedAnswer } from '../monitoring/answer-cache.ts';
import { computeIndicators } from '../monitoring/indicator-engine.ts';

export type BlockLevel = 'first' | 'second';

export interface BlockProperties {
  code: string;
  name: string;
  level: BlockLevel | null;
  district: string | null;
  areaMu: number;
  /** Enterprises of the library located in the block (ST_Covers), as the map shows them. */
  enterpriseCount: number;
  demo: boolean;
  version: number;
  updatedAt: string;
}

export interface BlockFeature {
  type: 'Feature';
  id: number;
  properties: BlockProperties;
  geometry: GeoJSON.MultiPolygon;
}

interface BlockRow {
  id: number;
  code: string;
  name: string;
  level: BlockLevel | null;
  district: string | null;
  area_mu: number;
  enterprise_count: number;
  demo: boolean;
  version: number;
  updated_at: string;
  geometry: string;
}

const SELECT = `SELECT b.id, b.code, b.name, b.level, b.district, b.area_mu::float8 AS area_mu, b.demo, b.version,
  to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
  (SELECT count(*)::int FROM enterprises e WHERE ST_Covers(b.geom, e.geom)) AS enterprise_count,
  ST_AsGeoJSON(b.geom, 7) AS geometry
  FROM industrial_blocks b`;

const feature = (r: BlockRow): BlockFeature => ({
  type: 'Feature',
  id: r.id,
  properties: {
    code: r.code, name: r.name, level: r.level, district: r.district, areaMu: r.area_mu, enterpriseCount: r.enterprise_count,
    demo: r.demo, version: r.version, updatedAt: r.updated_at,
  },
  geometry: JSON.parse(r.geometry) as GeoJSON.MultiPolygon,
});

export async function listBlocks(db: Queryable): Promise<BlockFeature[]> {
  return (await db.query<BlockRow>(`${SELECT} ORDER BY b.code`)).map(feature);
}

export async function getBlock(db: Queryable, id: number): Promise<BlockFeature | null> {
  const [row] = await db.query<BlockRow>(`${SELECT} WHERE b.id = $1`, [id]);
  return row ? feature(row) : null;
}

/** The latest year whose December has figures (the last complete year); null without figures. */
export async function lastCompleteYear(db: Queryable): Promise<number | null> {
  const [{ through }] = await db.query<{ through: number | null }>('SELECT max(month) AS through FROM operating_figures');
  if (through === null) return null;
  const year = Math.floor(through / 100);
  return through % 100 === 12 ? year : year - 1;
}

/** One figure of the report: the engine's total for the block, null when suppressed or absent. */
export interface BlockFigure {
  value: number | null;
  /** Enterprises with returns behind the figure (null when suppressed). */
  enterprises: number | null;
  suppressed: boolean;
  /** The same figure a year earlier and the relative change (null when unknown or suppressed). */
  lastYear: number | null;
  change: number | null;
}

export interface BlockPark {
  id: number;
  code: string;
  name: string;
  district: string;
  category: string;
  progress: string;
  areaMu: number;
  /** Share of the park's land inside the block (0–1). */
  shareInside: number;
}

export interface BlockValuePark {
  id: number;
  code: string;
  name: string;
  nameZhHant: string;
  nameEn: string;
  shareInside: number;
}

export interface BlockReport {
  block: BlockFeature['properties'] & { id: number };
  year: number | null;
  /** Enterprises of the library in the block (public: the map shows them). */
  enterprises: number;
  /** Figures of the year from the engine (yuan; `reporting` counts enterprises with returns). */
  figures: { reporting: BlockFigure; output: BlockFigure; revenue: BlockFigure; tax: BlockFigure; valueAdded: BlockFigure };
  /** Output of the year over the block's land (yuan per mu); null when the output is suppressed or absent. */
  outputPerMu: number | null;
  outputPerMuSuppressed: boolean;
  villageParks: BlockPark[];
  valueParks: BlockValuePark[];
  dataThrough: string | null;
  /** True when any figure or the block itself is demonstration data. */
  demo: boolean;
}

const REPORT_METRICS = { reporting: 'enterprises', output: 'output', revenue: 'revenue', tax: 'tax', valueAdded: 'valueAdded' } as const satisfies Record<string, Metric>;

function figureOf(a: IndicatorAnswer): BlockFigure {
  const t = a.total;
  const suppressed = t.suppressed === true;
  return {
    value: suppressed ? null : t.value,
    enterprises: suppressed ? null : t.enterprises,
    suppressed,
    lastYear: t.compare?.lastYear?.value ?? null,
    change: t.compare?.lastYear?.change ?? null,
  };
}

export async function blockReport(db: Queryable, block: BlockFeature, year: number | null, opts: { confidential: boolean; lang: Lang }): Promise<BlockReport> {
  const villageParks = await db.query<BlockPark>(`
    SELECT p.id, p.code, p.name, p.district, p.category, p.progress, p.area_mu::float8 AS "areaMu",
      round((ST_Area(ST_Intersection(p.geom, b.geom)) / nullif(ST_Area(p.geom), 0))::numeric, 3)::float8 AS "shareInside"
    FROM industrial_blocks b JOIN village_parks p ON ST_Intersects(p.geom, b.geom)
    WHERE b.id = $1 ORDER BY p.code`, [block.id]);
  const valueParks = await db.query<BlockValuePark>(`
    SELECT v.id, v.code, v.name, v.name_zh_hant AS "nameZhHant", v.name_en AS "nameEn",
      round((ST_Area(ST_Intersection(v.geom, b.geom)) / nullif(ST_Area(v.geom), 0))::numeric, 3)::float8 AS "shareInside"
    FROM industrial_blocks b JOIN value_parks v ON ST_Intersects(v.geom, b.geom)
    WHERE b.id = $1 ORDER BY v.code`, [block.id]);
  const figures = {} as BlockReport['figures'];
  let dataThrough: string | null = null;
  let demo = block.properties.demo;
  for (const [key, metric] of Object.entries(REPORT_METRICS) as [keyof BlockReport['figures'], Metric][]) {
    if (year === null) {
      figures[key] = { value: null, enterprises: null, suppressed: false, lastYear: null, change: null };
      continue;
    }
    const q = { metric, period: String(year), cumulative: false, by: 'none' as const, filter: EMPTY_FILTER, area: block.geometry, compare: ['lastYear' as const] };
    // The block's version stands for its outline in the cache key (the answer cache follows the figures' revision).
    const answer = await cachedAnswer(db, ['industrialBlock', block.id, block.properties.version, block.properties.updatedAt, metric, year, opts],
      () => computeIndicators(db, q, opts));
    figures[key] = figureOf(answer);
    dataThrough = answer.dataThrough;
    demo ||= answer.demo;
  }
  const output = figures.output;
  const areaMu = block.properties.areaMu;
  return {
    block: { id: block.id, ...block.properties },
    year,
    enterprises: block.properties.enterpriseCount,
    figures,
    outputPerMu: output.value !== null && areaMu > 0 ? output.value / areaMu : null,
    outputPerMuSuppressed: output.suppressed,
    villageParks,
    valueParks,
    dataThrough,
    demo,
  };
}

// Reading village parks: current status, or the status as it was on a date (from the history).
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Queryable } from '../db/database.ts';

export interface ParkRow {
  id: number;
  code: string;
  name: string;
  district: string;
  town: string;
  town_name: string;
  village: string;
  area_mu: number;
  building_area_m2: number;
  output_per_mu: number;
  tax_per_mu: number;
  category: string;
  progress: string;
  pilot_year: number | null;
  status_date: string;
  version: number;
  updated_at: string;
  demo: boolean;
  geometry?: string;
}

export interface ParkFilter {
  ids?: number[];
  districts?: string[];
  categories?: string[];
  progress?: string[];
  pilot?: boolean | number;
  bbox?: [number, number, number, number];
  asOf?: string;
}

export const PARK_COLUMNS = `p.id, p.code, p.name, p.district, p.town, p.town_name, p.village, p.area_mu, p.building_area_m2, p.output_per_mu,
  p.tax_per_mu, p.demo, to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;

/** Builds the SELECT for parks; with asOf, status columns come from the last history row effective by then. */
export function parkSelect(filter: ParkFilter, geometry: 'full' | 'envelope' | false): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const status = filter.asOf
    ? (() => {
        const d = p(filter.asOf);
        return {
          cols: `coalesce(h.to_category, 'unclassified') AS category, coalesce(h.to_progress, 'not_started') AS progress,
                 h.to_pilot_year AS pilot_year, to_char(h.effective_date, 'YYYY-MM-DD') AS status_date, coalesce(h.version, 0) AS version`,
          join: `LEFT JOIN LATERAL (SELECT * FROM park_status_history h WHERE h.park_id = p.id AND h.effective_date <= ${d}::date
                 ORDER BY h.effective_date DESC, h.version DESC LIMIT 1) h ON true`,
        };
      })()
    : { cols: `p.category, p.progress, p.pilot_year, to_char(p.status_date, 'YYYY-MM-DD') AS status_date, p.version`, join: '' };
  const where: string[] = [];
  const statusCol = (c: string) => (filter.asOf ? `coalesce(h.to_${c}, '${c === 'category' ? 'unclassified' : 'not_started'}')` : `p.${c}`);
  if (filter.ids) where.push(`p.id = ANY(${p(filter.ids)}::int[])`);
  if (filter.districts?.length) where.push(`p.district = ANY(${p(filter.districts)}::text[])`);
  if (filter.categories?.length) where.push(`${statusCol('category')} = ANY(${p(filter.categories)}::text[])`);
  if (filter.progress?.length) where.push(`${statusCol('progress')} = ANY(${p(filter.progress)}::text[])`);
  const pilotCol = filter.asOf ? 'h.to_pilot_year' : 'p.pilot_year';
  if (filter.pilot === true) where.push(`${pilotCol} IS NOT NULL`);
  else if (filter.pilot === false) where.push(`${pilotCol} IS NULL`);
  else if (typeof filter.pilot === 'number') where.push(`${pilotCol} = ${p(filter.pilot)}`);
  if (filter.bbox) where.push(`p.geom && ST_MakeEnvelope(${filter.bbox.map((v) => p(v)).join(', ')}, 4326) AND ST_Intersects(p.geom, ST_MakeEnvelope(${filter.bbox.map((v) => p(v)).join(', ')}, 4326))`);
  const sql = `SELECT ${PARK_COLUMNS}, ${status.cols}${geometry === 'full' ? ', ST_AsGeoJSON(p.geom, 7) AS geometry' : geometry === 'envelope' ? ', ST_AsGeoJSON(ST_Envelope(p.geom), 6) AS geometry' : ''}
    FROM village_parks p ${status.join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.id`;
  return { sql, params };
}

/** The one mapping of a park row to its API shape, a GeoJSON Feature (tax per mu only for `confidential`). */
export function parkFeature(r: ParkRow, confidential: boolean): Feature<Polygon> {
  return {
    type: 'Feature',
    id: r.id,
    properties: {
      code: r.code,
      name: r.name,
      district: r.district,
      town: r.town,
      townName: r.town_name,
      village: r.village,
      areaMu: r.area_mu,
      buildingAreaM2: r.building_area_m2,
      outputPerMu: r.output_per_mu,
      ...(confidential ? { taxPerMu: r.tax_per_mu } : {}),
      category: r.category,
      progress: r.progress,
      pilotYear: r.pilot_year,
      statusDate: r.status_date,
      version: r.version,
      updatedAt: r.updated_at,
      demo: r.demo,
    },
    geometry: r.geometry ? JSON.parse(r.geometry) : null,
  } as Feature<Polygon>;
}

/** `envelope`: each park's bounding box instead of its outline (a fifth of the bytes, enough for search and zooming). */
export async function findParks(db: Queryable, filter: ParkFilter, confidential: boolean, geometry: 'full' | 'envelope' = 'full'): Promise<FeatureCollection<Polygon>> {
  const { sql, params } = parkSelect(filter, geometry);
  const rows = await db.query<ParkRow>(sql, params);
  return { type: 'FeatureCollection', features: rows.map((r) => parkFeature(r, confidential)) };
}

export async function findPark(db: Queryable, id: number, confidential: boolean): Promise<Feature<Polygon> | null> {
  const { sql, params } = parkSelect({ ids: [id] }, 'full');
  const [row] = await db.query<ParkRow>(sql, params);
  return row ? parkFeature(row, confidential) : null;
}

/** The compact status of every park, for the map's overlay: now, or as it was on a date. */
export async function parkStatuses(db: Queryable, asOf: string | undefined) {
  const { sql, params } = parkSelect({ asOf }, false);
  const rows = await db.query<ParkRow>(sql, params);
  return rows.map((r) => ({ id: r.id, category: r.category, progress: r.progress, pilotYear: r.pilot_year, version: r.version, district: r.district, town: r.town }));
}

export async function parkExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM village_parks WHERE id = $1', [id])).length > 0;
}

export interface HistoryEntry {
  version: number;
  changedAt: string;
  changedBy: string;
  source: string;
  effectiveDate: string;
  reason: string;
  from: { category: string | null; progress: string | null; pilotYear: number | null };
  to: { category: string; progress: string; pilotYear: number | null };
  /**
   * 'change': a status change made directly (edit, bulk, import, seed); 'approved': a status change
   * that applied a district's proposal (source 'proposal'); 'proposed' and 'returned': review steps
   * that did not change the park, where `version` is the park's version then, `from` the status
   * then and `to` the status proposed (architecture §4, "Review of district proposals").
   */
  step: 'change' | 'proposed' | 'approved' | 'returned';
  /** The proposal of a review step: who proposed it, what kinds of change it holds, the city's comment. */
  proposal?: { id: number; kinds: string[]; proposedBy: string; decidedBy: string | null; comment: string | null };
}

/** The park's history, newest first: status changes from park_status_history and review steps from park_proposals. */
export async function parkHistory(db: Queryable, id: number): Promise<HistoryEntry[]> {
  const fromJson = (col: string) => `${col}->>'category', ${col}->>'progress', (${col}->>'pilotYear')::int`;
  const rows = await db.query<Record<string, never>>(
    `SELECT step, version, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed_at, username, source,
       to_char(effective_date, 'YYYY-MM-DD') AS effective_date, reason, from_category, from_progress, from_pilot_year,
       to_category, to_progress, to_pilot_year, proposal_id, kinds, proposed_by, decided_by, comment
     FROM (
       SELECT CASE WHEN h.proposal_id IS NULL THEN 'change' ELSE 'approved' END AS step, h.version, h.changed_at, h.username, h.source,
         h.effective_date, h.reason, h.from_category, h.from_progress, h.from_pilot_year, h.to_category, h.to_progress, h.to_pilot_year,
         h.proposal_id, r.kinds, r.submitted_by_name AS proposed_by, r.decided_by_name AS decided_by, r.comment
       FROM park_status_history h LEFT JOIN park_proposals r ON r.id = h.proposal_id WHERE h.park_id = $1
       UNION ALL
       SELECT 'proposed', r.base_version, r.submitted_at, r.submitted_by_name, r.source, r.effective_date, r.reason,
         ${fromJson('r.from_status')}, ${fromJson('r.to_status')}, r.id, r.kinds, r.submitted_by_name, NULL, NULL
       FROM park_proposals r WHERE r.park_id = $1
       UNION ALL
       SELECT 'returned', r.decided_version, r.decided_at, r.decided_by_name, r.source, r.effective_date, r.reason,
         ${fromJson('r.from_status')}, ${fromJson('r.to_status')}, r.id, r.kinds, r.submitted_by_name, r.decided_by_name, r.comment
       FROM park_proposals r WHERE r.park_id = $1 AND r.status = 'returned'
     ) x
     -- A review step sits after the status version it was made on; steps on one version in time order.
     ORDER BY version DESC, step IN ('proposed', 'returned') DESC, changed_at DESC, step = 'returned' DESC`,
    [id],
  );
  return rows.map((r) => ({
    version: r.version,
    changedAt: r.changed_at,
    changedBy: r.username,
    source: r.source,
    effectiveDate: r.effective_date,
    reason: r.reason,
    from: { category: r.from_category, progress: r.from_progress, pilotYear: r.from_pilot_year },
    to: { category: r.to_category, progress: r.to_progress, pilotYear: r.to_pilot_year },
    step: r.step,
    ...(r.proposal_id ? { proposal: { id: r.proposal_id, kinds: r.kinds, proposedBy: r.proposed_by, decidedBy: r.decided_by, comment: r.comment } } : {}),
  }));
}

// Key projects (重点项目) read from key_projects: the list as GeoJSON features and the dashboard's
// counts, both under the same filter (cluster, district, status, eligibility). Eligibility is the
// domain's rule (eligibleSql, the thresholds of taxonomy.keyProjectThresholds as parameters), so
// the list, its filter, the summary and the app's panel agree.
import { KEY_PROJECT_THRESHOLDS, eligibleSql, intensityOf, type KeyProject, type KeyProjectStatus } from '../../domain/key-projects.ts';
import type { Queryable } from '../db/database.ts';

export interface KeyProjectFilter {
  clusters?: string[];
  districts?: string[];
  statuses?: KeyProjectStatus[];
  /** true: only eligible projects; false: only those not eligible. */
  eligible?: boolean;
}

/** The eligibility condition over key_projects k, with the thresholds as $1 and $2. */
const ELIGIBLE = eligibleSql('k.investment', 'k.area_mu', '$1::float8', '$2::float8');

/** WHERE clause and its parameters (after the two thresholds). Cluster 'none' matches projects without a cluster. */
function where(f: KeyProjectFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [KEY_PROJECT_THRESHOLDS.investmentYuan, KEY_PROJECT_THRESHOLDS.intensityYuanPerMu];
  const parts: string[] = [];
  if (f.clusters?.length) {
    params.push(f.clusters);
    parts.push(`(k.cluster = ANY($${params.length}::text[])${f.clusters.includes('none') ? ' OR k.cluster IS NULL' : ''})`);
  }
  if (f.districts?.length) {
    params.push(f.districts);
    parts.push(`k.district = ANY($${params.length}::text[])`);
  }
  if (f.statuses?.length) {
    params.push(f.statuses);
    parts.push(`k.status = ANY($${params.length}::text[])`);
  }
  if (f.eligible !== undefined) parts.push(f.eligible ? ELIGIBLE : `NOT coalesce(${ELIGIBLE}, false)`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface Row {
  id: number;
  code: string;
  name: string;
  investment: number;
  area_mu: number | null;
  cluster: string | null;
  status: KeyProjectStatus;
  district: string | null;
  eligible: boolean;
  demo: boolean;
  version: number;
  updated_at: string;
  geometry: string;
}

export interface KeyProjectFeature {
  type: 'Feature';
  id: number;
  properties: KeyProject;
  geometry: GeoJSON.Point | GeoJSON.Polygon;
}

export async function listKeyProjects(db: Queryable, filter: KeyProjectFilter = {}): Promise<KeyProjectFeature[]> {
  const w = where(filter);
  const rows = await db.query<Row>(
    `SELECT k.id, k.code, k.name, k.investment::float8 AS investment, k.area_mu, k.cluster, k.status, k.district,
       coalesce(${ELIGIBLE}, false) AS eligible, k.demo, k.version,
       to_char(k.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at, ST_AsGeoJSON(k.geom, 7) AS geometry
     FROM key_projects k ${w.sql} ORDER BY k.investment DESC, k.code`, w.params);
  return rows.map((r) => ({
    type: 'Feature',
    id: r.id,
    properties: {
      id: r.id, code: r.code, name: r.name, investmentYuan: r.investment, areaMu: r.area_mu, intensityYuanPerMu: intensityOf(r.investment, r.area_mu),
      cluster: r.cluster, status: r.status, district: r.district, eligible: r.eligible, demo: r.demo, version: r.version, updatedAt: r.updated_at,
    },
    geometry: JSON.parse(r.geometry),
  }));
}

export interface KeyProjectCounts {
  total: number;
  eligible: number;
  /** Yuan. */
  investmentYuan: number;
  eligibleInvestmentYuan: number;
}

export interface KeyProjectSummary extends KeyProjectCounts {
  /** One row per district with projects (district null: outside every district). */
  byDistrict: (KeyProjectCounts & { district: string | null })[];
  /** One row per cluster with projects (cluster null: not stated). */
  byCluster: (KeyProjectCounts & { cluster: string | null })[];
  byStatus: (KeyProjectCounts & { status: KeyProjectStatus })[];
  /** Whether any project counted is demo data. */
  demo: boolean;
  thresholds: typeof KEY_PROJECT_THRESHOLDS;
}

/** Counts, investment and eligible counts in total and per district, cluster and status: one statement. */
export async function summarizeKeyProjects(db: Queryable, filter: KeyProjectFilter = {}): Promise<KeyProjectSummary> {
  const w = where(filter);
  const rows = await db.query<KeyProjectCounts & { district: string | null; cluster: string | null; status: KeyProjectStatus | null; g: number; demo: boolean }>(
    `SELECT k.district, k.cluster, k.status, GROUPING(k.district, k.cluster, k.status)::int AS g,
       count(*)::int AS total, count(*) FILTER (WHERE ${ELIGIBLE})::int AS eligible,
       coalesce(sum(k.investment), 0)::float8 AS "investmentYuan",
       coalesce(sum(k.investment) FILTER (WHERE ${ELIGIBLE}), 0)::float8 AS "eligibleInvestmentYuan", bool_or(k.demo) AS demo
     FROM key_projects k ${w.sql}
     GROUP BY GROUPING SETS ((), (k.district), (k.cluster), (k.status))`, w.params);
  const counts = (r: KeyProjectCounts): KeyProjectCounts => ({ total: r.total, eligible: r.eligible, investmentYuan: r.investmentYuan, eligibleInvestmentYuan: r.eligibleInvestmentYuan });
  // GROUPING bits (district, cluster, status): 7 = the total, 3 = by district, 5 = by cluster, 6 = by status.
  const all = rows.find((r) => r.g === 7);
  const byInvestment = (a: KeyProjectCounts, b: KeyProjectCounts) => b.investmentYuan - a.investmentYuan || b.total - a.total;
  return {
    ...(all ? counts(all) : { total: 0, eligible: 0, investmentYuan: 0, eligibleInvestmentYuan: 0 }),
    byDistrict: rows.filter((r) => r.g === 3).map((r) => ({ district: r.district, ...counts(r) })).sort((a, b) => byInvestment(a, b) || String(a.district).localeCompare(String(b.district))),
    byCluster: rows.filter((r) => r.g === 5).map((r) => ({ cluster: r.cluster, ...counts(r) })).sort((a, b) => byInvestment(a, b) || String(a.cluster).localeCompare(String(b.cluster))),
    byStatus: rows.filter((r) => r.g === 6 && r.status).map((r) => ({ status: r.status as KeyProjectStatus, ...counts(r) })),
    demo: Boolean(all?.demo),
    thresholds: KEY_PROJECT_THRESHOLDS,
  };
}

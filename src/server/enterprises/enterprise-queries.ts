// Reading enterprises for the API: filtered pages, one enterprise, what imports changed in it, and its
// monthly operating figures with their vintage. `ENTERPRISE_COLUMNS` is the one mapping of an
// enterprise row to its API shape (camelCase keys, revenue as a number); the routes decide what a
// caller may see of it (routes/enterprises.ts).
import type { Queryable } from '../db/database.ts';

const ENTERPRISE_COLUMNS = `id, name, credit_code AS "creditCode", cluster, sub_industry AS "subIndustry", industry_code AS "industryCode",
  (SELECT ic.name FROM industry_classes ic WHERE ic.code = enterprises.industry_code) AS "industryName", future_industry AS "futureIndustry", tags,
  revenue::float8 AS revenue, employees, district, town, address, ST_X(geom) AS lon, ST_Y(geom) AS lat,
  village_park_id AS "villageParkId", value_park_id AS "valueParkId", demo`;

export type EnterpriseRow = Record<string, unknown>;

export interface EnterpriseListFilter {
  districts?: string[];
  clusters?: string[];
  tags?: string[];
  villagePark?: number;
  valuePark?: number;
  bbox?: [number, number, number, number];
  ids?: number[];
  /** Part of the name, or the exact credit code. */
  text?: string;
}

/** A page of enterprises matching the filter, by id, and how many match in all. */
export async function findEnterprises(db: Queryable, filter: EnterpriseListFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: EnterpriseRow[] }> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (filter.districts) where.push(`district = ANY(${p(filter.districts)}::text[])`);
  if (filter.clusters) where.push(`cluster = ANY(${p(filter.clusters)}::text[])`);
  if (filter.tags) where.push(`tags && ${p(filter.tags)}::text[]`);
  if (filter.villagePark !== undefined) where.push(`village_park_id = ${p(filter.villagePark)}`);
  if (filter.valuePark !== undefined) where.push(`value_park_id = ${p(filter.valuePark)}`);
  if (filter.bbox) where.push(`geom && ST_MakeEnvelope(${filter.bbox.map((v) => p(v)).join(', ')}, 4326)`);
  if (filter.ids) where.push(`id = ANY(${p(filter.ids)}::int[])`);
  // The text is matched as text: LIKE's wildcards (%, _) and its escape character are escaped.
  if (filter.text) where.push(`(name LIKE ${p(`%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR credit_code = ${p(filter.text.toUpperCase())})`);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM enterprises ${whereSql}`, params);
  const items = await db.query(`SELECT ${ENTERPRISE_COLUMNS} FROM enterprises ${whereSql} ORDER BY id LIMIT ${page.limit} OFFSET ${page.offset}`, params);
  return { total, items };
}

/** One enterprise, or undefined. */
export async function findEnterprise(db: Queryable, id: number): Promise<EnterpriseRow | undefined> {
  return (await db.query(`SELECT ${ENTERPRISE_COLUMNS} FROM enterprises WHERE id = $1`, [id]))[0];
}

export async function enterpriseExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM enterprises WHERE id = $1', [id])).length > 0;
}

/** What imports changed in an enterprise, newest first (the last 100). */
export function enterpriseHistory(db: Queryable, id: number): Promise<EnterpriseRow[]> {
  return db.query(`SELECT changed_at AS "changedAt", username, action, import_id AS "importId", changes FROM record_history
      WHERE kind = 'enterprises' AND record_id = $1 ORDER BY id DESC LIMIT 100`, [id]);
}

const FIGURE_COLUMNS = `month, revenue::float8 AS revenue, output::float8 AS output, value_added::float8 AS "valueAdded",
  value_added_estimated AS "valueAddedEstimated", profit::float8 AS profit, tax::float8 AS tax, employees, source, import_id AS "importId",
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt"`;

/** The end of day D in China ($2), to compare vintages with. */
const END_OF_CHINA_DAY = '$2::timestamptz';

/**
 * An enterprise's monthly figures by month: as they are now, or (`endOfDay`, the end of a day in China)
 * as they were reported by then; and how many superseded rows it has.
 */
export async function enterpriseFigures(db: Queryable, id: number, endOfDay?: string): Promise<{ items: EnterpriseRow[]; revisions: number }> {
  const items = endOfDay
    ? await db.query(`SELECT ${FIGURE_COLUMNS} FROM operating_figures WHERE enterprise_id = $1 AND recorded_at < ${END_OF_CHINA_DAY}
        UNION ALL
        SELECT ${FIGURE_COLUMNS} FROM operating_figures_history WHERE enterprise_id = $1 AND recorded_at < ${END_OF_CHINA_DAY} AND superseded_at >= ${END_OF_CHINA_DAY}
        ORDER BY month`, [id, endOfDay])
    : await db.query(`SELECT ${FIGURE_COLUMNS} FROM operating_figures WHERE enterprise_id = $1 ORDER BY month`, [id]);
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM operating_figures_history WHERE enterprise_id = $1', [id]);
  return { items, revisions: n };
}

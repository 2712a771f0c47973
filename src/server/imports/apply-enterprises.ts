// Applies the enterprise records of an import: upsert by credit code, in a handful of set-based
// statements over a staging table (PGlite pays ~0.5 ms per statement; an import may hold 100,000
// rows). Runs inside the caller's transaction, which holds the import row lock.
//
// A record is unchanged when every imported field equals the stored one (coordinates at 7
// decimals, revenue in whole yuan, tags as a set); such rows are not touched. District, parks and
// town are assigned spatially for added records and for records whose coordinates changed; a
// record that only changed, say, its revenue keeps its assignment.
import type { Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem } from '../../domain/problems.ts';
import { refreshAll } from '../monitoring/rollups.ts';
import {
  assertUniqueKeys, bumpEnterprisesRevision, changesObject, countActions, lockTables, sortedArray, townOf, type ApplyContext, type KindResult,
} from './apply-sql.ts';

const STAGE_TABLE = `
CREATE TEMP TABLE imp_ent (
  row_no integer NOT NULL, credit_code text NOT NULL, name text NOT NULL, cluster text NOT NULL, sub_industry text NOT NULL,
  future_industry text, tags text[] NOT NULL, revenue bigint NOT NULL, employees integer, address text NOT NULL,
  lon float8 NOT NULL, lat float8 NOT NULL, geom geometry(Point, 4326) NOT NULL,
  old_id integer, old_name text, old_cluster text, old_sub_industry text, old_future_industry text, old_tags text[], old_revenue bigint,
  old_employees integer, old_address text, old_lon float8, old_lat float8, old_district text, old_town text, old_village_park_id integer,
  old_value_park_id integer,
  id integer, district text, town text, village_park_id integer, value_park_id integer,
  moved boolean NOT NULL, action text NOT NULL, industry_code text, old_industry_code text
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_ent
SELECT r.row_no, x."creditCode", x.name, x.cluster, x."subIndustry", x."futureIndustry", v.tags, v.revenue, v.employees, x.address,
  v.lon, v.lat, ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326),
  e.id, e.name, e.cluster, e.sub_industry, e.future_industry, e.tags, e.revenue, e.employees, e.address, o.lon, o.lat, e.district, e.town,
  e.village_park_id, e.value_park_id,
  coalesce(e.id, b.base + row_number() OVER (PARTITION BY e.id IS NULL ORDER BY r.row_no)), k.district, k.town, k.village_park_id, k.value_park_id,
  m.moved,
  CASE WHEN e.id IS NULL THEN 'added'
    WHEN e.name = x.name AND e.cluster = x.cluster AND e.sub_industry = x."subIndustry" AND e.future_industry IS NOT DISTINCT FROM x."futureIndustry"
      AND ${sortedArray('e.tags')} = ${sortedArray('v.tags')} AND e.revenue = v.revenue AND e.employees IS NOT DISTINCT FROM v.employees AND e.address = x.address
      AND NOT m.moved AND (x."industryCode" IS NULL OR e.industry_code IS NOT DISTINCT FROM x."industryCode") THEN 'unchanged'
    ELSE 'updated' END,
  -- A file without industry codes keeps the stored ones.
  coalesce(x."industryCode", e.industry_code), e.industry_code
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x("creditCode" text, name text, cluster text, "subIndustry" text, "industryCode" text, "futureIndustry" text,
  tags text[], revenue numeric, employees numeric, address text, lon numeric, lat numeric)
CROSS JOIN LATERAL (SELECT round(x.lon, 7)::float8 AS lon, round(x.lat, 7)::float8 AS lat, round(x.revenue)::bigint AS revenue,
  round(x.employees)::int AS employees, coalesce(x.tags, '{}') AS tags) v
LEFT JOIN enterprises e ON e.credit_code = x."creditCode"
-- New ids continue after the largest (the table has no sequence: the seed writes its own ids); the
-- table lock taken before makes this safe against a concurrent import.
CROSS JOIN (SELECT coalesce(max(id), 0) AS base FROM enterprises) b
CROSS JOIN LATERAL (SELECT round(ST_X(e.geom)::numeric, 7)::float8 AS lon, round(ST_Y(e.geom)::numeric, 7)::float8 AS lat) o
CROSS JOIN LATERAL (SELECT e.id IS NOT NULL AND (o.lon <> v.lon OR o.lat <> v.lat) AS moved) m
-- Kept where the record stays put; placed anew (PLACE) for new and moved records.
LEFT JOIN LATERAL (SELECT e.district, e.town, e.village_park_id, e.value_park_id WHERE NOT m.moved) k ON true
WHERE r.import_id = $1`;

// Polygons outer, staged points through their index: each polygon is prepared once for all its points.
const placeIn = (column: string, table: string, key: string) => `
UPDATE imp_ent s SET ${column} = m.${key}
FROM (SELECT DISTINCT ON (i.row_no) i.row_no, p.${key} FROM ${table} p JOIN imp_ent i ON ST_Covers(p.geom, i.geom)
      WHERE i.action = 'added' OR i.moved ORDER BY i.row_no, p.${key}) m
WHERE s.row_no = m.row_no`;
const PLACE = [placeIn('district', 'districts', 'code'), placeIn('village_park_id', 'village_parks', 'id'), placeIn('value_park_id', 'value_parks', 'id')];

// Nearest town anchor of the district as a join (one pass), then the fallbacks for what is left.
const PLACE_TOWN = [`
UPDATE imp_ent s SET town = m.code
FROM (SELECT DISTINCT ON (i.row_no) i.row_no, t.code
      FROM (SELECT row_no, district, lon, lat, cos(radians(lat)) AS k FROM imp_ent WHERE action = 'added' OR moved) i
      JOIN (SELECT code, district, ST_X(anchor) AS x, ST_Y(anchor) AS y FROM towns WHERE anchor IS NOT NULL) t ON t.district = i.district
      ORDER BY i.row_no, ((t.x - i.lon) * i.k) ^ 2 + (t.y - i.lat) ^ 2, t.code) m
WHERE s.row_no = m.row_no`, `
UPDATE imp_ent s SET town = ${townOf({ district: 's.district', lon: 's.lon', lat: 's.lat', geom: 's.geom' })}
WHERE (s.action = 'added' OR s.moved) AND s.town IS NULL`];

const INSERT = `
INSERT INTO enterprises (id, name, credit_code, cluster, sub_industry, industry_code, future_industry, tags, revenue, employees, district, town, address,
  village_park_id, value_park_id, demo, geom, updated_at, import_id)
SELECT id, name, credit_code, cluster, sub_industry, industry_code, future_industry, tags, revenue, employees, district, town, address,
  village_park_id, value_park_id, false, geom, now(), $1
FROM imp_ent WHERE action = 'added' ORDER BY id`;

const UPDATE = `
UPDATE enterprises e SET name = s.name, cluster = s.cluster, sub_industry = s.sub_industry, industry_code = s.industry_code, future_industry = s.future_industry, tags = s.tags,
  revenue = s.revenue, employees = s.employees, address = s.address, district = s.district, town = s.town,
  village_park_id = s.village_park_id, value_park_id = s.value_park_id, geom = CASE WHEN s.moved THEN s.geom ELSE e.geom END,
  demo = false, updated_at = now(), import_id = $1
FROM imp_ent s WHERE e.id = s.id AND s.action = 'updated'`;

const CHANGES = changesObject([
  { name: 'name', before: 'old_name', after: 'name' },
  { name: 'cluster', before: 'old_cluster', after: 'cluster' },
  { name: 'subIndustry', before: 'old_sub_industry', after: 'sub_industry' },
  { name: 'industryCode', before: 'old_industry_code', after: 'industry_code' },
  { name: 'futureIndustry', before: 'old_future_industry', after: 'future_industry' },
  { name: 'tags', before: 'old_tags', after: 'tags', same: `old_id IS NOT NULL AND ${sortedArray('old_tags')} = ${sortedArray('tags')}` },
  { name: 'revenue', before: 'old_revenue', after: 'revenue' },
  { name: 'employees', before: 'old_employees', after: 'employees' },
  { name: 'address', before: 'old_address', after: 'address' },
  {
    name: 'location', before: 'CASE WHEN old_id IS NOT NULL THEN jsonb_build_array(old_lon, old_lat) END', after: 'jsonb_build_array(lon, lat)',
    same: 'old_id IS NOT NULL AND NOT moved',
  },
  { name: 'district', before: 'old_district', after: 'district' },
  { name: 'town', before: 'old_town', after: 'town' },
  { name: 'villageParkId', before: 'old_village_park_id', after: 'village_park_id' },
  { name: 'valueParkId', before: 'old_value_park_id', after: 'value_park_id' },
]);

const HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'enterprises', credit_code, id, $1, $2, $3, action, ${CHANGES}
FROM imp_ent WHERE action <> 'unchanged' ORDER BY row_no`;

export async function applyEnterprises(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  await lockTables(tx, ['enterprises']);
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await tx.query('CREATE INDEX ON imp_ent USING gist (geom)');
  await assertUniqueKeys(tx, 'imp_ent', 'credit_code', 'credit code');
  for (const sql of PLACE) await tx.query(sql);
  const outside = await tx.query<{ row_no: number; credit_code: string; lon: number; lat: number; n: number }>(
    `SELECT row_no, credit_code, lon, lat, count(*) OVER ()::int AS n FROM imp_ent WHERE district IS NULL ORDER BY row_no LIMIT 5`,
  );
  if (outside.length)
    throw new DomainError('rejected', `The import cannot be applied: ${outside[0].n} enterprise(s) lie outside every district, e.g. ${outside
      .map((o) => `row ${o.row_no} (${o.credit_code} at ${o.lon}, ${o.lat})`).join('; ')}. Nothing was changed.`, 
      problem('import_outside_districts', { count: outside[0].n, rows: outside.map((o) => o.row_no), keys: outside.map((o) => o.credit_code), records: 'enterprises' }));
  for (const sql of PLACE_TOWN) await tx.query(sql);
  await tx.query(INSERT, [ctx.importId]);
  await tx.query(UPDATE, [ctx.importId]);
  await tx.query(HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  const counts = await countActions(tx, 'imp_ent');
  if (counts.added + counts.updated > 0) {
    await bumpEnterprisesRevision(tx);
    // Indicator cells follow the enterprises' attributes (cluster, district, tags, revenue tier, class).
    await refreshAll(tx);
  }
  return counts;
}

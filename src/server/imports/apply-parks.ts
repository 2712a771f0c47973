// Applies the village-park records of an import: upsert by park code, set-based, in the caller's
// transaction.
//
// - Unchanged: name, category, progress and pilot year equal, land/building area and the per-mu
//   indicators equal to 2 decimals, and the outline equal at 7 decimals (ring start and
//   orientation ignored). Unchanged parks are not touched.
// - District (the one covering the outline's point-on-surface) and town (by anchor, apply-sql.ts)
//   are assigned for new parks and for parks whose outline changed.
// - Village: the file carries none. An existing park keeps its village unless its town changed; a
//   new park (or one moved to another town) takes its name without the park suffix (园夏村工业园 →
//   园夏村) and an empty village code, to be completed by whoever knows the committee's code.
// - Renovation status comes from the file as the bureau's record: the workflow rules for officials'
//   edits do not apply. A changed category/progress/pilot year bumps the park's version and writes
//   a park_status_history row (source 'import', effective on the import's date, never before the
//   park's current status date), so the park's history timeline shows it; a new park starts at
//   version 1 with such a row.
// - Enterprises inside a new or reshaped park, or assigned to a reshaped one, get their village park
//   assigned again (with a history row each when it changes).
import type { Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem } from '../../domain/problems.ts';
import {
  assertUniqueKeys, bumpEnterprisesRevision, changesObject, countActions, districtOf, geomKey, lockTables, townOf, type ApplyContext, type KindResult,
} from './apply-sql.ts';

const STAGE_TABLE = `
CREATE TEMP TABLE imp_park (
  row_no integer NOT NULL, code text NOT NULL, name text NOT NULL, area_mu float8 NOT NULL, building_area_m2 float8 NOT NULL,
  output_per_mu float8 NOT NULL, tax_per_mu float8 NOT NULL, category text NOT NULL, progress text NOT NULL, pilot_year integer,
  geom geometry(Polygon, 4326) NOT NULL, pos geometry(Point, 4326) NOT NULL,
  old_id integer, old_name text, old_area_mu float8, old_building_area_m2 float8, old_output_per_mu float8, old_tax_per_mu float8,
  old_category text, old_progress text, old_pilot_year integer, old_geom geometry(Polygon, 4326), old_district text, old_town text,
  old_town_name text, old_village text, old_village_code text, old_version integer, old_status_date date,
  id integer, district text, town text, town_name text, village text, village_code text,
  reshaped boolean NOT NULL, status_changed boolean NOT NULL, action text NOT NULL
) ON COMMIT DROP`;

const same2 = (a: string, b: string) => `round(${a}::numeric, 2) = round(${b}::numeric, 2)`;

const STAGE = `
INSERT INTO imp_park
SELECT r.row_no, x.code, x.name, x."areaMu", x."buildingAreaM2", x."outputPerMu", x."taxPerMu", x.category, x.progress, x."pilotYear",
  g.geom, ST_PointOnSurface(g.geom),
  p.id, p.name, p.area_mu, p.building_area_m2, p.output_per_mu, p.tax_per_mu, p.category, p.progress, p.pilot_year, p.geom, p.district,
  p.town, p.town_name, p.village, p.village_code, p.version, p.status_date,
  p.id, p.district, p.town, p.town_name, p.village, p.village_code,
  m.reshaped, m.status_changed,
  CASE WHEN p.id IS NULL THEN 'added'
    WHEN p.name = x.name AND ${same2('p.area_mu', 'x."areaMu"')} AND ${same2('p.building_area_m2', 'x."buildingAreaM2"')}
      AND ${same2('p.output_per_mu', 'x."outputPerMu"')} AND ${same2('p.tax_per_mu', 'x."taxPerMu"')} AND NOT m.status_changed AND NOT m.reshaped
      THEN 'unchanged'
    ELSE 'updated' END
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x(code text, name text, "areaMu" float8, "buildingAreaM2" float8, "outputPerMu" float8,
  "taxPerMu" float8, category text, progress text, "pilotYear" integer)
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON((r.record->'geometry')::text), 4326) AS geom) g
LEFT JOIN village_parks p ON p.code = x.code
CROSS JOIN LATERAL (SELECT p.id IS NOT NULL AND ${geomKey('p.geom')} <> ${geomKey('g.geom')} AS reshaped,
  p.id IS NOT NULL AND (p.category <> x.category OR p.progress <> x.progress OR p.pilot_year IS DISTINCT FROM x."pilotYear") AS status_changed) m
WHERE r.import_id = $1`;

const PLACE = `UPDATE imp_park s SET district = ${districtOf('s.pos')} WHERE s.action = 'added' OR s.reshaped`;

const PLACE_TOWN = `
UPDATE imp_park s SET town = t.code, town_name = coalesce((SELECT name FROM towns WHERE code = t.code), ''),
  village = CASE WHEN s.old_id IS NOT NULL AND t.code = s.old_town THEN s.old_village
    ELSE coalesce(nullif(regexp_replace(s.name, '(工业园区|工業園區|工业园|工業園|产业园|產業園|工业区|工業區|园区|園區|园|園)$', ''), ''), s.name) END,
  village_code = CASE WHEN s.old_id IS NOT NULL AND t.code = s.old_town THEN s.old_village_code ELSE '' END
FROM (SELECT row_no, ${townOf({ district: 'i.district', lon: 'ST_X(i.pos)', lat: 'ST_Y(i.pos)', geom: 'i.pos' })} AS code
      FROM imp_park i WHERE i.action = 'added' OR i.reshaped) t
WHERE s.row_no = t.row_no`;

const NEW_IDS = `
UPDATE imp_park s SET id = b.base + n.rn
FROM (SELECT row_no, row_number() OVER (ORDER BY row_no) AS rn FROM imp_park WHERE action = 'added') n,
  (SELECT coalesce(max(id), 0) AS base FROM village_parks) b
WHERE s.row_no = n.row_no`;

const INSERT = `
INSERT INTO village_parks (id, code, name, district, town, town_name, village, village_code, area_mu, building_area_m2, output_per_mu,
  tax_per_mu, category, progress, pilot_year, status_date, version, updated_at, demo, geom, import_id)
SELECT id, code, name, district, town, town_name, village, village_code, area_mu, building_area_m2, output_per_mu,
  tax_per_mu, category, progress, pilot_year, $2::date, 1, now(), false, geom, $1
FROM imp_park WHERE action = 'added' ORDER BY id`;

const UPDATE = `
UPDATE village_parks p SET name = s.name, district = s.district, town = s.town, town_name = s.town_name, village = s.village,
  village_code = s.village_code, area_mu = s.area_mu, building_area_m2 = s.building_area_m2, output_per_mu = s.output_per_mu,
  tax_per_mu = s.tax_per_mu, category = s.category, progress = s.progress, pilot_year = s.pilot_year,
  status_date = CASE WHEN s.status_changed THEN greatest(p.status_date, $2::date) ELSE p.status_date END,
  version = p.version + CASE WHEN s.status_changed THEN 1 ELSE 0 END,
  geom = CASE WHEN s.reshaped THEN s.geom ELSE p.geom END, updated_at = now(), demo = false, import_id = $1
FROM imp_park s WHERE p.id = s.id AND s.action = 'updated'`;

const STATUS_HISTORY = `
INSERT INTO park_status_history (park_id, version, user_id, username, source, effective_date, reason,
  from_category, to_category, from_progress, to_progress, from_pilot_year, to_pilot_year)
SELECT id, coalesce(old_version + 1, 1), $1, $2, 'import', CASE WHEN old_id IS NULL THEN $3::date ELSE greatest(old_status_date, $3::date) END, $4,
  old_category, category, old_progress, progress, old_pilot_year, pilot_year
FROM imp_park WHERE action = 'added' OR status_changed ORDER BY id`;

const CHANGES = changesObject([
  { name: 'name', before: 'old_name', after: 'name' },
  { name: 'areaMu', before: 'old_area_mu', after: 'area_mu', same: same2('old_area_mu', 'area_mu') },
  { name: 'buildingAreaM2', before: 'old_building_area_m2', after: 'building_area_m2', same: same2('old_building_area_m2', 'building_area_m2') },
  { name: 'outputPerMu', before: 'old_output_per_mu', after: 'output_per_mu', same: same2('old_output_per_mu', 'output_per_mu') },
  { name: 'taxPerMu', before: 'old_tax_per_mu', after: 'tax_per_mu', same: same2('old_tax_per_mu', 'tax_per_mu') },
  { name: 'category', before: 'old_category', after: 'category' },
  { name: 'progress', before: 'old_progress', after: 'progress' },
  { name: 'pilotYear', before: 'old_pilot_year', after: 'pilot_year' },
  { name: 'geometry', before: 'ST_AsGeoJSON(old_geom, 7)::jsonb', after: 'ST_AsGeoJSON(geom, 7)::jsonb', same: 'old_id IS NOT NULL AND NOT reshaped' },
  { name: 'district', before: 'old_district', after: 'district' },
  { name: 'town', before: 'old_town', after: 'town' },
  { name: 'village', before: 'old_village', after: 'village' },
  { name: 'villageCode', before: 'old_village_code', after: 'village_code' },
]);

const HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'parks', code, id, $1, $2, $3, action, ${CHANGES}
FROM imp_park WHERE action <> 'unchanged' ORDER BY row_no`;

// Enterprises whose village park may have changed: inside a new or reshaped outline, or assigned to a reshaped park.
const REASSIGN_ENTERPRISES = `
WITH touched AS (
  SELECT e.id FROM imp_park s JOIN enterprises e ON ST_Covers(s.geom, e.geom) WHERE s.action = 'added' OR s.reshaped
  UNION
  SELECT e.id FROM imp_park s JOIN enterprises e ON e.village_park_id = s.id WHERE s.reshaped
), cand AS (
  SELECT e.id, e.credit_code, e.village_park_id AS before,
    (SELECT p.id FROM village_parks p WHERE ST_Covers(p.geom, e.geom) ORDER BY p.id LIMIT 1) AS after
  FROM enterprises e JOIN touched t ON t.id = e.id
), upd AS (
  UPDATE enterprises e SET village_park_id = c.after, updated_at = now()
  FROM cand c WHERE e.id = c.id AND c.before IS DISTINCT FROM c.after RETURNING e.id
), hist AS (
  INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
  SELECT 'enterprises', c.credit_code, c.id, $1, $2, $3, 'updated', jsonb_build_object('villageParkId', jsonb_build_array(c.before, c.after))
  FROM cand c WHERE c.before IS DISTINCT FROM c.after ORDER BY c.id
)
SELECT count(*)::int AS n FROM upd`;

export async function applyParks(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  await lockTables(tx, ['village_parks', 'enterprises']);
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await tx.query('ANALYZE imp_park');
  await assertUniqueKeys(tx, 'imp_park', 'code', 'park code');
  await tx.query(PLACE);
  const outside = await tx.query<{ row_no: number; code: string; n: number }>(
    `SELECT row_no, code, count(*) OVER ()::int AS n FROM imp_park WHERE district IS NULL ORDER BY row_no LIMIT 5`,
  );
  if (outside.length)
    throw new DomainError('rejected', `The import cannot be applied: ${outside[0].n} park(s) lie outside every district, e.g. ${outside
      .map((o) => `row ${o.row_no} (${o.code})`).join('; ')}. Nothing was changed.`, 
      problem('import_outside_districts', { count: outside[0].n, rows: outside.map((o) => o.row_no), keys: outside.map((o) => o.code), records: 'parks' }));
  await tx.query(PLACE_TOWN);
  await tx.query(NEW_IDS);
  await tx.query(INSERT, [ctx.importId, ctx.effectiveDate]);
  await tx.query(UPDATE, [ctx.importId, ctx.effectiveDate]);
  await tx.query(STATUS_HISTORY, [ctx.user.id, ctx.user.username, ctx.effectiveDate, `导入 / import: ${ctx.fileName}`]);
  await tx.query(HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  const [{ n: enterprisesReassigned }] = await tx.query<{ n: number }>(REASSIGN_ENTERPRISES, [ctx.importId, ctx.user.id, ctx.user.username]);
  if (enterprisesReassigned > 0) await bumpEnterprisesRevision(tx);
  return { ...(await countActions(tx, 'imp_park')), enterprisesReassigned };
}

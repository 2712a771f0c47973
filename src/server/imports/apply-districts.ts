// Applies district boundaries: upsert by code (name and outline), in the caller's transaction.
// Districts absent from the file stay as they are. An outline is unchanged when it is equal at 7
// decimals (ring start and orientation ignored); history keeps both outlines as GeoJSON.
//
// When outlines change, records keep their district while it still covers them (no churn along a
// redrawn edge); an enterprise or village park the new outline no longer covers moves to the district
// that now covers it, with its town assigned again (apply-sql.ts), and gets a history row. One that no
// district covers any more keeps its district: the import never leaves a record without one.
import type { Queryable } from '../db/database.ts';
import { refreshAll } from '../monitoring/rollups.ts';
import {
  assertUniqueKeys, bumpEnterprisesRevision, changesObject, countActions, districtOf, geomKey, lockTables, townOf, type ApplyContext, type KindResult,
} from './apply-sql.ts';

const STAGE_TABLE = `
CREATE TEMP TABLE imp_dist (
  row_no integer NOT NULL, code text NOT NULL, name text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL,
  old_code text, old_name text, old_geom geometry(MultiPolygon, 4326), reshaped boolean NOT NULL, action text NOT NULL
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_dist
SELECT r.row_no, x.code, x.name, g.geom, d.code, d.name, d.geom, m.reshaped,
  CASE WHEN d.code IS NULL THEN 'added' WHEN d.name = x.name AND NOT m.reshaped THEN 'unchanged' ELSE 'updated' END
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x(code text, name text)
CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON((r.record->'geometry')::text), 4326)) AS geom) g
LEFT JOIN districts d ON d.code = x.code
CROSS JOIN LATERAL (SELECT d.code IS NOT NULL AND ${geomKey('d.geom')} <> ${geomKey('g.geom')} AS reshaped) m
WHERE r.import_id = $1`;

const INSERT = `
INSERT INTO districts (code, name, geom, updated_at, import_id)
SELECT code, name, geom, now(), $1 FROM imp_dist WHERE action = 'added' ORDER BY code`;

const UPDATE = `
UPDATE districts d SET name = s.name, geom = CASE WHEN s.reshaped THEN s.geom ELSE d.geom END, updated_at = now(), import_id = $1
FROM imp_dist s WHERE d.code = s.code AND s.action = 'updated'`;

const CHANGES = changesObject([
  { name: 'name', before: 'old_name', after: 'name' },
  { name: 'geometry', before: 'ST_AsGeoJSON(old_geom, 7)::jsonb', after: 'ST_AsGeoJSON(geom, 7)::jsonb', same: 'old_code IS NOT NULL AND NOT reshaped' },
]);

const HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'districts', code, NULL, $1, $2, $3, action, ${CHANGES}
FROM imp_dist WHERE action <> 'unchanged' ORDER BY row_no`;

// Records of a reshaped district that its new outline no longer covers, and the district covering them now.
const moved = (table: 'enterprises' | 'village_parks', point: string, key: string) => `
  SELECT r.id, r.${key} AS key, r.district AS old_district, r.town AS old_town, n.district
  FROM ${table} r JOIN districts d ON d.code = r.district
  CROSS JOIN LATERAL (SELECT ${districtOf(point)} AS district) n
  WHERE d.code IN (SELECT code FROM imp_dist WHERE reshaped) AND NOT ST_Covers(d.geom, ${point}) AND n.district IS NOT NULL`;

const REASSIGN_ENTERPRISES = `
WITH m AS (${moved('enterprises', 'r.geom', 'credit_code')}),
c AS (SELECT m.*, ${townOf({ district: 'm.district', lon: 'ST_X(e.geom)', lat: 'ST_Y(e.geom)', geom: 'e.geom' })} AS town
      FROM m JOIN enterprises e ON e.id = m.id),
upd AS (UPDATE enterprises e SET district = c.district, town = c.town, updated_at = now() FROM c WHERE e.id = c.id RETURNING e.id),
hist AS (
  INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
  SELECT 'enterprises', c.key, c.id, $1, $2, $3, 'updated', ${changesObject([
    { name: 'district', before: 'c.old_district', after: 'c.district' }, { name: 'town', before: 'c.old_town', after: 'c.town' }])}
  FROM c ORDER BY c.id
)
SELECT count(*)::int AS n FROM upd`;

const REASSIGN_PARKS = `
WITH m AS (${moved('village_parks', 'ST_PointOnSurface(r.geom)', 'code')}),
c AS (SELECT m.*, t.town, coalesce((SELECT name FROM towns WHERE code = t.town), '') AS town_name, p.town_name AS old_town_name
      FROM m JOIN village_parks p ON p.id = m.id
      CROSS JOIN LATERAL (SELECT ST_PointOnSurface(p.geom) AS pos) s
      CROSS JOIN LATERAL (SELECT ${townOf({ district: 'm.district', lon: 'ST_X(s.pos)', lat: 'ST_Y(s.pos)', geom: 's.pos' })} AS town) t),
upd AS (UPDATE village_parks p SET district = c.district, town = c.town, town_name = c.town_name, updated_at = now() FROM c WHERE p.id = c.id RETURNING p.id),
hist AS (
  INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
  SELECT 'parks', c.key, c.id, $1, $2, $3, 'updated', ${changesObject([
    { name: 'district', before: 'c.old_district', after: 'c.district' }, { name: 'town', before: 'c.old_town', after: 'c.town' }])}
  FROM c ORDER BY c.id
)
SELECT count(*)::int AS n FROM upd`;

export async function applyDistricts(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  await lockTables(tx, ['districts', 'village_parks', 'enterprises']);
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await assertUniqueKeys(tx, 'imp_dist', 'code', 'district code');
  await tx.query(INSERT, [ctx.importId]);
  await tx.query(UPDATE, [ctx.importId]);
  await tx.query(HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  const counts = await countActions(tx, 'imp_dist');
  let enterprisesReassigned = 0;
  let parksReassigned = 0;
  if ((await tx.query('SELECT 1 FROM imp_dist WHERE reshaped LIMIT 1')).length) {
    [{ n: parksReassigned }] = await tx.query<{ n: number }>(REASSIGN_PARKS, [ctx.importId, ctx.user.id, ctx.user.username]);
    [{ n: enterprisesReassigned }] = await tx.query<{ n: number }>(REASSIGN_ENTERPRISES, [ctx.importId, ctx.user.id, ctx.user.username]);
    if (enterprisesReassigned > 0) {
      await bumpEnterprisesRevision(tx);
      // Indicators group by district and town: enterprises that moved change cell.
      await refreshAll(tx);
    }
  }
  return { ...counts, enterprisesReassigned, parksReassigned };
}

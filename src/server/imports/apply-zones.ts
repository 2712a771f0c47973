// Applies zones (the classification standard's polygon layers, validate-zones.ts): upsert by code
// (name, zone type, outline), in the caller's transaction. Zones absent from the file stay as they
// are. An outline is unchanged when it is equal at 7 decimals; history keeps both outlines as GeoJSON.
// Nothing else moves: the standard reads the zones when it is asked (standard-queries.ts).
import type { Queryable } from '../db/database.ts';
import { assertUniqueKeys, changesObject, countActions, geomKey, type ApplyContext, type KindResult } from './apply-sql.ts';

const STAGE_TABLE = `
CREATE TEMP TABLE imp_zone (
  row_no integer NOT NULL, code text NOT NULL, name text NOT NULL, zone_type text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL,
  old_code text, old_name text, old_zone_type text, old_geom geometry(MultiPolygon, 4326), reshaped boolean NOT NULL, action text NOT NULL
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_zone
SELECT r.row_no, x.code, x.name, x."zoneType", g.geom, z.code, z.name, z.zone_type, z.geom, m.reshaped,
  CASE WHEN z.code IS NULL THEN 'added' WHEN z.name = x.name AND z.zone_type = x."zoneType" AND NOT m.reshaped THEN 'unchanged' ELSE 'updated' END
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x(code text, name text, "zoneType" text)
CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON((r.record->'geometry')::text), 4326)) AS geom) g
LEFT JOIN zones z ON z.code = x.code
CROSS JOIN LATERAL (SELECT z.code IS NOT NULL AND ${geomKey('z.geom')} <> ${geomKey('g.geom')} AS reshaped) m
WHERE r.import_id = $1`;

const INSERT = `
INSERT INTO zones (code, name, zone_type, geom, updated_at, import_id)
SELECT code, name, zone_type, geom, now(), $1 FROM imp_zone WHERE action = 'added' ORDER BY code`;

// An imported zone is real data: the demo mark goes.
const UPDATE = `
UPDATE zones z SET name = s.name, zone_type = s.zone_type, geom = CASE WHEN s.reshaped THEN s.geom ELSE z.geom END, demo = false, updated_at = now(), import_id = $1
FROM imp_zone s WHERE z.code = s.code AND s.action = 'updated'`;

const CHANGES = changesObject([
  { name: 'name', before: 's.old_name', after: 's.name' },
  { name: 'zoneType', before: 's.old_zone_type', after: 's.zone_type' },
  { name: 'geometry', before: 'ST_AsGeoJSON(s.old_geom, 7)::jsonb', after: 'ST_AsGeoJSON(s.geom, 7)::jsonb', same: 's.old_code IS NOT NULL AND NOT s.reshaped' },
]);

const HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'zones', s.code, z.id, $1, $2, $3, s.action, ${CHANGES}
FROM imp_zone s JOIN zones z ON z.code = s.code WHERE s.action <> 'unchanged' ORDER BY s.row_no`;

export async function applyZones(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  await tx.query('LOCK TABLE zones IN EXCLUSIVE MODE');
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await assertUniqueKeys(tx, 'imp_zone', 'code', 'zone code');
  await tx.query(INSERT, [ctx.importId]);
  await tx.query(UPDATE, [ctx.importId]);
  await tx.query(HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  return countActions(tx, 'imp_zone');
}

// Applies industrial blocks (工业产业区块): upsert by code (name, control level, area, outline), in
// the caller's transaction, set-based. Blocks absent from the file stay as they are. The district is
// the one covering the block's representative point (ST_PointOnSurface). An outline is unchanged
// when equal at 7 decimals (ring start and orientation ignored); history keeps both as GeoJSON. An
// imported block is real data: `demo` becomes false, also for a demo block the file replaces.
import type { Queryable } from '../db/database.ts';
import { assertUniqueKeys, changesObject, countActions, districtOf, geomKey, lockTables, type ApplyContext, type KindResult } from './apply-sql.ts';

const STAGE_TABLE = `
CREATE TEMP TABLE imp_blk (
  row_no integer NOT NULL, code text NOT NULL, name text NOT NULL, level text, area_mu double precision NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL, district text,
  old_id integer, old_name text, old_level text, old_area_mu double precision, old_geom geometry(MultiPolygon, 4326), old_district text, old_demo boolean,
  reshaped boolean NOT NULL, action text NOT NULL
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_blk
SELECT r.row_no, x.code, x.name, x.level, x."areaMu", g.geom, ${districtOf('ST_PointOnSurface(g.geom)')},
  b.id, b.name, b.level, b.area_mu, b.geom, b.district, b.demo, m.reshaped,
  CASE WHEN b.id IS NULL THEN 'added'
       WHEN b.name = x.name AND b.level IS NOT DISTINCT FROM x.level AND b.area_mu = x."areaMu" AND NOT m.reshaped AND NOT b.demo THEN 'unchanged'
       ELSE 'updated' END
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x(code text, name text, level text, "areaMu" float8)
CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON((r.record->'geometry')::text), 4326)) AS geom) g
LEFT JOIN industrial_blocks b ON b.code = x.code
CROSS JOIN LATERAL (SELECT b.id IS NOT NULL AND ${geomKey('b.geom')} <> ${geomKey('g.geom')} AS reshaped) m
WHERE r.import_id = $1`;

const INSERT = `
INSERT INTO industrial_blocks (code, name, level, district, area_mu, demo, geom, updated_at, import_id)
SELECT code, name, level, district, area_mu, false, geom, now(), $1 FROM imp_blk WHERE action = 'added' ORDER BY row_no`;

const UPDATE = `
UPDATE industrial_blocks b SET name = s.name, level = s.level, area_mu = s.area_mu, demo = false,
  geom = CASE WHEN s.reshaped THEN s.geom ELSE b.geom END,
  district = CASE WHEN s.reshaped THEN s.district ELSE b.district END,
  version = b.version + 1, updated_at = now(), import_id = $1
FROM imp_blk s WHERE b.id = s.old_id AND s.action = 'updated'`;

const CHANGES = changesObject([
  { name: 'name', before: 'old_name', after: 'name' },
  { name: 'level', before: 'old_level', after: 'level' },
  { name: 'areaMu', before: 'old_area_mu', after: 'area_mu' },
  { name: 'district', before: 'old_district', after: 'CASE WHEN old_id IS NULL OR reshaped THEN district ELSE old_district END' },
  { name: 'demo', before: 'old_demo', after: 'false' },
  { name: 'geometry', before: 'ST_AsGeoJSON(old_geom, 7)::jsonb', after: 'ST_AsGeoJSON(geom, 7)::jsonb', same: 'old_id IS NOT NULL AND NOT reshaped' },
]);

const HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'industrialBlocks', code, block_id, $1, $2, $3, action, ${CHANGES}
FROM (SELECT s.*, b.id AS block_id FROM imp_blk s JOIN industrial_blocks b ON b.code = s.code WHERE s.action <> 'unchanged') s
ORDER BY row_no`;

export async function applyIndustrialBlocks(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  // The districts are only read (ROW SHARE, in the appliers' usual order), then the blocks written.
  await lockTables(tx, []);
  await tx.query('LOCK TABLE industrial_blocks IN EXCLUSIVE MODE');
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await assertUniqueKeys(tx, 'imp_blk', 'code', 'block code');
  await tx.query(INSERT, [ctx.importId]);
  await tx.query(UPDATE, [ctx.importId]);
  await tx.query(HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  return countActions(tx, 'imp_blk');
}

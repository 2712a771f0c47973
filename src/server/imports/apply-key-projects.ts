// Applies the key projects of an import: one row per project code in key_projects, set-based over a
// staging table. A row replaces the project's name, investment, area, cluster, status and location
// (the district follows from the location), bumps its version and clears its demo mark; an identical
// row is left alone; a new code is inserted. Projects not in the file are kept (a list is often one
// district's or one year's). Each change gets a record_history row (kind 'keyProjects', key = the
// code). Runs inside the caller's transaction, which holds the import row lock.
import type { Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem } from '../../domain/problems.ts';
import { assertUniqueKeys, changesObject, countActions, districtOf, geomKey, type ApplyContext, type KindResult } from './apply-sql.ts';

const STAGE_TABLE = `
CREATE TEMP TABLE imp_kp (
  row_no integer NOT NULL, code text NOT NULL, name text NOT NULL, investment bigint NOT NULL, area_mu float8,
  cluster text, status text NOT NULL, geom geometry NOT NULL, district text,
  project_id integer, old_version integer, old_name text, old_investment bigint, old_area_mu float8, old_cluster text,
  old_status text, old_district text, old_geom geometry, action text
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_kp (row_no, code, name, investment, area_mu, cluster, status, geom,
  project_id, old_version, old_name, old_investment, old_area_mu, old_cluster, old_status, old_district, old_geom)
SELECT r.row_no, x.code, x.name, x.investment, x."areaMu", x.cluster, x.status, ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326),
  k.id, k.version, k.name, k.investment, k.area_mu, k.cluster, k.status, k.district, k.geom
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x(code text, name text, investment bigint, "areaMu" float8, cluster text, status text, geometry jsonb)
LEFT JOIN key_projects k ON k.code = x.code
WHERE r.import_id = $1`;

// The district of a parcel is that of its representative point, as the validator tested it.
const DISTRICTS = `UPDATE imp_kp SET district = ${districtOf('ST_PointOnSurface(imp_kp.geom)')}`;

const FIELDS = [
  { name: 'name', col: 'name' }, { name: 'investment', col: 'investment' }, { name: 'areaMu', col: 'area_mu' },
  { name: 'cluster', col: 'cluster' }, { name: 'status', col: 'status' }, { name: 'district', col: 'district' },
] as const;

const ACTIONS = `
UPDATE imp_kp SET action = CASE WHEN project_id IS NULL THEN 'added'
  WHEN ${FIELDS.map((f) => `old_${f.col} IS NOT DISTINCT FROM ${f.col}`).join(' AND ')} AND ${geomKey('old_geom')} = ${geomKey('geom')} THEN 'unchanged'
  ELSE 'updated' END`;

const UPDATE = `
UPDATE key_projects k SET name = s.name, investment = s.investment, area_mu = s.area_mu, cluster = s.cluster, status = s.status,
  district = s.district, geom = s.geom, demo = false, version = k.version + 1, updated_at = now(), updated_by = $2, import_id = $1
FROM imp_kp s WHERE s.project_id = k.id AND s.action = 'updated'`;

const INSERT = `
INSERT INTO key_projects (code, name, investment, area_mu, cluster, status, district, geom, demo, updated_by, import_id)
SELECT code, name, investment, area_mu, cluster, status, district, geom, false, $2, $1 FROM imp_kp WHERE action = 'added' ORDER BY row_no`;

const NEW_IDS = `UPDATE imp_kp s SET project_id = k.id FROM key_projects k WHERE s.action = 'added' AND k.code = s.code`;

const CHANGES = changesObject([
  ...FIELDS.map((f) => ({ name: f.name, before: `old_${f.col}`, after: f.col })),
  { name: 'geometry', before: 'ST_AsGeoJSON(old_geom, 7)::jsonb', after: 'ST_AsGeoJSON(geom, 7)::jsonb', same: `${geomKey('old_geom')} = ${geomKey('geom')}` },
]);

const RECORD_HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'keyProjects', code, project_id, $1, $2, $3, action, ${CHANGES}
FROM imp_kp WHERE action <> 'unchanged' ORDER BY row_no`;

export async function applyKeyProjects(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  // One writer at a time; readers (the map, the dashboard) go on.
  await tx.query('LOCK TABLE districts IN ROW SHARE MODE');
  await tx.query('LOCK TABLE key_projects IN EXCLUSIVE MODE');
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await assertUniqueKeys(tx, 'imp_kp', 'code', 'the project code');
  await tx.query(DISTRICTS);
  // The validator tested the location against the boundaries of the dry run; an import of districts since may have moved them.
  const outside = await tx.query<{ code: string; row_no: number; n: number }>('SELECT code, row_no, count(*) OVER ()::int AS n FROM imp_kp WHERE district IS NULL ORDER BY row_no LIMIT 5');
  if (outside.length)
    throw new DomainError('rejected', `The import cannot be applied: ${outside.map((o) => `the project ${o.code} (row ${o.row_no})`).join(', ')} lies outside every district. Nothing was changed.`,
      problem('import_outside_districts', { count: outside[0].n, rows: outside.map((o) => o.row_no), keys: outside.map((o) => o.code), records: 'keyProjects' }));
  await tx.query(ACTIONS);
  await tx.query(UPDATE, [ctx.importId, ctx.user.username]);
  await tx.query(INSERT, [ctx.importId, ctx.user.username]);
  await tx.query(NEW_IDS);
  await tx.query(RECORD_HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  return countActions(tx, 'imp_kp');
}

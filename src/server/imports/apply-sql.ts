// SQL pieces shared by the appliers: spatial assignment (district, parks, town), the field-level
// change objects written to record_history, and a few guards and counters.
import type { Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem } from '../../domain/problems.ts';
import type { Role, SessionUser } from '../../domain/permissions.ts';

// Towns have no public boundaries. The demo data splits each district among its towns by nearest
// anchor point (scripts/lib/demo/city.ts, townAt), and the seed stores those anchors in
// towns.anchor, so an imported point gets the town the generator would have given it (same metric:
// longitude scaled by cos(latitude)). Where a district's towns have no anchors (a database seeded
// before anchors were saved, or a district added by an import), the town is that of the nearest
// enterprise of the district, else of the nearest village park of the district, else the district's
// first town by code, else '' (a district without towns: town unknown).

/** Column references of a staged point: district code, lon, lat (float8) and geom (Point, 4326). */
export interface PointColumns {
  district: string;
  lon: string;
  lat: string;
  geom: string;
}

/** SQL expression: the generator's distance (squared, longitude scaled by cos(latitude)) from a town anchor to a point. */
export const anchorDistance = (anchor: string, lon: string, lat: string) =>
  `((ST_X(${anchor}) - ${lon}) * cos(radians(${lat}))) ^ 2 + (ST_Y(${anchor}) - ${lat}) ^ 2`;

/** SQL expression: the town of a point in its (already assigned) district. */
export function townOf(c: PointColumns): string {
  return `coalesce(
    (SELECT t.code FROM towns t WHERE t.district = ${c.district} AND t.anchor IS NOT NULL
      ORDER BY ${anchorDistance('t.anchor', c.lon, c.lat)}, t.code LIMIT 1),
    (SELECT n.town FROM enterprises n WHERE n.district = ${c.district} ORDER BY n.geom <-> ${c.geom}, n.id LIMIT 1),
    (SELECT n.town FROM village_parks n WHERE n.district = ${c.district} ORDER BY n.geom <-> ${c.geom}, n.id LIMIT 1),
    (SELECT min(t.code) FROM towns t WHERE t.district = ${c.district}),
    '')`;
}

/** SQL expression: the district covering a point (lowest code if boundaries overlap), or null. */
export const districtOf = (geom: string) => `(SELECT d.code FROM districts d WHERE ST_Covers(d.geom, ${geom}) ORDER BY d.code LIMIT 1)`;

/** SQL expression: the id of the park of `table` covering a point (lowest id if several), or null. */
export const parkOf = (table: 'village_parks' | 'value_parks', geom: string) =>
  `(SELECT p.id FROM ${table} p WHERE ST_Covers(p.geom, ${geom}) ORDER BY p.id LIMIT 1)`;

/**
 * SQL expression: {field: [before, after]} for each field whose before and after differ (as SQL
 * values; `same` overrides the comparison, and anything but true counts as a change). Before is
 * JSON null for an added record.
 */
export function changesObject(fields: { name: string; before: string; after: string; same?: string }[]): string {
  const parts = fields.map((f) => {
    const same = f.same ?? `${f.before} IS NOT DISTINCT FROM ${f.after}`;
    return `'${f.name}', CASE WHEN (${same}) IS NOT TRUE THEN jsonb_build_array(to_jsonb(${f.before}), to_jsonb(${f.after})) END`;
  });
  // jsonb_build_object takes at most 100 arguments: merge chunks of fields.
  const chunks: string[] = [];
  for (let i = 0; i < parts.length; i += 40) chunks.push(`jsonb_strip_nulls(jsonb_build_object(${parts.slice(i, i + 40).join(', ')}))`);
  return chunks.join(' || ');
}

/** SQL: text of a geometry for equality at 7 decimals, independent of ring start and orientation. */
export const geomKey = (g: string) => `ST_AsGeoJSON(ST_Normalize(${g}), 7)`;

/** Throws 422 naming the first keys that occur on more than one row of a staged table. */
export async function assertUniqueKeys(tx: Queryable, table: string, key: string, label: string): Promise<void> {
  const dups = await tx.query<{ key: string; rows: number[] }>(
    `SELECT ${key} AS key, array_agg(row_no ORDER BY row_no) AS rows FROM ${table} GROUP BY ${key} HAVING count(*) > 1 ORDER BY min(row_no) LIMIT 5`,
  );
  if (dups.length)
    throw new DomainError('rejected', `The import cannot be applied: ${dups.map((d) => `${label} ${d.key} appears on rows ${d.rows.join(', ')}`).join('; ')}. Nothing was changed.`, 
      problem('import_duplicate_keys', { keys: dups.map((d) => d.key), rows: dups.map((d) => d.rows) }));
}

/** Counts of a staged table by its action column. */
export async function countActions(tx: Queryable, table: string): Promise<{ added: number; updated: number; unchanged: number }> {
  const rows = await tx.query<{ action: string; n: number }>(`SELECT action, count(*)::int AS n FROM ${table} GROUP BY action`);
  const n = (a: string) => rows.find((r) => r.action === a)?.n ?? 0;
  return { added: n('added'), updated: n('updated'), unchanged: n('unchanged') };
}

/** Tells readers of the enterprise payload (routes/enterprise-payload.ts) that enterprises changed. */
export async function bumpEnterprisesRevision(tx: Queryable): Promise<void> {
  await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('enterprises_revision', '1'::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((dataset_meta.value #>> '{}')::bigint + 1)`);
}

/**
 * Tells every server process that the map tiles are out of date (parks or districts changed): the
 * tiles in tile_archives carry the revision they were built from (tiles/tile-store.ts).
 */
export async function bumpTilesRevision(tx: Queryable): Promise<void> {
  await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('tiles_revision', '1'::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((dataset_meta.value #>> '{}')::bigint + 1)`);
}

/** What an applier needs to know about the import it applies. */
export interface ApplyContext {
  importId: string;
  fileName: string;
  /** role and district: who applies a park status file (officials their own district; none = administrator). */
  user: { id: number | null; username: string; role?: Role; district?: SessionUser['district'] };
  /** YYYY-MM-DD on which park status changes brought by the import take effect. */
  effectiveDate: string;
}

/** What an applier changed. */
export interface KindResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Enterprises whose park or district assignment moved because outlines changed (parks and districts imports). */
  enterprisesReassigned?: number;
  /** Parks whose district moved because boundaries changed (districts imports). */
  parksReassigned?: number;
  /** Park status files: rows sent to the city for review as proposals. */
  proposed?: number;
}

/** SQL expression: a text[] sorted, to compare tag sets. */
export const sortedArray = (a: string) => `ARRAY(SELECT unnest(${a}) ORDER BY 1)`;

/**
 * Takes the table locks of an apply, always in the order districts → village_parks → enterprises
 * (foreign-key checks lock referenced tables too), so concurrent imports wait for each other instead
 * of deadlocking. EXCLUSIVE on a written table: readers go on, other writers wait (a status edit
 * holding a park row lock finishes first; new ids and the diff stay consistent). ROW SHARE on a
 * table only referenced: what the foreign-key checks need anyway, taken up front.
 */
export async function lockTables(tx: Queryable, write: ('districts' | 'village_parks' | 'enterprises')[]): Promise<void> {
  for (const table of ['districts', 'village_parks', 'enterprises'] as const)
    await tx.query(`LOCK TABLE ${table} IN ${write.includes(table) ? 'EXCLUSIVE' : 'ROW SHARE'} MODE`);
}

// Value-innovation parks with their six elements: reading them (one row mapper, `valueParkFeature`,
// for every answer that returns a value park), their history, and an administrator's edit of the
// elements with version (If-Match, http/optimistic-lock.ts) and history row, in the caller's transaction.
import type { Feature } from 'geojson';
import { problem } from '../../domain/problems.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';
import { assertVersion } from '../http/optimistic-lock.ts';

import type { ValueParkElement } from '../../domain/parks.ts';

export type { ValueParkElement };

interface ValueParkRow {
  id: number;
  code: string;
  name: string;
  name_zh_hant: string;
  name_en: string;
  district: string;
  theme: string;
  area_km2: number;
  elements: ValueParkElement[];
  version: number;
  updated_at: string;
  demo: boolean;
  enterprise_count: number;
  geometry: string;
}

const SELECT = `SELECT v.id, v.code, v.name, v.name_zh_hant, v.name_en, v.district, v.theme, v.area_km2, v.elements, v.version, v.demo,
  to_char(v.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
  (SELECT count(*)::int FROM enterprises e WHERE e.value_park_id = v.id) AS enterprise_count, ST_AsGeoJSON(v.geom, 7) AS geometry
  FROM value_parks v`;

/** A value park as the API answers it: a GeoJSON Feature whose id is the database id. */
export const valueParkFeature = (r: ValueParkRow) => ({
  type: 'Feature' as const,
  id: r.id,
  properties: {
    code: r.code, name: r.name, nameZhHant: r.name_zh_hant, nameEn: r.name_en, district: r.district, theme: r.theme,
    areaKm2: r.area_km2, elements: r.elements, enterpriseCount: r.enterprise_count, version: r.version, updatedAt: r.updated_at, demo: r.demo,
  },
  geometry: JSON.parse(r.geometry),
}) satisfies Feature;

export type ValueParkFeature = ReturnType<typeof valueParkFeature>;

/** Every value park, by id. */
export async function listValueParks(db: Queryable): Promise<ValueParkFeature[]> {
  return (await db.query<ValueParkRow>(`${SELECT} ORDER BY v.id`)).map(valueParkFeature);
}

/** One value park, or undefined. */
export async function findValuePark(db: Queryable, id: number): Promise<ValueParkFeature | undefined> {
  const [row] = await db.query<ValueParkRow>(`${SELECT} WHERE v.id = $1`, [id]);
  return row && valueParkFeature(row);
}

// The id travels as the path's text, as it always has in this answer.
export const valueParkNotFound = (id: number) =>
  new HttpError(404, `There is no value-innovation park with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'valuePark', id: String(id) }));

/** The edits of one value park, newest first; 404 when there is no such park. */
export async function valueParkHistory(db: Queryable, id: number): Promise<Record<string, unknown>[]> {
  if (!(await db.query('SELECT 1 FROM value_parks WHERE id = $1', [id])).length) throw valueParkNotFound(id);
  return db.query(
    `SELECT version, username AS "changedBy", to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "changedAt",
       to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", reason, before, after
     FROM value_park_history WHERE park_id = $1 ORDER BY version DESC`,
    [id],
  );
}

export interface ElementsEdit {
  parkId: number;
  /** From If-Match; null when none was sent (428). */
  expectedVersion: number | null;
  elements: Partial<ValueParkElement>[];
  reason: string;
  effectiveDate: string;
}

/** Locks the park, checks the version, merges the elements, writes the new version and its history row. */
export async function editValueParkElements(tx: Queryable, user: SessionUser, edit: ElementsEdit): Promise<void> {
  const [cur] = await tx.query<{ version: number; elements: ValueParkElement[] }>('SELECT version, elements FROM value_parks WHERE id = $1 FOR UPDATE', [edit.parkId]);
  if (!cur) throw valueParkNotFound(edit.parkId);
  assertVersion(edit.expectedVersion, cur.version, {
    thing: 'valuePark',
    required: 'Send the If-Match header with the version (ETag) you are changing.',
    stale: (current) => `Someone else changed this park (now version ${current}).`,
  });
  const next = cur.elements.map((el) => ({ ...el, ...edit.elements.find((e) => e.code === el.code) }));
  await tx.query('UPDATE value_parks SET elements = $2::jsonb, version = version + 1, updated_at = now() WHERE id = $1', [edit.parkId, JSON.stringify(next)]);
  await tx.query(
    `INSERT INTO value_park_history (park_id, version, user_id, username, effective_date, reason, before, after) VALUES ($1, $2, $3, $4, $5::date, $6, $7::jsonb, $8::jsonb)`,
    [edit.parkId, cur.version + 1, user.id, user.username, edit.effectiveDate, edit.reason, JSON.stringify(cur.elements), JSON.stringify(next)],
  );
}

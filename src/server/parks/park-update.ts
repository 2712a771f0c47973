// One status change of one village park: permission, version, workflow and audit in one SQL
// statement, so the change and its history row commit together or not at all, and an edit costs
// one round trip (on embedded PGlite each costs about half a millisecond and edits queue behind
// each other; see bench/results.md). The legal transitions come from src/domain via
// src/server/db/transitions.ts.
import { transitionProblem, applyChange, type ParkStatus, type StatusChange } from '../../domain/renovation-workflow.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';
import { PARK_COLUMNS, type ParkRow } from './park-queries.ts';

export interface StatusEdit {
  parkId: number;
  /** null when the client sent no If-Match (answered 428 after the permission checks). */
  expectedVersion: number | null;
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  source: 'edit' | 'bulk' | 'import';
}

/** Checks the actor may edit parks of this district; throws 403 otherwise. */
export function assertMayEdit(user: SessionUser, district: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'official' && user.district === district) return;
  if (user.role === 'official') throw new HttpError(403, `You may only change parks of your own district (${user.district}); this park is in ${district}.`);
  throw new HttpError(403, 'Only district officials and administrators can change renovation status.');
}

/** Validates an edit against a locked park; returns the new status or throws 403/428/412/409. */
export function checkEdit(park: ParkRow, user: SessionUser, edit: Omit<StatusEdit, 'parkId' | 'source'>): ParkStatus {
  assertMayEdit(user, park.district);
  if (edit.expectedVersion === null) throw new HttpError(428, 'Send the If-Match header with the version (ETag) you are changing, so concurrent edits are not lost.');
  if (park.version !== edit.expectedVersion)
    throw new HttpError(412, `Someone else changed park ${park.code} (now version ${park.version}, you had version ${edit.expectedVersion}).`, undefined, { currentVersion: park.version });
  const from = { category: park.category, progress: park.progress, pilotYear: park.pilot_year } as ParkStatus;
  const problem = transitionProblem(from, edit.change, user.role === 'admin' ? 'admin' : 'official');
  if (problem) throw new HttpError(409, problem, undefined, { current: from });
  if (edit.effectiveDate < park.status_date)
    throw new HttpError(409, `The effective date ${edit.effectiveDate} is earlier than the park's current status date ${park.status_date}.`);
  return applyChange(from, edit.change);
}

const EDIT_SQL = `
WITH cur AS (
  SELECT ${PARK_COLUMNS}, p.category, p.progress, p.pilot_year, to_char(p.status_date, 'YYYY-MM-DD') AS status_date, p.version,
    ST_AsGeoJSON(p.geom, 7) AS geometry, p.status_date AS status_day
  FROM village_parks p WHERE p.id = $1 FOR UPDATE
), next AS (
  SELECT cur.id, coalesce($2::text, cur.category) AS category, coalesce($3::text, cur.progress) AS progress,
    CASE WHEN $4::boolean THEN $5::int ELSE cur.pilot_year END AS pilot_year
  FROM cur
  WHERE ($6::text IS NULL OR cur.district = $6::text) AND cur.version = $7::int AND $8::date >= cur.status_day
), legal AS (
  SELECT next.* FROM next, cur WHERE EXISTS (
    SELECT 1 FROM renovation_transitions t
    WHERE t.actor = $9 AND t.from_category = cur.category AND t.from_progress = cur.progress AND t.from_pilot = coalesce(cur.pilot_year, 0)
      AND t.to_category = next.category AND t.to_progress = next.progress AND t.to_pilot = coalesce(next.pilot_year, 0))
), updated AS (
  UPDATE village_parks p SET category = legal.category, progress = legal.progress, pilot_year = legal.pilot_year,
    status_date = $8::date, version = p.version + 1, updated_at = now()
  FROM legal WHERE p.id = legal.id RETURNING p.id, p.version, p.updated_at
), audit AS (
  INSERT INTO park_status_history (park_id, version, user_id, username, source, effective_date, reason,
    from_category, to_category, from_progress, to_progress, from_pilot_year, to_pilot_year)
  SELECT u.id, u.version, $10, $11, $12, $8::date, $13, cur.category, legal.category, cur.progress, legal.progress, cur.pilot_year, legal.pilot_year
  FROM updated u, legal, cur
)
SELECT cur.*, u.version AS new_version, to_char(u.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS new_updated_at
FROM cur LEFT JOIN updated u ON true`;

/**
 * Applies one edit in a single statement (lock, check, update, audit: atomic even outside a
 * transaction); returns the park as it is after the change. When the statement changes nothing,
 * checkEdit on the locked row says why (403, 428, 412 or 409 with the workflow's own words).
 */
export async function applyStatusEdit(tx: Queryable, user: SessionUser, edit: StatusEdit): Promise<ParkRow> {
  if (user.role !== 'admin' && user.role !== 'official') throw new HttpError(403, 'Only district officials and administrators can change renovation status.');
  const c = edit.change;
  const [row] = await tx.query<ParkRow & { new_version: number | null; new_updated_at: string | null }>(EDIT_SQL, [
    edit.parkId, c.category ?? null, c.progress ?? null, c.pilotYear !== undefined, c.pilotYear ?? null,
    user.role === 'official' ? user.district : null, edit.expectedVersion ?? -1, edit.effectiveDate,
    user.role === 'admin' ? 'admin' : 'official', user.id, user.username, edit.source, edit.reason,
  ]);
  if (!row) throw new HttpError(404, `There is no village park with id ${edit.parkId}.`);
  const { new_version, new_updated_at, ...park } = row;
  if (new_version === null) {
    checkEdit(park, user, edit);
    throw new Error(`park ${edit.parkId}: the edit was refused by the database although the workflow allows it (transition table out of date?)`);
  }
  const to = applyChange({ category: park.category, progress: park.progress, pilotYear: park.pilot_year } as ParkStatus, c);
  return { ...park, category: to.category, progress: to.progress, pilot_year: to.pilotYear, status_date: edit.effectiveDate, version: new_version, updated_at: new_updated_at! };
}

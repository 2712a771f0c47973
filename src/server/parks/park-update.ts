// One status change of one village park: permission, version, workflow and audit, in the caller's
// transaction, so the change and its history row commit together or not at all. Two statements
// only (lock-and-read, then update-and-audit), because on embedded PGlite each round trip costs
// about half a millisecond and edits queue behind each other (bench/results.md).
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

/** Reads and locks a park with everything its API representation needs (404 when it does not exist). */
export async function lockPark(tx: Queryable, parkId: number): Promise<ParkRow> {
  const [park] = await tx.query<ParkRow>(
    `SELECT ${PARK_COLUMNS}, p.category, p.progress, p.pilot_year, to_char(p.status_date, 'YYYY-MM-DD') AS status_date, p.version,
       ST_AsGeoJSON(p.geom, 7) AS geometry
     FROM village_parks p WHERE p.id = $1 FOR UPDATE`,
    [parkId],
  );
  if (!park) throw new HttpError(404, `There is no village park with id ${parkId}.`);
  return park;
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

/** Applies one edit; returns the park as it is after the change. */
export async function applyStatusEdit(tx: Queryable, user: SessionUser, edit: StatusEdit): Promise<ParkRow> {
  const park = await lockPark(tx, edit.parkId);
  const to = checkEdit(park, user, edit);
  const [written] = await tx.query<{ version: number; updated_at: string }>(
    `WITH updated AS (
       UPDATE village_parks SET category = $2, progress = $3, pilot_year = $4, status_date = $5::date, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $6 RETURNING id, version, updated_at
     ), audit AS (
       INSERT INTO park_status_history (park_id, version, user_id, username, source, effective_date, reason,
         from_category, to_category, from_progress, to_progress, from_pilot_year, to_pilot_year)
       SELECT id, version, $7, $8, $9, $5::date, $10, $11, $2, $12, $3, $13, $4 FROM updated
     )
     SELECT version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at FROM updated`,
    [park.id, to.category, to.progress, to.pilotYear, edit.effectiveDate, park.version, user.id, user.username, edit.source, edit.reason,
      park.category, park.progress, park.pilot_year],
  );
  // The row is locked, so the guarded UPDATE cannot miss; if it ever did, fail loudly rather than half-write.
  if (!written) throw new Error(`park ${park.id} changed under its row lock`);
  return { ...park, category: to.category, progress: to.progress, pilot_year: to.pilotYear, status_date: edit.effectiveDate, version: written.version, updated_at: written.updated_at };
}

// One status change of one village park: permission, version, workflow and audit, in the caller's
// transaction, so the change and its history row commit together or not at all.
import { transitionProblem, applyChange, type ParkStatus, type StatusChange } from '../../domain/renovation-workflow.ts';
import type { RenovationCategory, RenovationProgress } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';

export interface StatusEdit {
  parkId: number;
  expectedVersion: number;
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  source: 'edit' | 'bulk' | 'import';
}

interface LockedPark {
  id: number;
  code: string;
  district: string;
  category: RenovationCategory;
  progress: RenovationProgress;
  pilot_year: number | null;
  status_date: string;
  version: number;
}

/** Checks the actor may edit parks of this district; throws 403 otherwise. */
export function assertMayEdit(user: SessionUser, district: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'official' && user.district === district) return;
  if (user.role === 'official') throw new HttpError(403, `You may only change parks of your own district (${user.district}); this park is in ${district}.`);
  throw new HttpError(403, 'Only district officials and administrators can change renovation status.');
}

/** Reads and locks a park's current status (404 when it does not exist). */
export async function lockPark(tx: Queryable, parkId: number): Promise<LockedPark> {
  const [park] = await tx.query<LockedPark>(
    `SELECT id, code, district, category, progress, pilot_year, to_char(status_date, 'YYYY-MM-DD') AS status_date, version
     FROM village_parks WHERE id = $1 FOR UPDATE`,
    [parkId],
  );
  if (!park) throw new HttpError(404, `There is no village park with id ${parkId}.`);
  return park;
}

/** Validates an edit against a locked park; returns the new status or throws 403/412/409. */
export function checkEdit(park: LockedPark, user: SessionUser, edit: Omit<StatusEdit, 'parkId' | 'source'>): ParkStatus {
  assertMayEdit(user, park.district);
  if (park.version !== edit.expectedVersion)
    throw new HttpError(412, `Someone else changed park ${park.code} (now version ${park.version}, you had version ${edit.expectedVersion}).`, undefined, { currentVersion: park.version });
  const from: ParkStatus = { category: park.category, progress: park.progress, pilotYear: park.pilot_year };
  const problem = transitionProblem(from, edit.change, user.role === 'admin' ? 'admin' : 'official');
  if (problem) throw new HttpError(409, problem, undefined, { current: from });
  if (edit.effectiveDate < park.status_date)
    throw new HttpError(409, `The effective date ${edit.effectiveDate} is earlier than the park's current status date ${park.status_date}.`);
  return applyChange(from, edit.change);
}

export async function applyStatusEdit(tx: Queryable, user: SessionUser, edit: StatusEdit): Promise<number> {
  const park = await lockPark(tx, edit.parkId);
  const to = checkEdit(park, user, edit);
  const version = park.version + 1;
  await tx.query(
    `UPDATE village_parks SET category = $2, progress = $3, pilot_year = $4, status_date = $5::date, version = $6, updated_at = now()
     WHERE id = $1 AND version = $7`,
    [park.id, to.category, to.progress, to.pilotYear, edit.effectiveDate, version, park.version],
  );
  await tx.query(
    `INSERT INTO park_status_history (park_id, version, user_id, username, source, effective_date, reason,
       from_category, to_category, from_progress, to_progress, from_pilot_year, to_pilot_year)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11, $12, $13)`,
    [park.id, version, user.id, user.username, edit.source, edit.effectiveDate, edit.reason, park.category, to.category, park.progress, to.progress, park.pilot_year, to.pilotYear],
  );
  return version;
}

// One status change of one village park: permission, version, workflow and audit, in the caller's
// transaction, so the change and its history row commit together or not at all. Two statements
// only (lock-and-read, then update-and-audit), because on embedded PGlite each round trip costs
// about half a millisecond and edits queue behind each other (bench/results.md).
import { problem } from '../../domain/problems.ts';
import { transitionCheck, applyChange, type ParkStatus, type StatusChange } from '../../domain/renovation-workflow.ts';
import { reviewKinds, rulesOf, type ReviewKind } from '../../domain/renovation-review.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { mayEditPark, workflowActor } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { assertVersion } from '../http/optimistic-lock.ts';
import { PARK_COLUMNS, type ParkRow } from './park-queries.ts';

export interface StatusEdit {
  parkId: number;
  /** null when the client sent no If-Match (answered 428 after the permission checks). */
  expectedVersion: number | null;
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  /** 'proposal': the approval of a district's proposal (proposalId), see proposals.ts. */
  source: 'edit' | 'bulk' | 'import' | 'proposal';
  proposalId?: number;
}

/** A locked park, with the kinds of change that need review now (table review_rules), read in the same statement. */
export type LockedPark = ParkRow & { review_kinds: string[] };

/** Checks the actor may edit parks of this district; throws 403 otherwise. */
export function assertMayEdit(user: SessionUser, district: string): void {
  if (mayEditPark(user, district)) return;
  if (user.role === 'official')
    throw new HttpError(403, `You may only change parks of your own district (${user.district}); this park is in ${district}.`, undefined, undefined,
      problem('park_other_district', { yourDistrict: user.district, parkDistrict: district }));
  throw new HttpError(403, 'Only district officials and administrators can change renovation status.', undefined, undefined, problem('park_edit_role'));
}

/** Reads and locks a park with everything its API representation needs (404 when it does not exist). */
export async function lockPark(tx: Queryable, parkId: number): Promise<LockedPark> {
  const [park] = await tx.query<LockedPark>(
    `SELECT ${PARK_COLUMNS}, p.category, p.progress, p.pilot_year, to_char(p.status_date, 'YYYY-MM-DD') AS status_date, p.version,
       ST_AsGeoJSON(p.geom, 7) AS geometry,
       ARRAY(SELECT kind FROM review_rules WHERE needs_review ORDER BY kind) AS review_kinds
     FROM village_parks p WHERE p.id = $1 FOR UPDATE OF p`,
    [parkId],
  );
  if (!park) throw new HttpError(404, `There is no village park with id ${parkId}.`, undefined, undefined, problem('not_found', { thing: 'park', id: parkId }));
  return park;
}

/** Validates an edit against a locked park; returns the new status or throws 403/428/412/409. */
export function checkEdit(park: ParkRow, user: SessionUser, edit: Omit<StatusEdit, 'parkId' | 'source'>): ParkStatus {
  assertMayEdit(user, park.district);
  assertVersion(edit.expectedVersion, park.version, {
    thing: 'park', name: park.name,
    stale: (current, expected) => `Someone else changed park ${park.code} (now version ${current}, you had version ${expected}).`,
  });
  const from = { category: park.category, progress: park.progress, pilotYear: park.pilot_year } as ParkStatus;
  const refused = transitionCheck(from, edit.change, workflowActor(user));
  if (refused) throw new HttpError(409, refused.message, undefined, { current: from }, refused.problem);
  if (edit.effectiveDate < park.status_date)
    throw new HttpError(409, `The effective date ${edit.effectiveDate} is earlier than the park's current status date ${park.status_date}.`, undefined, undefined,
      problem('effective_date_before_status', { date: edit.effectiveDate, statusDate: park.status_date }));
  return applyChange(from, edit.change);
}

/** The kinds of review the edit needs from this user under the rules read with the park (src/domain/renovation-review.ts). */
export function reviewOf(park: LockedPark, user: SessionUser, change: StatusChange): ReviewKind[] {
  const from = { category: park.category, progress: park.progress, pilotYear: park.pilot_year } as ParkStatus;
  return reviewKinds(from, change, workflowActor(user), rulesOf(park.review_kinds));
}

/** 409 for a change that must be proposed (POST /api/parks/:id/proposals) rather than made. */
export const reviewRequired = (kinds: ReviewKind[]) =>
  new HttpError(409, `This change (${kinds.join(', ')}) needs the approval of a city administrator: submit it with POST /api/parks/{id}/proposals and the same body and If-Match.`,
    undefined, { propose: true, kinds }, problem('review_required', { kinds }));

/** Applies one edit; returns the park as it is after the change. A change that needs review is refused (409): see proposals.ts. */
export async function applyStatusEdit(tx: Queryable, user: SessionUser, edit: StatusEdit): Promise<ParkRow> {
  const park = await lockPark(tx, edit.parkId);
  const to = checkEdit(park, user, edit);
  const review = reviewOf(park, user, edit.change);
  if (review.length) throw reviewRequired(review);
  return writeStatus(tx, user, park, to, edit);
}

/** The update and its history row, on a park locked and checked by the caller. */
export async function writeStatus(tx: Queryable, user: SessionUser, park: LockedPark, to: ParkStatus, edit: StatusEdit): Promise<ParkRow> {
  const [written] = await tx.query<{ version: number; updated_at: string }>(
    `WITH updated AS (
       UPDATE village_parks SET category = $2, progress = $3, pilot_year = $4, status_date = $5::date, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $6 RETURNING id, version, updated_at
     ), audit AS (
       INSERT INTO park_status_history (park_id, version, user_id, username, source, effective_date, reason,
         from_category, to_category, from_progress, to_progress, from_pilot_year, to_pilot_year, proposal_id)
       SELECT id, version, $7, $8, $9, $5::date, $10, $11, $2, $12, $3, $13, $4, $14::int FROM updated
     )
     SELECT version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at FROM updated`,
    [park.id, to.category, to.progress, to.pilotYear, edit.effectiveDate, park.version, user.id, user.username, edit.source, edit.reason,
      park.category, park.progress, park.pilot_year, edit.proposalId ?? null],
  );
  // The row is locked, so the guarded UPDATE cannot miss; if it ever did, fail loudly rather than half-write.
  if (!written) throw new Error(`park ${park.id} changed under its row lock`);
  const { review_kinds: _rules, ...row } = park;
  return { ...row, category: to.category, progress: to.progress, pilot_year: to.pilotYear, status_date: edit.effectiveDate, version: written.version, updated_at: written.updated_at };
}

// District → city review (architecture §4, "Review of district proposals"). An official's change of a
// kind that needs review (src/domain/renovation-review.ts, rules in the table review_rules) is kept
// as a proposal on the park version it was made on; the park does not change. A city administrator
// approves it, which applies the stored PATCH body through the same code as a PATCH (row lock,
// version check, workflow, history row with source 'proposal'), or returns it with a reason. Every
// step runs in the caller's transaction. Two proposals on one park cannot both be approved: the
// first approval bumps the version, and the second then fails the version check (409).
import { problem } from '../../domain/problems.ts';
import type { ParkStatus, StatusChange } from '../../domain/renovation-workflow.ts';
import { isReviewKind, rulesOf, REVIEW_KINDS, type ProposalStatus, type ReviewKind, type ReviewRules } from '../../domain/renovation-review.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';
import type { ParkRow } from './park-queries.ts';
import { checkEdit, lockPark, reviewOf, writeStatus, type LockedPark, type StatusEdit } from './park-update.ts';

export interface Proposal {
  id: number;
  parkId: number;
  parkCode: string;
  parkName: string;
  district: string;
  town: string;
  kinds: ReviewKind[];
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  /** The park version the proposal was made on, and the park's version now: they differ when it is stale. */
  baseVersion: number;
  currentVersion: number;
  stale: boolean;
  from: ParkStatus;
  to: ParkStatus;
  source: 'edit' | 'bulk';
  status: ProposalStatus;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The city's comment (approval) or reason (return). */
  comment: string | null;
  /** For an approval, the park version it made; for a return, the park version it was returned on. */
  decidedVersion: number | null;
}

const notFound = (id: number) => new HttpError(404, `There is no proposal with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'proposal', id }));

const PROPOSAL_COLUMNS = `r.id, r.park_id, p.code AS park_code, p.name AS park_name, r.district, p.town_name AS town, r.kinds, r.change, r.reason,
  to_char(r.effective_date, 'YYYY-MM-DD') AS effective_date, r.base_version, p.version AS current_version, r.from_status, r.to_status, r.source,
  r.status, r.submitted_by_name, to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_at,
  r.decided_by_name, to_char(r.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS decided_at, r.comment, r.decided_version`;

type ProposalRow = Record<string, never>;

function toProposal(r: ProposalRow): Proposal {
  return {
    id: r.id, parkId: r.park_id, parkCode: r.park_code, parkName: r.park_name, district: r.district, town: r.town,
    kinds: (r.kinds as string[]).filter(isReviewKind), change: r.change, reason: r.reason, effectiveDate: r.effective_date,
    baseVersion: r.base_version, currentVersion: r.current_version, stale: r.status === 'pending' && r.base_version !== r.current_version,
    from: r.from_status, to: r.to_status, source: r.source, status: r.status,
    submittedBy: r.submitted_by_name, submittedAt: r.submitted_at, decidedBy: r.decided_by_name, decidedAt: r.decided_at,
    comment: r.comment, decidedVersion: r.decided_version,
  };
}

export async function findProposal(db: Queryable, id: number): Promise<Proposal | null> {
  const [row] = await db.query<ProposalRow>(`SELECT ${PROPOSAL_COLUMNS} FROM park_proposals r JOIN village_parks p ON p.id = r.park_id WHERE r.id = $1`, [id]);
  return row ? toProposal(row) : null;
}

/**
 * Records an official's change as a proposal: the same checks as a PATCH (district, If-Match 428/412,
 * workflow 409, effective date), then 409 when the change needs no review (it should be made with a
 * PATCH). The park is locked so the version checked is the version stored with the proposal.
 */
export async function submitProposal(tx: Queryable, user: SessionUser, edit: Omit<StatusEdit, 'source' | 'proposalId'> & { source: 'edit' | 'bulk' }): Promise<{ id: number; kinds: ReviewKind[] }> {
  const park = await lockPark(tx, edit.parkId);
  const to = checkEdit(park, user, edit);
  const kinds = reviewOf(park, user, edit.change);
  if (!kinds.length)
    throw new HttpError(409, 'This change needs no review: make it with PATCH /api/parks/{id}.', undefined, undefined, problem('review_not_needed'));
  return { id: await insertProposal(tx, user, park, to, kinds, edit), kinds };
}

/** The proposal row, on a park locked and checked by the caller. */
async function insertProposal(tx: Queryable, user: SessionUser, park: LockedPark, to: ParkStatus, kinds: ReviewKind[], edit: Omit<StatusEdit, 'source' | 'proposalId'> & { source: 'edit' | 'bulk' }): Promise<number> {
  const from: ParkStatus = { category: park.category, progress: park.progress, pilotYear: park.pilot_year } as ParkStatus;
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO park_proposals (park_id, district, kinds, change, reason, effective_date, base_version, from_status, to_status, source, submitted_by, submitted_by_name)
     VALUES ($1, $2, $3::text[], $4::jsonb, $5, $6::date, $7, $8::jsonb, $9::jsonb, $10, $11, $12) RETURNING id`,
    [park.id, park.district, kinds, JSON.stringify(edit.change), edit.reason, edit.effectiveDate, park.version, JSON.stringify(from), JSON.stringify(to), edit.source, user.id, user.username],
  );
  return row.id;
}

/** Locks a pending proposal (404 when absent, 409 when already decided). */
async function lockPending(tx: Queryable, id: number): Promise<{ park_id: number; change: StatusChange; reason: string; effective_date: string; base_version: number }> {
  const [row] = await tx.query<{ park_id: number; status: ProposalStatus; change: StatusChange; reason: string; effective_date: string; base_version: number }>(
    `SELECT park_id, status, change, reason, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, base_version FROM park_proposals WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw notFound(id);
  if (row.status !== 'pending')
    throw new HttpError(409, `Proposal ${id} was ${row.status} already.`, undefined, { status: row.status }, problem('proposal_decided', { id, status: row.status }));
  return row;
}

/**
 * Approves a proposal: its change is applied as the administrator's PATCH with the proposal's base
 * version as If-Match. A park that changed since (another approval, an edit, an import) → 409
 * proposal_stale, and the proposal stays pending until it is returned.
 */
export async function approveProposal(tx: Queryable, user: SessionUser, id: number, comment: string): Promise<ParkRow> {
  const proposal = await lockPending(tx, id);
  const park = await lockPark(tx, proposal.park_id);
  if (park.version !== proposal.base_version)
    throw new HttpError(409, `Park ${park.code} changed after proposal ${id} was made (version ${proposal.base_version}, now ${park.version}); it cannot be approved. Return it so the district can propose again.`,
      undefined, { currentVersion: park.version }, problem('proposal_stale', { id, base: proposal.base_version, current: park.version }));
  const edit: StatusEdit = { parkId: park.id, expectedVersion: proposal.base_version, change: proposal.change, reason: proposal.reason, effectiveDate: proposal.effective_date, source: 'proposal', proposalId: id };
  // The same checks as a PATCH by the administrator (the workflow may have other rules by now).
  const to = checkEdit(park, user, edit);
  const row = await writeStatus(tx, user, park, to, edit);
  await tx.query(
    `UPDATE park_proposals SET status = 'approved', decided_by = $2, decided_by_name = $3, decided_at = now(), decided_version = $4, comment = $5 WHERE id = $1`,
    [id, user.id, user.username, row.version, comment],
  );
  return row;
}

/** Returns a proposal to the district with a reason; the park does not change. */
export async function returnProposal(tx: Queryable, user: SessionUser, id: number, comment: string): Promise<void> {
  const proposal = await lockPending(tx, id);
  // Read under the park's lock, so the return sits exactly between two of the park's versions in its history.
  const park = await lockPark(tx, proposal.park_id);
  await tx.query(
    `UPDATE park_proposals SET status = 'returned', decided_by = $2, decided_by_name = $3, decided_at = now(), decided_version = $4, comment = $5 WHERE id = $1`,
    [id, user.id, user.username, park.version, comment],
  );
}

export interface ProposalQuery {
  status: ProposalStatus | 'all';
  districts?: string[];
  parkId?: number;
  limit: number;
}

/**
 * Proposals the user may see: administrators and planners all, an official only those of their
 * district (whatever the query says). `countsByDistrict` counts the status asked for in every
 * district the user may see, so the queue can show them while it lists one district.
 */
export async function listProposals(db: Queryable, user: SessionUser, q: ProposalQuery): Promise<{ items: Proposal[]; total: number; countsByDistrict: Record<string, number> }> {
  const scope = user.role === 'official' ? [user.district!] : undefined;
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const base: string[] = [];
  if (q.status !== 'all') base.push(`r.status = ${p(q.status)}`);
  if (scope) base.push(`r.district = ANY(${p(scope)}::text[])`);
  const where = [...base];
  if (q.districts?.length) where.push(`r.district = ANY(${p(q.districts)}::text[])`);
  if (q.parkId !== undefined) where.push(`r.park_id = ${p(q.parkId)}`);
  const w = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
  const [rows, counts] = await Promise.all([
    db.query<ProposalRow & { total: number }>(
      `SELECT ${PROPOSAL_COLUMNS}, count(*) OVER ()::int AS total FROM park_proposals r JOIN village_parks p ON p.id = r.park_id ${w(where)}
       ORDER BY r.submitted_at, r.id LIMIT ${p(q.limit)}`, params),
    db.query<{ district: string; n: number }>(`SELECT r.district, count(*)::int AS n FROM park_proposals r ${w(base)} GROUP BY r.district`, params.slice(0, base.length)),
  ]);
  return { items: rows.map(toProposal), total: rows[0]?.total ?? 0, countsByDistrict: Object.fromEntries(counts.map((c) => [c.district, c.n])) };
}

export interface ReviewRule {
  kind: ReviewKind;
  needsReview: boolean;
  updatedBy: string | null;
  updatedAt: string;
}

export async function reviewRules(db: Queryable): Promise<{ rules: ReviewRules; items: ReviewRule[] }> {
  const rows = await db.query<{ kind: string; needs_review: boolean; updated_by: string | null; updated_at: string }>(
    `SELECT kind, needs_review, updated_by, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at FROM review_rules`,
  );
  const items = REVIEW_KINDS.map((kind): ReviewRule => {
    const r = rows.find((x) => x.kind === kind);
    return { kind, needsReview: r?.needs_review ?? false, updatedBy: r?.updated_by ?? null, updatedAt: r?.updated_at ?? '' };
  });
  return { rules: rulesOf(items.filter((i) => i.needsReview).map((i) => i.kind)), items };
}

/** Switches review of a kind of change on or off; pending proposals stay pending. */
export async function setReviewRule(db: Queryable, kind: ReviewKind, needsReview: boolean, username: string): Promise<void> {
  await db.query('UPDATE review_rules SET needs_review = $2, updated_by = $3, updated_at = now() WHERE kind = $1', [kind, needsReview, username]);
}

/** What the bulk update does with one checked row: apply it, or propose it when it needs review. */
export async function applyOrPropose(tx: Queryable, user: SessionUser, edit: Omit<StatusEdit, 'source' | 'proposalId'>): Promise<{ outcome: 'applied'; version: number } | { outcome: 'proposed'; proposalId: number }> {
  const park = await lockPark(tx, edit.parkId);
  const to = checkEdit(park, user, edit);
  const kinds = reviewOf(park, user, edit.change);
  if (kinds.length) return { outcome: 'proposed', proposalId: await insertProposal(tx, user, park, to, kinds, { ...edit, source: 'bulk' }) };
  const row = await writeStatus(tx, user, park, to, { ...edit, source: 'bulk' });
  return { outcome: 'applied', version: row.version };
}

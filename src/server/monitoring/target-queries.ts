// The plan's targets (seeds/targets.json, then edited by administrators): reads for the indicator
// engine and the targets routes, and the one write path with its history row.
import type { Grouping, Metric } from '../../domain/monitoring/indicators.ts';
import type { Target } from '../../domain/monitoring/targets.ts';
import type { Queryable } from '../db/database.ts';

/** The row shape of a target (src/domain/monitoring/targets.ts). */
export type TargetRow = Target;

const COLUMNS = `id, plan, metric, scope, key, year, value, note, version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;

const SCOPE_OF: Partial<Record<Grouping, TargetRow['scope']>> = { none: 'city', cluster: 'cluster', district: 'district' };

/**
 * Targets that apply to a period's year, by group key ('' for the city-wide total): the target of the
 * earliest target year at or after the period's year, so 2019 and 2020 are measured against the 2021
 * goal, and a later plan's targets take over for later years.
 */
export async function targetsFor(db: Queryable, metric: Metric, by: Grouping, year: number): Promise<Map<string, TargetRow>> {
  const scopes = [...new Set([SCOPE_OF[by], 'city'])].filter(Boolean) as string[];
  const rows = await db.query<TargetRow>(`SELECT DISTINCT ON (scope, key) ${COLUMNS} FROM targets
    WHERE metric = $1 AND scope = ANY($2::text[]) AND year >= $3 ORDER BY scope, key, year`, [metric, scopes, year]);
  return new Map(rows.map((r) => [r.scope === 'city' ? '' : r.key, r]));
}

/** The plans targets belong to, oldest first. */
export function listTargetPlans(db: Queryable) {
  return db.query(`SELECT code, label, source, start_year AS "startYear", end_year AS "endYear" FROM target_plans ORDER BY start_year`);
}

export async function targetPlanExists(tx: Queryable, code: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM target_plans WHERE code = $1', [code])).length > 0;
}

/** A new plan named the same in the three languages, spanning one year until targets of later years are added. */
export async function insertTargetPlan(tx: Queryable, code: string, label: string, year: number): Promise<void> {
  await tx.query(`INSERT INTO target_plans (code, label, source, start_year, end_year) VALUES ($1, $2::jsonb, '', $3, $3)`,
    [code, JSON.stringify({ 'zh-Hans': label, 'zh-Hant': label, en: label }), year]);
}

/** The id of the target of this plan, metric, scope, key and year, if there is one. */
export async function findTargetId(tx: Queryable, t: Pick<TargetRow, 'plan' | 'metric' | 'scope' | 'key' | 'year'>): Promise<number | undefined> {
  const [dup] = await tx.query<{ id: number }>('SELECT id FROM targets WHERE plan = $1 AND metric = $2 AND scope = $3 AND key = $4 AND year = $5', [t.plan, t.metric, t.scope, t.key, t.year]);
  return dup?.id;
}

export async function listTargets(db: Queryable): Promise<TargetRow[]> {
  return db.query<TargetRow>(`SELECT ${COLUMNS} FROM targets ORDER BY plan, metric, scope, key, year`);
}

export async function targetById(db: Queryable, id: number): Promise<TargetRow | undefined> {
  const [row] = await db.query<TargetRow>(`SELECT ${COLUMNS} FROM targets WHERE id = $1`, [id]);
  return row;
}

export async function targetHistory(db: Queryable, id: number) {
  return db.query(`SELECT version, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "changedAt", username, reason,
    from_value AS "fromValue", to_value AS "toValue" FROM target_history WHERE target_id = $1 ORDER BY version DESC`, [id]);
}

/** Sets a target's value if `version` is current; returns the new row, or undefined when the version is stale. */
export async function updateTarget(tx: Queryable, id: number, version: number, value: number, reason: string, user: { id: number; username: string }): Promise<TargetRow | undefined> {
  const [before] = await tx.query<{ value: number }>('SELECT value FROM targets WHERE id = $1 AND version = $2 FOR UPDATE', [id, version]);
  if (!before) return undefined;
  await tx.query('UPDATE targets SET value = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, value]);
  await tx.query(`INSERT INTO target_history (target_id, version, user_id, username, reason, from_value, to_value) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, version + 1, user.id, user.username, reason, before.value, value]);
  return targetById(tx, id);
}

/** Adds a target (e.g. of a later plan); the plan must exist or is created with the given label. */
export async function insertTarget(tx: Queryable, t: Omit<TargetRow, 'id' | 'version' | 'updatedAt'>, reason: string, user: { id: number; username: string }): Promise<TargetRow> {
  const [row] = await tx.query<{ id: number }>('INSERT INTO targets (plan, metric, scope, key, year, value, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [t.plan, t.metric, t.scope, t.key, t.year, t.value, t.note]);
  await tx.query(`INSERT INTO target_history (target_id, version, user_id, username, reason, from_value, to_value) VALUES ($1, 1, $2, $3, $4, NULL, $5)`,
    [row.id, user.id, user.username, reason, t.value]);
  return (await targetById(tx, row.id))!;
}

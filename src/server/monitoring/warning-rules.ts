// The early-warning rules as data (migration 5): the seed, the reads for the evaluator and the
// routes, and the one write path with its history row. Parameters are checked by the domain
// (validateParams) before they reach here.
import type { RuleSettings, WarningRule, WarningRuleChange } from '../../domain/monitoring/warnings.ts';
import rules from '../../../seeds/warning-rules.json' with { type: 'json' };
import type { Queryable } from '../db/database.ts';

const COLUMNS = `id, code, kind, params, enabled, severity, version, updated_by AS "updatedBy",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;

/** The default rules, only into an empty table: after that the administrators' edits stand. The seed's notes are documentation only. */
export async function seedWarningRules(tx: Queryable): Promise<void> {
  if ((await tx.query('SELECT 1 FROM warning_rules LIMIT 1')).length) return;
  await tx.query(`INSERT INTO warning_rules (code, kind, params, enabled, severity, updated_by)
    SELECT r->>'code', r->>'kind', r->'params', (r->>'enabled')::boolean, r->>'severity', 'system' FROM jsonb_array_elements($1::jsonb) r`,
    [JSON.stringify(rules.rules)]);
  await tx.query(`INSERT INTO warning_rule_history (rule_id, version, username, reason, before, after)
    SELECT id, 1, 'system', '默认规则（seeds/warning-rules.json）', NULL, jsonb_build_object('params', params, 'enabled', enabled, 'severity', severity)
    FROM warning_rules`);
}

export async function listWarningRules(db: Queryable): Promise<WarningRule[]> {
  return db.query<WarningRule>(`SELECT ${COLUMNS} FROM warning_rules ORDER BY id`);
}

export async function warningRuleById(db: Queryable, id: number): Promise<WarningRule | undefined> {
  const [row] = await db.query<WarningRule>(`SELECT ${COLUMNS} FROM warning_rules WHERE id = $1`, [id]);
  return row;
}

export async function warningRuleHistory(db: Queryable, id: number): Promise<WarningRuleChange[]> {
  return db.query<WarningRuleChange>(`SELECT version, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "changedAt",
    username, reason, before, after FROM warning_rule_history WHERE rule_id = $1 ORDER BY version DESC`, [id]);
}

/** Changes a rule if `version` is current; returns the new row, or undefined when the version is stale. */
export async function updateWarningRule(tx: Queryable, id: number, version: number, settings: RuleSettings, reason: string,
  user: { id: number; username: string }): Promise<WarningRule | undefined> {
  const [before] = await tx.query<RuleSettings>('SELECT params, enabled, severity FROM warning_rules WHERE id = $1 AND version = $2 FOR UPDATE', [id, version]);
  if (!before) return undefined;
  await tx.query(`UPDATE warning_rules SET params = $2::jsonb, enabled = $3, severity = $4, version = version + 1, updated_by = $5, updated_at = now() WHERE id = $1`,
    [id, JSON.stringify(settings.params), settings.enabled, settings.severity, user.username]);
  await tx.query(`INSERT INTO warning_rule_history (rule_id, version, user_id, username, reason, before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [id, version + 1, user.id, user.username, reason, JSON.stringify(before), JSON.stringify(settings)]);
  return warningRuleById(tx, id);
}

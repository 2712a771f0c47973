// Applies the operating returns of an import: one row per (enterprise, month) in operating_figures,
// in a handful of set-based statements over a staging table (a month of returns can be a million
// rows). A row that differs from the stored one moves the stored one to operating_figures_history
// (superseded by this import) and takes its place; an identical row is left alone; a new month is
// inserted. Field-level changes go to record_history (kind 'operating', key `${creditCode}:YYYY-MM`).
// The rollups of the touched months are rebuilt in the same transaction. Runs inside the caller's
// transaction, which holds the import row lock.
import type { Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem } from '../../domain/problems.ts';
import { refreshMonths } from '../monitoring/rollups.ts';
import { assertUniqueKeys, changesObject, countActions, lockTables, type ApplyContext, type KindResult } from './apply-sql.ts';

const FIELDS = ['revenue', 'output', 'value_added', 'value_added_estimated', 'profit', 'tax', 'employees'] as const;

const STAGE_TABLE = `
CREATE TEMP TABLE imp_op (
  row_no integer NOT NULL, credit_code text NOT NULL, enterprise_id integer, month integer NOT NULL,
  revenue bigint NOT NULL, output bigint NOT NULL, value_added bigint NOT NULL, value_added_estimated boolean NOT NULL,
  profit bigint NOT NULL, tax bigint NOT NULL, employees integer NOT NULL,
  old_revenue bigint, old_output bigint, old_value_added bigint, old_value_added_estimated boolean,
  old_profit bigint, old_tax bigint, old_employees integer,
  action text NOT NULL
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_op
SELECT r.row_no, x."creditCode", e.id, x.month, round(x.revenue)::bigint, round(x.output)::bigint, round(x."valueAdded")::bigint,
  coalesce(x."valueAddedEstimated", false), round(x.profit)::bigint, round(x.tax)::bigint, round(x.employees)::int,
  f.revenue, f.output, f.value_added, f.value_added_estimated, f.profit, f.tax, f.employees,
  CASE WHEN f.enterprise_id IS NULL THEN 'added'
    WHEN f.revenue = round(x.revenue) AND f.output = round(x.output) AND f.value_added = round(x."valueAdded")
      AND f.value_added_estimated = coalesce(x."valueAddedEstimated", false) AND f.profit = round(x.profit) AND f.tax = round(x.tax)
      AND f.employees = round(x.employees) THEN 'unchanged'
    ELSE 'updated' END
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x("creditCode" text, month integer, revenue numeric, output numeric, "valueAdded" numeric,
  "valueAddedEstimated" boolean, profit numeric, tax numeric, employees numeric)
LEFT JOIN enterprises e ON e.credit_code = x."creditCode"
LEFT JOIN operating_figures f ON f.enterprise_id = e.id AND f.month = x.month
WHERE r.import_id = $1`;

// The stored version of each changed month, kept as it was.
const SUPERSEDE = `
INSERT INTO operating_figures_history (enterprise_id, month, revenue, output, value_added, value_added_estimated, profit, tax, employees,
  source, import_id, recorded_at, superseded_at, superseded_by)
SELECT f.enterprise_id, f.month, f.revenue, f.output, f.value_added, f.value_added_estimated, f.profit, f.tax, f.employees,
  f.source, f.import_id, f.recorded_at, now(), $1
FROM operating_figures f JOIN imp_op s ON s.enterprise_id = f.enterprise_id AND s.month = f.month
WHERE s.action = 'updated' ORDER BY s.row_no`;

const UPDATE = `
UPDATE operating_figures f SET ${FIELDS.map((c) => `${c} = s.${c}`).join(', ')}, source = 'import', import_id = $1, recorded_at = now()
FROM imp_op s WHERE s.enterprise_id = f.enterprise_id AND s.month = f.month AND s.action = 'updated'`;

const INSERT = `
INSERT INTO operating_figures (enterprise_id, month, ${FIELDS.join(', ')}, source, import_id, recorded_at)
SELECT enterprise_id, month, ${FIELDS.join(', ')}, 'import', $1, now() FROM imp_op WHERE action = 'added' ORDER BY enterprise_id, month`;

const CHANGES = changesObject([
  { name: 'revenue', before: 'old_revenue', after: 'revenue' },
  { name: 'output', before: 'old_output', after: 'output' },
  { name: 'valueAdded', before: 'old_value_added', after: 'value_added' },
  { name: 'valueAddedEstimated', before: 'old_value_added_estimated', after: 'value_added_estimated' },
  { name: 'profit', before: 'old_profit', after: 'profit' },
  { name: 'tax', before: 'old_tax', after: 'tax' },
  { name: 'employees', before: 'old_employees', after: 'employees' },
]);

const HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'operating', credit_code || ':' || (month / 100)::text || '-' || lpad((month % 100)::text, 2, '0'), enterprise_id, $1, $2, $3, action, ${CHANGES}
FROM imp_op WHERE action <> 'unchanged' ORDER BY row_no`;

export async function applyOperating(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  // Enterprises are only referenced; the figures are written by one import at a time.
  await lockTables(tx, []);
  await tx.query('LOCK TABLE operating_figures IN EXCLUSIVE MODE');
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await assertUniqueKeys(tx, 'imp_op', `credit_code || ' ' || (month / 100)::text || '-' || lpad((month % 100)::text, 2, '0')`, 'the enterprise and period');
  const missing = await tx.query<{ row_no: number; credit_code: string; n: number }>(
    'SELECT row_no, credit_code, count(*) OVER ()::int AS n FROM imp_op WHERE enterprise_id IS NULL ORDER BY row_no LIMIT 5');
  if (missing.length)
    throw new DomainError('rejected', `The import cannot be applied: ${missing[0].n} row(s) name an enterprise that is no longer in the library, e.g. ${missing
      .map((m) => `row ${m.row_no} (${m.credit_code})`).join('; ')}. Nothing was changed.`, 
      problem('import_unknown_enterprises', { count: missing[0].n, rows: missing.map((m) => m.row_no), keys: missing.map((m) => m.credit_code) }));
  await tx.query(SUPERSEDE, [ctx.importId]);
  await tx.query(UPDATE, [ctx.importId]);
  await tx.query(INSERT, [ctx.importId]);
  await tx.query(HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  const counts = await countActions(tx, 'imp_op');
  const touched = await tx.query<{ month: number }>(`SELECT DISTINCT month FROM imp_op WHERE action <> 'unchanged' ORDER BY month`);
  await refreshMonths(tx, touched.map((t) => t.month));
  return counts;
}

// Applies the key-city figures of an import: one row per (city, indicator, year) in city_indicators,
// set-based over a staging table. A row replaces the whole figure as published — value, unit,
// denominator, coverage, qualifier, source and note (a column the file does not have clears that
// field) — and bumps its version; an identical row is left alone; a new one is inserted. Each change
// gets a city_indicator_history row (reason: the import) and a record_history row (kind
// 'cityIndicators', key `${city}:${indicator}:${year}`). Runs inside the caller's transaction, which
// holds the import row lock.
import type { Queryable } from '../db/database.ts';
import { assertUniqueKeys, changesObject, countActions, type ApplyContext, type KindResult } from './apply-sql.ts';

/** Stored column ↔ record property, in the order of the history objects. */
const FIELDS = [
  ['value', 'value', 'float8'], ['unit', 'unit', 'text'], ['denominator', 'denominator', 'text'], ['coverage', 'coverage', 'text'],
  ['qualifier', 'qualifier', 'text'], ['source_title', 'sourceTitle', 'text'], ['source_url', 'sourceUrl', 'text'], ['note', 'note', 'text'],
] as const;

const STAGE_TABLE = `
CREATE TEMP TABLE imp_city (
  row_no integer NOT NULL, city text NOT NULL, indicator text NOT NULL, year integer NOT NULL,
  ${FIELDS.map(([c, , t]) => `${c} ${t}`).join(', ')},
  figure_id integer, old_version integer,
  ${FIELDS.map(([c, , t]) => `old_${c} ${t}`).join(', ')},
  action text NOT NULL
) ON COMMIT DROP`;

const STAGE = `
INSERT INTO imp_city
SELECT r.row_no, x.city, x.indicator, x.year, ${FIELDS.map(([, p]) => `x."${p}"`).join(', ')},
  f.id, f.version, ${FIELDS.map(([c]) => `f.${c}`).join(', ')},
  CASE WHEN f.id IS NULL THEN 'added'
    WHEN ${FIELDS.map(([c, p]) => `f.${c} IS NOT DISTINCT FROM x."${p}"`).join(' AND ')} THEN 'unchanged'
    ELSE 'updated' END
FROM import_records r
CROSS JOIN LATERAL jsonb_to_record(r.record) AS x(city text, indicator text, year integer, ${FIELDS.map(([, p, t]) => `"${p}" ${t}`).join(', ')})
LEFT JOIN city_indicators f ON f.city = x.city AND f.indicator = x.indicator AND f.year = x.year
WHERE r.import_id = $1`;

const UPDATE = `
UPDATE city_indicators f SET ${FIELDS.map(([c]) => `${c} = s.${c}`).join(', ')}, version = f.version + 1, import_id = $1, updated_by = $2, updated_at = now()
FROM imp_city s WHERE s.figure_id = f.id AND s.action = 'updated'`;

const INSERT = `
INSERT INTO city_indicators (city, indicator, year, ${FIELDS.map(([c]) => c).join(', ')}, import_id, updated_by)
SELECT city, indicator, year, ${FIELDS.map(([c]) => c).join(', ')}, $1, $2 FROM imp_city WHERE action = 'added' ORDER BY row_no`;

const NEW_IDS = `
UPDATE imp_city s SET figure_id = f.id FROM city_indicators f
WHERE s.action = 'added' AND f.city = s.city AND f.indicator = s.indicator AND f.year = s.year`;

const state = (prefix: string) => `jsonb_build_object(${FIELDS.map(([c, p]) => `'${p}', ${prefix}${c}`).join(', ')})`;

const FIGURE_HISTORY = `
INSERT INTO city_indicator_history (figure_id, version, user_id, username, reason, import_id, before, after)
SELECT figure_id, coalesce(old_version, 0) + 1, $2, $3, $4, $1, CASE WHEN action = 'added' THEN NULL ELSE ${state('old_')} END, ${state('')}
FROM imp_city WHERE action <> 'unchanged' ORDER BY row_no`;

const CHANGES = changesObject(FIELDS.map(([c, p]) => ({ name: p, before: `old_${c}`, after: c })));

const RECORD_HISTORY = `
INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
SELECT 'cityIndicators', city || ':' || indicator || ':' || year::text, figure_id, $1, $2, $3, action, ${CHANGES}
FROM imp_city WHERE action <> 'unchanged' ORDER BY row_no`;

export async function applyCityIndicators(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  // One writer at a time; readers go on. Administrators' edits (row locks) wait for the import, or it for them.
  await tx.query('LOCK TABLE city_indicators IN EXCLUSIVE MODE');
  await tx.query(STAGE_TABLE);
  await tx.query(STAGE, [ctx.importId]);
  await assertUniqueKeys(tx, 'imp_city', `city || ':' || indicator || ':' || year::text`, 'the city, indicator and year');
  await tx.query(UPDATE, [ctx.importId, ctx.user.username]);
  await tx.query(INSERT, [ctx.importId, ctx.user.username]);
  await tx.query(NEW_IDS);
  await tx.query(FIGURE_HISTORY, [ctx.importId, ctx.user.id, ctx.user.username, `导入 ${ctx.fileName}`]);
  await tx.query(RECORD_HISTORY, [ctx.importId, ctx.user.id, ctx.user.username]);
  return countActions(tx, 'imp_city');
}

// Key-city indicators as data (migration 6, architecture §5 "Key-city indicators"): the seed, the
// reads for the routes and the reports, and the write paths of administrators, each with its
// history row. Figures are checked by the domain (validateCityFigure) before they reach here.
import seed from '../../../seeds/city-indicators.json' with { type: 'json' };
import { cityIndicatorDef, type CityFigure, type CityFigureChange, type CityFigureInput, type CityFigureRow } from '../../domain/monitoring/city-indicators.ts';

export type { CityFigure, CityFigureChange, CityFigureRow };
import type { Queryable } from '../db/database.ts';

const FIGURE_COLUMNS = `id, city, indicator, year, value, unit, denominator, coverage, source_title AS "sourceTitle", source_url AS "sourceUrl", note, version`;
const ROW_COLUMNS = `${FIGURE_COLUMNS}, qualifier, demo, updated_by AS "updatedBy", to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;
/** The fields a change may touch, as kept in the history's before/after. */
const STATE = `jsonb_build_object('value', value, 'unit', unit, 'denominator', denominator, 'coverage', coverage, 'qualifier', qualifier,
  'sourceTitle', source_title, 'sourceUrl', source_url, 'note', note)`;

type Filter = { years?: number[]; cities?: string[]; indicators?: string[] };

function where(opts: Filter = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (opts.years?.length) parts.push(`year = ANY($${params.push(opts.years)}::int[])`);
  if (opts.cities?.length) parts.push(`city = ANY($${params.push(opts.cities)}::text[])`);
  if (opts.indicators?.length) parts.push(`indicator = ANY($${params.push(opts.indicators)}::text[])`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The figures, optionally narrowed to years, cities and indicators (an empty list narrows nothing); by city, indicator, year. */
export async function listCityIndicators(db: Queryable, opts?: { years?: number[]; cities?: string[]; indicators?: string[] }): Promise<CityFigure[]> {
  const w = where(opts);
  return db.query<CityFigure>(`SELECT ${FIGURE_COLUMNS} FROM city_indicators ${w.sql} ORDER BY city, indicator, year`, w.params);
}

/** As listCityIndicators, with the qualifier and who changed each figure last (the API's answer). */
export async function listCityFigureRows(db: Queryable, opts?: Filter): Promise<CityFigureRow[]> {
  const w = where(opts);
  return db.query<CityFigureRow>(`SELECT ${ROW_COLUMNS} FROM city_indicators ${w.sql} ORDER BY city, indicator, year`, w.params);
}

export async function cityFigureById(db: Queryable, id: number): Promise<CityFigureRow | undefined> {
  const [row] = await db.query<CityFigureRow>(`SELECT ${ROW_COLUMNS} FROM city_indicators WHERE id = $1`, [id]);
  return row;
}

/** The id of the stored figure of this city, indicator and year, if there is one (one each: a unique key). */
export async function findCityFigureId(tx: Queryable, f: { city: string; indicator: string; year: number }): Promise<number | undefined> {
  const [dup] = await tx.query<{ id: number }>('SELECT id FROM city_indicators WHERE city = $1 AND indicator = $2 AND year = $3', [f.city, f.indicator, f.year]);
  return dup?.id;
}

export async function cityFigureHistory(db: Queryable, id: number): Promise<CityFigureChange[]> {
  return db.query<CityFigureChange>(`SELECT version, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "changedAt", username, reason,
    import_id AS "importId", before, after FROM city_indicator_history WHERE figure_id = $1 ORDER BY version DESC`, [id]);
}

/** The editable fields of a figure; unit follows the indicator. */
export type CityFigureEdit = Pick<CityFigureInput, 'value' | 'denominator' | 'coverage' | 'qualifier' | 'sourceTitle' | 'sourceUrl' | 'note'>;

const clean = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/**
 * Changes a figure if `version` is current: the fields given replace the stored ones (absent ones stay).
 * Returns the new row, or undefined when the version is stale.
 */
export async function updateCityFigure(tx: Queryable, id: number, version: number, edit: Partial<CityFigureEdit>, reason: string,
  user: { id: number | null; username: string }): Promise<CityFigureRow | undefined> {
  const [before] = await tx.query<{ state: Record<string, unknown> }>(`SELECT ${STATE} AS state FROM city_indicators WHERE id = $1 AND version = $2 FOR UPDATE`, [id, version]);
  if (!before) return undefined;
  const has = (k: keyof CityFigureEdit) => Object.prototype.hasOwnProperty.call(edit, k);
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
  if (has('value')) set('value', edit.value);
  if (has('denominator')) set('denominator', clean(edit.denominator));
  if (has('coverage')) set('coverage', clean(edit.coverage));
  if (has('qualifier')) set('qualifier', clean(edit.qualifier));
  if (has('sourceTitle')) set('source_title', clean(edit.sourceTitle));
  if (has('sourceUrl')) set('source_url', clean(edit.sourceUrl));
  if (has('note')) set('note', clean(edit.note));
  set('updated_by', user.username);
  const [after] = await tx.query<{ state: Record<string, unknown> }>(
    `UPDATE city_indicators SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${STATE} AS state`, params);
  await tx.query(`INSERT INTO city_indicator_history (figure_id, version, user_id, username, reason, before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [id, version + 1, user.id, user.username, reason, JSON.stringify(before.state), JSON.stringify(after.state)]);
  return cityFigureById(tx, id);
}

/** Adds a figure (the caller checked it and that none exists for its city, indicator and year). */
export async function insertCityFigure(tx: Queryable, f: CityFigureInput, reason: string, user: { id: number | null; username: string }): Promise<CityFigureRow> {
  const unit = cityIndicatorDef(f.indicator)?.unit ?? f.unit ?? '';
  const [row] = await tx.query<{ id: number; state: Record<string, unknown> }>(
    `INSERT INTO city_indicators (city, indicator, year, value, unit, denominator, coverage, qualifier, source_title, source_url, note, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, ${STATE} AS state`,
    [f.city, f.indicator, f.year, f.value, unit, clean(f.denominator), clean(f.coverage), clean(f.qualifier), clean(f.sourceTitle), clean(f.sourceUrl), clean(f.note), user.username]);
  await tx.query(`INSERT INTO city_indicator_history (figure_id, version, user_id, username, reason, before, after) VALUES ($1, 1, $2, $3, $4, NULL, $5::jsonb)`,
    [row.id, user.id, user.username, reason, JSON.stringify(row.state)]);
  return (await cityFigureById(tx, row.id))!;
}

/** The published figures of seeds/city-indicators.json, only into an empty table: after that the administrators' edits stand. */
export async function seedCityIndicators(tx: Queryable): Promise<void> {
  if ((await tx.query('SELECT 1 FROM city_indicators LIMIT 1')).length) return;
  await tx.query(`INSERT INTO city_indicators (city, indicator, year, value, unit, denominator, coverage, qualifier, source_title, source_url, note, updated_by)
    SELECT f->>'city', f->>'indicator', (f->>'year')::int, (f->>'value')::float8, f->>'unit', f->>'denominator', f->>'coverage', f->>'qualifier',
      f->>'sourceTitle', f->>'sourceUrl', f->>'note', 'system'
    FROM jsonb_array_elements($1::jsonb) f`, [JSON.stringify(seed.figures)]);
  await tx.query(`INSERT INTO city_indicator_history (figure_id, version, username, reason, before, after)
    SELECT id, 1, 'system', '公开数据（seeds/city-indicators.json）', NULL, ${STATE} FROM city_indicators`);
}

// Parsing of query parameters and shared field rules, each failure a 400 naming the field.
import { todayInChina } from '../../domain/china-date.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import { problem, withFields, type Problem } from '../../domain/problems.ts';
import { HttpError } from './errors.ts';

const bad = (field: string, message: string, p: Problem = problem('field_invalid')): never => {
  throw new HttpError(400, `The query parameter "${field}" is invalid.`, { [field]: message }, undefined, withFields(problem('query_invalid', { field }), { [field]: p }));
};

/**
 * The path schema of a route with a numeric `:id`: digits only (at most 9), so a non-numeric id is a
 * 400 before any database work and `Number(req.params.id)` is then safe. Every such route uses it.
 */
export const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,9}$' } }, required: ['id'] } as const;

/** A 400 "The request body is invalid." naming one field, its English message and its code. */
export const invalidBody = (field: string, message: string, p: Problem): HttpError =>
  new HttpError(400, 'The request body is invalid.', { [field]: message }, undefined, withFields(problem('request_invalid', { where: 'body' }), { [field]: p }));

export function listParam(field: string, value: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const items = value.split(',').map((s) => s.trim());
  for (const it of items) if (!allowed.includes(it)) bad(field, `"${it}" is not one of: ${allowed.join(', ')}`, problem('field_one_of', { allowed: [...allowed], value: it }));
  return items;
}

export function bboxParam(value: string | undefined): [number, number, number, number] | undefined {
  if (!value) return undefined;
  const n = value.split(',').map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) return bad('bbox', 'must be four numbers: west,south,east,north', problem('field_bbox'));
  const [w, s, e, nn] = n;
  if (w < -180 || e > 180 || s < -90 || nn > 90 || w >= e || s >= nn) return bad('bbox', 'must be west,south,east,north in WGS84 degrees, west < east and south < north', problem('field_bbox'));
  return [w, s, e, nn];
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function dateParam(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return isIsoDate(value) ? value : bad(field, 'must be a date written YYYY-MM-DD', problem('field_date'));
}

export function pilotParam(value: string | undefined): boolean | number | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  const year = Number(value);
  return taxonomy.pilotYears.includes(year) ? year : bad('pilot', `must be true, false or one of ${taxonomy.pilotYears.join(', ')}`, problem('field_one_of', { allowed: ['true', 'false', ...taxonomy.pilotYears], value }));
}

// Numbers in a query string have one way in: `intParam` and the two below. Digits only, within the
// bounds; anything else is a 400 `query_invalid` naming the field, never a silent default. Only an
// absent (or empty) parameter takes the default. A JSON-schema `pattern` in front of them may answer
// first (`request_invalid`); what it lets through is still read here.

/** A whole number from the query, `fallback` when absent or empty. */
export function intParam(field: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  // Digits only: Number() would also take 1e3, 0x10, " 7" and Infinity.
  const n = /^-?\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : bad(field, `must be a whole number from ${min} to ${max}`, problem('field_whole_number', { min, max }));
}

/** A whole number from the query, undefined when absent or empty. */
export function optionalIntParam(field: string, value: string | undefined, min: number, max: number): number | undefined {
  return value === undefined || value === '' ? undefined : intParam(field, value, min, max, min);
}

/** Comma-separated whole numbers (ids) from the query: undefined when absent, [] when empty; an empty item is a 400. */
export function intListParam(field: string, value: string | undefined, min: number, max: number): number[] | undefined {
  if (value === undefined) return undefined;
  if (value === '') return [];
  return value.split(',').map((v) => (v === '' ? bad(field, `must be whole numbers from ${min} to ${max}, separated by commas`, problem('field_whole_number', { min, max })) : intParam(field, v, min, max, min)));
}


/** Rules for an effective date of a change: a real date, not in the future. Returns a message or null. */
export function effectiveDateProblem(value: string): string | null {
  if (!isIsoDate(value)) return 'must be a date written YYYY-MM-DD';
  if (value > todayInChina()) return 'must not be in the future';
  return null;
}

/** The same rules as effectiveDateProblem, as a field's code. */
export function effectiveDateFieldProblem(value: string): Problem | null {
  if (!isIsoDate(value)) return problem('field_date');
  if (value > todayInChina()) return problem('field_date_future');
  return null;
}

export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw new HttpError(400, 'The If-Match header must carry the park version from its ETag, e.g. "3".', undefined, undefined, problem('if_match_invalid'));
  return Number(m[1]);
}

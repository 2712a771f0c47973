// The renovation picture the dashboard shows: village parks by category × progress (count and area,
// as of a date, from the status history), pilots per year against the plan's ~20, and the value
// parks' six-element completeness against the plan's 10 parks. Park counts are not confidential.
import type { RenovationSummary } from '../../domain/monitoring/renovation.ts';
import type { Queryable } from '../db/database.ts';
import { parkSelect } from './park-queries.ts';


export async function renovationSummary(db: Queryable, opts: { asOf?: string; districts?: string[] }): Promise<RenovationSummary> {
  const { sql, params } = parkSelect({ asOf: opts.asOf, districts: opts.districts }, false);
  const byStatus = await db.query<RenovationSummary['byStatus'][number]>(
    `SELECT category, progress, count(*)::int AS parks, sum(area_mu)::float8 AS "areaMu" FROM (${sql}) s GROUP BY 1, 2 ORDER BY 1, 2`, params);
  const pilots = await db.query<{ year: number; parks: number; areaMu: number }>(
    `SELECT pilot_year AS year, count(*)::int AS parks, sum(area_mu)::float8 AS "areaMu" FROM (${sql}) s WHERE pilot_year IS NOT NULL GROUP BY 1 ORDER BY 1`, params);
  const targets = new Map((await db.query<{ year: number; value: number }>(`SELECT year, value FROM targets WHERE metric = 'pilotParks' AND scope = 'city'`)).map((t) => [t.year, t.value]));
  const years = [...new Set([...pilots.map((p) => p.year), ...targets.keys()])].sort();
  const valueParks = await db.query<RenovationSummary['valueParks'][number]>(
    `SELECT id, name, name_zh_hant AS "nameZhHant", name_en AS "nameEn", district,
      (SELECT count(*)::int FROM jsonb_array_elements(elements) e WHERE (e->>'present')::boolean) AS present, jsonb_array_length(elements) AS elements
     FROM value_parks ${opts.districts?.length ? 'WHERE district = ANY($1::text[])' : ''} ORDER BY id`, opts.districts?.length ? [opts.districts] : []);
  const [vpTarget] = await db.query<{ value: number }>(`SELECT value FROM targets WHERE metric = 'valueParks' AND scope = 'city' ORDER BY year DESC LIMIT 1`);
  const [{ demo }] = await db.query<{ demo: boolean }>('SELECT coalesce(bool_or(demo), false) AS demo FROM village_parks');
  return {
    asOf: opts.asOf ?? null,
    parks: byStatus.reduce((s, r) => s + r.parks, 0),
    areaMu: byStatus.reduce((s, r) => s + r.areaMu, 0),
    byStatus,
    pilots: years.map((year) => ({ year, parks: 0, areaMu: 0, ...pilots.find((p) => p.year === year), target: targets.get(year) ?? null })),
    valueParks,
    valueParkTarget: vpTarget?.value ?? null,
    demo,
  };
}

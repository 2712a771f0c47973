// The map's enterprise filter and area as request-body JSON schemas, and the area's checks: one
// definition for every route that selects enterprises (exports, indicators).
import type { MultiPolygon, Polygon } from 'geojson';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from './errors.ts';
import { problem, type ProblemInit } from '../../domain/problems.ts';
import { listParam } from './params.ts';

const codes = (list: readonly { code: string }[]) => ({ type: 'array', maxItems: 500, items: { type: 'string', enum: list.map((x) => x.code) } });

export const filtersSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    clusters: codes(taxonomy.clusters),
    subIndustries: codes(taxonomy.clusters.flatMap((c) => c.subIndustries)),
    futureIndustries: codes(taxonomy.futureIndustries),
    tags: codes(taxonomy.enterpriseTags),
    revenueTiers: codes(taxonomy.revenueTiers),
    districts: codes(taxonomy.districts),
    towns: { type: 'array', maxItems: 500, items: { type: 'string', pattern: '^[0-9]{9}$' } },
  },
} as const;

export const areaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'coordinates'],
  properties: {
    type: { type: 'string', enum: ['Polygon', 'MultiPolygon'] },
    coordinates: { type: 'array', minItems: 1, maxItems: 10000, items: { type: 'array' } },
    bbox: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
  },
} as const;

/** The map's filter from a query string's comma lists (GET routes; POST routes take `filtersSchema`). */
export function filterFromQuery(q: Record<string, string | undefined>): EnterpriseFilter {
  const list = (field: string, value: string | undefined, allowed: readonly { code: string }[]) => listParam(field, value, allowed.map((x) => x.code)) ?? [];
  return {
    clusters: list('cluster', q.cluster, taxonomy.clusters),
    subIndustries: list('subIndustry', q.subIndustry, taxonomy.clusters.flatMap((c) => c.subIndustries)),
    futureIndustries: list('futureIndustry', q.futureIndustry, taxonomy.futureIndustries),
    tags: list('tag', q.tag, taxonomy.enterpriseTags),
    revenueTiers: list('tier', q.tier, taxonomy.revenueTiers),
    districts: list('district', q.district, taxonomy.districts),
    towns: q.town ? q.town.split(',') : [],
  };
}

/** Request bodies may carry large areas ("inside the village parks" is a MultiPolygon of every park). */
export const MAX_AREA_BODY = 16 * 1024 * 1024;
/**
 * The most vertices an area may have, all rings together (exports and indicators). "Inside the village
 * parks" over the demo's 2,705 parks has 14,562; a drawn shape or a buffer has dozens to hundreds.
 * PostGIS's time per statement grows with the vertices, and on the embedded database every other
 * request waits for it.
 */
export const MAX_AREA_VERTICES = 50_000;

function checkAreaShape(area: Polygon | MultiPolygon): void {
  const polys = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  let vertices = 0;
  let ok = true;
  // Count first (cheap, no recursion): an oversized area is refused before anything else is done with it.
  for (const rings of polys) {
    if (!Array.isArray(rings)) ok = false;
    else for (const r of rings) if (Array.isArray(r)) vertices += r.length;
  }
  if (vertices > MAX_AREA_VERTICES)
    throw new HttpError(413, `The area has ${vertices.toLocaleString('en')} vertices; at most ${MAX_AREA_VERTICES.toLocaleString('en')} are accepted. Simplify it and try again.`, { area: `more than ${MAX_AREA_VERTICES} vertices` }, undefined,
      problem('area_too_many_vertices', { vertices, max: MAX_AREA_VERTICES }));
  ok &&= polys.every((rings) => rings.every((r) => Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && p.length <= 4 && p.every((v) => typeof v === 'number' && Number.isFinite(v)) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)));
  if (!ok) throw new HttpError(400, 'The area is not a valid GeoJSON polygon.', { area: 'rings need at least 4 positions of WGS84 longitude, latitude' }, undefined, problem('area_not_polygon'));
}

/**
 * Throws a 413 when the area has more than MAX_AREA_VERTICES vertices, and a 400 naming the problem
 * when it is not a valid WGS84 polygon (shape, then PostGIS validity).
 */
export async function checkArea(db: Queryable, area: Polygon | MultiPolygon): Promise<void> {
  checkAreaShape(area);
  const [v] = await db.query<{ valid: boolean; reason: string }>('SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x', [JSON.stringify(area)]);
  if (!v.valid) throw new HttpError(400, `The area is not a valid polygon: ${v.reason}.`, { area: v.reason }, undefined, validityProblem(v.reason));
}

/** PostGIS's reason ("Self-intersection[113.2 23.1]") as its kind and place. */
function validityProblem(reason: string): ProblemInit {
  const m = /^([^[]+)(?:\[(-?[\d.]+) (-?[\d.]+)\])?/.exec(reason);
  const at = m?.[2] !== undefined ? { lon: Number(m[2]), lat: Number(m[3]) } : {};
  return problem('area_invalid_polygon', { reason: (m?.[1] ?? reason).trim(), ...at });
}

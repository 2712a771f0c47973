// The map's enterprise filter and area as request-body JSON schemas, and the area's checks: one
// definition for every route that selects enterprises (exports, indicators).
import type { MultiPolygon, Polygon } from 'geojson';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from './errors.ts';
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
  required: ['type', 'coordinates'],
  properties: {
    type: { type: 'string', enum: ['Polygon', 'MultiPolygon'] },
    coordinates: { type: 'array', minItems: 1, maxItems: 10000, items: { type: 'array' } },
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

function checkAreaShape(area: Polygon | MultiPolygon): void {
  const polys = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const ok = polys.every((rings) => Array.isArray(rings) && rings.every((r) => Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && p.every(Number.isFinite) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)));
  if (!ok) throw new HttpError(400, 'The area is not a valid GeoJSON polygon.', { area: 'rings need at least 4 positions of WGS84 longitude, latitude' });
}

/** Throws a 400 naming the problem when the area is not a valid WGS84 polygon (shape, then PostGIS validity). */
export async function checkArea(db: Queryable, area: Polygon | MultiPolygon): Promise<void> {
  checkAreaShape(area);
  const [v] = await db.query<{ valid: boolean; reason: string }>('SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x', [JSON.stringify(area)]);
  if (!v.valid) throw new HttpError(400, `The area is not a valid polygon: ${v.reason}.`, { area: v.reason });
}

// What each exportable layer is made of: its SQL, its fields (each with its access class), and how
// the request's filters and area become WHERE conditions. Point layers are selected with ST_Covers
// (a point on the area's edge counts, as in the browser); polygon layers with ST_Intersects. Who
// may have which class is decided in export-policy.ts.
import type { ExtractLayer } from '../../domain/extract/extract-meta.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Enterprise } from '../../domain/enterprise.ts';
import type { ValueParkProperties, VillageParkProperties } from '../../domain/parks.ts';

/** The layers the server exports are the layers the browser writes files of. */
export type ExportLayer = ExtractLayer;

export interface ExportFilters {
  clusters?: string[];
  subIndustries?: string[];
  futureIndustries?: string[];
  tags?: string[];
  revenueTiers?: string[];
  districts?: string[];
  towns?: string[];
}

/**
 * Who may have a field by default:
 * - `public`: everyone, the public (not logged in) and viewers included;
 * - `restricted`: identifying details and operating figures other than money (credit code, address,
 *   employees): roles that may read confidential fields; EXPORT_PUBLIC_FIELDS may open them to the public;
 * - `confidential`: revenue and tax: only roles that may read confidential fields, never the public.
 */
export type FieldAccess = 'public' | 'restricted' | 'confidential';

/** A field of an entity (domain/enterprise.ts, domain/parks.ts): its output name must be one of the record's. */
type FieldOf<T> = [keyof T & string, string, FieldAccess];

export interface LayerSpec {
  table: string;
  /** [output name, SQL expression, access] */
  fields: [string, string, FieldAccess][];
  where: (f: ExportFilters, p: (v: unknown) => string) => string[];
  areaTest: 'covers' | 'intersects';
}

const areaWhere = (f: ExportFilters, p: (v: unknown) => string, town = 'town') => {
  const parts: string[] = [];
  if (f.districts?.length) parts.push(`district = ANY(${p(f.districts)}::text[])`);
  if (f.towns?.length) parts.push(`${town} = ANY(${p(f.towns)}::text[])`);
  return parts.length ? [`(${parts.join(' OR ')})`] : [];
};

export const LAYERS: Record<ExportLayer, LayerSpec> = {
  enterprises: {
    table: 'enterprises',
    areaTest: 'covers',
    fields: [
      ['id', 'id', 'public'], ['name', 'name', 'public'], ['creditCode', 'credit_code', 'restricted'], ['cluster', 'cluster', 'public'],
      ['subIndustry', 'sub_industry', 'public'], ['industryCode', 'industry_code', 'public'], ['futureIndustry', 'future_industry', 'public'], ['tags', 'tags', 'public'],
      ['revenue', 'revenue::float8', 'confidential'], ['employees', 'employees', 'restricted'], ['district', 'district', 'public'], ['town', 'town', 'public'],
      ['address', 'address', 'restricted'], ['villageParkId', 'village_park_id', 'public'], ['valueParkId', 'value_park_id', 'public'],
      ['lon', 'ST_X(geom)', 'public'], ['lat', 'ST_Y(geom)', 'public'],
    ] satisfies FieldOf<Enterprise>[],
    // The same facet rules as src/domain/enterprise-filter.ts: AND across facets, OR within one.
    where: (f, p) => {
      const w: string[] = [];
      const industry: string[] = [];
      if (f.clusters?.length) industry.push(`cluster = ANY(${p(f.clusters)}::text[])`);
      if (f.subIndustries?.length) industry.push(`sub_industry = ANY(${p(f.subIndustries)}::text[])`);
      if (industry.length) w.push(`(${industry.join(' OR ')})`);
      if (f.futureIndustries?.length) w.push(`future_industry = ANY(${p(f.futureIndustries)}::text[])`);
      if (f.tags?.length) w.push(`tags && ${p(f.tags)}::text[]`);
      if (f.revenueTiers?.length) {
        const tiers = taxonomy.revenueTiers.filter((t) => f.revenueTiers!.includes(t.code));
        w.push(`(${tiers.map((t) => `(revenue >= ${p(t.min)}${t.max === null ? '' : ` AND revenue < ${p(t.max)}`})`).join(' OR ')})`);
      }
      return [...w, ...areaWhere(f, p)];
    },
  },
  parks: {
    table: 'village_parks',
    areaTest: 'intersects',
    fields: [
      ['id', 'id', 'public'], ['code', 'code', 'public'], ['name', 'name', 'public'], ['district', 'district', 'public'], ['town', 'town', 'public'],
      ['townName', 'town_name', 'public'], ['village', 'village', 'public'], ['areaMu', 'area_mu', 'public'], ['buildingAreaM2', 'building_area_m2', 'public'],
      ['outputPerMu', 'output_per_mu', 'public'], ['taxPerMu', 'tax_per_mu', 'confidential'], ['category', 'category', 'public'], ['progress', 'progress', 'public'],
      ['pilotYear', 'pilot_year', 'public'], ['statusDate', "to_char(status_date, 'YYYY-MM-DD')", 'public'], ['version', 'version', 'public'],
    ] satisfies FieldOf<VillageParkProperties & { id: number }>[],
    where: (f, p) => areaWhere(f, p),
  },
  'value-parks': {
    table: 'value_parks',
    areaTest: 'intersects',
    fields: [
      ['id', 'id', 'public'], ['code', 'code', 'public'], ['name', 'name', 'public'], ['nameZhHant', 'name_zh_hant', 'public'], ['nameEn', 'name_en', 'public'],
      ['district', 'district', 'public'], ['theme', 'theme', 'public'], ['areaKm2', 'area_km2', 'public'], ['elements', 'elements', 'public'],
    ] satisfies FieldOf<ValueParkProperties & { id: number }>[],
    where: (f, p) => (f.districts?.length ? [`district = ANY(${p(f.districts)}::text[])`] : []),
  },
};

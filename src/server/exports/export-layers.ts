// What each exportable layer is made of: its SQL, its fields (with the confidential ones marked),
// and how the request's filters and area become WHERE conditions. Point layers are selected with
// ST_Covers (a point on the area's edge counts, as in the browser); polygon layers with ST_Intersects.
import { taxonomy } from '../../domain/taxonomy.ts';

export type ExportLayer = 'enterprises' | 'parks' | 'value-parks';

export interface ExportFilters {
  clusters?: string[];
  subIndustries?: string[];
  futureIndustries?: string[];
  tags?: string[];
  revenueTiers?: string[];
  districts?: string[];
  towns?: string[];
}

export interface LayerSpec {
  table: string;
  /** [output name, SQL expression, confidential?] */
  fields: [string, string, boolean][];
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
      ['id', 'id', false], ['name', 'name', false], ['creditCode', 'credit_code', false], ['cluster', 'cluster', false],
      ['subIndustry', 'sub_industry', false], ['industryCode', 'industry_code', false], ['futureIndustry', 'future_industry', false], ['tags', 'tags', false],
      ['revenue', 'revenue::float8', true], ['employees', 'employees', false], ['district', 'district', false], ['town', 'town', false],
      ['address', 'address', false], ['villageParkId', 'village_park_id', false], ['valueParkId', 'value_park_id', false],
      ['lon', 'ST_X(geom)', false], ['lat', 'ST_Y(geom)', false],
    ],
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
      ['id', 'id', false], ['code', 'code', false], ['name', 'name', false], ['district', 'district', false], ['town', 'town', false],
      ['townName', 'town_name', false], ['village', 'village', false], ['areaMu', 'area_mu', false], ['buildingAreaM2', 'building_area_m2', false],
      ['outputPerMu', 'output_per_mu', false], ['taxPerMu', 'tax_per_mu', true], ['category', 'category', false], ['progress', 'progress', false],
      ['pilotYear', 'pilot_year', false], ['statusDate', "to_char(status_date, 'YYYY-MM-DD')", false], ['version', 'version', false],
    ],
    where: (f, p) => areaWhere(f, p),
  },
  'value-parks': {
    table: 'value_parks',
    areaTest: 'intersects',
    fields: [
      ['id', 'id', false], ['code', 'code', false], ['name', 'name', false], ['nameZhHant', 'name_zh_hant', false], ['nameEn', 'name_en', false],
      ['district', 'district', false], ['theme', 'theme', false], ['areaKm2', 'area_km2', false], ['elements', 'elements', false],
    ],
    where: (f, p) => (f.districts?.length ? [`district = ANY(${p(f.districts)}::text[])`] : []),
  },
};

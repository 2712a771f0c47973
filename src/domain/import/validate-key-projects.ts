// Key-project rows (重点项目) → KeyProjectRecords. Rules: a name; a code (项目代码) once per file — a
// file without a code column is keyed by the name, so a name once per file then; the total
// investment, a number of 0 or more in the header's unit (总投资(亿元) → × 1e8, 总投资(万元) → × 1e4; a
// unit chosen for the upload wins), with a warning when it reads below 1000万元 and no unit is stated;
// the land area in mu (用地面积(亩), 公顷, 平方米 converted), or from the parcel's polygon when the file
// gives none; cluster as a taxonomy code or name (empty: not stated); status 谋划/在建/建成 (or their
// codes and usual synonyms; empty → planned, with a warning); a location: longitude/latitude columns,
// or the row's Point or Polygon (GeoJSON, Shapefile, WKT column), converted to WGS84 and in Guangzhou.
// Eligibility for provincial land quotas is not stored: it follows from investment and area
// (src/domain/key-projects.ts) wherever it is shown.
import { area as turfArea } from '@turf/area';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Point, Polygon, Position } from 'geojson';
import { KEY_PROJECT_STATUS_WORDS, KEY_PROJECT_STATUSES, type KeyProjectStatus } from '../key-projects.ts';
import { taxonomy } from '../taxonomy.ts';
import { cellText, foldKey, parseNumber, quote, round } from './cells.ts';
import { splitHeader } from './column-mapping.ts';
import { inLonLatRange, toWgs84 } from './coordinates.ts';
import type { ColumnMapping, KeyProjectRecord, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import { cleanPolygon } from './polygon-checks.ts';
import { lookupCode } from './taxonomy-lookup.ts';
import { begin, cellOf, finish, flagDuplicates, fmt, nonNegative, textOf, type Context, type ValidateContext } from './validate-common.ts';

/** An investment below this (yuan) with no unit stated is probably 万元 or 亿元. */
const SMALL_INVESTMENT = 1e7;
/** A given area that differs from the parcel's by more than this share is worth a look. */
const AREA_TOLERANCE = 0.2;

const STATUS_KEYS = new Map<string, KeyProjectStatus>();
for (const s of KEY_PROJECT_STATUSES) for (const w of [s, ...KEY_PROJECT_STATUS_WORDS[s]]) STATUS_KEYS.set(foldKey(w).replace(/[\s_-]/g, ''), s);

/** The status a cell names (codes, 谋划/在建/建成 in either script, usual synonyms); undefined when none. */
export function lookupKeyProjectStatus(text: string): KeyProjectStatus | undefined {
  return STATUS_KEYS.get(foldKey(text).replace(/[\s_-]/g, ''));
}

export function validateKeyProjects(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: ValidateContext): ValidationReport<KeyProjectRecord> {
  const ctx = begin('keyProjects', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: KeyProjectRecord[] = [];
  const keys = new Map<string, number[]>();
  const keyField = mapping.code ? 'code' : 'name';

  for (const row of table.rows) {
    const name = textOf(ctx, row, 'name');
    if (!name) ctx.log.error(row.row, 'name', 'missing_name', 'the project has no name.');
    const code = (textOf(ctx, row, 'code').normalize('NFKC') || name).trim();
    if (mapping.code && !textOf(ctx, row, 'code')) ctx.log.error(row.row, 'code', 'missing_code', 'the project code is missing.');
    else if (code) keys.set(code, [...(keys.get(code) ?? []), row.row]);
    const investment = readInvestment(ctx, row);
    const given = nonNegative(ctx, row, 'areaMu');
    const cluster = readCluster(ctx, row);
    const status = readStatus(ctx, row);
    const geometry = readLocation(ctx, row);
    if (ctx.log.hasFailed(row.row) || investment === null || given === null || cluster === undefined || !status || !geometry) continue;

    let areaMu: number | null = given ?? null;
    if (geometry.type === 'Polygon') {
      const outline = turfArea(geometry) / taxonomy.muInSquareMetres;
      if (areaMu === null) areaMu = round(outline, 2);
      else if (outline > 0 && Math.abs(areaMu - outline) / outline > AREA_TOLERANCE)
        ctx.log.warn(row.row, 'areaMu', 'area_mismatch', `the area ${fmt(areaMu)} mu differs from the parcel's ${fmt(round(outline, 2))} mu by more than ${AREA_TOLERANCE * 100} %; the file's value is kept.`,
          { given: areaMu, outline: round(outline, 2), tolerance: AREA_TOLERANCE * 100 });
    } else if (areaMu === null) {
      ctx.log.warn(row.row, 'areaMu', 'key_project_area_unknown', 'the project is a point without a land area: its intensity is unknown, so it is not counted as eligible.');
    }
    records.push({ row: row.row, code, name, investment, areaMu: areaMu === null ? null : round(areaMu, 4), cluster, status, geometry });
  }
  flagDuplicates(ctx, keys, keyField, 'duplicate_code', keyField === 'code' ? 'the project code' : 'the project name');
  checkInCity(ctx, context, records);
  return finish(ctx, records);
}

/** Whole yuan, or null (error logged). */
function readInvestment(ctx: Context, row: SourceRow): number | null {
  const v = cellOf(row, ctx.mapping, 'investment');
  const n = parseNumber(v);
  if (!n.ok) {
    if (n.empty) ctx.log.error(row.row, 'investment', 'missing_investment', 'the total investment is missing.');
    else ctx.log.error(row.row, 'investment', 'not_a_number', `${quote(v)} is not a number.`, { value: cellText(v) });
    return null;
  }
  if (n.value < 0) {
    ctx.log.error(row.row, 'investment', 'negative_number', `${quote(v)} is negative; it must be 0 or more.`, { value: cellText(v) });
    return null;
  }
  const unit = ctx.units.investment ?? 1;
  const yuan = Math.round(n.value * unit);
  if (unit === 1 && yuan < SMALL_INVESTMENT && !splitHeader(ctx.mapping.investment ?? '').unit)
    ctx.log.warn(row.row, 'investment', 'investment_unit_hint', `the investment reads as ${fmt(yuan)} yuan and the column does not say its unit: if it holds 万元 or 亿元, choose that unit.`, { value: yuan });
  return yuan;
}

/** A cluster code, null when not stated, undefined (error logged) when unknown. */
function readCluster(ctx: Context, row: SourceRow): string | null | undefined {
  const text = textOf(ctx, row, 'cluster');
  if (!text) return null;
  const code = lookupCode('cluster', text);
  if (!code) ctx.log.error(row.row, 'cluster', 'unknown_cluster', `${quote(text)} is not one of the industry clusters (${taxonomy.clusters.map((c) => c.code).join(', ')}) nor one of their names.`, { value: text });
  return code;
}

function readStatus(ctx: Context, row: SourceRow): KeyProjectStatus | null {
  const text = textOf(ctx, row, 'status');
  if (!text) {
    ctx.log.warn(row.row, 'status', 'default_key_project_status', 'no status is given; it is set to planned (谋划).');
    return 'planned';
  }
  const status = lookupKeyProjectStatus(text);
  if (!status) ctx.log.error(row.row, 'status', 'unknown_key_project_status', `${quote(text)} is not one of planned (谋划), under_construction (在建), completed (建成).`, { value: text });
  return status ?? null;
}

/** The location in WGS84: the lon/lat columns when they hold anything, else the row's Point or (one) Polygon. */
function readLocation(ctx: Context, row: SourceRow): Point | Polygon | null {
  const lonV = cellOf(row, ctx.mapping, 'lon');
  const latV = cellOf(row, ctx.mapping, 'lat');
  const [lonT, latT] = [cellText(lonV), cellText(latV)];
  if (lonT || latT) {
    if (!lonT || !latT) {
      const field = lonT ? 'lat' : 'lon';
      ctx.log.error(row.row, field, 'missing_coordinates', `the ${field === 'lon' ? 'longitude' : 'latitude'} is missing.`, { axis: field });
      return null;
    }
    const [lon, lat] = [parseNumber(lonV), parseNumber(latV)];
    if (!lon.ok) ctx.log.error(row.row, 'lon', 'coordinates_not_number', `${quote(lonV)} is not a number.`, { value: lonT });
    if (!lat.ok) ctx.log.error(row.row, 'lat', 'coordinates_not_number', `${quote(latV)} is not a number.`, { value: latT });
    if (!lon.ok || !lat.ok) return null;
    return point(ctx, row, lon.value, lat.value);
  }
  const g = row.geometry;
  if (!g) {
    ctx.log.error(row.row, 'lon', 'missing_coordinates', 'the longitude and latitude (or a geometry) are missing.', { axis: 'both' });
    return null;
  }
  if (g.type === 'Point') return point(ctx, row, g.coordinates[0], g.coordinates[1]);
  let rings: Position[][];
  if (g.type === 'Polygon') rings = g.coordinates;
  else if (g.type === 'MultiPolygon' && g.coordinates.length === 1) rings = g.coordinates[0];
  else {
    if (g.type === 'MultiPolygon') ctx.log.error(row.row, 'geometry', 'multipart_geometry', `the parcel is a MultiPolygon of ${g.coordinates.length} parts; a key project is one point or one polygon.`);
    else ctx.log.error(row.row, 'geometry', 'geometry_not_point_or_polygon', `the geometry is a ${g.type}; a key project is a point or one polygon.`, { type: g.type });
    return null;
  }
  const result = cleanPolygon(rings, ctx.crs);
  if (!result.ok) {
    ctx.log.errorOf(row.row, 'geometry', result.problem, result.message);
    return null;
  }
  return result.polygon;
}

function point(ctx: Context, row: SourceRow, x: number, y: number): Point | null {
  if (!Number.isFinite(x) || !Number.isFinite(y) || !inLonLatRange(x, y)) {
    ctx.log.error(row.row, 'lon', 'coordinates_out_of_range', `(${x}, ${y}) is not a longitude/latitude pair.`, { lon: x, lat: y });
    return null;
  }
  const [lon, lat] = toWgs84(x, y, ctx.crs);
  return { type: 'Point', coordinates: [round(lon, 7), round(lat, 7)] };
}

/** The point, or the parcel's representative point, must lie in Guangzhou (one batched test). */
function checkInCity(ctx: Context, { city }: ValidateContext, records: KeyProjectRecord[]): void {
  const at = records.map((r) => (r.geometry.type === 'Point' ? r.geometry.coordinates : pointOnFeature(r.geometry).geometry.coordinates));
  const inside = city.containsAll(Float64Array.from(at, (p) => p[0]), Float64Array.from(at, (p) => p[1]));
  records.forEach((r, i) => {
    if (inside[i]) return;
    const [lon, lat] = [round(at[i][0], 7), round(at[i][1], 7)];
    ctx.log.error(r.row, r.geometry.type === 'Point' ? 'lon' : 'geometry', 'outside_city', `the project at longitude ${lon}, latitude ${lat} lies outside Guangzhou.`, { lon, lat });
  });
}

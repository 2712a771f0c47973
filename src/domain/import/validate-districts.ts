// District boundary rows → DistrictRecords (official boundaries replacing the demonstration ones).
// Rules: the code is one of Guangzhou's 11 district codes (a 9- or 12-digit statistical code of the
// district itself is shortened to its 6 digits), once per file; a name (a name that is not the
// taxonomy's name for that code only warns); a Polygon or MultiPolygon, stored as a MultiPolygon,
// every part valid and somewhere near Guangzhou (a projected or foreign file is caught here, since
// the districts themselves define the city).
import type { MultiPolygon, Position } from 'geojson';
import { districtByCode, taxonomy } from '../taxonomy.ts';
import { quote } from './cells.ts';
import type { ColumnMapping, ColumnUnits, DistrictRecord, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import { cleanPolygon } from './polygon-checks.ts';
import type { Problem } from '../problems.ts';
import { lookupCode } from './taxonomy-lookup.ts';
import { begin, flagDuplicates, finish, textOf, type Context } from './validate-common.ts';

// Guangzhou with a wide margin (lon 112.9–114.1, lat 22.5–24.0 is the city itself).
const AROUND_CITY = [112.5, 22.0, 114.5, 24.5] as const;

/** The districts define the city, so no CityArea is needed; `context.units` is accepted for symmetry. */
export function validateDistricts(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: { units?: ColumnUnits } = {}): ValidationReport<DistrictRecord> {
  const ctx = begin('districts', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: DistrictRecord[] = [];
  const codes = new Map<string, number[]>();
  for (const row of table.rows) {
    const raw = textOf(ctx, row, 'code').normalize('NFKC');
    const code = /^\d{6}(000|000000)$/.test(raw) ? raw.slice(0, 6) : raw;
    if (!raw) ctx.log.error(row.row, 'code', 'missing_code', 'the district code is missing.');
    else if (!districtByCode(code))
      ctx.log.error(row.row, 'code', 'unknown_district', `${quote(raw)} is not one of Guangzhou's 11 district codes (${taxonomy.districts.map((d) => d.code).join(', ')}).`, { value: raw });
    else codes.set(code, [...(codes.get(code) ?? []), row.row]);
    const name = textOf(ctx, row, 'name');
    if (!name) ctx.log.error(row.row, 'name', 'missing_name', 'the district has no name.');
    else if (districtByCode(code) && lookupCode('district', name) !== code)
      ctx.log.warn(row.row, 'name', 'district_name_mismatch', `${quote(name)} is not the name of district ${code} (${districtByCode(code)!.label['zh-Hans']}); the file's name is kept.`, { name, district: code });
    const geometry = readMultiPolygon(ctx, row);
    if (ctx.log.hasFailed(row.row) || !geometry) continue;
    records.push({ row: row.row, code, name, geometry });
  }
  flagDuplicates(ctx, codes, 'code', 'duplicate_code', 'the district code');
  return finish(ctx, records);
}

function readMultiPolygon(ctx: Context, row: SourceRow): MultiPolygon | null {
  const g = row.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    if (g) ctx.log.error(row.row, 'geometry', 'geometry_not_polygon', `the boundary is a ${g.type}; a district needs a Polygon or MultiPolygon.`, { type: g.type });
    else ctx.log.error(row.row, 'geometry', 'missing_geometry', 'the district has no boundary geometry.');
    return null;
  }
  const parts: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!parts.length) {
    ctx.log.error(row.row, 'geometry', 'invalid_polygon', 'the MultiPolygon has no parts.', { reason: 'no_parts' });
    return null;
  }
  const out: Position[][][] = [];
  for (const [i, rings] of parts.entries()) {
    const result = cleanPolygon(rings, ctx.crs);
    if (!result.ok) {
      // The part (1-based) of a MultiPolygon travels as one more parameter.
      const pr = parts.length > 1 ? ({ code: result.problem.code, params: { ...result.problem.params, part: i + 1 } } as unknown as Problem) : result.problem;
      ctx.log.errorOf(row.row, 'geometry', pr, parts.length > 1 ? `in part ${i + 1}, ${result.message}` : result.message);
      return null;
    }
    out.push(result.polygon.coordinates);
  }
  const [w, s, e, n] = AROUND_CITY;
  const near = out.some((rings) => rings[0].some(([x, y]) => x >= w && x <= e && y >= s && y <= n));
  if (!near) {
    const [x, y] = out[0][0][0];
    ctx.log.error(row.row, 'geometry', 'outside_city', `the boundary (first corner at longitude ${x}, latitude ${y}) is nowhere near Guangzhou.`, { lon: x, lat: y });
    return null;
  }
  return { type: 'MultiPolygon', coordinates: out };
}

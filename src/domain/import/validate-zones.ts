// Zone rows (the planning and ecological layers the classification standard reads: 生态保护红线,
// 永久基本农田, 饮用水水源保护区, 工业用地控制线, 城市更新片区; src/domain/renovation-standard.ts) →
// ZoneRecords. Rules: a code, once per file; a name; a zone type the domain knows (its code, or its
// name in any of the three scripts, zoneTypeOf); a Polygon or MultiPolygon, stored as a MultiPolygon,
// every part valid (polygon-checks.ts) and somewhere near Guangzhou (a zone may cross the city's
// edge, so only "nowhere near" is an error, as for districts).
import type { MultiPolygon, Position } from 'geojson';
import { zoneTypeOf } from '../renovation-standard.ts';
import { quote } from './cells.ts';
import type { ColumnMapping, SourceCrs, SourceRow, SourceTable, ValidationReport, ZoneRecord } from './import-types.ts';
import { cleanPolygon } from './polygon-checks.ts';
import type { Problem } from '../problems.ts';
import { begin, flagDuplicates, finish, textOf, type Context, type ValidateContext } from './validate-common.ts';

// Guangzhou with a wide margin (lon 112.9–114.1, lat 22.5–24.0 is the city itself).
const AROUND_CITY = [112.5, 22.0, 114.5, 24.5] as const;

export function validateZones(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: Pick<ValidateContext, 'units'> = {}): ValidationReport<ZoneRecord> {
  const ctx = begin('zones', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: ZoneRecord[] = [];
  const codes = new Map<string, number[]>();
  for (const row of table.rows) {
    const code = textOf(ctx, row, 'code').normalize('NFKC');
    if (!code) ctx.log.error(row.row, 'code', 'missing_code', 'the zone code is missing.');
    else codes.set(code, [...(codes.get(code) ?? []), row.row]);
    const name = textOf(ctx, row, 'name');
    if (!name) ctx.log.error(row.row, 'name', 'missing_name', 'the zone has no name.');
    const typeText = textOf(ctx, row, 'zoneType');
    const zoneType = typeText ? zoneTypeOf(typeText) : null;
    if (!typeText) ctx.log.error(row.row, 'zoneType', 'missing_zone_type', 'the zone type is missing.');
    else if (!zoneType) ctx.log.error(row.row, 'zoneType', 'unknown_zone_type', `${quote(typeText)} is not a known zone type.`, { value: typeText });
    const geometry = readMultiPolygon(ctx, row);
    if (ctx.log.hasFailed(row.row) || !geometry || !zoneType) continue;
    records.push({ row: row.row, code, name, zoneType, geometry });
  }
  flagDuplicates(ctx, codes, 'code', 'duplicate_code', 'the zone code');
  return finish(ctx, records);
}

function readMultiPolygon(ctx: Context, row: SourceRow): MultiPolygon | null {
  const g = row.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    if (g) ctx.log.error(row.row, 'geometry', 'geometry_not_polygon', `the outline is a ${g.type}; a zone needs a Polygon or MultiPolygon.`, { type: g.type });
    else ctx.log.error(row.row, 'geometry', 'missing_geometry', 'the zone has no outline; give one per zone in GeoJSON, a zipped Shapefile, or a WKT column of a CSV or XLSX file.');
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
      const pr = parts.length > 1 ? ({ code: result.problem.code, params: { ...result.problem.params, part: i + 1 } } as unknown as Problem) : result.problem;
      ctx.log.errorOf(row.row, 'geometry', pr, parts.length > 1 ? `in part ${i + 1}, ${result.message}` : result.message);
      return null;
    }
    out.push(result.polygon.coordinates);
  }
  const [w, s, e, n] = AROUND_CITY;
  if (!out.some((rings) => rings[0].some(([x, y]) => x >= w && x <= e && y >= s && y <= n))) {
    const [x, y] = out[0][0][0];
    ctx.log.error(row.row, 'geometry', 'outside_city', `the zone (first corner at longitude ${x}, latitude ${y}) is nowhere near Guangzhou.`, { lon: x, lat: y });
    return null;
  }
  return { type: 'MultiPolygon', coordinates: out };
}

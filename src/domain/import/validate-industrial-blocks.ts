// Industrial block rows (工业产业区块, plan §三(三)) → IndustrialBlockRecords. Rules: a code, once per
// file; a name; the control level as 一级/二级控制线 (or 1/2, first/second; absent → none, unknown →
// error); a Polygon or MultiPolygon, stored as a MultiPolygon, every part valid (polygon-checks.ts),
// its representative point in Guangzhou; area in mu from the file (a unit in the header such as
// 公顷 is converted) or computed from the outline, a given area far from the outline's only warns.
import { area as turfArea } from '@turf/area';
import { pointOnFeature } from '@turf/point-on-feature';
import type { MultiPolygon, Position } from 'geojson';
import { taxonomy } from '../taxonomy.ts';
import { quote, round } from './cells.ts';
import type { ColumnMapping, IndustrialBlockRecord, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import { cleanPolygon } from './polygon-checks.ts';
import type { Problem } from '../problems.ts';
import { begin, flagDuplicates, finish, fmt, nonNegative, textOf, type Context, type ValidateContext } from './validate-common.ts';

const AREA_TOLERANCE = 0.2;

/** Words for the two control levels (after NFKC, lower case, spaces removed). */
const LEVELS: Record<'first' | 'second', readonly string[]> = {
  first: ['一级控制线', '一级', '一级线', '一級控制線', '一級', '一級線', '一级区块', '一級區塊', '1', 'i', 'first', 'level1', 'l1', 'primary'],
  second: ['二级控制线', '二级', '二级线', '二級控制線', '二級', '二級線', '二级区块', '二級區塊', '2', 'ii', 'second', 'level2', 'l2', 'secondary'],
};

export function parseBlockLevel(text: string): 'first' | 'second' | null | undefined {
  const key = text.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  if (!key) return null;
  for (const level of ['first', 'second'] as const) if (LEVELS[level].includes(key)) return level;
  return undefined;
}

export function validateIndustrialBlocks(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: ValidateContext): ValidationReport<IndustrialBlockRecord> {
  const ctx = begin('industrialBlocks', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: IndustrialBlockRecord[] = [];
  const codes = new Map<string, number[]>();
  for (const row of table.rows) {
    const code = textOf(ctx, row, 'code').normalize('NFKC');
    if (!code) ctx.log.error(row.row, 'code', 'missing_code', 'the block code is missing.');
    else codes.set(code, [...(codes.get(code) ?? []), row.row]);
    const name = textOf(ctx, row, 'name');
    if (!name) ctx.log.error(row.row, 'name', 'missing_name', 'the block has no name.');
    const levelText = textOf(ctx, row, 'level');
    const level = parseBlockLevel(levelText);
    if (level === undefined)
      ctx.log.error(row.row, 'level', 'unknown_block_level', `${quote(levelText)} is not a control level; use 一级控制线 or 二级控制线.`, { value: levelText });
    const given = nonNegative(ctx, row, 'areaMu');
    const geometry = readMultiPolygon(ctx, row);
    if (ctx.log.hasFailed(row.row) || !geometry || level === undefined || given === null) continue;
    const outlineMu = turfArea(geometry) / taxonomy.muInSquareMetres;
    if (given !== undefined && outlineMu > 0 && Math.abs(given - outlineMu) / outlineMu > AREA_TOLERANCE)
      ctx.log.warn(row.row, 'areaMu', 'area_mismatch', `the area ${fmt(given)} mu differs from the outline's ${fmt(round(outlineMu, 2))} mu by more than ${AREA_TOLERANCE * 100} %; the file's value is kept.`,
        { given, outline: round(outlineMu, 2), tolerance: AREA_TOLERANCE * 100 });
    records.push({ row: row.row, code, name, level, areaMu: round(given ?? outlineMu, 2), geometry });
  }
  flagDuplicates(ctx, codes, 'code', 'duplicate_code', 'the block code');
  checkInCity(ctx, context, records);
  return finish(ctx, records);
}

function readMultiPolygon(ctx: Context, row: SourceRow): MultiPolygon | null {
  const g = row.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    if (g) ctx.log.error(row.row, 'geometry', 'geometry_not_polygon', `the outline is a ${g.type}; a block needs a Polygon or MultiPolygon.`, { type: g.type });
    else ctx.log.error(row.row, 'geometry', 'missing_geometry', 'the block has no outline; give one per block in GeoJSON, a zipped Shapefile, or a WKT column of a CSV or XLSX file.');
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
  return { type: 'MultiPolygon', coordinates: out };
}

/** A block lies in Guangzhou when its representative point does (one grid test for all of them). */
function checkInCity(ctx: Context, { city }: ValidateContext, records: IndustrialBlockRecord[]): void {
  const points = records.map((r) => pointOnFeature(r.geometry).geometry.coordinates);
  const inside = city.containsAll(Float64Array.from(points.map((p) => p[0])), Float64Array.from(points.map((p) => p[1])));
  records.forEach((r, i) => {
    if (inside[i]) return;
    const [lon, lat] = [round(points[i][0], 7), round(points[i][1], 7)];
    ctx.log.error(r.row, 'geometry', 'outside_city', `the block at longitude ${lon}, latitude ${lat} lies outside Guangzhou.`, { lon, lat });
  });
}

// Village industrial park rows → ParkRecords. Rules: a code, once per file; a name; one valid
// polygon (a MultiPolygon of one part is taken as that polygon) in Guangzhou; renovation category
// and progress as codes or labels (absent → unclassified / not_started, with a warning); numbers of 0
// or more; area in mu computed from the outline when the file gives none.
//
// "In Guangzhou" means the outline's representative point (turf.pointOnFeature) lies in the city;
// vertices beyond the city line only warn, since the demonstration boundaries are not survey-grade
// and a real park on the city's edge may cross them by a few metres.
import { area as turfArea } from '@turf/area';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Position } from 'geojson';
import { taxonomy, type RenovationCategory, type RenovationProgress } from '../taxonomy.ts';
import { cellText, parseNumber, quote, round } from './cells.ts';
import type { ColumnMapping, ParkRecord, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import { cleanPolygon } from './polygon-checks.ts';
import { lookupCode } from './taxonomy-lookup.ts';
import { begin, cellOf, flagDuplicates, finish, fmt, nonNegative, textOf, type Context, type ValidateContext } from './validate-common.ts';

// An area given in the file that differs from the outline's by more than this share is worth a look.
const AREA_TOLERANCE = 0.2;

export function validateParks(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: ValidateContext): ValidationReport<ParkRecord> {
  const ctx = begin('parks', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: ParkRecord[] = [];
  const codes = new Map<string, number[]>();

  for (const row of table.rows) {
    const code = textOf(ctx, row, 'code').normalize('NFKC');
    if (!code) ctx.log.error(row.row, 'code', 'missing_code', 'the park code is missing.');
    else codes.set(code, [...(codes.get(code) ?? []), row.row]);
    const name = textOf(ctx, row, 'name');
    if (!name) ctx.log.error(row.row, 'name', 'missing_name', 'the park has no name.');
    const geometry = readPolygon(ctx, row);
    const category = vocabulary(ctx, row, 'category', 'unclassified');
    const progress = vocabulary(ctx, row, 'progress', 'not_started');
    const given = nonNegative(ctx, row, 'areaMu');
    const buildingAreaM2 = nonNegative(ctx, row, 'buildingAreaM2');
    const outputPerMu = nonNegative(ctx, row, 'outputPerMu');
    const taxPerMu = nonNegative(ctx, row, 'taxPerMu');
    const pilotYear = readPilotYear(ctx, row);
    if (ctx.log.hasFailed(row.row) || !geometry || !category || !progress || given === null || buildingAreaM2 === null || outputPerMu === null || taxPerMu === null || pilotYear === undefined) continue;

    const outlineMu = turfArea(geometry) / taxonomy.muInSquareMetres;
    if (given !== undefined && outlineMu > 0 && Math.abs(given - outlineMu) / outlineMu > AREA_TOLERANCE)
      ctx.log.warn(row.row, 'areaMu', 'area_mismatch', `the area ${fmt(given)} mu differs from the outline's ${fmt(round(outlineMu, 2))} mu by more than ${AREA_TOLERANCE * 100} %; the file's value is kept.`,
        { given, outline: round(outlineMu, 2), tolerance: AREA_TOLERANCE * 100 });
    records.push({
      row: row.row,
      code,
      name,
      areaMu: round(given ?? outlineMu, 2),
      buildingAreaM2: buildingAreaM2 ?? 0,
      outputPerMu: outputPerMu ?? 0,
      taxPerMu: taxPerMu ?? 0,
      category: category as ParkRecord['category'],
      progress: progress as ParkRecord['progress'],
      pilotYear,
      geometry,
    });
  }
  flagDuplicates(ctx, codes, 'code', 'duplicate_code', 'the park code');
  checkInCity(ctx, context, records);
  return finish(ctx, records);
}

function readPolygon(ctx: Context, row: SourceRow): ParkRecord['geometry'] | null {
  const g = row.geometry;
  if (!g) {
    ctx.log.error(row.row, 'geometry', 'missing_geometry', 'the park has no outline; give one polygon per park in GeoJSON, a zipped Shapefile, or a WKT column of a CSV or XLSX file.');
    return null;
  }
  let rings: Position[][];
  if (g.type === 'Polygon') rings = g.coordinates;
  else if (g.type === 'MultiPolygon' && g.coordinates.length === 1) rings = g.coordinates[0];
  else {
    const what = g.type === 'MultiPolygon' ? `a MultiPolygon of ${g.coordinates.length} parts` : `a ${g.type}`;
    if (g.type === 'MultiPolygon') ctx.log.error(row.row, 'geometry', 'multipart_geometry', `the outline is ${what}; a park must be a single polygon.`);
    else ctx.log.error(row.row, 'geometry', 'geometry_not_polygon', `the outline is ${what}; a park must be a single polygon.`, { type: g.type });
    return null;
  }
  const result = cleanPolygon(rings, ctx.crs);
  if (!result.ok) {
    ctx.log.errorOf(row.row, 'geometry', result.problem, result.message);
    return null;
  }
  return result.polygon;
}

function vocabulary(ctx: Context, row: SourceRow, field: 'category' | 'progress', fallback: string): string | null {
  const text = textOf(ctx, row, field);
  const entries = field === 'category' ? taxonomy.renovationCategories : taxonomy.renovationProgress;
  if (!text) {
    const message = `no ${field === 'category' ? 'renovation category' : 'renovation progress'} is given; it is set to ${fallback}.`;
    if (field === 'category') ctx.log.warn(row.row, field, 'default_category', message, { value: fallback as RenovationCategory });
    else ctx.log.warn(row.row, field, 'default_progress', message, { value: fallback as RenovationProgress });
    return fallback;
  }
  const code = lookupCode(field, text);
  if (!code) ctx.log.error(row.row, field, `unknown_${field}`, `${quote(text)} is not one of ${entries.map((e) => `${e.code} (${e.label['zh-Hans']})`).join(', ')}.`, { value: text });
  return code ?? null;
}

const NO_PILOT = new Set(['否', '无', '無', 'no', 'none', 'n', '-', '—', '/']);

/** null when the park is no pilot, undefined (error logged) when the cell is not a year. */
function readPilotYear(ctx: Context, row: SourceRow): number | null | undefined {
  const v = cellOf(row, ctx.mapping, 'pilotYear');
  const text = cellText(v).normalize('NFKC').toLowerCase();
  if (!text || NO_PILOT.has(text)) return null;
  const n = parseNumber(text.replace(/年$/, ''));
  if (!n.ok || !Number.isInteger(n.value) || n.value < 2000 || n.value > 2100) {
    ctx.log.error(row.row, 'pilotYear', 'invalid_pilot_year', `${quote(v)} is not a year.`, { value: cellText(v) });
    return undefined;
  }
  if (!taxonomy.pilotYears.includes(n.value))
    ctx.log.warn(row.row, 'pilotYear', 'pilot_year_outside_plan', `${n.value} is not one of the plan's pilot years (${taxonomy.pilotYears.join(', ')}).`, { year: n.value, allowed: [...taxonomy.pilotYears] });
  return n.value;
}

function checkInCity(ctx: Context, { city }: ValidateContext, records: ParkRecord[]): void {
  // One batch for every representative point and vertex: a grid test, not a polygon test per vertex.
  const xs: number[] = [];
  const ys: number[] = [];
  const spans: [number, number][] = [];
  for (const r of records) {
    const [x, y] = pointOnFeature(r.geometry).geometry.coordinates;
    const start = xs.length;
    xs.push(x);
    ys.push(y);
    for (const [vx, vy] of r.geometry.coordinates[0]) {
      xs.push(vx);
      ys.push(vy);
    }
    spans.push([start, xs.length]);
  }
  const inside = city.containsAll(Float64Array.from(xs), Float64Array.from(ys));
  records.forEach((r, i) => {
    const [start, end] = spans[i];
    if (!inside[start]) {
      ctx.log.error(r.row, 'geometry', 'outside_city', `the park at longitude ${round(xs[start], 7)}, latitude ${round(ys[start], 7)} lies outside Guangzhou.`, { lon: round(xs[start], 7), lat: round(ys[start], 7) });
      return;
    }
    let out = 0;
    for (let k = start + 1; k < end - 1; k++) if (!inside[k]) out++;
    if (out) ctx.log.warn(r.row, 'geometry', 'partly_outside_city', `${out} of the outline's ${end - start - 2} corners lie outside Guangzhou's boundary.`, { outside: out, corners: end - start - 2 });
  });
}

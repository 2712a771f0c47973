// Enterprise rows → EnterpriseRecords for the enterprise library, with every problem of every row.
// Rules: a valid unified social credit code (GB 32100, check character included), once per file; a
// name; revenue at or above the library threshold; taxonomy codes or labels for cluster,
// sub-industry, future industry and tags; a GB/T 4754 manufacturing class (行业代码) when given, from
// which cluster and sub-industry follow when the file has no such columns (an explicit sub-industry
// wins); a whole number of employees (missing → blank with a warning:
// the statistics bureau's lists often leave it blank, and it is not a library criterion); a point in
// Guangzhou, from lon/lat columns or the row's Point geometry, converted to WGS84.
import { creditCheckChar, creditCodeProblem, CREDIT_CODE_CHARSET } from '../credit-code.ts';
import { lookupIndustryClass } from '../monitoring/industry-classes.ts';
import { subIndustryByCode, taxonomy } from '../taxonomy.ts';
import { cellText, parseNumber, quote } from './cells.ts';
import { splitHeader } from './column-mapping.ts';
import { inLonLatRange, toWgs84, type CityArea } from './coordinates.ts';
import type { ColumnMapping, EnterpriseRecord, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import { lookupCode, parseTags } from './taxonomy-lookup.ts';
import { begin, cellOf, flagDuplicates, finish, fmt, textOf, type Context, type ValidateContext } from './validate-common.ts';

const CRS_NAMES: Record<SourceCrs, string> = { wgs84: 'WGS84', cgcs2000: 'CGCS2000', gcj02: 'GCJ-02', bd09: 'BD-09' };

export function validateEnterprises(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: ValidateContext): ValidationReport<EnterpriseRecord> {
  const ctx = begin('enterprises', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: EnterpriseRecord[] = [];
  const codes = new Map<string, number[]>();
  // Points wait for one batched "inside the city" test; raw source values are kept for the swap test.
  const pending: { record: EnterpriseRecord; raw: [number, number] }[] = [];

  for (const row of table.rows) {
    const creditCode = checkCreditCode(ctx, row);
    if (creditCode) codes.set(creditCode, [...(codes.get(creditCode) ?? []), row.row]);
    const name = textOf(ctx, row, 'name');
    if (!name) ctx.log.error(row.row, 'name', 'missing_name', 'the enterprise has no name.');
    const revenue = checkRevenue(ctx, row);
    const industry = checkIndustry(ctx, row);
    const futureIndustry = checkFutureIndustry(ctx, row);
    const tags = checkTags(ctx, row);
    const employees = checkEmployees(ctx, row);
    const raw = readPoint(ctx, row);
    if (ctx.log.hasFailed(row.row) || !raw || creditCode === null || revenue === null || !industry || futureIndustry === undefined || !tags || employees === null) continue;
    // A pair outside any longitude/latitude range is not converted; the city test reports it.
    const [lon, lat] = inLonLatRange(raw[0], raw[1]) ? toWgs84(raw[0], raw[1], crs) : raw;
    const record: EnterpriseRecord = {
      row: row.row,
      creditCode,
      name,
      cluster: industry.cluster,
      subIndustry: industry.subIndustry,
      industryCode: industry.industryCode,
      futureIndustry,
      tags,
      revenue,
      employees: employees ?? null,
      address: textOf(ctx, row, 'address'),
      lon,
      lat,
    };
    pending.push({ record, raw });
    records.push(record);
  }
  flagDuplicates(ctx, codes, 'creditCode', 'duplicate_credit_code', 'the credit code');
  checkInCity(ctx, context.city, pending);
  return finish(ctx, records);
}

export function checkCreditCode(ctx: Context, row: SourceRow): string | null {
  const v = cellOf(row, ctx.mapping, 'creditCode');
  if (typeof v === 'number' && Math.abs(v) >= 1e15) {
    ctx.log.error(row.row, 'creditCode', 'credit_code_number', `the spreadsheet stores the credit code as the number ${v}, which has lost digits; format the column as text and type the codes again.`, { value: String(v) });
    return null;
  }
  // Full-width letters and digits, lower case and spaces are typing slips, not different codes.
  const code = cellText(v).normalize('NFKC').toUpperCase().replace(/\s/g, '');
  if (!code) {
    ctx.log.error(row.row, 'creditCode', 'missing_credit_code', 'the unified social credit code is missing.');
    return null;
  }
  switch (creditCodeProblem(code)) {
    case 'length':
      ctx.log.error(row.row, 'creditCode', 'credit_code_length', `${quote(code)} has ${[...code].length} characters; a unified social credit code has 18.`, { value: code, length: [...code].length });
      return null;
    case 'charset': {
      const bad = [...code].find((ch) => !CREDIT_CODE_CHARSET.includes(ch));
      ctx.log.error(row.row, 'creditCode', 'credit_code_charset', `${quote(code)} contains ${quote(bad ?? '')}, which GB 32100 does not use (only digits and ${CREDIT_CODE_CHARSET.slice(10)}).`, { value: code, char: bad ?? '' });
      return null;
    }
    case 'check':
      ctx.log.error(row.row, 'creditCode', 'credit_code_check', `${quote(code)} has a wrong check character ${quote(code[17])} (expected ${quote(creditCheckChar(code.slice(0, 17)))}).`, { value: code, found: code[17], expected: creditCheckChar(code.slice(0, 17)) });
      return null;
  }
  return code;
}

function checkRevenue(ctx: Context, row: SourceRow): number | null {
  const v = cellOf(row, ctx.mapping, 'revenue');
  const n = parseNumber(v);
  if (!n.ok) {
    if (n.empty) ctx.log.error(row.row, 'revenue', 'missing_revenue', 'the annual revenue is missing.');
    else ctx.log.error(row.row, 'revenue', 'revenue_not_number', `${quote(v)} is not a number.`, { value: cellText(v) });
    return null;
  }
  const unit = ctx.units.revenue ?? 1;
  // The database keeps whole yuan.
  const yuan = Math.round(n.value * unit);
  const threshold = taxonomy.libraryRevenueThreshold;
  if (!(yuan >= threshold)) {
    const shown = unit === 1 ? `${fmt(yuan)} yuan` : `${fmt(n.value)} × ${fmt(unit)} = ${fmt(yuan)} yuan`;
    // 营业收入 without a unit, holding 万元: say how to read the column in 万元.
    const hint = unit === 1 && !splitHeader(ctx.mapping.revenue ?? '').unit && yuan * 1e4 >= threshold
      ? ' The column does not say its unit: if it holds 万元, choose the unit 万元 for revenue.' : '';
    ctx.log.error(row.row, 'revenue', 'revenue_below_threshold', `${shown} is below the enterprise library's threshold of ${fmt(threshold)} yuan.${hint}`, { value: yuan, threshold, unitHint: Boolean(hint) });
    return null;
  }
  return yuan;
}

function checkIndustry(ctx: Context, row: SourceRow): { cluster: string; subIndustry: string; industryCode: string | null } | null {
  const clusterText = textOf(ctx, row, 'cluster');
  const subText = textOf(ctx, row, 'subIndustry');
  const codeText = textOf(ctx, row, 'industryCode');
  const cluster = clusterText ? lookupCode('cluster', clusterText) : undefined;
  const sub = subText ? lookupCode('subIndustry', subText) : undefined;
  const industryClass = codeText ? lookupIndustryClass(codeText) : undefined;
  let ok = true;
  if (clusterText && !cluster) {
    ctx.log.error(row.row, 'cluster', 'unknown_cluster', `${quote(clusterText)} is not one of the industry clusters (${taxonomy.clusters.map((c) => c.code).join(', ')}) nor one of their names.`, { value: clusterText });
    ok = false;
  }
  if (codeText && !industryClass) {
    ctx.log.error(row.row, 'industryCode', 'unknown_industry_code', `${quote(codeText)} is not a manufacturing class of GB/T 4754-2017 (a 4-digit code from 1311 to 4390, such as 3670 or C3670, or the class's official name).`, { value: codeText });
    ok = false;
  }
  if (!subText) {
    if (industryClass) {
      // The statistics bureau's files: cluster and sub-industry follow from the class.
      if (cluster && cluster !== industryClass.cluster) {
        ctx.log.error(row.row, 'industryCode', 'industry_code_mismatch', `the class ${industryClass.code} (${industryClass.name}) belongs to the cluster ${industryClass.cluster}, not to ${quote(clusterText)}; give the sub-industry or correct the cluster.`,
          { code: industryClass.code, name: industryClass.name, cluster: industryClass.cluster, given: clusterText });
        return null;
      }
      return ok ? { cluster: industryClass.cluster, subIndustry: industryClass.subIndustry, industryCode: industryClass.code } : null;
    }
    if (!codeText) ctx.log.error(row.row, 'subIndustry', 'missing_sub_industry', 'the sub-industry is missing (and there is no industry code to derive it from).');
    return null;
  }
  if (!sub) {
    ctx.log.error(row.row, 'subIndustry', 'unknown_sub_industry', `${quote(subText)} is not a sub-industry code or name of the taxonomy.`, { value: subText });
    return null;
  }
  const owner = subIndustryByCode(sub)!.cluster.code;
  if (cluster && cluster !== owner) {
    ctx.log.error(row.row, 'subIndustry', 'sub_industry_mismatch', `${quote(subText)} belongs to the cluster ${owner}, not to ${quote(clusterText)}.`, { value: subText, cluster: owner, given: clusterText });
    ok = false;
  }
  return ok ? { cluster: owner, subIndustry: sub, industryCode: industryClass?.code ?? null } : null;
}

function checkFutureIndustry(ctx: Context, row: SourceRow): string | null | undefined {
  const text = textOf(ctx, row, 'futureIndustry');
  if (!text) return null;
  const code = lookupCode('futureIndustry', text);
  if (!code) ctx.log.error(row.row, 'futureIndustry', 'unknown_future_industry', `${quote(text)} is not one of the nine future industries (${taxonomy.futureIndustries.map((f) => f.code).join(', ')}) nor one of their names.`, { value: text });
  return code;
}

function checkTags(ctx: Context, row: SourceRow): string[] | null {
  const text = textOf(ctx, row, 'tags');
  if (!text) return [];
  const { codes, unknown } = parseTags(text);
  if (unknown.length) {
    ctx.log.error(row.row, 'tags', 'unknown_tag', `${unknown.map((u) => quote(u)).join(', ')} ${unknown.length > 1 ? 'are not tags' : 'is not a tag'} of the taxonomy (known: ${taxonomy.enterpriseTags.map((t) => t.code).join(', ')}, or their names).`, { values: unknown });
    return null;
  }
  return codes;
}

/** The number of employees; undefined when the cell is empty (stored blank), null when it is invalid. */
function checkEmployees(ctx: Context, row: SourceRow): number | null | undefined {
  const v = cellOf(row, ctx.mapping, 'employees');
  const n = parseNumber(v);
  if (!n.ok) {
    if (n.empty) {
      // Blank, not 0: a firm that did not say how many people it employs does not employ nobody.
      ctx.log.warn(row.row, 'employees', 'missing_employees', 'the number of employees is missing; it is left blank.');
      return undefined;
    }
    ctx.log.error(row.row, 'employees', 'employees_invalid', `${quote(v)} is not a number of employees.`, { value: cellText(v) });
    return null;
  }
  if (!Number.isInteger(n.value) || n.value < 0 || n.value > 2_147_483_647) {
    ctx.log.error(row.row, 'employees', 'employees_invalid', `${quote(v)} is not a whole number of 0 or more.`, { value: cellText(v) });
    return null;
  }
  return n.value;
}

/** The row's position in the source CRS, from the lon/lat columns when they hold anything, else from a Point geometry. */
function readPoint(ctx: Context, row: SourceRow): [number, number] | null {
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
    return lon.ok && lat.ok ? [lon.value, lat.value] : null;
  }
  const g = row.geometry;
  if (g && g.type === 'Point') {
    const [x, y] = g.coordinates;
    if (Number.isFinite(x) && Number.isFinite(y)) return [x, y];
  }
  if (g) ctx.log.error(row.row, 'geometry', 'geometry_not_point', `the geometry is a ${g.type}; an enterprise is located by a Point (or by longitude and latitude columns).`, { type: g.type });
  else ctx.log.error(row.row, 'lon', 'missing_coordinates', 'the longitude and latitude are missing.', { axis: 'both' });
  return null;
}

/**
 * Rows outside Guangzhou are errors; when the point with longitude and latitude exchanged lies in
 * the city, the columns are swapped and the message says so.
 */
function checkInCity(ctx: Context, city: CityArea, pending: { record: EnterpriseRecord; raw: [number, number] }[]): void {
  const inside = city.containsAll(Float64Array.from(pending, (p) => p.record.lon), Float64Array.from(pending, (p) => p.record.lat));
  const outside = pending.filter((_p, i) => !inside[i]);
  // Only pairs that are a valid position once exchanged are tried (NaN must not reach the grid).
  const tries = outside.filter((p) => inLonLatRange(p.raw[1], p.raw[0]));
  const exchanged = tries.map((p) => toWgs84(p.raw[1], p.raw[0], ctx.crs));
  const hits = city.containsAll(Float64Array.from(exchanged, (s) => s[0]), Float64Array.from(exchanged, (s) => s[1]));
  const swappedRows = new Set(tries.filter((_p, i) => hits[i]).map((p) => p.record.row));
  const crsNote = ctx.crs === 'gcj02' || ctx.crs === 'bd09' ? ` (converted from ${CRS_NAMES[ctx.crs]})` : '';
  outside.forEach(({ record, raw }) => {
    if (swappedRows.has(record.row))
      ctx.log.error(record.row, 'lon', 'swapped_axes', `longitude ${raw[0]} and latitude ${raw[1]} look swapped: exchanged, the point lies in Guangzhou. Check that the longitude column holds longitudes (about 113–114) and the latitude column latitudes (about 22.5–24).`, { lon: raw[0], lat: raw[1] });
    else
      ctx.log.error(record.row, 'lon', 'outside_city', `the point at longitude ${record.lon}, latitude ${record.lat}${crsNote} lies outside Guangzhou.`, { lon: record.lon, lat: record.lat });
  });
}

// Key-city indicators (重点城市指标) → CityIndicatorRecords: one published figure per row. City,
// indicator, denominator and qualifier as codes or labels in any of the three languages (深圳, 深圳市,
// Shenzhen, shenzhen; 先进制造业增加值占比, amShare); the year (2021, 2021年); the value in the
// indicator's unit ('67.6', '67.6%', '1,037.95'); an empty value, or 未见公开数据 / 无 / —, is no
// published figure (stored as null, with a warning: it replaces a stored value). Coverage as '1-11',
// '1-11月', 'Jan-Nov' (empty or 全年 = the whole year). The rules of a figure are the domain's
// (validateCityFigure): units, denominators of shares, ranges, a source for every value. Each
// (city, indicator, year) once per file.
import {
  CITIES, CITY_INDICATORS, DENOMINATORS, QUALIFIERS, cityFigureKey, cityIndicatorDef, parseCoverage, validateCityFigure, type FigureProblem,
} from '../monitoring/city-indicators.ts';
import { cellText, foldKey, parseNumber, quote } from './cells.ts';
import type { CityIndicatorRecord, ColumnMapping, ColumnUnits, SourceCrs, SourceTable, ValidationReport } from './import-types.ts';
import { begin, cellOf, finish, flagDuplicates } from './validate-common.ts';
import type { Problem, ProblemCode } from '../problems.ts';

/** Folded spelling → code, from codes and labels in every language. */
function lookup(entries: [string, string[]][]): Map<string, string> {
  const m = new Map<string, string>();
  for (const [code, names] of entries) for (const n of [code, ...names]) m.set(foldKey(n), code);
  return m;
}

const CITY_KEYS = lookup(CITIES.map((c) => [c.code, Object.values(c.label).flatMap((l) => [l, `${l}市`])]));
const INDICATOR_KEYS = lookup(CITY_INDICATORS.map((i) => [i.code, Object.values(i.label)]));
const DENOMINATOR_KEYS = lookup(Object.entries(DENOMINATORS).map(([code, label]) => [code, Object.values(label).flatMap((l) => {
  const bare = l.replace(/^(占|佔|of\s+)/, '');
  return [l, bare, bare.replace('规模以上', '规上').replace('規模以上', '規上')];
})]));
const QUALIFIER_KEYS = lookup([...Object.entries(QUALIFIERS).map(([code, label]): [string, string[]] => [code, Object.values(label)]), ['over', ['>', '多于', '以上']], ['about', ['≈', '~', '约为']]]);

/** Cells that say "no published figure". */
const NO_FIGURE = new Set(['未见公开数据', '未見公開數據', '无', '無', '-', '—', '--', '——', 'n/a', 'na', '暂无', '暫無', 'nopublishedfigure'].map(foldKey));

const CODE_OF_FIELD: Record<string, ProblemCode> = {
  city: 'unknown_city', indicator: 'unknown_indicator', year: 'year_invalid', value: 'value_out_of_range', unit: 'unit_mismatch',
  denominator: 'denominator_invalid', coverage: 'coverage_invalid', qualifier: 'qualifier_invalid', sourceUrl: 'source_url_invalid', sourceTitle: 'missing_source',
};

const resolve = (keys: Map<string, string>, text: string) => (text ? keys.get(foldKey(text)) ?? text : null);

export function validateCityIndicators(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: { units?: ColumnUnits } = {}): ValidationReport<CityIndicatorRecord> {
  const ctx = begin('cityIndicators', table, mapping, crs, context.units);
  if (!ctx.usable) return finish(ctx, []);
  const records: CityIndicatorRecord[] = [];
  const keys = new Map<string, number[]>();
  const text = (row: (typeof table.rows)[number], field: string) => cellText(cellOf(row, mapping, field));

  for (const row of table.rows) {
    const city = resolve(CITY_KEYS, text(row, 'city')) ?? '';
    const indicator = resolve(INDICATOR_KEYS, text(row, 'indicator')) ?? '';
    const def = cityIndicatorDef(indicator);
    if (!city) ctx.log.error(row.row, 'city', 'missing_city', 'the city is empty.');
    if (!indicator) ctx.log.error(row.row, 'indicator', 'missing_indicator', 'the indicator is empty.');

    const yearText = text(row, 'year').normalize('NFKC').replace(/\s|年度?$/g, '');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!yearText) ctx.log.error(row.row, 'year', 'missing_year', 'the year is empty.');
    else if (Number.isNaN(year)) ctx.log.error(row.row, 'year', 'year_invalid', `${quote(cellOf(row, mapping, 'year'))} is not a year such as 2021.`, { value: yearText });

    // The value: a number (a % sign is allowed), or nothing published.
    const raw = cellOf(row, mapping, 'value');
    const rawText = cellText(raw);
    let value: number | null = null;
    let valueOk = true;
    if (rawText === '' || NO_FIGURE.has(foldKey(rawText))) {
      ctx.log.warn(row.row, 'value', 'no_value', 'no value: stored as "no published figure" (a value stored for this city, indicator and year is cleared).');
    } else {
      const percent = typeof raw === 'string' && /[%％]\s*$/.test(raw);
      const n = parseNumber(percent ? rawText.replace(/[%％]\s*$/, '') : raw);
      if (!n.ok) {
        ctx.log.error(row.row, 'value', 'not_a_number', `${quote(raw)} is not a number (leave it empty when no figure was published).`, { value: rawText });
        valueOk = false;
      } else if (percent && def && def.unit !== '%') {
        ctx.log.error(row.row, 'value', 'unit_mismatch', `${quote(raw)} is a percentage, but ${def.label.en} is given in ${def.unit}.`, { value: rawText, indicator: def.code, unit: def.unit });
        valueOk = false;
      } else value = n.value;
    }

    const coverageText = text(row, 'coverage');
    const coverage = parseCoverage(coverageText);
    if (coverage === undefined) ctx.log.error(row.row, 'coverage', 'coverage_invalid', `${quote(coverageText)} is not a part of a year from January, such as 1-11 or 1-11月 (leave it empty for the whole year).`, { value: coverageText });

    const figure = {
      city, indicator, year, value,
      unit: text(row, 'unit') || null,
      denominator: resolve(DENOMINATOR_KEYS, text(row, 'denominator')),
      coverage: coverage ?? null,
      qualifier: resolve(QUALIFIER_KEYS, text(row, 'qualifier')),
      sourceTitle: text(row, 'sourceTitle') || null,
      sourceUrl: text(row, 'sourceUrl') || null,
      note: text(row, 'note') || null,
    };
    // The domain's rules, for what the cells above did not already reject.
    const skip = new Set<string>([...(city ? [] : ['city']), ...(indicator ? [] : ['indicator']), ...(Number.isNaN(year) ? ['year'] : []), ...(valueOk ? [] : ['value']), ...(coverage === undefined ? ['coverage'] : [])]);
    const problems: FigureProblem[] = validateCityFigure(figure).filter((p) => !skip.has(p.field));
    for (const p of problems) {
      const code = CODE_OF_FIELD[p.field] ?? 'field_invalid';
      const given = String(figure[p.field as keyof typeof figure] ?? '');
      const params = code === 'unit_mismatch' ? { value: given, indicator, unit: def?.unit ?? '' } : code === 'missing_source' || code === 'field_invalid' ? {} : { value: given };
      ctx.log.errorOf(row.row, p.field, { code, params } as unknown as Problem, p.message);
    }
    if (ctx.log.hasFailed(row.row) || !def) continue;
    const key = cityFigureKey({ city, indicator, year });
    keys.set(key, [...(keys.get(key) ?? []), row.row]);
    records.push({ row: row.row, key, ...figure, unit: def.unit });
  }
  flagDuplicates(ctx, keys, 'year', 'duplicate_figure', 'the city, indicator and year');
  return finish(ctx, records);
}

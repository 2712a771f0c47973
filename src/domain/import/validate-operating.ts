// Operating returns (企业月报) → OperatingRecords: one enterprise's figures for one month. Rules: a
// valid credit code of an enterprise in the library; a readable period (2021-07, 2021年7月, 202107,
// 2021/7, 2021-7) from 2000 up to the current month in China; money not negative (profit may be);
// a whole number of employees; each (enterprise, period) once per file. Cumulative returns (累计,
// from January) become the month's own flows: this month's cumulative value minus the cumulative
// value to the month before, taken from the file's earlier month of the same firm where it has one,
// plus the stored months in between (or the stored months of the year alone). Value added not
// reported is estimated from output with the division's typical rate. Warnings: the month's revenue
// more than 5× or less than 1/5 of the previous month's; value added estimated; a cumulative value
// with no earlier month of the year known (the whole of it is this month's).
import { currentMonthInChina } from '../china-date.ts';
import { estimateValueAdded } from '../monitoring/industry-classes.ts';
import { monthlyFromCumulative } from '../monitoring/periods.ts';
import { cellText, parseNumber, quote, type Cell } from './cells.ts';
import { looksCumulative, moneyFields, unitMultiplier } from './column-mapping.ts';
import type { ColumnMapping, OperatingRecord, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import { begin, cellOf, finish, flagDuplicates, fmt, type Context, type OperatingLookup, type ValidateContext } from './validate-common.ts';
import { checkCreditCode } from './validate-enterprises.ts';

/** Money fields of a return, in the order they are checked. */
const FLOWS = ['revenue', 'output', 'valueAdded', 'profit', 'tax'] as const;
type Flow = (typeof FLOWS)[number];
/** Flows that cannot be negative (a loss makes profit negative; value added may be too). */
const NON_NEGATIVE: ReadonlySet<Flow> = new Set(['revenue', 'output', 'tax']);

/** The revenue rule: a month more than JUMP times, or less than 1/JUMP of, the month before is flagged. */
export const JUMP = 5;
/** Periods before this year are refused. */
export const FIRST_YEAR = 2000;

/** YYYY-MM of a month key. */
export const monthText = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;
/** The month before (YYYYMM). */
export const previousMonth = (m: number) => (m % 100 === 1 ? (Math.floor(m / 100) - 1) * 100 + 12 : m - 1);

/**
 * The month (YYYYMM) a period cell names: 2021-07, 2021-7, 2021/7, 2021.07, 2021年7月, 2021年1-7月
 * (a cumulative label: the month is 7), 202107, or a date 2021-07-31; null when it names none.
 */
export function parseReportPeriod(v: Cell | undefined): number | null {
  const t = (typeof v === 'number' && Number.isInteger(v) ? String(v) : cellText(v)).normalize('NFKC').replace(/\s/g, '');
  const m = /^(\d{4})(\d{2})$/.exec(t)
    ?? /^(\d{4})[-/.年](\d{1,2})(?:月份?)?$/.exec(t)
    ?? /^(\d{4})年1[-—–~～至到](\d{1,2})月份?$/.exec(t)
    ?? /^(\d{4})[-/.](\d{1,2})[-/.]\d{1,2}(?:T[\d:.]+Z?)?$/.exec(t)
    ?? /^(\d{4})年(\d{1,2})月\d{1,2}日$/.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 100 + month;
}

/** Credit code as compared: full width, lower case and spaces folded (as the enterprise validator does). */
const normCode = (v: Cell | undefined) => cellText(v).normalize('NFKC').toUpperCase().replace(/\s/g, '');

/**
 * What a dry run must load before validating: the file's credit codes and the range of months whose
 * stored figures matter (from December of the year before the earliest period, to the latest).
 */
export function scanOperatingKeys(table: SourceTable, mapping: ColumnMapping): { creditCodes: string[]; fromMonth: number | null; toMonth: number | null } {
  const codes = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of table.rows) {
    const code = normCode(cellOf(row, mapping, 'creditCode'));
    if (code) codes.add(code);
    const m = parseReportPeriod(cellOf(row, mapping, 'period'));
    if (m !== null) {
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
  }
  return { creditCodes: [...codes], fromMonth: Number.isFinite(lo) ? (Math.floor(lo / 100) - 1) * 100 + 12 : null, toMonth: Number.isFinite(hi) ? hi : null };
}

/** Whether the mapped money columns say they are cumulative (累计, 1-7月, year to date). */
export function detectCumulative(mapping: ColumnMapping): boolean {
  return moneyFields('operating').some((f) => mapping[f] !== undefined && looksCumulative(mapping[f]!));
}

interface Parsed {
  row: number;
  creditCode: string;
  month: number;
  /** Yuan, as given (cumulative when the import is); valueAdded undefined when not reported. */
  values: Record<Flow, number | undefined>;
  employees: number;
}

export function validateOperating(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: ValidateContext): ValidationReport<OperatingRecord> {
  const ctx = begin('operating', table, mapping, crs, context.units);
  const lookup: OperatingLookup = context.operating ?? { enterprises: new Map(), stored: new Map() };
  const detected = detectCumulative(mapping);
  const cumulative = context.cumulative ?? detected;
  const finishWith = (records: OperatingRecord[]) => ({ ...finish(ctx, records), cumulative });
  if (!ctx.usable) return finishWith([]);
  if (context.cumulative === undefined && detected)
    ctx.log.warn(0, undefined, 'cumulative_detected', `the money columns say they are cumulative from January (${moneyFields('operating').map((f) => mapping[f]).filter((h) => h && looksCumulative(h)).map((h) => JSON.stringify(h)).join(', ')}); each month is computed as its cumulative value minus the month before's.`,
      { columns: moneyFields('operating').map((f) => mapping[f]).filter((h): h is string => Boolean(h && looksCumulative(h))) });
  for (const field of moneyFields('operating')) {
    const header = mapping[field];
    if (header && ctx.units[field] === undefined && unitMultiplier('yuan', header) === undefined)
      ctx.log.warn(0, field, 'unit_not_stated', 'the column does not say its unit; its values are taken as yuan (元). If they are in 万元 or 千元, choose the unit and check the file again.');
  }
  const currentMonth = context.currentMonth ?? currentMonthInChina();
  const parsed: Parsed[] = [];
  const keys = new Map<string, number[]>();

  for (const row of table.rows) {
    const creditCode = checkCreditCode(ctx, row);
    if (creditCode && !lookup.enterprises.has(creditCode))
      ctx.log.error(row.row, 'creditCode', 'unknown_enterprise', `no enterprise of the library has the credit code ${quote(creditCode)}; import it into the enterprise library first.`, { value: creditCode });
    const month = checkPeriod(ctx, row, currentMonth);
    if (creditCode && month !== null) {
      const key = `${creditCode}:${monthText(month)}`;
      keys.set(key, [...(keys.get(key) ?? []), row.row]);
    }
    const values = {} as Record<Flow, number | undefined>;
    let ok = true;
    for (const f of FLOWS) {
      const v = readMoney(ctx, row, f);
      if (v === null) ok = false;
      else values[f] = v;
    }
    const employees = readEmployees(ctx, row);
    if (!creditCode || month === null || !ok || employees === null) continue;
    parsed.push({ row: row.row, creditCode, month, values, employees });
  }
  flagDuplicates(ctx, keys, 'period', 'duplicate_period', 'the enterprise and period');

  // Each firm's rows in month order: cumulative values to months, the previous month for the jump rule.
  const byFirm = new Map<string, Parsed[]>();
  for (const p of parsed) if (!ctx.log.hasFailed(p.row)) byFirm.set(p.creditCode, [...(byFirm.get(p.creditCode) ?? []), p]);
  const records: OperatingRecord[] = [];
  for (const [creditCode, rows] of byFirm) {
    rows.sort((a, b) => a.month - b.month);
    const industryCode = lookup.enterprises.get(creditCode) ?? '';
    /** The firm's accepted months of this file: cumulative-to-date and monthly values. */
    const done = new Map<number, { cum: Record<Flow, number>; monthly: OperatingRecord }>();
    for (const p of rows) {
      const record = toMonthly(ctx, lookup, p, industryCode, cumulative, done);
      if (!record) continue;
      checkJump(ctx, lookup, record, done);
      records.push(record.monthly);
      done.set(p.month, record);
    }
  }
  records.sort((a, b) => a.row - b.row);
  return finishWith(records);
}

function checkPeriod(ctx: Context, row: SourceRow, currentMonth: number): number | null {
  const v = cellOf(row, ctx.mapping, 'period');
  if (!cellText(v)) {
    ctx.log.error(row.row, 'period', 'missing_period', 'the reporting period is missing.');
    return null;
  }
  const month = parseReportPeriod(v);
  if (month === null) {
    ctx.log.error(row.row, 'period', 'period_invalid', `${quote(v)} is not a month; write it as 2021-07, 2021年7月 or 202107.`, { value: cellText(v) });
    return null;
  }
  if (month < FIRST_YEAR * 100 + 1) {
    ctx.log.error(row.row, 'period', 'period_too_early', `${monthText(month)} is before ${FIRST_YEAR}; returns from ${FIRST_YEAR} on are accepted.`, { month: monthText(month), first: FIRST_YEAR });
    return null;
  }
  if (month > currentMonth) {
    ctx.log.error(row.row, 'period', 'period_in_future', `${monthText(month)} is in the future (the current month in China is ${monthText(currentMonth)}).`, { month: monthText(month), current: monthText(currentMonth) });
    return null;
  }
  return month;
}

/** Yuan (rounded) from a money cell; undefined for an empty value added (estimated later), null on an error. */
function readMoney(ctx: Context, row: SourceRow, field: Flow): number | undefined | null {
  if (field === 'valueAdded' && !ctx.mapping.valueAdded) return undefined;
  const v = cellOf(row, ctx.mapping, field);
  const n = parseNumber(v);
  if (!n.ok) {
    if (n.empty && field === 'valueAdded') return undefined;
    if (n.empty) ctx.log.error(row.row, field, 'missing_value', 'the value is missing.');
    else ctx.log.error(row.row, field, 'not_a_number', `${quote(v)} is not a number.`, { value: cellText(v) });
    return null;
  }
  if (n.value < 0 && NON_NEGATIVE.has(field)) {
    ctx.log.error(row.row, field, 'negative_number', `${quote(v)} is negative; it must be 0 or more.`, { value: cellText(v) });
    return null;
  }
  // The database keeps whole yuan.
  return Math.round(n.value * (ctx.units[field] ?? 1));
}

function readEmployees(ctx: Context, row: SourceRow): number | null {
  const v = cellOf(row, ctx.mapping, 'employees');
  const n = parseNumber(v);
  if (!n.ok) {
    if (n.empty) ctx.log.error(row.row, 'employees', 'missing_value', 'the number of employees is missing.');
    else ctx.log.error(row.row, 'employees', 'employees_invalid', `${quote(v)} is not a number of employees.`, { value: cellText(v) });
    return null;
  }
  if (!Number.isInteger(n.value) || n.value < 0 || n.value > 2_147_483_647) {
    ctx.log.error(row.row, 'employees', n.value < 0 ? 'negative_number' : 'employees_invalid', `${quote(v)} is not a whole number of 0 or more.`, { value: cellText(v) });
    return null;
  }
  return n.value;
}

/**
 * The month's own figures of a parsed row. Cumulative: minus the cumulative value to the month
 * before, from the firm's latest accepted earlier month of the year in the file plus the stored
 * months after it, else from the stored months of the year; a month with none known keeps its whole
 * cumulative value (with a warning). A decrease of revenue, output or tax rejects the row.
 */
function toMonthly(ctx: Context, lookup: OperatingLookup, p: Parsed, industryCode: string, cumulative: boolean,
  done: Map<number, { cum: Record<Flow, number> }>): { cum: Record<Flow, number>; monthly: OperatingRecord } | null {
  const year = Math.floor(p.month / 100);
  let previous: Record<Flow, number> | null = null;
  let previousMonthText = '';
  if (cumulative && p.month % 100 > 1) {
    let base: Record<Flow, number> = { revenue: 0, output: 0, valueAdded: 0, profit: 0, tax: 0 };
    let from = year * 100 + 1;
    let known = false;
    for (let m = p.month - 1; m >= year * 100 + 1; m--) {
      const earlier = done.get(m);
      if (earlier) {
        base = { ...earlier.cum };
        from = m + 1;
        known = true;
        break;
      }
    }
    for (let m = from; m < p.month; m++) {
      const s = lookup.stored.get(`${p.creditCode}:${m}`);
      if (!s) continue;
      known = true;
      for (const f of FLOWS) base[f] += s[f];
    }
    if (known) {
      previous = base;
      previousMonthText = monthText(p.month - 1);
    } else {
      ctx.log.warn(p.row, 'period', 'cumulative_first_month', `no earlier month of ${year} is known for ${p.creditCode} (neither in the file nor stored); the whole cumulative value is attributed to ${monthText(p.month)}.`, { year, creditCode: p.creditCode, month: monthText(p.month) });
    }
  }
  const monthly = {} as Record<Flow, number>;
  let ok = true;
  for (const f of FLOWS) {
    const given = p.values[f];
    if (given === undefined) continue;
    monthly[f] = cumulative ? monthlyFromCumulative(given, previous ? previous[f] : null) : given;
    if (previous && NON_NEGATIVE.has(f) && monthly[f] < 0) {
      ctx.log.error(p.row, f, 'cumulative_decrease', `the cumulative value ${fmt(given)} yuan is smaller than the cumulative value to ${previousMonthText} (${fmt(previous[f])} yuan): the month would be negative (${fmt(monthly[f])} yuan).`,
        { given, previous: previous[f], previousMonth: previousMonthText, monthly: monthly[f] });
      ok = false;
    }
  }
  if (!ok) return null;
  const estimated = p.values.valueAdded === undefined;
  if (estimated) {
    monthly.valueAdded = estimateValueAdded(monthly.output, industryCode);
    ctx.log.warn(p.row, 'valueAdded', 'value_added_estimated', `no value added is reported; it is estimated from the month's output as ${fmt(monthly.valueAdded)} yuan${industryCode ? ` (the typical rate of division ${industryCode.slice(0, 2)})` : ' (the average rate: the enterprise has no industry code)'}.`,
      { value: monthly.valueAdded, division: industryCode ? industryCode.slice(0, 2) : null });
  }
  const cum = {} as Record<Flow, number>;
  for (const f of FLOWS) cum[f] = (previous ? previous[f] : 0) + monthly[f];
  return {
    cum,
    monthly: {
      row: p.row, key: `${p.creditCode}:${monthText(p.month)}`, creditCode: p.creditCode, month: p.month,
      revenue: monthly.revenue, output: monthly.output, valueAdded: monthly.valueAdded, valueAddedEstimated: estimated,
      profit: monthly.profit, tax: monthly.tax, employees: p.employees,
    },
  };
}

/** Warns when the month's revenue is more than JUMP times, or less than 1/JUMP of, the month before (from the file, else stored). */
function checkJump(ctx: Context, lookup: OperatingLookup, r: { monthly: OperatingRecord }, done: Map<number, { monthly: OperatingRecord }>): void {
  const { creditCode, month, revenue, row } = r.monthly;
  const pm = previousMonth(month);
  const before = done.get(pm)?.monthly.revenue ?? lookup.stored.get(`${creditCode}:${pm}`)?.revenue;
  if (before === undefined || before <= 0) return;
  if (revenue > JUMP * before)
    ctx.log.warn(row, 'revenue', 'revenue_jump', `the month's revenue ${fmt(revenue)} yuan is more than ${JUMP} times that of ${monthText(pm)} (${fmt(before)} yuan); check the value and its unit.`, { revenue, before, month: monthText(pm), factor: JUMP });
  else if (revenue * JUMP < before)
    ctx.log.warn(row, 'revenue', 'revenue_drop', `the month's revenue ${fmt(revenue)} yuan is less than 1/${JUMP} of that of ${monthText(pm)} (${fmt(before)} yuan); check the value and its unit.`, { revenue, before, month: monthText(pm), factor: JUMP });
}

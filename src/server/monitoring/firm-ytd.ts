// Per-enterprise running totals since January (firm_ytd, migration 9): one row per enterprise and
// calendar month, from its first return of the year to the last month of that year with any return,
// holding the sums of its returns so far that year and how many months they cover.
//
// Why: the questions that need one enterprise's figures (the enterprise list, the firm and park
// warnings, indicators over an area's edge or per park) would otherwise read every monthly row of
// the period for every firm — 24 rows per firm for a year against last year. With running totals a
// firm's sum over any period inside one year (a month, a quarter, 1–n months, the year) is the row at
// the period's last month minus the row before its first: two rows, whatever the period.
//
// A firm without a return in some month still gets that month's row (carrying the totals forward), so
// "the row before the period" always exists when the firm reported earlier that year, and the
// difference of `months` says how many months of the period it reported.
import { monthKey, monthRange, type Period } from '../../domain/monitoring/periods.ts';
import type { Queryable } from '../db/database.ts';
import { GRID_SQL } from './grid-squares.ts';

/** The figure columns of firm_ytd, as in operating_figures (employees are summed: employee-months). */
export const YTD_COLUMNS = ['revenue', 'output', 'value_added', 'profit', 'tax', 'employees'] as const;
export type YtdColumn = (typeof YTD_COLUMNS)[number];

/**
 * Rebuilds the running totals from the earliest given month (YYYYMM) of each year to the last month of
 * that year with figures, one month after another: each month's row is the month before's plus the
 * month's return. Called with refreshMonths, in the same transaction as the change.
 */
export async function refreshFirmYtd(tx: Queryable, months: Iterable<number>): Promise<void> {
  const firstByYear = new Map<number, number>();
  for (const m of months) {
    const y = Math.floor(m / 100);
    firstByYear.set(y, Math.min(firstByYear.get(y) ?? m, m));
  }
  for (const [y, first] of [...firstByYear].sort((a, b) => a[0] - b[0])) {
    const [{ last }] = await tx.query<{ last: number | null }>('SELECT max(month) AS last FROM operating_figures WHERE month BETWEEN $1 AND $2', [monthKey(y, 1), monthKey(y, 12)]);
    await tx.query('DELETE FROM firm_ytd WHERE month BETWEEN $1 AND $2', [first, monthKey(y, 12)]);
    if (last === null) continue;
    const sums = YTD_COLUMNS.map((c) => `coalesce(p.${c}, 0) + coalesce(r.${c}, 0)`).join(', ');
    for (let m = first; m <= last; m++)
      // In the order of the firms' squares, so an area's edge reads a few ranges (grid-squares.ts).
      await tx.query(`INSERT INTO firm_ytd (month, enterprise_id, grid, ${YTD_COLUMNS.join(', ')}, months)
        SELECT $1::int, e.id, ${GRID_SQL}, ${sums}, coalesce(p.months, 0) + (r.enterprise_id IS NOT NULL)::int
        FROM (SELECT * FROM operating_figures WHERE month = $1::int) r
        FULL JOIN (SELECT * FROM firm_ytd WHERE month = $1::int - 1) p ON p.enterprise_id = r.enterprise_id
        JOIN enterprises e ON e.id = coalesce(r.enterprise_id, p.enterprise_id) ORDER BY 3, 2`, [m]);
  }
}

/** The two firm_ytd months that bound a period: its last month with figures, and the month before its first (null in January). */
export interface PeriodBounds {
  end: number;
  before: number | null;
}

/**
 * The bounds of a period, or null when no month of it has figures yet. `lastMonthOfYear` is the
 * last month of the period's year with any figures (firm_ytd stops there).
 */
export function periodBounds(p: Period, lastMonthOfYear: number | null): PeriodBounds | null {
  const [a, b] = monthRange(p);
  if (lastMonthOfYear === null) return null;
  const end = Math.min(monthKey(p.year, b), lastMonthOfYear);
  if (end < monthKey(p.year, a)) return null;
  return { end, before: a > 1 ? monthKey(p.year, a - 1) : null };
}

/** The last month of a year with figures (an index probe). */
export async function lastMonthOfYear(db: Queryable, year: number): Promise<number | null> {
  const [{ last }] = await db.query<{ last: number | null }>('SELECT max(month) AS last FROM firm_ytd WHERE month BETWEEN $1 AND $2', [monthKey(year, 1), monthKey(year, 12)]);
  return last;
}

/** periodBounds of a period, reading the last month of its year. */
export async function boundsOf(db: Queryable, p: Period): Promise<PeriodBounds | null> {
  return periodBounds(p, await lastMonthOfYear(db, p.year));
}

/**
 * SQL joining the period's figures of the enterprise `idSql` as alias `alias` (one row, or none when
 * `outer` is false and the firm has no running total at the period's end): use `figure(alias, c)`
 * and `monthsIn(alias)` for its values. The month parameters come through `p`.
 */
export function joinPeriod(alias: string, idSql: string, bounds: PeriodBounds, p: (v: unknown) => string, outer = false): string {
  const end = `${outer ? 'LEFT ' : ''}JOIN firm_ytd ${alias} ON ${alias}.month = ${p(bounds.end)}::int AND ${alias}.enterprise_id = ${idSql}`;
  if (bounds.before === null) return end;
  return `${end} LEFT JOIN firm_ytd ${alias}_0 ON ${alias}_0.month = ${p(bounds.before)}::int AND ${alias}_0.enterprise_id = ${idSql}`;
}

/** The sum of column `c` over the period, for a join made by joinPeriod with the same bounds. */
export const figure = (alias: string, c: YtdColumn, bounds: PeriodBounds) => (bounds.before === null ? `${alias}.${c}` : `(${alias}.${c} - coalesce(${alias}_0.${c}, 0))`);

/** How many months of the period the firm reported, for a join made by joinPeriod with the same bounds. */
export const monthsIn = (alias: string, bounds: PeriodBounds) => (bounds.before === null ? `coalesce(${alias}.months, 0)` : `(coalesce(${alias}.months, 0) - coalesce(${alias}_0.months, 0))`);

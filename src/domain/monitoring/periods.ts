// Reporting periods of the monitoring data: a year (2021), a quarter (2021-Q3) or a month (2021-07),
// each either for the period alone or cumulative from January (累计, as Chinese monthly returns are
// filed). Months are stored as integers YYYYMM; every period resolves to the months it covers, so
// the indicator engine, the import of returns and the tests share one arithmetic.

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1-4 for a quarter, 1-12 for a month, 0 for a year. */
  index: number;
  /** From January to the end of the period (累计). A year is always cumulative. */
  cumulative: boolean;
}

const PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** Parses `2021`, `2021-Q3`, `2021-07`; null when the text is none of them or the year is outside 1990-2100. */
export function parsePeriod(text: string, cumulative = false): Period | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1990 || year > 2100) return null;
  if (m[2]) return { kind: 'quarter', year, index: Number(m[2]), cumulative };
  if (m[3]) return { kind: 'month', year, index: Number(m[3]), cumulative };
  return { kind: 'year', year, index: 0, cumulative: true };
}

export function formatPeriod(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

export const monthKey = (year: number, month: number) => year * 100 + month;
export const monthOf = (key: number) => ({ year: Math.floor(key / 100), month: key % 100 });

/** The first and last month (1-12) the period covers. */
export function monthRange(p: Period): [number, number] {
  const last = p.kind === 'year' ? 12 : p.kind === 'quarter' ? p.index * 3 : p.index;
  const first = p.cumulative ? 1 : p.kind === 'quarter' ? last - 2 : last;
  return [first, last];
}

/** The months (YYYYMM) the period covers, in order. */
export function monthsOf(p: Period): number[] {
  const [a, b] = monthRange(p);
  const out: number[] = [];
  for (let m = a; m <= b; m++) out.push(monthKey(p.year, m));
  return out;
}

/** A 12-bit mask of the months of the period (bit 0 = January), to test "reported in any of them". */
export function monthMask(p: Period): number {
  const [a, b] = monthRange(p);
  return ((1 << b) - 1) & ~((1 << (a - 1)) - 1);
}

/** The same period one year earlier (同比). */
export const samePeriodLastYear = (p: Period): Period => ({ ...p, year: p.year - 1 });

/**
 * The period before (环比): the previous month or quarter, or the previous year. For cumulative
 * months and quarters it is the previous cumulative period of the same year (1-2月 before 1-3月);
 * January and Q1 have no cumulative predecessor, so they fall back to the last year's December / Q4.
 */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return { ...p, year: p.year - 1 };
  if (p.index > 1) return { ...p, index: p.index - 1 };
  return { ...p, year: p.year - 1, index: p.kind === 'quarter' ? 4 : 12 };
}

/**
 * The stored rollup periods whose sum is this period: whole quarters where they fit, then months
 * (a cumulative May = Q1 + April + May), or the year. Flows add up; contributor counts do not (see
 * monthMask).
 */
export function rollupKeys(p: Period): string[] {
  if (p.kind === 'year') return [String(p.year)];
  const [a, b] = monthRange(p);
  const keys: string[] = [];
  let m = a;
  while (m <= b) {
    if ((m - 1) % 3 === 0 && m + 2 <= b) {
      keys.push(`${p.year}-Q${(m + 2) / 3}`);
      m += 3;
    } else {
      keys.push(`${p.year}-${String(m).padStart(2, '0')}`);
      m++;
    }
  }
  return keys;
}

/**
 * Monthly figures from a cumulative (year-to-date) return: this month's cumulative value minus the
 * cumulative value up to the month before. `previous` is that earlier cumulative value, or null when
 * no earlier month of the year is known, in which case the whole cumulative value is this month's
 * (January, or a firm's first return of the year; the import warns about the latter).
 */
export function monthlyFromCumulative(cumulative: number, previous: number | null): number {
  return previous === null ? cumulative : cumulative - previous;
}

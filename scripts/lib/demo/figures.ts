// Synthetic monthly operating figures, 2018-01 … 2021-12, for every demo enterprise: firm-level
// trajectories with Spring Festival seasonality, the 2020 first-quarter drop and recovery, entry and
// exit, then calibrated so that city totals per cluster and year match the published figures where
// they exist (data/README.md lists each figure, its source, and which ones are ours).
import { estimateValueAdded, industryClassByCode, industryDivisionByCode, AVERAGE_VA_RATE } from '../../../src/domain/monitoring/industry-classes.ts';
import { Rng } from './rng.ts';

export const FIRST_YEAR = 2018;
export const LAST_YEAR = 2021;
const YEARS = [2018, 2019, 2020, 2021];
const MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12;

/** The library size the calibration totals describe; other sizes scale them in proportion. */
export const REFERENCE_LIBRARY = 10_000;

/**
 * Gross industrial output per cluster and year (亿元) for the whole library. Published: auto 2019
 * 5,412.27 and 2021 "over 6,000"; display 2019 "over 1,800" and 2020 "expected above 2,000";
 * all clusters together with other manufacturing 2019 = the city's above-scale output 21,366. The
 * rest is ours: plausible paths that reach (auto, display, biomed) or miss (materials, consumer,
 * equipment) the 2021 targets.
 */
export const OUTPUT_CALIBRATION: Record<string, Record<number, number>> = {
  auto: { 2018: 5150, 2019: 5412.27, 2020: 5520, 2021: 6050 },
  display: { 2018: 1560, 2019: 1820, 2020: 2030, 2021: 2380 },
  materials: { 2018: 1900, 2019: 2050, 2020: 2080, 2021: 2450 },
  consumer: { 2018: 1620, 2019: 1700, 2020: 1580, 2021: 1820 },
  equipment: { 2018: 760, 2019: 820, 2020: 860, 2021: 1010 },
  biomed: { 2018: 560, 2019: 680, 2020: 820, 2021: 1020 },
  other: { 2018: 8700, 2019: 8884, 2020: 8620, 2021: 9300 },
};

/**
 * Value added (亿元) and the advanced-manufacturing share of it per year. Published: 2019 AM value
 * added 2,466.38 = 57.03 % of above-scale industrial value added (so that value added is 4,324.7; the
 * same source's 5,722.9 for "above-scale industrial value added" does not fit its own AM figures, and
 * the plan's target is on AM value added, so we keep the AM pair); 2021 AM share 65.7 % (of
 * above-scale manufacturing value added). The 2018, 2020 and 2021 totals are ours.
 */
export const VALUE_ADDED_CALIBRATION: Record<number, { total: number; amShare: number }> = {
  2018: { total: 4120, amShare: 0.55 },
  2019: { total: 4324.7, amShare: 0.5703 },
  2020: { total: 4380, amShare: 0.61 },
  2021: { total: 4790, amShare: 0.657 },
};

/** Share of a year's output by month: the Spring Festival dip in January–February, a December push. */
const SEASON = [0.86, 0.66, 1.0, 1.0, 1.02, 1.05, 0.99, 1.0, 1.05, 0.99, 1.08, 1.3];
/** 2020: the first-quarter stoppage and the recovery after it. */
const COVID_2020 = [0.85, 0.42, 0.82, 1.0, 1.04, 1.06, 1.06, 1.06, 1.08, 1.07, 1.1, 1.12];
const LIBRARY_FLOOR = 10_500_000;

export interface FirmInput {
  id: number;
  cluster: string;
  industryCode: string | null;
  revenue: number;
  employees: number;
}

/** One month: [YYYYMM, revenue, output, valueAdded, valueAddedEstimated 0|1, profit, tax, employees]. */
export type MonthRow = [number, number, number, number, number, number, number, number];

interface Profile {
  /** Month index (0 = 2018-01) of the first and last month with figures. */
  first: number;
  last: number;
  /** Raw annual output per year before calibration (0 when inactive). */
  annual: number[];
  outputRatio: number;
  margin: number;
  taxRate: number;
  vaNoise: number;
  vaEstimated: boolean;
  advanced: boolean;
}

function profile(f: FirmInput, rng: Rng): Profile {
  const entered = rng.chance(0.12) ? rng.int(1, MONTHS - 1) : 0;
  const exited = rng.chance(0.05) ? rng.int(Math.max(entered + 6, 6), MONTHS + 17) : MONTHS + 1;
  const last = Math.min(exited, MONTHS) - 1;
  const growth = 0.06 + 0.09 * rng.normal();
  const annual = YEARS.map((y, i) => {
    const active = activeMonths(entered, last, i);
    if (!active) return 0;
    return (f.revenue / Math.pow(1 + growth, LAST_YEAR - y)) * Math.exp(0.05 * rng.normal()) * (active / 12);
  });
  const cls = f.industryCode ? industryClassByCode(f.industryCode) : undefined;
  return {
    first: entered,
    last,
    annual,
    outputRatio: rng.range(0.92, 1.04),
    margin: 0.065 + 0.04 * rng.normal(),
    taxRate: rng.range(0.015, 0.045),
    vaNoise: Math.exp(0.12 * rng.normal()),
    vaEstimated: f.revenue < 5e7 && rng.chance(0.4),
    advanced: cls?.advanced ?? false,
  };
}

function activeMonths(first: number, last: number, yearIndex: number): number {
  const a = Math.max(first, yearIndex * 12);
  const b = Math.min(last, yearIndex * 12 + 11);
  return b >= a ? b - a + 1 : 0;
}

const firmRng = (seed: string, id: number) => new Rng(`industrial-gis:${seed}:figures:${id}`);
const vaRateOf = (code: string | null) => (code ? industryDivisionByCode(code.slice(0, 2))?.vaRate : undefined) ?? AVERAGE_VA_RATE;

/** Calibration factors, from a first pass over every firm. */
export class Calibration {
  private readonly raw = new Map<string, number[]>();
  private readonly floor = new Map<string, number[]>();
  private readonly stuck = new Map<string, number[]>();
  /** Value added before calibration: estimated figures stay as estimated (fixed), reported ones are scaled. */
  private readonly va = YEARS.map(() => ({ am: 0, other: 0, amFixed: 0, otherFixed: 0 }));
  private k = new Map<string, number[]>();
  private vaFactor = YEARS.map(() => ({ am: 1, other: 1 }));

  constructor(private readonly seed: string, private readonly libraryScale: number) {}

  add(f: FirmInput): void {
    const p = profile(f, firmRng(this.seed, f.id));
    const raw = this.raw.get(f.cluster) ?? [0, 0, 0, 0];
    const floor = this.floor.get(f.cluster) ?? [0, 0, 0, 0];
    const stuck = this.stuck.get(f.cluster) ?? [0, 0, 0, 0];
    p.annual.forEach((a, i) => {
      const out = a * p.outputRatio;
      const t = LIBRARY_FLOOR * (activeMonths(p.first, p.last, i) / 12);
      if (out > t) { raw[i] += out - t; floor[i] += t; } else stuck[i] += out;
    });
    this.raw.set(f.cluster, raw);
    this.floor.set(f.cluster, floor);
    this.stuck.set(f.cluster, stuck);
  }

  /** Output factors per cluster and year: above its floor, each firm's output is scaled so the cluster hits its total. */
  finishOutput(): void {
    for (const [cluster, raw] of this.raw) {
      const target = OUTPUT_CALIBRATION[cluster];
      this.k.set(cluster, raw.map((r, i) => {
        const goal = (target?.[YEARS[i]] ?? 0) * 1e8 * this.libraryScale;
        const k = (goal - this.floor.get(cluster)![i] - this.stuck.get(cluster)![i]) / r;
        return r > 0 && Number.isFinite(k) ? Math.max(0.05, k) : 1;
      }));
    }
  }

  /** Second pass, value added: sums of the unscaled value added of advanced and other firms. */
  addValueAdded(f: FirmInput): void {
    const p = profile(f, firmRng(this.seed, f.id));
    this.annualOutput(f.cluster, p).forEach((o, i) => {
      const va = o * vaRateOf(f.industryCode) * (p.vaEstimated ? 1 : p.vaNoise);
      const s = this.va[i];
      if (p.vaEstimated) { if (p.advanced) s.amFixed += va; else s.otherFixed += va; }
      else if (p.advanced) s.am += va;
      else s.other += va;
    });
  }

  finishValueAdded(): void {
    this.vaFactor = YEARS.map((y, i) => {
      const c = VALUE_ADDED_CALIBRATION[y];
      const total = c.total * 1e8 * this.libraryScale;
      const s = this.va[i];
      const factor = (goal: number, fixed: number, scalable: number) => (scalable > 0 ? Math.max(0.05, (goal - fixed) / scalable) : 1);
      return { am: factor(total * c.amShare, s.amFixed, s.am), other: factor(total * (1 - c.amShare), s.otherFixed, s.other) };
    });
  }

  annualOutput(cluster: string, p: Profile): number[] {
    const k = this.k.get(cluster) ?? [1, 1, 1, 1];
    return p.annual.map((a, i) => {
      const out = a * p.outputRatio;
      const t = LIBRARY_FLOOR * (activeMonths(p.first, p.last, i) / 12);
      return out > t ? t + (out - t) * k[i] : out;
    });
  }

  /** The firm's monthly figures, its annualised revenue of its last active year (the library's revenue) and its last head count. */
  series(f: FirmInput): { months: MonthRow[]; revenue: number; employees: number } {
    const rng = firmRng(this.seed, f.id);
    const p = profile(f, rng);
    const outputs = this.annualOutput(f.cluster, p);
    const rate = vaRateOf(f.industryCode);
    const months: MonthRow[] = [];
    let lastYearRevenue = 0;
    let lastYearMonths = 0;
    YEARS.forEach((y, i) => {
      const a = Math.max(p.first, i * 12);
      const b = Math.min(p.last, i * 12 + 11);
      if (b < a) return;
      const shape = SEASON.map((s, m) => s * (y === 2020 ? COVID_2020[m] : 1));
      let weight = 0;
      for (let m = a; m <= b; m++) weight += shape[m - i * 12];
      const vaK = p.advanced ? this.vaFactor[i].am : this.vaFactor[i].other;
      const empBase = f.employees * Math.pow(Math.max(outputs[i], 1) / Math.max(f.revenue * p.outputRatio, 1), 0.4);
      let revenueSum = 0;
      for (let m = a; m <= b; m++) {
        const mi = m - i * 12;
        const output = Math.round((outputs[i] * shape[mi] / weight) * Math.exp(0.05 * rng.normal()));
        const revenue = Math.round(output / p.outputRatio);
        const va = p.vaEstimated ? estimateValueAdded(output, f.industryCode ?? '') : Math.round(output * rate * p.vaNoise * vaK);
        const covidLoss = y === 2020 && mi < 3 ? 0.05 : 0;
        const profit = Math.round(revenue * (p.margin - covidLoss + 0.02 * rng.normal()));
        const tax = Math.max(0, Math.round(revenue * p.taxRate));
        const employees = Math.max(1, Math.round(empBase * (mi === 1 ? 0.93 : 1) * Math.exp(0.02 * rng.normal())));
        months.push([y * 100 + mi + 1, revenue, output, va, p.vaEstimated ? 1 : 0, profit, tax, employees]);
        revenueSum += revenue;
      }
      lastYearRevenue = revenueSum;
      lastYearMonths = b - a + 1;
    });
    const revenue = lastYearMonths ? Math.round((lastYearRevenue * 12) / lastYearMonths / 1e4) * 1e4 : f.revenue;
    return { months, revenue: Math.max(revenue, 10_000_000), employees: months.length ? months[months.length - 1][7] : f.employees };
  }
}

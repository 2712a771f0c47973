// Quality-and-efficiency pilots (提质增效试点; plan §二(五)2: "about 20 low-efficiency parks a year";
// architecture §4, "Pilot selection"). The rules the server and the app share: how far a year's
// count of pilots may stray from the plan's ~20 before the app warns, why a park counts as
// low-efficiency (reasons as codes with parameters, never sentences), the ranking order of the
// candidates, which year's figures a nomination is judged on, and before/after comparisons.
// Nothing here reads a database: the figures come from the indicator engine (per-mu metrics).
import { taxonomy } from './taxonomy.ts';

/**
 * "About 20": a year's count is within the plan when it is within ±25 % of the target, rounded
 * inwards (target 20 → 15 to 25 inclusive). Outside that range the app warns.
 */
export const PILOT_COUNT_TOLERANCE = 0.25;

/** The plan's pilots a year when the targets table has no `pilotParks` row for the year. */
export const DEFAULT_PILOT_TARGET = taxonomy.planTargets.pilotParksPerYear;

export type PilotBand = 'below' | 'within' | 'above';

/** The inclusive range of counts that are "about" the target. */
export function pilotCountRange(target: number): { min: number; max: number } {
  return { min: Math.ceil(target * (1 - PILOT_COUNT_TOLERANCE)), max: Math.floor(target * (1 + PILOT_COUNT_TOLERANCE)) };
}

/** Where a count lies against the target's range. */
export function pilotCountBand(count: number, target: number): PilotBand {
  const { min, max } = pilotCountRange(target);
  return count < min ? 'below' : count > max ? 'above' : 'within';
}

/** True when the count is far from the target (outside pilotCountRange): the app shows a warning. */
export const pilotCountWarning = (count: number, target: number): boolean => pilotCountBand(count, target) !== 'within';

/** The pilot year the app opens on: the latest plan year up to `year` (this year), else the first. */
export function defaultPilotYear(year: number): number {
  const years = [...taxonomy.pilotYears].sort((a, b) => a - b);
  return [...years].reverse().find((y) => y <= year) ?? years[0];
}

/**
 * Which year's figures a nomination for `pilotYear` is judged on: the latest complete year before the
 * pilot year ("before it became a pilot"); when there is none, the latest complete year; null when no
 * year is complete.
 */
export function basisYear(pilotYear: number, completeYears: readonly number[]): number | null {
  const sorted = [...completeYears].sort((a, b) => a - b);
  return [...sorted].reverse().find((y) => y < pilotYear) ?? sorted.at(-1) ?? null;
}

/**
 * A reason as data: the app words it. Without `source`, a code of `PILOT_REASON_CODES`. With `source:
 * 'standard'`, the classification standard's (src/domain/renovation-standard.ts): `suggestion`
 * {suggested, rule} first, then the standard's own `StandardReason`s unchanged.
 */
export interface PilotReason {
  code: string;
  params: Readonly<Record<string, unknown>>;
  source?: 'standard';
}

/** The efficiency reasons this module gives. Other features (the classification standard) add their own codes. */
export const PILOT_REASON_CODES = ['output_bottom_quartile', 'output_below_median', 'tax_bottom_quartile', 'tax_below_median'] as const;
export type PilotReasonCode = (typeof PILOT_REASON_CODES)[number];

/** Quantile of sorted values, linear between neighbours (type 7, as spreadsheets compute it); null for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

export interface EfficiencyStats {
  /** Parks with figures in the basis year. */
  parks: number;
  outputPerMu: { q1: number | null; median: number | null };
  taxPerMu: { q1: number | null; median: number | null };
}

/** Lower quartile and median of each per-mu metric over the parks that have it. */
export function efficiencyStats(rows: readonly { outputPerMu: number | null; taxPerMu: number | null }[]): EfficiencyStats {
  const sorted = (k: 'outputPerMu' | 'taxPerMu') => rows.map((r) => r[k]).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const o = sorted('outputPerMu');
  const t = sorted('taxPerMu');
  return {
    parks: rows.length,
    outputPerMu: { q1: quantile(o, 0.25), median: quantile(o, 0.5) },
    taxPerMu: { q1: quantile(t, 0.25), median: quantile(t, 0.5) },
  };
}

/**
 * Why a park counts as low-efficiency in the basis year: for each of output and tax per mu, in the
 * city's lower quartile (or, if not, below the city's median), and below its district's median.
 * Empty when it is at or above every median: then it is no candidate.
 */
export function efficiencyReasons(park: { outputPerMu: number | null; taxPerMu: number | null; district: string }, city: EfficiencyStats, district: EfficiencyStats): PilotReason[] {
  const out: PilotReason[] = [];
  for (const [metric, prefix] of [['outputPerMu', 'output'], ['taxPerMu', 'tax']] as const) {
    const value = park[metric];
    if (value === null) continue;
    const c = city[metric];
    if (c.q1 !== null && value <= c.q1) out.push({ code: `${prefix}_bottom_quartile`, params: { scope: 'city', value, threshold: c.q1 } });
    else if (c.median !== null && value < c.median) out.push({ code: `${prefix}_below_median`, params: { scope: 'city', value, threshold: c.median } });
    const d = district[metric];
    if (d.median !== null && value < d.median) out.push({ code: `${prefix}_below_median`, params: { scope: 'district', district: park.district, value, threshold: d.median } });
  }
  return out;
}

/** The ranking order: lowest output per mu first, then lowest tax per mu (none last), then park id. */
export function compareCandidates(a: { parkId: number; outputPerMu: number; taxPerMu: number | null }, b: { parkId: number; outputPerMu: number; taxPerMu: number | null }): number {
  const ta = a.taxPerMu ?? Infinity;
  const tb = b.taxPerMu ?? Infinity;
  return a.outputPerMu - b.outputPerMu || (ta === tb ? 0 : ta < tb ? -1 : 1) || a.parkId - b.parkId;
}

/** Relative change from before to after ((after − before) / |before|); null when either is missing or before is 0. */
export function efficiencyChange(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before === 0) return null;
  return (after - before) / Math.abs(before);
}

// ── The answers of GET /api/pilots/candidates and GET /api/pilots (one definition for the server and the app) ──

/** One park's per-mu figures of one year, as the engine answers them for the caller. */
export interface ParkYearEfficiency {
  year: number;
  outputPerMu: number | null;
  taxPerMu: number | null;
  enterprises: number | null;
  /** Hidden from this role (small cells): viewers and the public only. */
  suppressed: boolean;
}

export interface PilotCandidate {
  parkId: number;
  code: string;
  name: string;
  district: string;
  town: string;
  category: string;
  progress: string;
  /** The park's version: a nomination is a proposal with this If-Match. */
  version: number;
  areaMu: number;
  outputPerMu: number;
  taxPerMu: number | null;
  enterprises: number | null;
  /** Place in the city-wide ranking and in the district's (1 = least efficient). */
  cityRank: number;
  districtRank: number;
  reasons: PilotReason[];
  /** A pending proposal that already nominates the park (for any year). */
  nomination: { proposalId: number; year: number | null; submittedBy: string } | null;
}

export interface CandidateAnswer {
  year: number;
  /** The year whose figures the ranking uses (null when no year of figures is complete). */
  basisYear: number | null;
  district: string | null;
  city: EfficiencyStats;
  districtStats: EfficiencyStats | null;
  items: PilotCandidate[];
  total: number;
  /** Eligible parks (not eliminated, no pilot year) without enterprise figures in the basis year: not ranked. */
  unassessed: number;
}

export interface PilotPark {
  parkId: number;
  code: string;
  name: string;
  district: string;
  town: string;
  category: string;
  progress: string;
  statusDate: string;
  areaMu: number;
  /** The year before the pilot year, and the latest complete year after it (null when none yet). */
  before: ParkYearEfficiency | null;
  after: ParkYearEfficiency | null;
  change: { outputPerMu: number | null; taxPerMu: number | null };
}

export interface PilotNomination {
  proposalId: number;
  parkId: number;
  parkName: string;
  district: string;
  /** 'nominate': the park would become a pilot of the year; 'withdraw': a pilot of the year would stop being one. */
  action: 'nominate' | 'withdraw';
  reason: string;
  submittedBy: string;
  submittedAt: string;
  stale: boolean;
}

export interface PilotYearAnswer {
  year: number;
  target: number;
  range: { min: number; max: number };
  confirmed: number;
  band: PilotBand;
  warning: boolean;
  beforeYear: number;
  /** The latest complete year of figures after the pilot year began (null when none yet). */
  afterYear: number | null;
  byDistrict: Record<string, { confirmed: number; pending: number | null }>;
  progress: Record<string, number>;
  /** Area-weighted before/after over the pilots with both figures published (the same parks in both). */
  summary: { parks: number; before: { outputPerMu: number | null; taxPerMu: number | null }; after: { outputPerMu: number | null; taxPerMu: number | null } };
  pilots: PilotPark[];
  /** Pending nominations and withdrawals the user may see; null for viewers and the public (no pending detail). */
  nominations: PilotNomination[] | null;
  /** Confirmed + pending nominations − pending withdrawals, and its band; null when nominations are not shown. */
  projected: number | null;
  projectedBand: PilotBand | null;
}

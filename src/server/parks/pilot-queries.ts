// Pilot selection (architecture §4, "Pilot selection"): the ranking of low-efficiency village parks
// that districts nominate from, and a year's pilots (confirmed and nominated) against the plan's ~20,
// with each pilot's efficiency before and after and its renovation progress. A nomination is a
// pending proposal of kind 'pilot' (parks/proposals.ts) and a confirmation is its approval, so the
// confirmed pilots are simply the parks whose pilot_year is the year. Efficiency figures come from
// the indicator engine (outputPerMu, taxPerMu by villagePark), never from SQL of our own.
import { EMPTY_FILTER } from '../../domain/enterprise-filter.ts';
import type { IndicatorAnswer } from '../../domain/monitoring/indicators.ts';
import {
  basisYear, compareCandidates, DEFAULT_PILOT_TARGET, efficiencyChange, efficiencyReasons, efficiencyStats, pilotCountBand, pilotCountRange,
  type CandidateAnswer, type EfficiencyStats, type ParkYearEfficiency, type PilotCandidate, type PilotNomination, type PilotPark, type PilotReason, type PilotYearAnswer,
} from '../../domain/pilots.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { mayReadConfidential, maySeeProposals } from '../../domain/permissions.ts';
import type { Queryable } from '../db/database.ts';
import { computeSeries } from '../monitoring/indicator-engine.ts';
import { suggestionsFor } from './standard-queries.ts';

interface EfficiencyTable {
  /** Years whose December is in the data, ascending. */
  completeYears: number[];
  /** year → park id → figures (parks with enterprise figures in that year only). */
  byYear: Map<number, Map<number, ParkYearEfficiency>>;
}

/** The first year of efficiency figures considered (the year before the plan's first pilot year). */
const FIRST_YEAR = Math.min(...taxonomy.pilotYears) - 1;

/** outputPerMu and taxPerMu of every village park with figures, for every year from FIRST_YEAR to the data's last: two engine series. */
async function efficiencyTable(db: Queryable, confidential: boolean): Promise<EfficiencyTable> {
  const [{ through }] = await db.query<{ through: number | null }>('SELECT max(month) AS through FROM operating_figures');
  if (through === null) return { completeYears: [], byYear: new Map() };
  const last = Math.floor(through / 100);
  const years: number[] = [];
  for (let y = Math.min(FIRST_YEAR, last); y <= last; y++) years.push(y);
  const ask = (metric: 'outputPerMu' | 'taxPerMu') => computeSeries(db,
    { metric, period: String(years[0]), cumulative: false, by: 'villagePark', filter: EMPTY_FILTER, compare: [] },
    years.map(String), { confidential, lang: 'zh-Hans' });
  const [output, tax] = await Promise.all([ask('outputPerMu'), ask('taxPerMu')]);
  const byYear = new Map<number, Map<number, ParkYearEfficiency>>();
  output.forEach((answer: IndicatorAnswer, i) => {
    const year = Number(answer.period);
    const taxRows = new Map(tax[i].rows.map((r) => [r.key, r]));
    const parks = new Map<number, ParkYearEfficiency>();
    for (const r of answer.rows) {
      const t = taxRows.get(r.key);
      parks.set(Number(r.key), { year, outputPerMu: r.value, taxPerMu: t?.value ?? null, enterprises: r.enterprises, suppressed: Boolean(r.suppressed || t?.suppressed) });
    }
    byYear.set(year, parks);
  });
  return { completeYears: years.filter((y) => y * 100 + 12 <= through), byYear };
}

interface PendingPilot {
  proposalId: number;
  parkId: number;
  district: string;
  fromYear: number | null;
  toYear: number | null;
  reason: string;
  submittedBy: string;
  submittedAt: string;
  stale: boolean;
}

/** Pending proposals that change a pilot year (nominations, changes of year, withdrawals), optionally of some districts. */
async function pendingPilotProposals(db: Queryable, districts?: string[]): Promise<PendingPilot[]> {
  const rows = await db.query<{ id: number; park_id: number; district: string; from_year: number | null; to_year: number | null; reason: string; submitted_by_name: string; submitted_at: string; stale: boolean }>(
    `SELECT r.id, r.park_id, r.district, (r.from_status->>'pilotYear')::int AS from_year, (r.to_status->>'pilotYear')::int AS to_year, r.reason,
       r.submitted_by_name, to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_at, r.base_version <> p.version AS stale
     FROM park_proposals r JOIN village_parks p ON p.id = r.park_id
     WHERE r.status = 'pending' AND 'pilot' = ANY(r.kinds) ${districts ? 'AND r.district = ANY($1::text[])' : ''}
     ORDER BY r.submitted_at, r.id`, districts ? [districts] : []);
  return rows.map((r) => ({
    proposalId: r.id, parkId: r.park_id, district: r.district, fromYear: r.from_year, toYear: r.to_year, reason: r.reason,
    submittedBy: r.submitted_by_name, submittedAt: r.submitted_at, stale: r.stale,
  }));
}

// ---------------------------------------------------------------------------------------------
// Reasons from other features: THE ONE PLACE where they plug in. The classification standard's
// suggestion for each park (parks/standard-queries.ts `suggestionsFor`, under the active version):
// `{source: 'standard', code: 'suggestion', params: {suggested, rule}}` and then the standard's own
// reasons, appended after the efficiency reasons. They inform; they do not make a park a candidate.
// ---------------------------------------------------------------------------------------------
async function otherReasons(db: Queryable, parkIds: number[]): Promise<Map<number, PilotReason[]>> {
  const out = new Map<number, PilotReason[]>();
  if (!parkIds.length) return out;
  const standard = await suggestionsFor(db, parkIds);
  for (const s of standard.items) {
    if (!s.suggested) continue;
    out.set(s.parkId, [
      { source: 'standard', code: 'suggestion', params: { suggested: s.suggested, rule: s.rule, version: standard.version?.version ?? null } },
      ...s.reasons.map((r): PilotReason => ({ source: 'standard', code: r.code, params: r.params })),
    ]);
  }
  return out;
}

interface ParkBase {
  id: number;
  code: string;
  name: string;
  district: string;
  town: string;
  category: string;
  progress: string;
  pilot_year: number | null;
  status_date: string;
  version: number;
  area_mu: number;
}

async function parkBases(db: Queryable, where = '', params: unknown[] = []): Promise<ParkBase[]> {
  return db.query<ParkBase>(
    `SELECT id, code, name, district, town_name AS town, category, progress, pilot_year, to_char(status_date, 'YYYY-MM-DD') AS status_date, version, area_mu::float8 AS area_mu
     FROM village_parks ${where} ORDER BY id`, params);
}

/**
 * Low-efficiency village parks, least efficient first: parks with enterprise figures in the basis
 * year, not being eliminated and not pilots already, that have at least one reason (below a median
 * or in the lower quartile of the city or their district). The medians are over every park with
 * figures. Only for roles that read confidential figures (the routes check).
 */
export async function pilotCandidates(db: Queryable, q: { year: number; district?: string; limit: number }): Promise<CandidateAnswer> {
  const table = await efficiencyTable(db, true);
  const basis = basisYear(q.year, table.completeYears);
  const figures = basis === null ? new Map<number, ParkYearEfficiency>() : table.byYear.get(basis) ?? new Map();
  const parks = await parkBases(db);
  const withFigures = parks.filter((p) => figures.get(p.id)?.outputPerMu != null);
  const row = (p: ParkBase) => ({ ...figures.get(p.id)!, district: p.district });
  const city = efficiencyStats(withFigures.map(row));
  const byDistrict = new Map<string, EfficiencyStats>(taxonomy.districts.map((d) => [d.code, efficiencyStats(withFigures.filter((p) => p.district === d.code).map(row))]));
  const eligible = parks.filter((p) => p.category !== 'eliminate' && p.pilot_year === null);
  const assessed = eligible.filter((p) => figures.get(p.id)?.outputPerMu != null);
  const extra = await otherReasons(db, assessed.map((p) => p.id));
  const pending = new Map((await pendingPilotProposals(db)).filter((x) => x.toYear !== null).map((x) => [x.parkId, x]));
  const ranked = assessed
    .map((p) => {
      const f = figures.get(p.id)!;
      const own = efficiencyReasons(row(p), city, byDistrict.get(p.district)!);
      // A candidate is low-efficiency by its own figures; other features' reasons only add to those.
      const reasons = own.length ? [...own, ...(extra.get(p.id) ?? [])] : [];
      const n = pending.get(p.id);
      return {
        parkId: p.id, code: p.code, name: p.name, district: p.district, town: p.town, category: p.category, progress: p.progress,
        version: p.version, areaMu: p.area_mu, outputPerMu: f.outputPerMu!, taxPerMu: f.taxPerMu, enterprises: f.enterprises,
        cityRank: 0, districtRank: 0, reasons,
        nomination: n ? { proposalId: n.proposalId, year: n.toYear, submittedBy: n.submittedBy } : null,
      } satisfies PilotCandidate;
    })
    .filter((c) => c.reasons.length > 0)
    .sort(compareCandidates);
  const perDistrict = new Map<string, number>();
  ranked.forEach((c, i) => {
    c.cityRank = i + 1;
    c.districtRank = (perDistrict.get(c.district) ?? 0) + 1;
    perDistrict.set(c.district, c.districtRank);
  });
  const shown = q.district ? ranked.filter((c) => c.district === q.district) : ranked;
  return {
    year: q.year,
    basisYear: basis,
    district: q.district ?? null,
    city,
    districtStats: q.district ? byDistrict.get(q.district) ?? null : null,
    items: shown.slice(0, q.limit),
    total: shown.length,
    unassessed: (q.district ? eligible.filter((p) => p.district === q.district) : eligible).length - (q.district ? assessed.filter((p) => p.district === q.district) : assessed).length,
  };
}

/** The plan's pilots for the year: the targets table's `pilotParks` row (administrators edit it), else the taxonomy's. */
async function pilotTarget(db: Queryable, year: number): Promise<number> {
  const [row] = await db.query<{ value: number }>(
    `SELECT value::float8 AS value FROM targets WHERE metric = 'pilotParks' AND scope = 'city' AND year >= $1 ORDER BY year LIMIT 1`, [year]);
  return row?.value ?? DEFAULT_PILOT_TARGET;
}

/**
 * A year's pilots. `user`: who asks; null for the public. Confidential roles get every figure,
 * others the engine's suppressed ones. Nominations: administrators and planners see every
 * district's, an official only their district's, viewers and the public none.
 */
export async function pilotsOfYear(db: Queryable, user: SessionUser | null, year: number): Promise<PilotYearAnswer> {
  const confidential = mayReadConfidential(user);
  const [table, target, parks] = await Promise.all([
    efficiencyTable(db, confidential), pilotTarget(db, year), parkBases(db, 'WHERE pilot_year = $1', [year]),
  ]);
  const beforeYear = year - 1;
  const afterYear = table.completeYears.filter((y) => y >= year).at(-1) ?? null;
  const fig = (y: number | null, id: number) => (y === null ? null : table.byYear.get(y)?.get(id) ?? null);
  const pilots = parks.map((p): PilotPark => {
    const before = fig(beforeYear, p.id);
    const after = fig(afterYear, p.id);
    return {
      parkId: p.id, code: p.code, name: p.name, district: p.district, town: p.town, category: p.category, progress: p.progress,
      statusDate: p.status_date, areaMu: p.area_mu, before, after,
      change: { outputPerMu: efficiencyChange(before?.outputPerMu ?? null, after?.outputPerMu ?? null), taxPerMu: efficiencyChange(before?.taxPerMu ?? null, after?.taxPerMu ?? null) },
    };
  });
  const both = pilots.filter((p) => p.before?.outputPerMu != null && p.after?.outputPerMu != null);
  const weighted = (k: 'before' | 'after', m: 'outputPerMu' | 'taxPerMu') => {
    const rows = both.filter((p) => p.before?.[m] != null && p.after?.[m] != null);
    const mu = rows.reduce((a, p) => a + p.areaMu, 0);
    return mu ? rows.reduce((a, p) => a + p[k]![m]! * p.areaMu, 0) / mu : null;
  };
  const seesPending = maySeeProposals(user);
  const scope = user?.role === 'official' ? [user.district!] : undefined;
  const pending = seesPending ? (await pendingPilotProposals(db, scope)).filter((x) => x.toYear === year || x.fromYear === year) : null;
  const names = new Map<number, string>();
  if (pending?.length) for (const r of await db.query<{ id: number; name: string }>('SELECT id, name FROM village_parks WHERE id = ANY($1::int[])', [pending.map((x) => x.parkId)])) names.set(r.id, r.name);
  const nominations = pending?.map((x): PilotNomination => ({
    proposalId: x.proposalId, parkId: x.parkId, parkName: names.get(x.parkId) ?? '', district: x.district,
    action: x.toYear === year ? 'nominate' : 'withdraw', reason: x.reason, submittedBy: x.submittedBy, submittedAt: x.submittedAt, stale: x.stale,
  })) ?? null;
  const byDistrict: PilotYearAnswer['byDistrict'] = {};
  for (const d of taxonomy.districts) {
    const confirmedHere = parks.filter((p) => p.district === d.code).length;
    const mayCount = nominations !== null && (!scope || scope.includes(d.code));
    byDistrict[d.code] = { confirmed: confirmedHere, pending: mayCount ? nominations.filter((n) => n.district === d.code && n.action === 'nominate').length : null };
  }
  const progress: Record<string, number> = Object.fromEntries(taxonomy.renovationProgress.map((p) => [p.code, 0]));
  for (const p of parks) progress[p.progress] = (progress[p.progress] ?? 0) + 1;
  // Only a view of every district can project the city's count.
  const projected = nominations !== null && !scope
    ? parks.length + nominations.filter((n) => n.action === 'nominate').length - nominations.filter((n) => n.action === 'withdraw').length
    : null;
  return {
    year, target, range: pilotCountRange(target), confirmed: parks.length, band: pilotCountBand(parks.length, target),
    warning: pilotCountBand(parks.length, target) !== 'within', beforeYear, afterYear, byDistrict, progress,
    summary: { parks: both.length, before: { outputPerMu: weighted('before', 'outputPerMu'), taxPerMu: weighted('before', 'taxPerMu') }, after: { outputPerMu: weighted('after', 'outputPerMu'), taxPerMu: weighted('after', 'taxPerMu') } },
    pilots, nominations, projected, projectedBand: projected === null ? null : pilotCountBand(projected, target),
  };
}

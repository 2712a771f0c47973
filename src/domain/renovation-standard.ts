// The classification standard for village industrial parks (村级工业园分类整治标准, issue 13 item 2;
// architecture §4, "The classification standard"). The plan asks the bureau to "制定村级工业园分类整治
// 标准 … 实现淘汰关停一批、功能转换一批、改造提升一批": the standard is data an administrator edits
// (tables standard_versions and standard_rules, migration 15), and this module is its one evaluation,
// used by the server (suggestions, the preview of a draft) and by the app's editor (validation).
//
// A standard is an ordered list of rules. Each rule names a category (eliminate / convert / upgrade)
// and a list of conditions that must all hold. Rules are tried in order and the FIRST rule whose
// conditions all hold decides the suggestion (so the order is the priority: put the zone rules that
// rule a park out first). A rule without conditions holds for every park ("otherwise"). A park no
// rule holds for gets no suggestion. The reasons are data ({code, params}), never sentences: the app
// words them in the user's language.
//
// Conditions:
//   metric: a figure of the park compared with a threshold. Output and tax per mu are the enterprises'
//           figures of the latest complete year (the indicator engine's outputPerMu / taxPerMu by
//           village park), or, for a park none of whose enterprises reported, the park's baseline
//           figures from the parks import; plot ratio is building area / land area; building area
//           (m²) and land area (mu) as imported. A missing figure never satisfies a condition.
//   zone:   the park's relation to the imported zones of one type (table `zones`, import kind
//           `zones`): `intersects` (the interiors overlap), `within` (the park lies inside one zone
//           of that type), `outside` (overlaps none). `outside` holds only when zones of that type
//           were imported at all: without the layer, nobody can say a park is outside it.
// Building age is not in the park data yet, so no condition reads it.
import { taxonomy, type Lang, type RenovationCategory } from './taxonomy.ts';
import type { Problem } from './problems.ts';

/** The categories a standard can suggest (unclassified is what a park is before any decision). */
export const STANDARD_CATEGORIES = ['eliminate', 'convert', 'upgrade'] as const;
export type StandardCategory = (typeof STANDARD_CATEGORIES)[number];

/**
 * Zone types of the polygon layers administrators import (kind `zones`). Labels and the words a
 * file may use for them (Simplified, Traditional, English), so an import can read 生态保护红线.
 */
export const ZONE_TYPES = ['ecologicalRedLine', 'basicFarmland', 'waterSourceProtection', 'industrialControlLine', 'urbanRenewal'] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export const ZONE_TYPE_LABELS: Readonly<Record<ZoneType, Readonly<Record<Lang, string>>>> = {
  ecologicalRedLine: { 'zh-Hans': '生态保护红线', 'zh-Hant': '生態保護紅線', en: 'Ecological protection red line' },
  basicFarmland: { 'zh-Hans': '永久基本农田', 'zh-Hant': '永久基本農田', en: 'Permanent basic farmland' },
  waterSourceProtection: { 'zh-Hans': '饮用水水源保护区', 'zh-Hant': '飲用水水源保護區', en: 'Drinking-water source protection zone' },
  industrialControlLine: { 'zh-Hans': '工业用地控制线', 'zh-Hant': '工業用地控制線', en: 'Industrial land control line' },
  urbanRenewal: { 'zh-Hans': '城市更新片区', 'zh-Hant': '城市更新片區', en: 'Urban renewal area' },
};

/** More words a file may use for a zone type (compared after NFKC, lower case, spaces removed). */
const ZONE_TYPE_ALIASES: Readonly<Record<ZoneType, readonly string[]>> = {
  ecologicalRedLine: ['生态红线', '生态保护红线区', '生態紅線', 'ecological red line', 'eco red line', 'ecologicalRedLine'],
  basicFarmland: ['基本农田', '基本农田保护区', '永久基本农田保护区', '基本農田', 'basic farmland', 'farmland', 'basicFarmland'],
  waterSourceProtection: ['水源保护区', '饮用水源保护区', '水源保護區', 'water source protection', 'waterSourceProtection'],
  industrialControlLine: ['工业控制线', '工业产业区块', '工业产业区块控制线', '工業產業區塊', 'industrial control line', 'industrial block', 'industrialControlLine'],
  urbanRenewal: ['城市更新', '城市更新单元', '城市更新区', '城市更新片區', '城市更新單元', 'urban renewal', 'urbanRenewal'],
};

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]/g, '');
const ZONE_LOOKUP = new Map<string, ZoneType>();
for (const t of ZONE_TYPES) for (const w of [t, ...Object.values(ZONE_TYPE_LABELS[t]), ...ZONE_TYPE_ALIASES[t]]) ZONE_LOOKUP.set(fold(w), t);

/** The zone type a cell names (code, label or alias in any of the three scripts), or null. */
export function zoneTypeOf(text: string): ZoneType | null {
  return ZONE_LOOKUP.get(fold(text)) ?? null;
}

export const isZoneType = (v: unknown): v is ZoneType => typeof v === 'string' && (ZONE_TYPES as readonly string[]).includes(v);
export const isStandardCategory = (v: unknown): v is StandardCategory => typeof v === 'string' && (STANDARD_CATEGORIES as readonly string[]).includes(v);

/** The park figures a condition can compare. Money in yuan per mu, areas in mu and m². */
export const STANDARD_METRICS = ['outputPerMu', 'taxPerMu', 'plotRatio', 'buildingAreaM2', 'areaMu'] as const;
export type StandardMetric = (typeof STANDARD_METRICS)[number];
export const COMPARISONS = ['lt', 'lte', 'gt', 'gte'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const ZONE_RELATIONS = ['intersects', 'within', 'outside'] as const;
export type ZoneRelation = (typeof ZONE_RELATIONS)[number];

export type StandardCondition =
  | { kind: 'metric'; metric: StandardMetric; op: Comparison; value: number }
  | { kind: 'zone'; zoneType: ZoneType; relation: ZoneRelation };

export interface StandardRule {
  category: StandardCategory;
  /** All must hold; none = the rule holds for every park. */
  conditions: StandardCondition[];
  /** The administrator's own note (shown with the rule, never evaluated). */
  note?: string;
}

export const MAX_RULES = 50;
export const MAX_CONDITIONS = 10;

/** What the server knows of one park for the standard. */
export interface StandardParkFacts {
  id: number;
  district: string;
  category: RenovationCategory;
  outputPerMu: number | null;
  taxPerMu: number | null;
  /** Where the per-mu figures come from: the enterprises' returns of `year`, or the park's imported baseline. */
  efficiencySource: 'enterprises' | 'baseline';
  efficiencyYear: string | null;
  areaMu: number | null;
  buildingAreaM2: number | null;
  /** The zones the park's interior overlaps, and whether it lies inside each. */
  zones: readonly { type: ZoneType; name: string; within: boolean }[];
}

export interface StandardContext {
  /** Zone types of which at least one zone is stored: `outside` holds only for these. */
  zoneTypesLoaded: ReadonlySet<ZoneType>;
}

/** Why a rule held, one reason per condition (or `otherwise` for a rule without conditions). */
export type StandardReason =
  | { code: 'metric'; params: { metric: StandardMetric; op: Comparison; threshold: number; value: number; source: 'enterprises' | 'baseline'; year: string | null } }
  | { code: 'zone'; params: { zoneType: ZoneType; relation: 'intersects' | 'within'; zones: string[] } }
  | { code: 'outsideZone'; params: { zoneType: ZoneType } }
  | { code: 'otherwise'; params: Record<string, never> };

export interface StandardSuggestion {
  parkId: number;
  district: string;
  /** The park's category now. */
  category: RenovationCategory;
  /** What the standard suggests; null when no rule holds. */
  suggested: StandardCategory | null;
  /** 1-based position of the rule that decided, or null. */
  rule: number | null;
  reasons: StandardReason[];
  /** The park has a category (not unclassified) and it differs from the suggestion. */
  contradicts: boolean;
}

/** A figure of the park for a metric condition, or null when it is unknown. */
export function metricValue(facts: StandardParkFacts, metric: StandardMetric): number | null {
  switch (metric) {
    case 'outputPerMu': return facts.outputPerMu;
    case 'taxPerMu': return facts.taxPerMu;
    case 'areaMu': return facts.areaMu;
    case 'buildingAreaM2': return facts.buildingAreaM2;
    case 'plotRatio':
      return facts.areaMu && facts.areaMu > 0 && facts.buildingAreaM2 !== null ? facts.buildingAreaM2 / (facts.areaMu * taxonomy.muInSquareMetres) : null;
  }
}

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case 'lt': return value < threshold;
    case 'lte': return value <= threshold;
    case 'gt': return value > threshold;
    case 'gte': return value >= threshold;
  }
}

/** The reason a condition holds for the park, or null when it does not. */
export function conditionReason(c: StandardCondition, facts: StandardParkFacts, ctx: StandardContext): StandardReason | null {
  if (c.kind === 'metric') {
    const value = metricValue(facts, c.metric);
    if (value === null || !Number.isFinite(value) || !compare(value, c.op, c.value)) return null;
    const perMu = c.metric === 'outputPerMu' || c.metric === 'taxPerMu';
    return { code: 'metric', params: { metric: c.metric, op: c.op, threshold: c.value, value, source: perMu ? facts.efficiencySource : 'baseline', year: perMu ? facts.efficiencyYear : null } };
  }
  const hits = facts.zones.filter((z) => z.type === c.zoneType);
  if (c.relation === 'outside') return ctx.zoneTypesLoaded.has(c.zoneType) && hits.length === 0 ? { code: 'outsideZone', params: { zoneType: c.zoneType } } : null;
  const holding = c.relation === 'within' ? hits.filter((z) => z.within) : hits;
  if (!holding.length) return null;
  return { code: 'zone', params: { zoneType: c.zoneType, relation: c.relation, zones: [...new Set(holding.map((z) => z.name))].sort() } };
}

/** The standard's suggestion for one park: the first rule all of whose conditions hold. */
export function evaluateStandard(rules: readonly StandardRule[], facts: StandardParkFacts, ctx: StandardContext): StandardSuggestion {
  for (const [i, rule] of rules.entries()) {
    const reasons: StandardReason[] = [];
    let holds = true;
    for (const c of rule.conditions) {
      const r = conditionReason(c, facts, ctx);
      if (!r) { holds = false; break; }
      reasons.push(r);
    }
    if (!holds) continue;
    if (!rule.conditions.length) reasons.push({ code: 'otherwise', params: {} });
    return { parkId: facts.id, district: facts.district, category: facts.category, suggested: rule.category, rule: i + 1, reasons, contradicts: facts.category !== 'unclassified' && facts.category !== rule.category };
  }
  return { parkId: facts.id, district: facts.district, category: facts.category, suggested: null, rule: null, reasons: [], contradicts: false };
}

/** One from → to count of a preview; `none` = no rule holds. */
export interface StandardMove {
  from: StandardCategory | 'none';
  to: StandardCategory | 'none';
  count: number;
}

export interface StandardPreview {
  parks: number;
  /** Parks whose suggestion differs between the two versions. */
  moved: number;
  moves: StandardMove[];
  byDistrict: { district: string; moved: number; moves: StandardMove[] }[];
  /** Parks whose current category contradicts the suggestion, under each version. */
  contradictions: { from: number; to: number };
}

const moveKey = (m: { from: string; to: string }) => `${m.from}>${m.to}`;
const ORDER = ['eliminate', 'convert', 'upgrade', 'none'];
const byMove = (a: StandardMove, b: StandardMove) => ORDER.indexOf(a.from) - ORDER.indexOf(b.from) || ORDER.indexOf(a.to) - ORDER.indexOf(b.to);

/**
 * How many parks would move if `to` replaced `from` (both the suggestions of the same parks, in any
 * order): counts per from → to of the suggested category (only parks that move), overall and per
 * district, and the contradictions under each.
 */
export function comparePreview(from: readonly StandardSuggestion[], to: readonly StandardSuggestion[]): StandardPreview {
  const before = new Map(from.map((s) => [s.parkId, s]));
  const all = new Map<string, StandardMove>();
  const districts = new Map<string, Map<string, StandardMove>>();
  let moved = 0;
  for (const s of to) {
    const b = before.get(s.parkId);
    const f = b?.suggested ?? 'none';
    const t = s.suggested ?? 'none';
    if (f === t) continue;
    moved++;
    const key = moveKey({ from: f, to: t });
    const m = all.get(key) ?? { from: f, to: t, count: 0 };
    m.count++;
    all.set(key, m);
    const d = districts.get(s.district) ?? new Map<string, StandardMove>();
    const dm = d.get(key) ?? { from: f, to: t, count: 0 };
    dm.count++;
    d.set(key, dm);
    districts.set(s.district, d);
  }
  return {
    parks: to.length,
    moved,
    moves: [...all.values()].sort(byMove),
    byDistrict: [...districts.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([district, m]) => ({ district, moved: [...m.values()].reduce((n, x) => n + x.count, 0), moves: [...m.values()].sort(byMove) })),
    contradictions: { from: from.filter((s) => s.contradicts).length, to: to.filter((s) => s.contradicts).length },
  };
}

/**
 * Checks rules sent by a client (the editor, the API): shapes, codes, finite non-negative
 * thresholds, at most MAX_RULES rules of at most MAX_CONDITIONS conditions. Answers the rules
 * cleaned (notes trimmed, unknown members dropped) or the first problem, naming the 1-based rule
 * and condition.
 */
export function validateRules(input: unknown): { ok: true; rules: StandardRule[] } | { ok: false; problem: Problem<'standard_rule_invalid'> } {
  const bad = (rule: number, reason: StandardRuleProblem, condition?: number): { ok: false; problem: Problem<'standard_rule_invalid'> } =>
    ({ ok: false, problem: { code: 'standard_rule_invalid', params: condition === undefined ? { rule, reason } : { rule, condition, reason } } });
  if (!Array.isArray(input) || input.length === 0) return bad(0, 'noRules');
  if (input.length > MAX_RULES) return bad(0, 'tooManyRules');
  const out: StandardRule[] = [];
  for (const [i, raw] of input.entries()) {
    const n = i + 1;
    if (!raw || typeof raw !== 'object') return bad(n, 'shape');
    const r = raw as Record<string, unknown>;
    if (!isStandardCategory(r.category)) return bad(n, 'category');
    if (!Array.isArray(r.conditions)) return bad(n, 'shape');
    if (r.conditions.length > MAX_CONDITIONS) return bad(n, 'tooManyConditions');
    if (r.note !== undefined && (typeof r.note !== 'string' || r.note.length > 500)) return bad(n, 'note');
    const conditions: StandardCondition[] = [];
    for (const [j, cr] of r.conditions.entries()) {
      const m = j + 1;
      if (!cr || typeof cr !== 'object') return bad(n, 'shape', m);
      const c = cr as Record<string, unknown>;
      if (c.kind === 'metric') {
        if (!(STANDARD_METRICS as readonly unknown[]).includes(c.metric)) return bad(n, 'metric', m);
        if (!(COMPARISONS as readonly unknown[]).includes(c.op)) return bad(n, 'op', m);
        if (typeof c.value !== 'number' || !Number.isFinite(c.value) || c.value < 0) return bad(n, 'threshold', m);
        conditions.push({ kind: 'metric', metric: c.metric as StandardMetric, op: c.op as Comparison, value: c.value });
      } else if (c.kind === 'zone') {
        if (!isZoneType(c.zoneType)) return bad(n, 'zoneType', m);
        if (!(ZONE_RELATIONS as readonly unknown[]).includes(c.relation)) return bad(n, 'relation', m);
        conditions.push({ kind: 'zone', zoneType: c.zoneType, relation: c.relation as ZoneRelation });
      } else return bad(n, 'conditionKind', m);
    }
    const note = typeof r.note === 'string' ? r.note.trim() : '';
    out.push(note ? { category: r.category, conditions, note } : { category: r.category, conditions });
  }
  return { ok: true, rules: out };
}

export type StandardRuleProblem =
  | 'noRules' | 'tooManyRules' | 'shape' | 'category' | 'tooManyConditions' | 'note'
  | 'metric' | 'op' | 'threshold' | 'zoneType' | 'relation' | 'conditionKind';

/**
 * Version 1 of the standard, seeded into an empty table (migration 15 creates the tables; the seed
 * is `ensureDefaultStandard` in src/server/parks/standard-queries.ts). OUR JUDGEMENT, not a published
 * rule: the plan names the three outcomes but no thresholds. The order follows the usual practice of
 * Guangzhou's renovation work: parks on protected land are closed first (ecological red line,
 * permanent basic farmland, drinking-water source protection), then the least efficient parks
 * (output under 150,000 yuan and tax under 8,000 yuan per mu) are closed; a park in an urban
 * renewal area outside the industrial land control line, or a weak one (output under 300,000 yuan
 * per mu) outside that line, changes function; every other park is upgraded where it is.
 * Administrators change all of this as a new version.
 */
export const DEFAULT_STANDARD_RULES: readonly StandardRule[] = [
  { category: 'eliminate', conditions: [{ kind: 'zone', zoneType: 'ecologicalRedLine', relation: 'intersects' }] },
  { category: 'eliminate', conditions: [{ kind: 'zone', zoneType: 'basicFarmland', relation: 'intersects' }] },
  { category: 'eliminate', conditions: [{ kind: 'zone', zoneType: 'waterSourceProtection', relation: 'intersects' }] },
  { category: 'eliminate', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 150_000 }, { kind: 'metric', metric: 'taxPerMu', op: 'lt', value: 8_000 }] },
  { category: 'convert', conditions: [{ kind: 'zone', zoneType: 'urbanRenewal', relation: 'intersects' }, { kind: 'zone', zoneType: 'industrialControlLine', relation: 'outside' }] },
  { category: 'convert', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 300_000 }, { kind: 'zone', zoneType: 'industrialControlLine', relation: 'outside' }] },
  { category: 'upgrade', conditions: [] },
];

// The versions as the API answers them (server: standard-queries.ts; app: endpoints-standard.ts).
export type StandardStatus = 'draft' | 'active' | 'retired';

export interface StandardVersionSummary {
  id: number;
  version: number;
  status: StandardStatus;
  note: string;
  basedOn: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
  ruleCount: number;
}

export interface StandardVersion extends StandardVersionSummary {
  rules: StandardRule[];
}

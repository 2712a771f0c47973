// Early warnings (监测预警): the rule kinds, their parameters and how they are checked, and the shape
// of a warning. Rules are data (table warning_rules, seeded from seeds/warning-rules.json, edited by
// administrators); the server evaluates them (src/server/monitoring/warnings.ts), the dashboard shows
// them. One definition of every threshold, so the SQL, the answer and the editor agree.

export const WARNING_KINDS = ['clusterBehindTarget', 'enterpriseRevenueDrop', 'belowThreshold', 'parkOutputPerMuFell'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export const isWarningKind = (x: unknown): x is WarningKind => typeof x === 'string' && (WARNING_KINDS as readonly string[]).includes(x);

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * Cluster warnings are city aggregates (the plan's targets are the city's), so viewers and the public
 * see them like any indicator; the others rest on one firm's or one park's confidential figures.
 */
export const PUBLIC_KINDS: ReadonlySet<WarningKind> = new Set(['clusterBehindTarget']);

/** How a parameter is entered and shown: percent (30 = 30 %), percentage points, or yuan. */
export type ParamUnit = 'percent' | 'points' | 'yuan';

export interface ParamSpec {
  name: string;
  unit: ParamUnit;
  min: number;
  max: number;
}

export const PARAM_SPECS: Record<WarningKind, readonly ParamSpec[]> = {
  // Warn when the cumulative growth is more than `tolerance` points below the growth still needed.
  clusterBehindTarget: [{ name: 'tolerance', unit: 'points', min: 0, max: 50 }],
  enterpriseRevenueDrop: [{ name: 'percent', unit: 'percent', min: 1, max: 100 }],
  // The above-scale standard (规模以上: annual main-business revenue of 20 million yuan).
  belowThreshold: [{ name: 'annualRevenue', unit: 'yuan', min: 1_000_000, max: 1_000_000_000 }],
  parkOutputPerMuFell: [{ name: 'percent', unit: 'percent', min: 1, max: 100 }],
};

export type RuleParams = Record<string, number>;

export type ParamCheck = { ok: true; params: RuleParams } | { ok: false; field: string; message: string };

/** Checks a rule's parameters against its kind: an object with exactly the kind's numbers, each within bounds. */
export function validateParams(kind: WarningKind, params: unknown): ParamCheck {
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    return { ok: false, field: 'params', message: 'must be an object of numbers' };
  const specs = PARAM_SPECS[kind];
  const given = params as Record<string, unknown>;
  const unknown = Object.keys(given).find((k) => !specs.some((s) => s.name === k));
  if (unknown !== undefined)
    return { ok: false, field: `params.${unknown}`, message: `is not a parameter of ${kind} (it takes ${specs.map((s) => s.name).join(', ')})` };
  const out: RuleParams = {};
  for (const s of specs) {
    const v = given[s.name];
    if (v === undefined) return { ok: false, field: `params.${s.name}`, message: 'is required' };
    if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, field: `params.${s.name}`, message: 'must be a number' };
    if (v < s.min || v > s.max) return { ok: false, field: `params.${s.name}`, message: `must be between ${s.min} and ${s.max}` };
    out[s.name] = v;
  }
  return { ok: true, params: out };
}

export interface WarningRule {
  id: number;
  code: string;
  kind: WarningKind;
  params: RuleParams;
  enabled: boolean;
  severity: Severity;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** What an administrator may change on a rule. */
export interface RuleSettings {
  params: RuleParams;
  enabled: boolean;
  severity: Severity;
}

export interface WarningRuleChange {
  version: number;
  changedAt: string;
  username: string;
  reason: string;
  before: RuleSettings | null;
  after: RuleSettings;
}

// ---- The checks. The server passes these numbers into its SQL, so both say the same thing. ----

/** The cluster's cumulative growth is below what the target still needs, less the tolerance (points). */
export const isBehindTarget = (growth: number, required: number, tolerancePoints: number) => growth < required - tolerancePoints / 100;

/** The fraction a value must fall below, relative to last year's, to warn: 30 % → 0.7. */
export const fallFactor = (percent: number) => 1 - percent / 100;

/** Fell by more than `percent` against the same period last year (nothing to compare with: no warning). */
export const fellBy = (now: number, before: number, percent: number) => before > 0 && now < before * fallFactor(percent);

/** The above-scale standard pro rata for the months of a period (2000万 a year → 1000万 for half a year). */
export const proRataThreshold = (annual: number, months: number) => (annual * months) / 12;

/** Square kilometres in mu (亩), with the taxonomy's 666.67 m² a mu. */
export const muOfKm2 = (km2: number, muInSquareMetres: number) => (km2 * 1_000_000) / muInSquareMetres;

// ---- The answer. ----

export type SubjectType = 'cluster' | 'enterprise' | 'villagePark' | 'valuePark';

export interface WarningSubject {
  type: SubjectType;
  /** Database id of an enterprise or park. */
  id?: number;
  /** Cluster code. */
  key?: string;
  name: string;
  /** District code; null for a cluster (city-wide). */
  district: string | null;
}

/**
 * One warning. Units per kind: `value` and `previous` are yuan (clusters: gross output; enterprises:
 * revenue) or yuan per mu (parks: output per mu), for the period and the same period last year.
 * `change` is (value − previous) / previous. `threshold` is what was crossed: a growth rate compared
 * with `change` (clusterBehindTarget: the growth still needed; the drop kinds: −percent), or yuan
 * compared with `value` (belowThreshold: the standard pro rata) — see THRESHOLD_ON.
 */
export interface Warning {
  rule: string;
  kind: WarningKind;
  severity: Severity;
  subject: WarningSubject;
  value: number | null;
  previous: number | null;
  threshold: number;
  change: number | null;
}

export const THRESHOLD_ON: Record<WarningKind, 'change' | 'value'> = {
  clusterBehindTarget: 'change', enterpriseRevenueDrop: 'change', belowThreshold: 'value', parkOutputPerMuFell: 'change',
};

export interface WarningsAnswer {
  period: string;
  cumulative: boolean;
  /** The first MAX_WARNINGS warnings, by severity then size. */
  items: Warning[];
  /** All warnings per district code (cluster warnings have no district). */
  countsByDistrict: Record<string, number>;
  /** All warnings per rule code (rules that found none are absent). */
  countsByRule: Record<string, number>;
  /** Every warning, listed or not. */
  total: number;
  /** Enabled kinds the caller may not see (viewers and the public: everything about single firms and parks). */
  hiddenKinds: WarningKind[];
  dataThrough: string | null;
  demo: boolean;
}

export const MAX_WARNINGS = 200;

/**
 * The order of the list: severity first, then the kind (the order of WARNING_KINDS: sizes of different
 * kinds are in different units), then the bigger subject (last year's figure) first.
 */
export function compareWarnings(a: Warning, b: Warning): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || WARNING_KINDS.indexOf(a.kind) - WARNING_KINDS.indexOf(b.kind)
    || Math.abs(b.previous ?? 0) - Math.abs(a.previous ?? 0)
    || a.rule.localeCompare(b.rule)
    || (a.subject.id ?? 0) - (b.subject.id ?? 0)
    || (a.subject.key ?? '').localeCompare(b.subject.key ?? '');
}

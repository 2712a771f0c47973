// Labels of codes in the chosen language, the one place the app names them. Taxonomy codes (every
// label comes from seeds/taxonomy.json; towns from domain/towns.ts): categories, progress, districts,
// towns, clusters, tags, tiers; zone types from domain/renovation-standard.ts. Codes outside them
// (indicator metrics, warning severities, subjects, kinds and rule parameters, review kinds,
// key-project statuses, key-city units, roles) from the message catalogue (`<kind>_<code>` keys, so a
// code without words fails the typecheck). An unknown code is shown as it is rather than hidden.
// (Exports name codes with domain/extract/extract-labels.ts, which has no app code.)
import { KEY_PROJECT_STATUSES, type KeyProjectStatus } from '../../domain/key-projects.ts';
import type { Metric } from '../../domain/monitoring/indicators.ts';
import type { Severity, SubjectType, WarningKind } from '../../domain/monitoring/warnings.ts';
import type { Role } from '../../domain/permissions.ts';
import { REVIEW_KINDS, type ReviewKind } from '../../domain/renovation-review.ts';
import { ZONE_TYPE_LABELS, type Comparison, type StandardMetric, type ZoneRelation, type ZoneType } from '../../domain/renovation-standard.ts';
import { clusterByCode, label, subIndustryByCode, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { t, tf, type MessageKey } from './messages.ts';

const find = <T extends { code: string; label: Record<Lang, string> }>(list: readonly T[], code: string | null, lang: Lang) => {
  const e = list.find((x) => x.code === code);
  return e ? label(e, lang) : (code ?? '—');
};

export const clusterLabel = (code: string, lang: Lang) => {
  const c = clusterByCode(code);
  return c ? label(c, lang) : code;
};
export const subIndustryLabel = (code: string, lang: Lang) => {
  const s = subIndustryByCode(code);
  return s ? label(s.sub, lang) : code;
};
export const futureIndustryLabel = (code: string | null, lang: Lang) => find(taxonomy.futureIndustries, code, lang);
export const tagLabel = (code: string, lang: Lang) => find(taxonomy.enterpriseTags, code, lang);
export const tierLabel = (code: string, lang: Lang) => find(taxonomy.revenueTiers, code, lang);
export const elementLabel = (code: string, lang: Lang) => find(taxonomy.valueParkElements, code, lang);
export const tagGroupLabel = (code: string, lang: Lang) => find(taxonomy.tagGroups, code, lang);
export { townLabel } from '../../domain/towns.ts';

export const categoryLabel = (code: string | null, lang: Lang): string => {
  const c = taxonomy.renovationCategories.find((x) => x.code === code);
  return c ? label(c, lang) : (code ?? '—');
};

export const progressLabel = (code: string | null, lang: Lang): string => {
  const p = taxonomy.renovationProgress.find((x) => x.code === code);
  return p ? label(p, lang) : (code ?? '—');
};

export const pilotLabel = (year: number | null, lang: Lang): string => (year === null ? t('none', lang) : String(year));

export const districtLabel = (code: string | null, lang: Lang): string => {
  const d = taxonomy.districts.find((x) => x.code === code);
  return d ? label(d, lang) : (code ?? '—');
};

export const clusterColor = (code: string) => clusterByCode(code)?.color ?? '#777777';

/** A value-innovation park's name in the UI language (the API carries all three). */
export const valueParkName = (p: { name: string; nameZhHant?: string; nameEn?: string }, lang: Lang) =>
  (lang === 'en' ? p.nameEn : lang === 'zh-Hant' ? p.nameZhHant : p.name) || p.name;

/** Yuan as 億元 (the taxonomy's target unit), e.g. "12.3 亿元"; in English as CNY millions or billions. */
export function formatYi(yuan: number, lang: Lang): string {
  if (lang === 'en') {
    const [v, unit] = yuan >= 1e9 ? [yuan / 1e9, 'billion'] : [yuan / 1e6, 'million'];
    return `CNY ${new Intl.NumberFormat('en', { maximumFractionDigits: v >= 100 ? 0 : 1 }).format(v)} ${unit}`;
  }
  const yi = yuan / taxonomy.unitTarget.yuan;
  const digits = yi >= 100 ? 0 : yi >= 1 ? 1 : 2;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(yi)} ${label(taxonomy.unitTarget.label, lang)}`;
}

/** Yuan the way Chinese statistics write a firm's figures: 亿元 from 100 million up, else 万元; English in CNY millions. */
export function formatMoney(yuan: number, lang: Lang): string {
  if (lang === 'en' || Math.abs(yuan) >= taxonomy.unitTarget.yuan) return formatYi(yuan, lang);
  const wan = yuan / 10_000;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: Math.abs(wan) >= 100 ? 0 : 1 }).format(wan)} ${lang === 'zh-Hant' ? '萬元' : '万元'}`;
}

/** An indicator metric's name (the dashboard, the choropleth, problems). */
export const metricLabel = (m: Metric, lang: Lang) => t(`metricLabel_${m}`, lang);

export const severityLabel = (s: Severity, lang: Lang) => t(`severity_${s}`, lang);
export const subjectLabel = (s: SubjectType, lang: Lang) => t(`subject_${s}`, lang);
/** A warning rule kind's short name (the editor's rows). */
export const warningKindLabel = (k: WarningKind, lang: Lang) => t(`warningKind_${k}`, lang);
/** The rule in words, with its threshold (`percent`, already formatted). */
export const warningRuleText = (k: WarningKind, lang: Lang, percent: string) => tf(`warningRule_${k}`, lang, { percent });

const RULE_PARAM_KEYS: Readonly<Record<string, MessageKey>> = { tolerance: 'ruleParam_tolerance', percent: 'ruleParam_percent', annualRevenue: 'ruleParam_annualRevenue' };
/** A warning rule's parameter name, with the unit it is typed in. */
export const ruleParamLabel = (name: string, lang: Lang) => (RULE_PARAM_KEYS[name] ? t(RULE_PARAM_KEYS[name], lang) : name);

/** A kind of change the city reviews (the code itself when unknown). */
export const reviewKindLabel = (kind: string, lang: Lang): string => ((REVIEW_KINDS as readonly string[]).includes(kind) ? t(`reviewKind_${kind as ReviewKind}`, lang) : kind);
/** Several kinds, joined the way the language lists things. */
export const reviewKindsText = (kinds: readonly string[], lang: Lang): string => kinds.map((k) => reviewKindLabel(k, lang)).join(lang === 'en' ? ', ' : '、');

export const keyProjectStatusLabel = (status: KeyProjectStatus, lang: Lang): string => (KEY_PROJECT_STATUSES.includes(status) ? t(`kpStatus_${status}`, lang) : status);

const CITY_UNIT_KEYS: Readonly<Record<string, MessageKey>> = { 亿元: 'cityUnit_yi', '%': 'cityUnit_percent', count: 'cityUnit_count', 'km²': 'cityUnit_km2' };
/** A key-city indicator's unit (as domain/monitoring/city-indicators.ts writes it). */
export const cityUnitLabel = (unit: string, lang: Lang) => (CITY_UNIT_KEYS[unit] ? t(CITY_UNIT_KEYS[unit], lang) : unit);

// The classification standard's terms (messages-standard.ts puts them into conditions and reasons).
export const zoneTypeLabel = (z: ZoneType, lang: Lang) => ZONE_TYPE_LABELS[z][lang];
export const standardMetricLabel = (m: StandardMetric, lang: Lang) => t(`metric_${m}`, lang);
export const comparisonLabel = (op: Comparison, lang: Lang) => t(`op_${op}`, lang);
export const zoneRelationLabel = (r: ZoneRelation, lang: Lang) => t(`rel_${r}`, lang);

const ROLE_KEYS: Readonly<Record<Role | 'public', MessageKey>> = { admin: 'roleAdmin', official: 'roleOfficial', planner: 'rolePlanner', viewer: 'roleViewer', public: 'rolePublic' };
/** A role's name; `public` is a caller without a session (the server's problems name it). Unknown: the code. */
export const roleLabel = (role: string, lang: Lang): string => (Object.hasOwn(ROLE_KEYS, role) ? t(ROLE_KEYS[role as Role], lang) : role);

// Problems in the user's language (architecture §10): the server's problem details, import and bulk
// report rows, and the app's own file checks all carry a code of src/domain/problems.ts and its
// parameters; the words come from one catalogue per language (problems-zh-Hans.ts, -zh-Hant.ts,
// -en.ts). Only a code this build does not know falls back to the English text the server sent.
import { cityDef, cityIndicatorDef } from '../../domain/monitoring/city-indicators.ts';
import { isMetric } from '../../domain/monitoring/indicators.ts';
import { isProblemCode, type Problem, type ProblemRef } from '../../domain/problems.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { t, type MessageKey } from './messages.ts';
import { formatDateTime, formatNumber } from './format.ts';
import { categoryLabel, clusterLabel, districtLabel, formatMoney, metricLabel, progressLabel, reviewKindLabel, roleLabel, ruleParamLabel } from './labels.ts';
import type { ProblemCatalogue, ProblemFormat } from './problem-catalogue.ts';
import { zhHansProblems } from './problems-zh-Hans.ts';
import { zhHantProblems } from './problems-zh-Hant.ts';
import { enProblems } from './problems-en.ts';

export const PROBLEM_CATALOGUES: Readonly<Record<Lang, ProblemCatalogue>> = { 'zh-Hans': zhHansProblems, 'zh-Hant': zhHantProblems, en: enProblems };

const KIND_KEYS: Record<string, MessageKey> = { enterprises: 'kindEnterprises', parks: 'kindParks', districts: 'kindDistricts', operating: 'kindOperating', cityIndicators: 'kindCityIndicators', keyProjects: 'kindKeyProjects', zones: 'kindZones' };
const CRS_KEYS: Record<string, MessageKey> = { wgs84: 'crsWgs84', cgcs2000: 'crsCgcs2000', gcj02: 'crsGcj02', bd09: 'crsBd09' };

const formats = new Map<Lang, ProblemFormat>();

/** The helpers messages use, for a language. */
export function problemFormat(lang: Lang): ProblemFormat {
  const cached = formats.get(lang);
  if (cached) return cached;
  const c = PROBLEM_CATALOGUES[lang];
  const f: ProblemFormat = {
    lang,
    q: (v) => c.quote(String(v ?? '')),
    n: (v, digits = 7) => formatNumber(v, lang, digits),
    list: (items) => (items ?? []).map(String).join(c.listSeparator),
    district: (code) => (code ? districtLabel(code, lang) : '—'),
    category: (code) => categoryLabel(code, lang),
    progress: (code) => progressLabel(code, lang),
    role: (role) => roleLabel(role, lang),
    thing: (thing) => c.things[thing] ?? thing,
    file: (file) => c.files[file] ?? file,
    field: (name) => fieldLabel(name, lang),
    metric: (code) => (isMetric(code) ? metricLabel(code, lang) : code),
    cluster: (code) => clusterLabel(code, lang),
    city: (code) => cityDef(code)?.label[lang] ?? code,
    indicator: (code) => cityIndicatorDef(code)?.label[lang] ?? code,
    importKind: (kind) => (KIND_KEYS[kind] ? t(KIND_KEYS[kind], lang) : kind),
    crs: (code) => (CRS_KEYS[code] ? t(CRS_KEYS[code], lang) : code),
    layer: (code) => c.layers[code] ?? code,
    ruleParam: (name) => ruleParamLabel(name, lang),
    reviewKind: (kind) => reviewKindLabel(kind, lang),
    yuan: (v) => formatMoney(v, lang),
    dateTime: (iso) => formatDateTime(iso, lang),
    nested: (ref) => problemText(ref, lang) ?? '',
  };
  formats.set(lang, f);
  return f;
}

/** A field's name in the language: import fields and request fields; `params.x` and `a.b` by their last part. */
export function fieldLabel(name: string, lang: Lang): string {
  const fields = PROBLEM_CATALOGUES[lang].fields;
  return fields[name] ?? fields[name.split('.').pop() ?? name] ?? name;
}

/**
 * A problem in the user's language; `fallback` (the server's English text) when the code is unknown
 * to this build or its parameters are missing (an import report stored before codes had parameters).
 */
export function problemText(p: ProblemRef | null | undefined, lang: Lang, fallback?: string): string | null {
  if (!p || !isProblemCode(p.code)) return fallback ?? null;
  const message = PROBLEM_CATALOGUES[lang].messages[p.code] as (params: unknown, f: ProblemFormat) => string;
  try {
    return message(p.params ?? {}, problemFormat(lang));
  } catch {
    return fallback ?? null;
  }
}

/** Per-field problems as "field: message" lines (fields the app does not know keep their name). */
export function fieldProblemTexts(fields: Record<string, ProblemRef> | undefined, lang: Lang, english: Record<string, string> = {}): string[] {
  const c = PROBLEM_CATALOGUES[lang];
  return Object.entries(fields ?? {}).map(([field, p]) => `${fieldLabel(field, lang)}${c.colon}${problemText(p, lang, english[field]) ?? ''}`);
}

/** Per-field problems as field → message, for forms that show a message next to each input. */
export function fieldProblemMap(fields: Record<string, ProblemRef> | undefined, lang: Lang, english: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, p] of Object.entries(fields ?? {})) out[field] = problemText(p, lang, english[field]) ?? english[field] ?? '';
  for (const [field, m] of Object.entries(english)) out[field] ??= m;
  return out;
}

export interface IssueLike {
  row: number;
  field?: string;
  code: string;
  params?: Record<string, unknown>;
  message: string;
}

/** Where an import issue is, in words: "第 5 行，统一社会信用代码（列“信用代码”）". */
export function issuePlace(issue: Pick<IssueLike, 'row' | 'field'>, lang: Lang, mapping: Record<string, string | undefined> = {}): string {
  const c = PROBLEM_CATALOGUES[lang];
  const at = issue.row > 0 ? c.row(issue.row) : c.wholeFile;
  if (!issue.field) return at;
  const header = mapping[issue.field];
  const name = fieldLabel(issue.field, lang);
  return `${at}${c.listSeparator === '、' ? '，' : ', '}${header ? c.fieldInColumn(name, header) : name}`;
}

/** The message of an import issue without its place (the report shows row and field in columns); English as sent when unknown. */
export function issueMessage(issue: IssueLike, lang: Lang): string {
  if (issue.params === undefined) return issue.message;
  return problemText({ code: issue.code, params: issue.params }, lang, issue.message) ?? issue.message;
}

/** An import issue in one line, place included. */
export function issueText(issue: IssueLike, lang: Lang, mapping: Record<string, string | undefined> = {}): string {
  if (issue.params === undefined || !isProblemCode(issue.code)) return issue.message;
  return `${issuePlace(issue, lang, mapping)}${PROBLEM_CATALOGUES[lang].colon}${issueMessage(issue, lang)}`;
}

/** A problem made on the client (the area file). */
export const localProblemText = (p: Problem, lang: Lang) => problemText(p, lang) ?? '';

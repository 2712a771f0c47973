// Problems the server (and the app's own file readers) can report, each with a stable code and
// typed parameters: the one list of codes (architecture §10). The server answers them as RFC 9457
// problem details (`code`, `params`, `fieldProblems`, with the English `detail` for API users); the
// import report (park status files included) carries them per row; the app renders every code from its message
// catalogue (src/app/i18n/problems-*.ts), which the compiler checks against this list.
//
// Parameters are data, never sentences: codes of the taxonomy (districts, categories, progress),
// numbers, dates, the user's own values. District codes always travel under a key named `district`
// or ending in `District`, so the app can name the district the way users do (白云区, not 440111).
import type { RenovationCategory, RenovationProgress } from './taxonomy.ts';
import type { ReviewKind } from './renovation-review.ts';
import type { StandardRuleProblem } from './renovation-standard.ts';
import type { ReportStage } from './monitoring/reports.ts';

/** What a "not found" or "changed meanwhile" is about. */
export type ProblemThing =
  | 'park' | 'valuePark' | 'enterprise' | 'user' | 'import' | 'mapping' | 'report' | 'schedule'
  | 'target' | 'warningRule' | 'cityFigure' | 'proposal' | 'industrialBlock' | 'standardVersion';

/** A facet of the enterprise filter (src/domain/enterprise-filter.ts). */
export type FilterFacet = 'cluster' | 'subIndustry' | 'futureIndustry' | 'tag' | 'revenueTier' | 'district' | 'town';

/** Which text file an encoding problem is about. */
export type ProblemFile = 'file' | 'csv' | 'geojson' | 'zip' | 'xlsx' | 'prj' | 'dbf';

/** A nested problem (the cause of a bulk row's failure, say), as it travels in JSON. */
export interface ProblemRef {
  code: string;
  params?: Record<string, unknown>;
}

/** A phantom: the parameters' type at compile time, an empty object at run time. */
const p = <T extends object = Record<never, never>>(): T => ({}) as T;

type Value = { value: string };

/** Every code with its parameters. Add a code here, then its message in the three catalogues. */
export const PROBLEMS = {
  // ── Requests in general ─────────────────────────────────────────────────────────────────────
  not_found: p<{ thing: ProblemThing; id: string | number }>(),
  route_not_found: p<{ method: string; path: string }>(),
  login_required: p(),
  csrf_invalid: p(),
  role_required: p<{ roles: string[] }>(),
  revenue_tier_forbidden: p(),
  confidential_enterprises: p<{ loggedIn: boolean }>(),
  body_invalid_json: p(),
  body_empty: p(),
  body_too_large: p(),
  content_type_unsupported: p(),
  content_length_mismatch: p(),
  body_not_utf8: p(),
  body_too_deep: p<{ max: number }>(),
  server_error: p(),
  /** Schema validation failed; `fieldProblems` says where and why. */
  request_invalid: p<{ where: 'query' | 'params' | 'body' }>(),
  reason_required: p(),

  // ── One field (the values of `fieldProblems`) ──────────────────────────────────────────────
  field_required: p(),
  field_unknown: p(),
  field_one_of: p<{ allowed: (string | number | null)[]; value?: string }>(),
  field_type: p<{ type: string }>(),
  field_too_short: p<{ min: number }>(),
  field_too_long: p<{ max: number }>(),
  field_too_small: p<{ min: number }>(),
  field_too_large: p<{ max: number }>(),
  field_pattern: p(),
  field_format: p<{ format: string }>(),
  field_too_few_items: p<{ min: number }>(),
  field_too_many_items: p<{ max: number }>(),
  field_invalid: p(),
  field_blank: p(),
  field_taken: p(),
  field_duplicate_items: p(),
  field_cannot_change: p(),
  field_whole_number: p<{ min: number; max: number }>(),
  field_bbox: p(),
  field_date: p(),
  field_date_future: p(),
  field_period: p(),

  // ── Village parks and the renovation workflow (src/domain/renovation-workflow.ts) ──────────
  park_other_district: p<{ yourDistrict: string | null; parkDistrict: string }>(),
  park_edit_role: p(),
  if_match_required: p(),
  if_match_invalid: p(),
  /** 412: someone else changed it; `current` is the version now stored. */
  version_conflict: p<{ thing: ProblemThing; current: number; yours?: number; name?: string }>(),
  workflow_path_fixed: p<{ from: RenovationCategory; to: RenovationCategory; progress: RenovationProgress }>(),
  workflow_reopen_admin_only: p(),
  workflow_progress_step: p<{ from: RenovationProgress; to: RenovationProgress; allowed: RenovationProgress[] }>(),
  workflow_category_needed: p(),
  workflow_pilot_year: p<{ year: number; allowed: number[] }>(),
  workflow_pilot_eliminated: p(),
  workflow_no_change: p(),
  effective_date_before_status: p<{ date: string; statusDate: string }>(),
  effective_date_invalid: p<{ value: string }>(),
  effective_date_future: p<{ value: string }>(),

  // ── District → city review (src/domain/renovation-review.ts, src/server/parks/proposals.ts) ─
  /** 409 on a PATCH: an official's change of these kinds needs the city's approval; propose it instead. */
  review_required: p<{ kinds: ReviewKind[] }>(),
  /** 409 on a proposal: the change needs no review; make it with PATCH. */
  review_not_needed: p(),
  /** 409: the proposal was approved or returned already. */
  proposal_decided: p<{ id: number; status: 'approved' | 'returned' }>(),
  /** 409: the park changed after the proposal was made (another proposal approved, an edit), so it cannot be approved. */
  proposal_stale: p<{ id: number; base: number; current: number }>(),

  // ── Pilot selection (src/domain/pilots.ts, src/server/parks/pilot-queries.ts) ─────────────────
  /** 403: an official asked for another district's ranking of pilot candidates. */
  pilot_other_district: p<{ yourDistrict: string | null; askedDistrict: string }>(),

  // ── The classification standard (src/domain/renovation-standard.ts, server/parks/standard-queries.ts) ─
  /** 400: a rule of a standard is malformed; `rule` and `condition` are 1-based (rule 0: the list itself). */
  standard_rule_invalid: p<{ rule: number; condition?: number; reason: StandardRuleProblem }>(),
  /** 409: there is a draft already (one at a time): edit it or discard it. */
  standard_draft_exists: p<{ id: number; version: number }>(),
  /** 409: only a draft can be edited, discarded or activated; activated versions are kept as they were. */
  standard_not_draft: p<{ id: number; version: number; status: 'active' | 'retired' }>(),

  // ── Park status files (kind parkStatus: domain/import/validate-park-status.ts, imports/apply-park-status.ts) ─
  bulk_unknown_park: p<{ key: string }>(),
  bulk_rows_rejected: p<{ count: number; lines: number[] }>(),
  /** Applying stopped at a row; `cause` is that row's problem. */
  bulk_row_failed: p<{ line: number; park: string | null; cause: ProblemRef }>(),

  // ── Accounts and log-in ────────────────────────────────────────────────────────────────────
  username_taken: p<{ username: string }>(),
  password_too_short: p<{ min: number }>(),
  password_too_long: p<{ max: number }>(),
  password_is_username: p(),
  password_common: p(),
  official_needs_district: p(),
  district_only_officials: p(),
  own_admin_rights: p(),
  login_wrong: p(),
  login_throttled: p<{ seconds: number }>(),

  // ── Indicators, periods, areas ─────────────────────────────────────────────────────────────
  indicator_period_invalid: p<{ period: string }>(),
  as_of_invalid: p<Value>(),
  per_mu_grouping: p<{ metric: string; groupings: string[] }>(),
  metric_not_rankable: p<{ metric: string; allowed: string[] }>(),
  page_limit: p<{ max: number }>(),
  offset_invalid: p(),
  periods_count: p<{ max: number }>(),
  ids_too_many: p<{ max: number }>(),
  query_invalid: p<{ field: string }>(),
  area_too_many_vertices: p<{ vertices: number; max: number }>(),
  area_not_polygon: p(),
  /** PostGIS's verdict: `reason` is its kind (Self-intersection, Too few points, …), `lon`/`lat` where, when known. */
  area_invalid_polygon: p<{ reason: string; lon?: number; lat?: number }>(),

  // ── Reports, targets, warning rules, key-city figures ──────────────────────────────────────
  report_published: p<{ id: number }>(),
  report_not_ready: p<{ id: number; state: string }>(),
  report_file_missing: p<{ id: number; format: string }>(),
  /** Stored on a failed report job (reports.error_problem): where its making stopped and, when known, the problem that stopped it. */
  report_failed: p<{ stage: ReportStage; cause?: ProblemRef }>(),
  target_plan_label_required: p<{ plan: string }>(),
  target_exists: p(),
  rule_kind_unknown: p<{ rule: string; kind: string }>(),
  rule_param_invalid: p<{ rule: string; param: string; problem: 'object' | 'unknown' | 'required' | 'number' | 'range'; min?: number; max?: number }>(),
  city_figure_invalid: p<{ city: string; indicator: string; year: number; fields: string[] }>(),
  city_figure_exists: p<{ city: string; indicator: string; year: number }>(),

  // ── Exports (src/server/routes/exports.ts; `role` is an export role, public for the logged-out) ─
  export_unknown_fields: p<{ layer: string; fields: string[] }>(),
  export_layer_forbidden: p<{ role: string; layer: string }>(),
  export_fields_forbidden: p<{ role: string; layer: string; fields: string[] }>(),
  export_rate_limited: p<{ role: string; seconds: number; perMinute: number | null; perHour: number | null }>(),
  export_too_many_rows: p<{ role: string; layer: string; max: number }>(),

  // ── Imports: the upload and the import as a whole ──────────────────────────────────────────
  upload_too_large: p<{ mb: number }>(),
  upload_not_multipart: p(),
  upload_unexpected_field: p<{ field: string }>(),
  upload_unreadable: p(),
  upload_no_file: p(),
  import_units_invalid: p(),
  import_cumulative_invalid: p(),
  import_mapping_invalid: p(),
  import_option_invalid: p<{ option: 'kind' | 'crs' | 'encoding'; allowed: string[] }>(),
  import_already_applied: p<{ id: string; file: string; at: string }>(),
  import_failed_before: p<{ id: string; file: string }>(),
  mapping_name_required: p(),
  mapping_name_too_long: p<{ max: number }>(),
  /** 422 while applying: rows that lie outside every district (`rows`: row numbers, `keys`: their codes). */
  import_outside_districts: p<{ count: number; rows: number[]; keys: string[]; records: 'parks' | 'enterprises' | 'keyProjects' }>(),
  import_unknown_enterprises: p<{ count: number; rows: number[]; keys: string[] }>(),
  import_duplicate_keys: p<{ keys: string[]; rows: number[][] }>(),

  // ── Imports: a file that cannot be read (src/server/imports/read-*, ImportError) ───────────
  file_empty: p(),
  file_type_unsupported: p<{ name: string }>(),
  file_xls: p(),
  file_shapefile_parts: p(),
  file_zip_not_xlsx: p(),
  file_zip_unknown: p(),
  xlsx_invalid: p(),
  xlsx_unreadable: p(),
  zip_no_shp: p<{ entries: string[] }>(),
  zip_many_shp: p<{ names: string[] }>(),
  zip_no_dbf: p<{ shp: string }>(),
  shp_unreadable: p<{ name: string }>(),
  shp_dbf_mismatch: p<{ name: string; shapes: number; records: number }>(),
  prj_projected: p<{ name: string }>(),
  prj_other_datum: p<{ name: string }>(),
  geojson_too_deep: p<{ max: number }>(),
  /** `line`/`column` where the JSON breaks; `end` when the text stops too early. Never the parser's own text. */
  geojson_not_json: p<{ line?: number; column?: number; end?: boolean }>(),
  geojson_duplicate_member: p<{ line: number; key: string }>(),
  geojson_invalid: p<{ count: number; paths: string[] }>(),
  csv_unclosed_quote: p<{ line: number }>(),
  zip_damaged: p<{ file: ProblemFile }>(),
  zip_encrypted: p<{ file: ProblemFile; entry: string }>(),
  zip_too_many_entries: p<{ file: ProblemFile; count: number; max: number }>(),
  zip_too_large: p<{ file: ProblemFile; mb: number }>(),
  zip_unsafe_name: p<{ file: ProblemFile; name: string }>(),
  dbf_damaged: p(),
  dbf_encoding: p(),
  text_truncated: p<{ file: ProblemFile }>(),
  text_not_utf8: p<{ file: ProblemFile; offset: number }>(),
  text_utf16: p<{ file: ProblemFile }>(),
  text_bom_gbk: p<{ file: ProblemFile }>(),
  text_not_gbk: p<{ file: ProblemFile }>(),
  text_unknown_encoding: p<{ file: ProblemFile; offset: number }>(),
  text_binary: p<{ file: ProblemFile; char: string }>(),

  // ── Imports: rows of the report (RowIssue.code; row 0 = the whole file) ────────────────────
  // Reader notes
  no_prj: p<{ crs: string }>(),
  unknown_cpg: p<{ name: string }>(),
  geojson_normalised: p<{ note: 'rewound' | 'rounded' | 'crs'; count?: number; name?: string }>(),
  bad_wkt: p<{ column: string; srid?: string; text?: string }>(),
  wkt_column: p<{ column: string }>(),
  csv_quotes: p(),
  skipped_title_rows: p<{ rows: number[]; header: number }>(),
  extra_fields: p<{ count: number; width: number }>(),
  missing_fields: p<{ count: number; width: number }>(),
  crs_column: p<{ column: string; values: string[]; crs: string }>(),
  truncated_text: p<{ column: string }>(),
  // The mapping
  empty_file: p(),
  unknown_field: p<{ field: string }>(),
  unknown_column: p<{ column: string; columns: string[] }>(),
  unmapped_field: p(),
  // Every kind
  not_a_number: p<Value>(),
  negative_number: p<Value>(),
  missing_name: p(),
  missing_code: p(),
  missing_geometry: p(),
  geometry_not_polygon: p<{ type: string }>(),
  multipart_geometry: p(),
  /** `hole`: 0 for the outer ring, n for the n-th hole; `part`: the part of a MultiPolygon (1-based). */
  invalid_polygon: p<{ reason: 'no_rings' | 'not_closed' | 'too_few_corners' | 'no_parts'; hole?: number; part?: number }>(),
  coordinates_out_of_range: p<{ lon: number; lat: number }>(),
  self_intersection: p<{ lon: number; lat: number; more: number }>(),
  outside_city: p<{ lon: number; lat: number }>(),
  partly_outside_city: p<{ outside: number; corners: number }>(),
  duplicate_code: p<{ key: string; rows: number[] }>(),
  // Parks
  area_mismatch: p<{ given: number; outline: number; tolerance: number }>(),
  default_category: p<{ value: RenovationCategory }>(),
  default_progress: p<{ value: RenovationProgress }>(),
  unknown_category: p<Value>(),
  unknown_progress: p<Value>(),
  invalid_pilot_year: p<Value>(),
  // Park status in bulk (kind parkStatus)
  park_name_mismatch: p<{ value: string; code: string; name: string }>(),
  status_unchanged: p<{ code: string }>(),
  status_already_proposed: p<{ code: string }>(),
  pilot_year_outside_plan: p<{ year: number; allowed: number[] }>(),
  // Districts
  unknown_district: p<Value>(),
  district_name_mismatch: p<{ name: string; district: string }>(),
  // Zones (the standard's polygon layers)
  missing_zone_type: p(),
  unknown_zone_type: p<Value>(),
  // Industrial blocks
  unknown_block_level: p<Value>(),
  // Enterprises
  duplicate_credit_code: p<{ key: string; rows: number[] }>(),
  credit_code_number: p<Value>(),
  missing_credit_code: p(),
  credit_code_length: p<{ value: string; length: number }>(),
  credit_code_charset: p<{ value: string; char: string }>(),
  credit_code_check: p<{ value: string; found: string; expected: string }>(),
  missing_revenue: p(),
  revenue_not_number: p<Value>(),
  revenue_below_threshold: p<{ value: number; threshold: number; unitHint: boolean }>(),
  unknown_cluster: p<Value>(),
  unknown_industry_code: p<Value>(),
  industry_code_mismatch: p<{ code: string; name: string; cluster: string; given: string }>(),
  missing_sub_industry: p(),
  unknown_sub_industry: p<Value>(),
  sub_industry_mismatch: p<{ value: string; cluster: string; given: string }>(),
  unknown_future_industry: p<Value>(),
  unknown_tag: p<{ values: string[] }>(),
  missing_employees: p(),
  employees_invalid: p<Value>(),
  missing_coordinates: p<{ axis: 'lon' | 'lat' | 'both' }>(),
  coordinates_not_number: p<Value>(),
  geometry_not_point: p<{ type: string }>(),
  swapped_axes: p<{ lon: number; lat: number }>(),
  // Operating returns
  cumulative_detected: p<{ columns: string[] }>(),
  unit_not_stated: p(),
  unknown_enterprise: p<Value>(),
  duplicate_period: p<{ key: string; rows: number[] }>(),
  missing_period: p(),
  period_invalid: p<Value>(),
  period_too_early: p<{ month: string; first: number }>(),
  period_in_future: p<{ month: string; current: string }>(),
  missing_value: p(),
  cumulative_first_month: p<{ year: number; creditCode: string; month: string }>(),
  cumulative_decrease: p<{ given: number; previous: number; previousMonth: string; monthly: number }>(),
  value_added_estimated: p<{ value: number; division: string | null }>(),
  revenue_jump: p<{ revenue: number; before: number; month: string; factor: number }>(),
  revenue_drop: p<{ revenue: number; before: number; month: string; factor: number }>(),
  // Key-city figures
  missing_city: p(),
  missing_indicator: p(),
  missing_year: p(),
  year_invalid: p<Value>(),
  no_value: p(),
  unit_mismatch: p<{ value: string; indicator: string; unit: string }>(),
  coverage_invalid: p<Value>(),
  unknown_city: p<Value>(),
  unknown_indicator: p<Value>(),
  value_out_of_range: p<Value>(),
  denominator_invalid: p<Value>(),
  qualifier_invalid: p<Value>(),
  source_url_invalid: p<Value>(),
  missing_source: p(),
  duplicate_figure: p<{ key: string; rows: number[] }>(),
  // Key projects (src/domain/key-projects.ts)
  missing_investment: p(),
  /** A warning: the investment read is small for a key project and the header names no unit (万元? 亿元?). */
  investment_unit_hint: p<{ value: number }>(),
  unknown_key_project_status: p<Value>(),
  default_key_project_status: p(),
  /** A warning: a point without a land area, so its intensity is unknown and it cannot qualify. */
  key_project_area_unknown: p(),
  geometry_not_point_or_polygon: p<{ type: string }>(),

  // ── The app's own file readers (the area file: src/app/state/area-file.ts) ─────────────────
  area_file_too_large: p<{ mb: number }>(),
  area_file_not_kml: p(),
  area_file_not_json: p<{ line?: number; column?: number; end?: boolean }>(),
  area_file_garbled: p(),
  area_file_ring: p(),
  /** Typed corners: this line is not "longitude, latitude". */
  area_typed_line: p<{ line: number; value: string }>(),
  area_file_position: p(),
  area_file_outside: p<{ lon: number; lat: number }>(),
  area_file_no_polygons: p<{ found: { type: string; count: number }[] }>(),
  area_file_too_many: p<{ count: number; max: number }>(),

  // ── Areas built in the browser (queries/areas.ts, domain/area-buffer.ts) ───────────────────
  area_buffer_range: p<{ km: number; max: number }>(),
  area_buffer_failed: p(),
  /** The park a buffer is drawn around has no outline. */
  area_park_no_outline: p<{ id: number }>(),

  // ── The enterprise worker (src/app/worker/; its `error` answers carry these) ──────────────────
  /** The enterprises' payload could not be fetched (no network). */
  worker_unreachable: p(),
  /** The server refused the payload; 401/403 mean the user may not see it. */
  worker_load_refused: p<{ status: number }>(),
  worker_payload_unreadable: p(),
  worker_not_loaded: p(),
  /** A cluster asked about is no longer on the map (the filter or the area changed). */
  worker_cluster_gone: p(),
  /** A malformed request from the app to its worker (a bug, not the user's doing). */
  worker_bad_request: p<{ request: string }>(),
  /** The worker stopped (it crashed or was terminated) or answered out of turn. */
  worker_failed: p(),
  /** The filter (from an old link, say) names a code the enterprises' data does not have. */
  filter_unknown_code: p<{ facet: FilterFacet; code: string }>(),
  /** Revenue tiers in the filter of a user who may not see revenue (a link made by a planner). */
  filter_revenue_not_allowed: p(),
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemParams<C extends ProblemCode> = (typeof PROBLEMS)[C];
/** The one list of codes, for tests and documentation. */
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** A problem with its parameters, typed by its code. */
export type Problem<C extends ProblemCode = ProblemCode> = { [K in C]: { code: K; params: ProblemParams<K> } }[C];

/** A problem of an HTTP answer: its own code and parameters, and per-field problems (`fieldProblems`). */
export type ProblemInit = Problem & { fields?: Record<string, Problem> };

export const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && Object.hasOwn(PROBLEMS, code);

/** Builds a typed problem: `problem('username_taken', { username })`. */
export function problem<C extends ProblemCode>(code: C, ...params: keyof ProblemParams<C> extends never ? [params?: ProblemParams<C>] : [params: ProblemParams<C>]): Problem<C> {
  return { code, params: (params[0] ?? {}) as ProblemParams<C> } as Problem<C>;
}

/** A problem with per-field problems, for an HTTP answer. */
export const withFields = (main: Problem, fields: Record<string, Problem>): ProblemInit => ({ ...main, fields });

/** An Error that carries a problem (the app's file readers throw it; `message` is the English text). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem, message: string) {
    super(message);
    this.name = 'ProblemError';
  }
}

// Renovation status of village parks in bulk (kind `parkStatus`, issue 15): one row per park, found by
// its code, with the category, progress, pilot year, effective date and reason to set. Values are
// codes or labels in any of the three languages (taxonomy-lookup.ts, the one lookup place); dates as
// people write them (2026-11-20, 2026/11/20, 2026/11/5, 2026年11月20日, an Excel serial number).
//
// Each row is checked against the park as it is now (passed in by the dry run, src/server/imports/
// dry-run.ts): the user's district, the workflow (renovation-workflow.ts), the effective date, and
// whether the change needs the city's review (renovation-review.ts). A row that changes nothing, or
// whose change is already waiting for review, is "unchanged, skipped" (a warning, not an error), so
// uploading the same file twice writes nothing the second time. The applier
// (src/server/imports/apply-park-status.ts) decides again under the rules and statuses of that moment.
import { mayEditPark } from '../permissions.ts';
import { reviewKinds, type ReviewKind, type ReviewRules } from '../renovation-review.ts';
import { applyChange, transitionCheck, type ParkStatus, type StatusChange } from '../renovation-workflow.ts';
import { taxonomy, type RenovationCategory, type RenovationProgress } from '../taxonomy.ts';
import { cellText, foldKey, quote, type Cell } from './cells.ts';
import type { ColumnMapping, SourceCrs, SourceTable, ValidationReport } from './import-types.ts';
import { lookupCode } from './taxonomy-lookup.ts';
import { begin, cellOf, finish, flagDuplicates, textOf, type Context } from './validate-common.ts';

/** What applying a row will do: make the change, propose it to the city, or nothing. */
export type ParkStatusOutcome = 'apply' | 'propose' | 'unchanged';

/** One row of a status file, checked against the park as it was at the dry run. */
export interface ParkStatusRecord {
  row: number;
  /** The park's code (the record key). */
  key: string;
  parkId: number;
  code: string;
  name: string;
  district: string;
  /** The park's version at the dry run: the apply fails if it changed since. */
  version: number;
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  from: ParkStatus;
  to: ParkStatus;
  /** Kinds of review the change needs (not empty → outcome 'propose'). */
  review: ReviewKind[];
  outcome: ParkStatusOutcome;
}

/** A park as the dry run found it. */
export interface StoredParkStatus {
  id: number;
  code: string;
  name: string;
  district: string;
  category: RenovationCategory;
  progress: RenovationProgress;
  pilotYear: number | null;
  version: number;
  /** YYYY-MM-DD of the current status. */
  statusDate: string;
}

/** What a status file is checked against, loaded by the caller. */
export interface ParkStatusLookup {
  /** Parks by code (and by id as text, the old bulk files' key). */
  parks: Map<string, StoredParkStatus>;
  /** Who uploads: administrators change every park; an official only the parks of their district. */
  actor: { role: 'admin' | 'official'; district: string | null };
  rules: ReviewRules;
  /** Today in China (YYYY-MM-DD): the default effective date, and no date may be later. */
  today: string;
  /** Park id → the statuses its pending proposals would set (a row proposing one of them again is skipped). */
  pending: Map<number, ParkStatus[]>;
}

/** One row of the plan a dry run shows: what applying the file will do to which park. */
export interface ParkStatusPlanRow {
  row: number;
  parkId: number;
  code: string;
  name: string;
  district: string;
  from: ParkStatus;
  to: ParkStatus;
  review: ReviewKind[];
  outcome: ParkStatusOutcome;
}

/** What applying a checked file will do: how many rows take effect at once, go to the city for review, or are skipped. */
export interface ParkStatusPlan {
  direct: number;
  proposals: number;
  unchanged: number;
  rows: ParkStatusPlanRow[];
}

export function parkStatusPlan(records: readonly ParkStatusRecord[]): ParkStatusPlan {
  const n = (o: ParkStatusOutcome) => records.filter((r) => r.outcome === o).length;
  return {
    direct: n('apply'), proposals: n('propose'), unchanged: n('unchanged'),
    rows: records.map(({ row, parkId, code, name, district, from, to, review, outcome }) => ({ row, parkId, code, name, district, from, to, review, outcome })),
  };
}

/** The park codes (and ids) a file names, so the caller can load just those parks. */
export function scanParkKeys(table: SourceTable, mapping: ColumnMapping): string[] {
  const header = mapping.code;
  if (!header) return [];
  return [...new Set(table.rows.map((r) => cellText(r.cells[header]).normalize('NFKC')).filter(Boolean))];
}

// ── Cells ────────────────────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

// Excel's serial day numbers (1900 date system; serial 1 is 1900-01-01, with Lotus's phantom 1900-02-29):
// days since 1899-12-30 for every date after February 1900. Accepted between 1950 and 2150.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const MIN_SERIAL = 18264;
const MAX_SERIAL = 91311;

/**
 * A date as people write it in a spreadsheet → YYYY-MM-DD, or null when it is none: 2026-11-20,
 * 2026/11/20, 2026/11/5, 2026.11.20, 2026年11月20日, 20261120, full-width digits, an ISO timestamp
 * (a workbook's date cell as the XLSX reader gives it), or an Excel serial day number (46346).
 */
export function parseDateCell(v: Cell | undefined): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < MIN_SERIAL || v > MAX_SERIAL) return null;
    return new Date(EXCEL_EPOCH + Math.floor(v) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cellText(v).normalize('NFKC').replace(/\s+/g, '');
  if (!text) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(T[\d:.]+Z?)?$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(text)) return parseDateCell(Number(text));
  return null;
}

const NO_PILOT = new Set(['否', '无', '無', '不是', '非试点', '非試點', 'no', 'none', 'n', '-', '—', '/', '0']);

/** A pilot-year cell: undefined = keep, null = no pilot, a year, or 'invalid'. */
export function parsePilotYearCell(v: Cell | undefined): number | null | undefined | 'invalid' {
  const text = cellText(v).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (!text) return undefined;
  if (NO_PILOT.has(text)) return null;
  const m = /^(\d{4})(年|年度)?$/.exec(text);
  return m ? Number(m[1]) : 'invalid';
}

const sameStatus = (a: ParkStatus, b: ParkStatus) => a.category === b.category && a.progress === b.progress && a.pilotYear === b.pilotYear;

// ── The validator ────────────────────────────────────────────────────────────────────────────

export function validateParkStatus(table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, lookup: ParkStatusLookup | undefined): ValidationReport<ParkStatusRecord> {
  const ctx = begin('parkStatus', table, mapping, crs);
  if (!ctx.usable || !lookup) return finish(ctx, []);
  const records: ParkStatusRecord[] = [];
  const codes = new Map<string, number[]>();
  const actor = lookup.actor.role;

  for (const row of table.rows) {
    const key = textOf(ctx, row, 'code').normalize('NFKC');
    if (!key) {
      ctx.log.error(row.row, 'code', 'missing_code', 'the park code is missing.');
      continue;
    }
    const park = lookup.parks.get(key);
    if (!park) {
      ctx.log.error(row.row, 'code', 'bulk_unknown_park', `there is no park with code ${quote(key)}.`, { key });
      continue;
    }
    codes.set(park.code, [...(codes.get(park.code) ?? []), row.row]);
    const name = textOf(ctx, row, 'name');
    if (name && foldKey(name) !== foldKey(park.name))
      ctx.log.error(row.row, 'name', 'park_name_mismatch', `the name ${quote(name)} is not that of park ${park.code} (${park.name}); check the code.`, { value: name, code: park.code, name: park.name });
    if (!mayEditPark(lookup.actor, park.district)) {
      ctx.log.error(row.row, 'code', 'park_other_district', `park ${park.code} is in district ${park.district}, not yours (${lookup.actor.district}).`,
        { yourDistrict: lookup.actor.district, parkDistrict: park.district });
      continue;
    }
    const change = readChange(ctx, row);
    const dateCell = cellOf(row, ctx.mapping, 'effectiveDate');
    const dateText = cellText(dateCell);
    const effectiveDate = dateText ? parseDateCell(dateCell) : lookup.today;
    if (!effectiveDate) ctx.log.error(row.row, 'effectiveDate', 'effective_date_invalid', `${quote(dateText)} is not a date (write it as 2026-11-20).`, { value: dateText });
    if (ctx.log.hasFailed(row.row) || !change || !effectiveDate) continue;

    const from: ParkStatus = { category: park.category, progress: park.progress, pilotYear: park.pilotYear };
    const to = applyChange(from, change);
    const reason = textOf(ctx, row, 'reason');
    const base = { row: row.row, key: park.code, parkId: park.id, code: park.code, name: park.name, district: park.district, version: park.version, change, reason, effectiveDate, from, to };
    if (sameStatus(from, to)) {
      ctx.log.warn(row.row, undefined, 'status_unchanged', `park ${park.code} already has this status; the row is skipped.`, { code: park.code });
      records.push({ ...base, review: [], outcome: 'unchanged' });
      continue;
    }
    if ((lookup.pending.get(park.id) ?? []).some((s) => sameStatus(s, to))) {
      ctx.log.warn(row.row, undefined, 'status_already_proposed', `the same change of park ${park.code} is already waiting for the city's review; the row is skipped.`, { code: park.code });
      records.push({ ...base, review: [], outcome: 'unchanged' });
      continue;
    }
    const refused = transitionCheck(from, change, actor);
    if (refused) {
      ctx.log.errorOf(row.row, undefined, refused.problem, refused.message);
      continue;
    }
    if (!reason) ctx.log.error(row.row, 'reason', 'reason_required', 'a reason is required for a change.');
    if (effectiveDate > lookup.today) ctx.log.error(row.row, 'effectiveDate', 'effective_date_future', `the effective date ${effectiveDate} is in the future.`, { value: effectiveDate });
    else if (effectiveDate < park.statusDate)
      ctx.log.error(row.row, 'effectiveDate', 'effective_date_before_status', `the effective date ${effectiveDate} is earlier than the park's current status date ${park.statusDate}.`,
        { date: effectiveDate, statusDate: park.statusDate });
    if (ctx.log.hasFailed(row.row)) continue;
    const review = reviewKinds(from, change, actor, lookup.rules);
    records.push({ ...base, review, outcome: review.length ? 'propose' : 'apply' });
  }
  flagDuplicates(ctx, codes, 'code', 'duplicate_code', 'the park code');
  return finish(ctx, records);
}

/** The change a row asks for (fields left empty keep their value); null when a cell is not understood (errors logged). */
function readChange(ctx: Context, row: SourceTable['rows'][number]): StatusChange | null {
  const change: StatusChange = {};
  let ok = true;
  const category = textOf(ctx, row, 'category');
  if (category) {
    const code = lookupCode('category', category);
    if (code) change.category = code as RenovationCategory;
    else {
      ctx.log.error(row.row, 'category', 'unknown_category', `${quote(category)} is not one of ${taxonomy.renovationCategories.map((e) => `${e.code} (${e.label['zh-Hans']})`).join(', ')}.`, { value: category });
      ok = false;
    }
  }
  const progress = textOf(ctx, row, 'progress');
  if (progress) {
    const code = lookupCode('progress', progress);
    if (code) change.progress = code as RenovationProgress;
    else {
      ctx.log.error(row.row, 'progress', 'unknown_progress', `${quote(progress)} is not one of ${taxonomy.renovationProgress.map((e) => `${e.code} (${e.label['zh-Hans']})`).join(', ')}.`, { value: progress });
      ok = false;
    }
  }
  const pilotCell = cellOf(row, ctx.mapping, 'pilotYear');
  const pilot = parsePilotYearCell(pilotCell);
  if (pilot === 'invalid') {
    ctx.log.error(row.row, 'pilotYear', 'invalid_pilot_year', `${quote(pilotCell)} is not a year (or 否 for no pilot).`, { value: cellText(pilotCell) });
    ok = false;
  } else if (pilot !== undefined) change.pilotYear = pilot;
  return ok ? change : null;
}

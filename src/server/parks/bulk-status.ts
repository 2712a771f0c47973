// Bulk status update from a CSV: every row checked against the park's current status, the user's
// district and the workflow, before anything is written. A row whose change needs the city's review
// (src/domain/renovation-review.ts) is accepted as a proposal: applying the file submits it.
import Papa from 'papaparse';
import { problem, type Problem } from '../../domain/problems.ts';
import { applyChange, transitionCheck, type ParkStatus, type StatusChange } from '../../domain/renovation-workflow.ts';
import { reviewKinds, type ReviewKind } from '../../domain/renovation-review.ts';
import { isRenovationCategory, isRenovationProgress, taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { effectiveDateProblem, isIsoDate } from '../http/params.ts';
import { reviewRules } from './proposals.ts';

export const BULK_COLUMNS = ['parkId', 'category', 'progress', 'pilotYear', 'reason', 'effectiveDate'] as const;
const HEADER_ALIASES: Record<string, (typeof BULK_COLUMNS)[number]> = {
  parkid: 'parkId', id: 'parkId', park: 'parkId', code: 'parkId', '园区编号': 'parkId', '園區編號': 'parkId',
  category: 'category', '改造分类': 'category', '改造分類': 'category',
  progress: 'progress', '进度': 'progress', '進度': 'progress',
  pilotyear: 'pilotYear', pilot: 'pilotYear', '试点年份': 'pilotYear', '試點年份': 'pilotYear',
  reason: 'reason', '原因': 'reason', '理由': 'reason',
  effectivedate: 'effectiveDate', date: 'effectiveDate', '生效日期': 'effectiveDate', '日期': 'effectiveDate',
};
export const MAX_BULK_ROWS = 5000;

export interface BulkRow {
  line: number;
  parkId: number | null;
  code: string | null;
  name: string | null;
  district: string | null;
  version: number | null;
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  from: ParkStatus | null;
  to: ParkStatus | null;
  /** The kinds of review the row's change needs: not empty → applying the file proposes it instead of making it. */
  review: ReviewKind[];
  /** English messages, one per problem. */
  errors: string[];
  /** The same problems as codes and parameters (the app words them). */
  problems: Problem[];
}

export interface BulkReport {
  rows: BulkRow[];
  total: number;
  accepted: number;
  /** Accepted rows that applying will send to the city for review. */
  proposals: number;
  rejected: number;
  fileErrors: string[];
  fileProblems: Problem[];
}

function parseCsv(text: string): { header: string[]; records: string[][]; errors: string[]; problems: Problem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const errors = parsed.errors.map((e) => `line ${(e.row ?? 0) + 1}: ${e.message}`);
  const problems = parsed.errors.map((e) => problem('bulk_csv_syntax', { line: (e.row ?? 0) + 1, type: e.code }));
  const [header = [], ...records] = parsed.data;
  return { header: header.map((h) => h.trim()), records, errors, problems };
}

export async function checkBulkCsv(db: Queryable, user: SessionUser, text: string): Promise<BulkReport> {
  const { header, records, errors, problems: csvProblems } = parseCsv(text);
  const columns = header.map((h) => HEADER_ALIASES[h.toLowerCase().replace(/[\s_-]/g, '')] ?? null);
  const fileErrors = [...errors];
  const fileProblems = [...csvProblems];
  const fileError = (message: string, p: Problem) => {
    fileErrors.push(message);
    fileProblems.push(p);
  };
  const unknown = header.filter((_, i) => !columns[i]);
  if (unknown.length) fileError(`Unknown column(s): ${unknown.join(', ')}. Expected: ${BULK_COLUMNS.join(', ')}.`, problem('bulk_unknown_columns', { columns: unknown, expected: [...BULK_COLUMNS] }));
  for (const needed of ['parkId', 'reason', 'effectiveDate'] as const) if (!columns.includes(needed)) fileError(`Missing column "${needed}".`, problem('bulk_missing_column', { column: needed }));
  if (records.length > MAX_BULK_ROWS) fileError(`Too many rows (${records.length}); at most ${MAX_BULK_ROWS} per file.`, problem('bulk_too_many_rows', { rows: records.length, max: MAX_BULK_ROWS }));
  if (!records.length) fileError('The file has no data rows.', problem('bulk_no_rows'));
  if (fileErrors.length) return { rows: [], total: records.length, accepted: 0, proposals: 0, rejected: records.length, fileErrors, fileProblems };
  const { rules } = await reviewRules(db);
  const actor = user.role === 'admin' ? 'admin' : 'official';

  const keys = records.map((r) => (r[columns.indexOf('parkId')] ?? '').trim());
  const parks = await db.query<{ id: number; code: string; name: string; district: string; category: string; progress: string; pilot_year: number | null; version: number; status_date: string }>(
    `SELECT id, code, name, district, category, progress, pilot_year, version, to_char(status_date, 'YYYY-MM-DD') AS status_date
     FROM village_parks WHERE code = ANY($1::text[]) OR id::text = ANY($1::text[])`,
    [keys],
  );
  const byKey = new Map<string, (typeof parks)[number]>();
  for (const p of parks) byKey.set(String(p.id), p).set(p.code, p);
  const seen = new Set<number>();

  const rows = records.map((rec, i): BulkRow => {
    const get = (c: (typeof BULK_COLUMNS)[number]) => (columns.indexOf(c) >= 0 ? (rec[columns.indexOf(c)] ?? '').trim() : '');
    const errs: string[] = [];
    const problems: Problem[] = [];
    const err = (message: string, p: Problem) => {
      errs.push(message);
      problems.push(p);
    };
    const park = byKey.get(get('parkId'));
    const change: StatusChange = {};
    const cat = get('category');
    const prog = get('progress');
    const pilot = get('pilotYear');
    if (cat && isRenovationCategory(cat)) change.category = cat;
    else if (cat) err(`unknown category "${cat}"`, problem('bulk_unknown_category', { value: cat }));
    if (prog && isRenovationProgress(prog)) change.progress = prog;
    else if (prog) err(`unknown progress "${prog}"`, problem('bulk_unknown_progress', { value: prog }));
    if (pilot) {
      if (pilot === 'none' || pilot === '-') change.pilotYear = null;
      else if (taxonomy.pilotYears.includes(Number(pilot))) change.pilotYear = Number(pilot);
      else err(`pilot year "${pilot}" must be one of ${taxonomy.pilotYears.join(', ')} or "none"`, problem('bulk_bad_pilot_year', { value: pilot, allowed: [...taxonomy.pilotYears] }));
    }
    if (!cat && !prog && !pilot) err('nothing to change: give a category, progress or pilot year', problem('bulk_nothing_to_change'));
    const reason = get('reason');
    if (!reason) err('reason is required', problem('reason_required'));
    const effectiveDate = get('effectiveDate');
    const dateProblem = effectiveDateProblem(effectiveDate);
    if (dateProblem) err(`effective date ${dateProblem}`, isIsoDate(effectiveDate) ? problem('effective_date_future', { value: effectiveDate }) : problem('effective_date_invalid', { value: effectiveDate }));
    let from: ParkStatus | null = null;
    let to: ParkStatus | null = null;
    let review: ReviewKind[] = [];
    if (!park) err(`no park with id or code "${get('parkId')}"`, problem('bulk_unknown_park', { key: get('parkId') }));
    else {
      if (seen.has(park.id)) err('the same park appears twice in the file', problem('bulk_duplicate_park'));
      seen.add(park.id);
      if (user.role === 'official' && user.district !== park.district)
        err(`park is in district ${park.district}, not yours (${user.district})`, problem('park_other_district', { yourDistrict: user.district, parkDistrict: park.district }));
      from = { category: park.category as ParkStatus['category'], progress: park.progress as ParkStatus['progress'], pilotYear: park.pilot_year };
      if (!errs.length) {
        const refused = transitionCheck(from, change, actor);
        if (refused) err(refused.message, refused.problem);
        else if (effectiveDate < park.status_date)
          err(`effective date is earlier than the current status date ${park.status_date}`, problem('effective_date_before_status', { date: effectiveDate, statusDate: park.status_date }));
        else {
          to = applyChange(from, change);
          review = reviewKinds(from, change, actor, rules);
        }
      }
    }
    return { line: i + 2, parkId: park?.id ?? null, code: park?.code ?? null, name: park?.name ?? null, district: park?.district ?? null, version: park?.version ?? null, change, reason, effectiveDate, from, to, review, errors: errs, problems };
  });
  const rejected = rows.filter((r) => r.errors.length).length;
  const proposals = rows.filter((r) => !r.errors.length && r.review.length).length;
  return { rows, total: rows.length, accepted: rows.length - rejected, proposals, rejected, fileErrors, fileProblems };
}

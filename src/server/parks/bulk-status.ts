// Bulk status update from a CSV: every row checked against the park's current status, the user's
// district and the workflow, before anything is written.
import Papa from 'papaparse';
import { applyChange, transitionProblem, type ParkStatus, type StatusChange } from '../../domain/renovation-workflow.ts';
import { isRenovationCategory, isRenovationProgress, taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { effectiveDateProblem } from '../http/params.ts';

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
  errors: string[];
}

export interface BulkReport {
  rows: BulkRow[];
  total: number;
  accepted: number;
  rejected: number;
  fileErrors: string[];
}

function parseCsv(text: string): { header: string[]; records: string[][]; errors: string[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const errors = parsed.errors.map((e) => `line ${(e.row ?? 0) + 1}: ${e.message}`);
  const [header = [], ...records] = parsed.data;
  return { header: header.map((h) => h.trim()), records, errors };
}

export async function checkBulkCsv(db: Queryable, user: SessionUser, text: string): Promise<BulkReport> {
  const { header, records, errors } = parseCsv(text);
  const columns = header.map((h) => HEADER_ALIASES[h.toLowerCase().replace(/[\s_-]/g, '')] ?? null);
  const fileErrors = [...errors];
  const unknown = header.filter((_, i) => !columns[i]);
  if (unknown.length) fileErrors.push(`Unknown column(s): ${unknown.join(', ')}. Expected: ${BULK_COLUMNS.join(', ')}.`);
  for (const needed of ['parkId', 'reason', 'effectiveDate'] as const) if (!columns.includes(needed)) fileErrors.push(`Missing column "${needed}".`);
  if (records.length > MAX_BULK_ROWS) fileErrors.push(`Too many rows (${records.length}); at most ${MAX_BULK_ROWS} per file.`);
  if (!records.length) fileErrors.push('The file has no data rows.');
  if (fileErrors.length) return { rows: [], total: records.length, accepted: 0, rejected: records.length, fileErrors };

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
    const park = byKey.get(get('parkId'));
    const change: StatusChange = {};
    const cat = get('category');
    const prog = get('progress');
    const pilot = get('pilotYear');
    if (cat && isRenovationCategory(cat)) change.category = cat;
    else if (cat) errs.push(`unknown category "${cat}"`);
    if (prog && isRenovationProgress(prog)) change.progress = prog;
    else if (prog) errs.push(`unknown progress "${prog}"`);
    if (pilot) {
      if (pilot === 'none' || pilot === '-') change.pilotYear = null;
      else if (taxonomy.pilotYears.includes(Number(pilot))) change.pilotYear = Number(pilot);
      else errs.push(`pilot year "${pilot}" must be one of ${taxonomy.pilotYears.join(', ')} or "none"`);
    }
    if (!cat && !prog && !pilot) errs.push('nothing to change: give a category, progress or pilot year');
    const reason = get('reason');
    if (!reason) errs.push('reason is required');
    const effectiveDate = get('effectiveDate');
    const dateProblem = effectiveDateProblem(effectiveDate);
    if (dateProblem) errs.push(`effective date ${dateProblem}`);
    let from: ParkStatus | null = null;
    let to: ParkStatus | null = null;
    if (!park) errs.push(`no park with id or code "${get('parkId')}"`);
    else {
      if (seen.has(park.id)) errs.push('the same park appears twice in the file');
      seen.add(park.id);
      if (user.role === 'official' && user.district !== park.district) errs.push(`park is in district ${park.district}, not yours (${user.district})`);
      from = { category: park.category as ParkStatus['category'], progress: park.progress as ParkStatus['progress'], pilotYear: park.pilot_year };
      if (!errs.length) {
        const problem = transitionProblem(from, change, user.role === 'admin' ? 'admin' : 'official');
        if (problem) errs.push(problem);
        else if (effectiveDate < park.status_date) errs.push(`effective date is earlier than the current status date ${park.status_date}`);
        else to = applyChange(from, change);
      }
    }
    return { line: i + 2, parkId: park?.id ?? null, code: park?.code ?? null, name: park?.name ?? null, district: park?.district ?? null, version: park?.version ?? null, change, reason, effectiveDate, from, to, errors: errs };
  });
  const rejected = rows.filter((r) => r.errors.length).length;
  return { rows, total: rows.length, accepted: rows.length - rejected, rejected, fileErrors };
}

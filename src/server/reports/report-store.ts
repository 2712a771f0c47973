// Reports in the database: jobs (queued → running → done | failed), their files and vintage, the
// publication (a version per period and audience, content hashes; the table's trigger freezes a
// published row), and the schedules.
import { createHash } from 'node:crypto';
import type { ReportAudience, ReportFormat, ReportInfo, ReportSchedule, ScheduleKind } from '../../domain/monitoring/reports.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { problem, type ProblemRef } from '../../domain/problems.ts';

const INFO_COLUMNS = `id, period, to_char(as_of, 'YYYY-MM-DD') AS "asOf", audience, status, progress, step, error, error_problem AS "errorProblem",
  requested_by AS "requestedBy", requested_at AS "requestedAt", finished_at AS "finishedAt", data_through AS "dataThrough",
  data_updated_at AS "dataUpdatedAt", demo, published, published_at AS "publishedAt", published_by AS "publishedBy", version, hashes,
  schedule_id AS "scheduleId"`;

type Stamp = 'requestedAt' | 'finishedAt' | 'dataUpdatedAt' | 'publishedAt';
type InfoRow = Omit<ReportInfo, Stamp> & Record<Stamp, Date | string | null>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const toInfo = (r: InfoRow): ReportInfo => ({
  ...r,
  progress: Number(r.progress),
  requestedAt: iso(r.requestedAt)!,
  finishedAt: iso(r.finishedAt),
  dataUpdatedAt: iso(r.dataUpdatedAt),
  publishedAt: iso(r.publishedAt),
});

export async function queueReport(db: Queryable, r: { period: string; asOf: string | null; audience: ReportAudience; requestedBy: string; scheduleId?: number | null }): Promise<ReportInfo> {
  const [row] = await db.query<InfoRow>(
    `INSERT INTO reports (period, as_of, audience, requested_by, schedule_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${INFO_COLUMNS}`,
    [r.period, r.asOf, r.audience, r.requestedBy, r.scheduleId ?? null],
  );
  return toInfo(row);
}

export async function reportInfo(db: Queryable, id: number): Promise<ReportInfo | null> {
  const [row] = await db.query<InfoRow>(`SELECT ${INFO_COLUMNS} FROM reports WHERE id = $1`, [id]);
  return row ? toInfo(row) : null;
}

/** Newest first; `publicOnly` lists what viewers and the public may see (published public reports). */
export async function listReports(db: Queryable, opts: { publicOnly: boolean; limit?: number }): Promise<ReportInfo[]> {
  const rows = await db.query<InfoRow>(
    `SELECT ${INFO_COLUMNS} FROM reports ${opts.publicOnly ? "WHERE published AND audience = 'public'" : ''} ORDER BY requested_at DESC, id DESC LIMIT $1`,
    [opts.limit ?? 200],
  );
  return rows.map(toInfo);
}

/**
 * Takes the oldest queued job for `runner` (one server process's ReportRunner). SKIP LOCKED: server
 * processes sharing one PostgreSQL never take the same job.
 */
export async function claimNextReport(db: Queryable, runner: string): Promise<ReportInfo | null> {
  const [row] = await db.query<InfoRow>(
    `UPDATE reports SET status = 'running', started_at = now(), progress = 0, step = null, runner = $1, heartbeat_at = now()
     WHERE id = (SELECT id FROM reports WHERE status = 'queued' ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${INFO_COLUMNS}`,
    [runner],
  );
  return row ? toInfo(row) : null;
}

/** Progress of a job this runner still holds (each write is also a heartbeat). */
export async function setProgress(db: Queryable, id: number, progress: number, step: string, runner: string): Promise<void> {
  await db.query(`UPDATE reports SET progress = $2, step = $3, heartbeat_at = now() WHERE id = $1 AND status = 'running' AND runner = $4`,
    [id, Math.max(0, Math.min(1, progress)), step, runner]);
}

/** Says the runner holding a job is alive (requeueInterrupted leaves the job alone). */
export async function heartbeat(db: Queryable, id: number, runner: string): Promise<void> {
  await db.query(`UPDATE reports SET heartbeat_at = now() WHERE id = $1 AND status = 'running' AND runner = $2`, [id, runner]);
}

export interface ReportFiles {
  html: string;
  pdf: Buffer;
  docx: Buffer;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Stores a made report; false when the job is no longer this runner's (it was presumed dead and the
 * job given to another process, whose result then stands).
 */
export async function finishReport(db: Queryable, id: number, files: ReportFiles, vintage: { dataThrough: string | null; dataUpdatedAt: string | null; demo: boolean }, runner: string): Promise<boolean> {
  const hashes: Record<ReportFormat, string> = { html: sha256(files.html), pdf: sha256(files.pdf), docx: sha256(files.docx) };
  return (await db.query(
    `UPDATE reports SET status = 'done', progress = 1, step = null, finished_at = now(), html = $2, pdf = $3, docx = $4, hashes = $5::jsonb,
       data_through = $6, data_updated_at = $7, demo = $8 WHERE id = $1 AND status = 'running' AND runner = $9 RETURNING id`,
    [id, files.html, files.pdf, files.docx, JSON.stringify(hashes), vintage.dataThrough, vintage.dataUpdatedAt, vintage.demo, runner],
  )).length > 0;
}

/** Marks a job failed: `message` (English) for API users, `why` (a problem) for the app to render in the user's language. */
export async function failReport(db: Queryable, id: number, message: string, why: ProblemRef, runner: string): Promise<void> {
  await db.query(`UPDATE reports SET status = 'failed', finished_at = now(), error = $2, error_problem = $3::jsonb WHERE id = $1 AND status = 'running' AND runner = $4`,
    [id, message.slice(0, 2000), JSON.stringify({ code: why.code, params: why.params }), runner]);
}

/**
 * Jobs whose runner stopped go back to the queue: those running without a heartbeat for
 * `staleSeconds` (a runner beats every REPORT_HEARTBEAT_MS while it works). With several processes
 * on one PostgreSQL a job still running is another live process's, so only a stale one is taken
 * back; the embedded database has one process, so at its start every running job is (0). A job
 * without a heartbeat (taken by a server version before migration 11, during a rolling upgrade)
 * counts from its start.
 */
export async function requeueInterrupted(db: Queryable, staleSeconds = 0): Promise<number> {
  return (await db.query(
    `UPDATE reports SET status = 'queued', progress = 0, step = null, runner = null, heartbeat_at = null
     WHERE status = 'running' AND coalesce(heartbeat_at, started_at, '-infinity') <= now() - make_interval(secs => $1) RETURNING id`,
    [staleSeconds],
  )).length;
}

export async function reportFile(db: Queryable, id: number, format: ReportFormat): Promise<{ body: Buffer | string; hash: string } | null> {
  const [row] = await db.query<{ body: Uint8Array | string | null; hash: string | null }>(
    `SELECT ${format} AS body, hashes->>$2 AS hash FROM reports WHERE id = $1 AND status = 'done'`,
    [id, format],
  );
  if (!row?.body) return null;
  return { body: typeof row.body === 'string' ? row.body : Buffer.from(row.body), hash: row.hash ?? '' };
}

/**
 * Publishes a generated report as the next version of its period and audience. Runs in the caller's
 * transaction; an advisory lock per period and audience and the unique index keep versions distinct.
 */
export async function publishReport(tx: Queryable, id: number, by: string): Promise<ReportInfo> {
  const [r] = await tx.query<{ status: string; published: boolean; period: string; audience: string }>('SELECT status, published, period, audience FROM reports WHERE id = $1 FOR UPDATE', [id]);
  if (!r) throw new HttpError(404, `There is no report with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'report', id }));
  if (r.published) throw new HttpError(409, `Report ${id} is already published.`, undefined, undefined, problem('report_published', { id }));
  if (r.status !== 'done') throw new HttpError(409, `Report ${id} is not generated yet (${r.status}); publish it when it is done.`, undefined, undefined, problem('report_not_ready', { id, state: r.status }));
  await tx.query('SELECT pg_advisory_xact_lock(724002, hashtext($1))', [`${r.period}/${r.audience}`]);
  const [row] = await tx.query<InfoRow>(
    `UPDATE reports SET published = true, published_at = now(), published_by = $2,
       version = (SELECT coalesce(max(version), 0) + 1 FROM reports WHERE published AND period = $3 AND audience = $4)
     WHERE id = $1 RETURNING ${INFO_COLUMNS}`,
    [id, by, r.period, r.audience],
  );
  return toInfo(row);
}

// Schedules

const SCHEDULE_COLUMNS = 'id, kind, day, audiences, publish, enabled, last_period AS "lastPeriod", version';

export const listSchedules = (db: Queryable) => db.query<ReportSchedule>(`SELECT ${SCHEDULE_COLUMNS} FROM report_schedules ORDER BY id`);

export async function createSchedule(db: Queryable, s: { kind: ScheduleKind; day: number; audiences: ReportAudience[]; publish: boolean; enabled: boolean }, by: string): Promise<ReportSchedule> {
  const [row] = await db.query<ReportSchedule>(
    `INSERT INTO report_schedules (kind, day, audiences, publish, enabled, updated_by) VALUES ($1, $2, $3::text[], $4, $5, $6) RETURNING ${SCHEDULE_COLUMNS}`,
    [s.kind, s.day, s.audiences, s.publish, s.enabled, by],
  );
  return row;
}

export async function updateSchedule(db: Queryable, id: number, version: number, change: Partial<Pick<ReportSchedule, 'day' | 'audiences' | 'publish' | 'enabled'>>, by: string): Promise<ReportSchedule> {
  const [cur] = await db.query<ReportSchedule>(`SELECT ${SCHEDULE_COLUMNS} FROM report_schedules WHERE id = $1`, [id]);
  if (!cur) throw new HttpError(404, `There is no report schedule with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'schedule', id }));
  const next = { ...cur, ...change };
  const [row] = await db.query<ReportSchedule>(
    `UPDATE report_schedules SET day = $2, audiences = $3::text[], publish = $4, enabled = $5, version = version + 1, updated_by = $6, updated_at = now()
     WHERE id = $1 AND version = $7 RETURNING ${SCHEDULE_COLUMNS}`,
    [id, next.day, next.audiences, next.publish, next.enabled, by, version],
  );
  if (!row) throw new HttpError(412, `The schedule was changed by someone else (now version ${cur.version}); reload it and try again.`, undefined, { current: cur }, problem('version_conflict', { thing: 'schedule', current: cur.version, yours: version }));
  return row;
}

/**
 * Marks a schedule as having produced `period`; false when another process got there first. The
 * conditional UPDATE decides: a second process's UPDATE waits for the first's row lock and then
 * finds last_period already set. Run it in the transaction that queues the period's reports.
 */
export async function claimSchedulePeriod(db: Queryable, id: number, period: string): Promise<boolean> {
  return (await db.query('UPDATE report_schedules SET last_period = $2 WHERE id = $1 AND (last_period IS NULL OR last_period < $2) RETURNING id', [id, period])).length > 0;
}

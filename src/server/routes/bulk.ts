// Bulk status update: upload a CSV → dry-run report (stored) → apply all-or-nothing. Rows whose
// change needs the city's review become proposals in the same transaction (architecture §4).
// Deprecated (issue 15): the app sends park status files through the import pipeline instead
// (POST /api/imports with kind=parkStatus: XLSX or CSV, UTF-8 or GBK, Chinese headers and labels,
// unchanged rows skipped; templates at /api/imports/templates/parkStatus.{xlsx,csv}). These routes stay
// for API users of the old English CSV, which the new kind reads as well.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { problem } from '../../domain/problems.ts';
import { HttpError, PROBLEM_CONTENT_TYPE } from '../http/errors.ts';
import { BULK_COLUMNS, checkBulkCsv, type BulkRow } from '../parks/bulk-status.ts';
import { applyOrPropose } from '../parks/proposals.ts';

const MAX_CSV_BYTES = 2 * 1024 * 1024;

export function bulkRoutes(app: FastifyInstance, db: Database): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => done(null, body));

  app.get('/api/parks/bulk/template.csv', { schema: { tags: ['bulk'], deprecated: true, summary: 'An empty CSV with the expected columns (deprecated: GET /api/imports/templates/parkStatus.xlsx or .csv)' } }, async (_req, reply) => {
    reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="park-status-template.csv"');
    return `\uFEFF${BULK_COLUMNS.join(',')}\n`;
  });

  app.post<{ Body: string }>('/api/parks/bulk', {
    schema: { tags: ['bulk'], deprecated: true, summary: 'Dry run of a CSV of status changes (Content-Type: text/csv, UTF-8); nothing is written (deprecated: POST /api/imports with kind=parkStatus)' },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin', 'official']);
    if (typeof req.body !== 'string') throw new HttpError(415, 'Send the CSV file as the request body with Content-Type: text/csv.', undefined, undefined, problem('bulk_not_csv'));
    if (req.body.includes('\uFFFD')) throw new HttpError(400, 'The file is not valid UTF-8 text. Save it as CSV UTF-8 and try again.', undefined, undefined, problem('bulk_not_utf8'));
    const report = await checkBulkCsv(db, user, req.body);
    const id = randomUUID();
    if (!report.fileErrors.length) await db.query('INSERT INTO bulk_jobs (id, user_id, rows) VALUES ($1, $2, $3::jsonb)', [id, user.id, JSON.stringify(report.rows)]);
    if (!report.fileErrors.length) return reply.send({ id, ...report });
    // A file that cannot be used: the report as problem details (its first problem is the answer's).
    const [first] = report.fileProblems;
    return reply.status(400).type(PROBLEM_CONTENT_TYPE).send({
      type: `/problems/${first.code}`, title: 'Bad Request', status: 400, detail: report.fileErrors.join(' '), code: first.code, params: first.params,
      error: report.fileErrors.join(' '), id: null, ...report,
    });
  });

  app.post<{ Params: { id: string } }>('/api/parks/bulk/:id/apply', {
    schema: { tags: ['bulk'], deprecated: true, summary: 'Apply a checked CSV, all rows or none: { applied, proposed, rows: [{ line, parkId, outcome, version | proposalId }] } (deprecated: POST /api/imports/:id/apply)' },
  }, async (req) => {
    const user = requireUser(req, ['admin', 'official']);
    return db.transaction(async (tx) => {
      const [job] = await tx.query<{ user_id: number; applied_at: string | null; rows: BulkRow[] }>('SELECT user_id, applied_at, rows FROM bulk_jobs WHERE id = $1 FOR UPDATE', [req.params.id]);
      if (!job || job.user_id !== user.id)
        throw new HttpError(404, 'There is no such bulk update of yours; upload the file again.', undefined, undefined, problem('not_found', { thing: 'bulkJob', id: req.params.id }));
      if (job.applied_at) throw new HttpError(409, 'This bulk update was already applied.', undefined, undefined, problem('bulk_already_applied'));
      const bad = job.rows.filter((r) => r.errors.length);
      if (bad.length)
        throw new HttpError(409, `Nothing was applied: ${bad.length} row(s) were rejected in the check (lines ${bad.map((r) => r.line).join(', ')}). Fix them and upload again.`, undefined, undefined,
          problem('bulk_rows_rejected', { count: bad.length, lines: bad.map((r) => r.line) }));
      const outcomes = [];
      for (const row of job.rows) {
        try {
          // Whether the row needs review is decided again now, under the rules and status of the moment.
          const done = await applyOrPropose(tx, user, { parkId: row.parkId!, expectedVersion: row.version!, change: row.change, reason: row.reason, effectiveDate: row.effectiveDate });
          outcomes.push({ line: row.line, parkId: row.parkId!, ...done });
        } catch (err) {
          if (err instanceof HttpError)
            throw new HttpError(err.status, `Nothing was applied: line ${row.line} (park ${row.code}): ${err.message}`, undefined, undefined,
              problem('bulk_row_failed', { line: row.line, park: row.name ?? row.code, cause: err.problem ?? { code: 'server_error' } }));
          throw err;
        }
      }
      await tx.query('UPDATE bulk_jobs SET applied_at = now() WHERE id = $1', [req.params.id]);
      return { applied: outcomes.filter((o) => o.outcome === 'applied').length, proposed: outcomes.filter((o) => o.outcome === 'proposed').length, rows: outcomes };
    });
  });
}

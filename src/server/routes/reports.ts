// Monitoring reports: planners and administrators ask for one (generated in the background, with
// progress), everyone with a confidential role reads every report, viewers and the public read
// the published public ones; administrators publish (immutable from then on) and set schedules.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import { REPORT_AUDIENCES, REPORT_FORMATS, SCHEDULE_KINDS, type ReportAudience, type ReportFormat, type ReportInfo, type ScheduleKind } from '../../domain/monitoring/reports.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential, requireUser } from '../http/auth-hooks.ts';
import { REPORT_REQUESTERS } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { problem } from '../../domain/problems.ts';
import { effectiveDateFieldProblem, effectiveDateProblem, idParams, intParam, invalidBody } from '../http/params.ts';
import type { ReportRunner } from '../reports/report-runner.ts';
import { createSchedule, listReports, listSchedules, publishReport, queueReport, reportFile, reportInfo, updateSchedule } from '../reports/report-store.ts';

const PERIOD_PATTERN = '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$';
const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/** Published public reports are for everyone; everything else for roles that may read confidential figures. */
const mayRead = (req: FastifyRequest, r: ReportInfo) => (r.published && r.audience === 'public') || mayReadConfidential(req);

async function readable(db: Database, req: FastifyRequest, rawId: string): Promise<ReportInfo> {
  const id = intParam('id', rawId, 1, 1e9, 0);
  const info = await reportInfo(db, id);
  // A report one may not read answers like one that does not exist: its period and audience stay private.
  if (!info || !mayRead(req, info)) throw new HttpError(404, `There is no report with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'report', id }));
  return info;
}

/** 广州市产业监测报告-2021-Q2-v2.pdf (an unpublished draft says 草稿). */
function fileName(r: ReportInfo, format: ReportFormat): string {
  const audience = r.audience === 'public' ? '公开版' : '内部版';
  return `广州市产业监测报告-${r.period}-${audience}-${r.published ? `v${r.version}` : `草稿${r.id}`}.${format}`;
}

function sendFile(reply: FastifyReply, r: ReportInfo, format: ReportFormat, file: { body: Buffer | string; hash: string }, download: boolean) {
  const name = fileName(r, format);
  reply.header('Content-Type', CONTENT_TYPES[format]);
  reply.header('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="report-${r.period}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  reply.header('ETag', `"${file.hash}"`);
  // A published report never changes: caches may keep it (privately unless it is the public version).
  reply.header('Cache-Control', r.published ? `${r.audience === 'public' ? 'public' : 'private'}, max-age=31536000, immutable` : 'private, no-cache');
  if (format === 'html') reply.header('Content-Security-Policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:");
  return reply.send(file.body);
}

export function reportRoutes(app: FastifyInstance, db: Database, runner: ReportRunner): void {
  app.post<{ Body: { period: string; asOf?: string; audience?: ReportAudience } }>('/api/reports', {
    schema: {
      tags: ['reports'],
      summary: 'Ask for a report of a period (generated in the background): 202 with its id; follow GET /api/reports/:id',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['period'],
        properties: {
          period: { type: 'string', pattern: PERIOD_PATTERN, description: 'YYYY, YYYY-Qn or YYYY-MM' },
          asOf: { type: 'string', description: 'YYYY-MM-DD: the data as it stood at the end of that day (China time)' },
          audience: { type: 'string', enum: REPORT_AUDIENCES, description: 'internal (default) or public (confidential figures left out, small cells suppressed)' },
        },
      },
    },
  }, async (req, reply) => {
    const user = requireUser(req, REPORT_REQUESTERS);
    const { period, asOf, audience = 'internal' } = req.body;
    if (!parsePeriod(period)) throw invalidBody('period', 'must be a year, quarter or month such as 2021, 2021-Q2 or 2021-06', problem('field_period'));
    const dateProblem = asOf === undefined ? null : effectiveDateProblem(asOf);
    if (dateProblem) throw invalidBody('asOf', dateProblem, effectiveDateFieldProblem(asOf!)!);
    const info = await queueReport(db, { period, asOf: asOf ?? null, audience, requestedBy: user.username });
    runner.kick();
    return reply.code(202).header('Location', `/api/reports/${info.id}`).send(info);
  });

  app.get('/api/reports', { schema: { tags: ['reports'], summary: 'Reports, newest first: all for planners, officials and administrators; the published public ones for everyone else' } }, async (req) => ({
    items: await listReports(db, { publicOnly: !mayReadConfidential(req) }),
  }));

  app.get<{ Params: { id: string } }>('/api/reports/:id', { schema: { tags: ['reports'], summary: 'A report: status, progress, data vintage, publication', params: idParams } }, async (req) =>
    readable(db, req, req.params.id));

  app.get<{ Params: { id: string }; Querystring: { format?: string; download?: string } }>('/api/reports/:id/file', {
    schema: {
      tags: ['reports'],
      summary: 'A generated report as PDF, DOCX or HTML (the preview)',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: REPORT_FORMATS }, download: { type: 'string', enum: ['0', '1'] } } },
    },
  }, async (req, reply) => {
    const info = await readable(db, req, req.params.id);
    const format = (req.query.format ?? 'pdf') as ReportFormat;
    if (info.status !== 'done')
      throw new HttpError(409, `Report ${info.id} is not generated yet (${info.status}).`, undefined, { reportStatus: info.status, progress: info.progress }, problem('report_not_ready', { id: info.id, state: info.status }));
    const file = await reportFile(db, info.id, format);
    if (!file) throw new HttpError(404, `Report ${info.id} has no ${format} file.`, undefined, undefined, problem('report_file_missing', { id: info.id, format }));
    if (req.headers['if-none-match'] === `"${file.hash}"`) return reply.code(304).send();
    return sendFile(reply, info, format, file, req.query.download !== '0' && format !== 'html');
  });

  app.post<{ Params: { id: string } }>('/api/reports/:id/publish', {
    schema: { tags: ['reports'], summary: 'Publish a generated report (administrators): the next version of its period and audience; from then on it never changes', params: idParams },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    return db.transaction((tx) => publishReport(tx, id, user.username));
  });

  const scheduleBody = {
    type: 'object',
    additionalProperties: false,
    properties: {
      kind: { type: 'string', enum: SCHEDULE_KINDS },
      day: { type: 'integer', minimum: 1, maximum: 28 },
      audiences: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'string', enum: REPORT_AUDIENCES } },
      publish: { type: 'boolean' },
      enabled: { type: 'boolean' },
      version: { type: 'integer', minimum: 1 },
    },
  } as const;

  app.get('/api/report-schedules', { schema: { tags: ['reports'], summary: 'Report schedules (administrators)' } }, async (req) => {
    requireUser(req, ['admin']);
    return { items: await listSchedules(db) };
  });

  app.post<{ Body: { kind: ScheduleKind; day: number; audiences: ReportAudience[]; publish?: boolean; enabled?: boolean } }>('/api/report-schedules', {
    schema: { tags: ['reports'], summary: 'Add a schedule, e.g. the 10th of each month for the previous month (administrators)', body: { ...scheduleBody, required: ['kind', 'day', 'audiences'] } },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    const b = req.body;
    return reply.code(201).send(await createSchedule(db, { kind: b.kind, day: b.day, audiences: b.audiences, publish: b.publish ?? true, enabled: b.enabled ?? true }, user.username));
  });

  app.patch<{ Params: { id: string }; Body: { day?: number; audiences?: ReportAudience[]; publish?: boolean; enabled?: boolean; version: number } }>('/api/report-schedules/:id', {
    schema: { tags: ['reports'], summary: 'Change a schedule (administrators; version as seen, 412 when stale)', params: idParams, body: { ...scheduleBody, required: ['version'] } },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const { version, ...change } = req.body;
    if ('kind' in change) throw invalidBody('kind', 'cannot change; add a new schedule instead', problem('field_cannot_change'));
    return updateSchedule(db, intParam('id', req.params.id, 1, 1e9, 0), version, change, user.username);
  });
}

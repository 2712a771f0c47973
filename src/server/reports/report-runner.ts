// Makes reports in the background of the server process: takes queued jobs one at a time (build the
// content, render HTML, PDF and DOCX, store them with their hashes), reports progress as it goes,
// and, once a minute, queues what the schedules have come due for. No external cron: a timer in
// the process, safe with several processes on one PostgreSQL: jobs are claimed with SKIP LOCKED
// and marked with their runner; a schedule's period is claimed by a conditional UPDATE in the
// transaction that queues its reports, so it is queued once, whichever processes look; a runner
// beats a heartbeat while it works, and only a job whose heartbeat stopped (its process died) is
// queued again.
import { randomUUID } from 'node:crypto';
import { duePeriod, type ReportStage } from '../../domain/monitoring/reports.ts';
import { problem, type ProblemRef } from '../../domain/problems.ts';
import type { Database } from '../db/database.ts';
import { todayInChina } from '../../domain/china-date.ts';
import { buildReportData } from './report-data.ts';
import {
  claimNextReport, claimSchedulePeriod, failReport, finishReport, heartbeat, listSchedules, publishReport, queueReport, requeueInterrupted, setProgress,
} from './report-store.ts';
import { renderReportDocx } from './render-docx.ts';
import { renderReportHtml } from './render-html.ts';
import { renderReportPdf } from './render-pdf.ts';

export interface ReportRunnerOptions {
  /** How often to look for jobs queued by other processes (ms). */
  pollMs?: number;
  /** How often to look at the schedules (ms); 0 = never (tests start schedules by hand). */
  scheduleMs?: number;
}

/** Progress is written at most this often: each write is a statement, and PGlite runs one at a time. */
const PROGRESS_EVERY_MS = 400;
/** While it makes a report, a runner says so this often (a PDF print writes no progress for seconds). */
export const REPORT_HEARTBEAT_MS = 10_000;
/**
 * On PostgreSQL, a running job without a heartbeat for this long belongs to a process that died:
 * another process takes it back. Six missed beats, so a busy process is not mistaken for a dead one.
 */
export const REPORT_STALE_SECONDS = 60;

export class ReportRunner {
  private draining: Promise<void> | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private stopped = false;
  /** Marks the jobs this runner holds, so a late result of a job given to another process is not stored. */
  readonly id = randomUUID();

  constructor(private readonly db: Database, private readonly opts: ReportRunnerOptions = {}) {}

  /** Running jobs whose runner is gone: at start on the embedded database (one process), stale ones on PostgreSQL. */
  private requeue(): Promise<number> {
    return requeueInterrupted(this.db, this.db.kind === 'pglite' ? 0 : REPORT_STALE_SECONDS);
  }

  async start(): Promise<void> {
    await this.requeue();
    const poll = setInterval(() => {
      // On PostgreSQL a process that died while making a report left it running: survivors take it back.
      if (this.db.kind === 'postgres' && !this.stopped) void this.requeue().then((n) => {
        if (n) this.kick();
      }, (err) => console.error('report requeue:', err));
      this.kick();
    }, this.opts.pollMs ?? 5000);
    poll.unref();
    this.timers.push(poll);
    if (this.opts.scheduleMs !== 0) {
      const schedule = setInterval(() => void this.runSchedules().catch((err) => console.error('report schedules:', err)), this.opts.scheduleMs ?? 60_000);
      schedule.unref();
      this.timers.push(schedule);
    }
    this.kick();
  }

  /** Looks for queued jobs now (after a request queued one). */
  kick(): void {
    if (this.stopped || this.draining) return;
    this.draining = this.drain().finally(() => (this.draining = null));
  }

  /** Waits for the queue to empty (tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.draining;
  }

  /** Queues the reports the schedules are due for on `chinaDate` (today in China by default); returns their ids. */
  async runSchedules(chinaDate = todayInChina()): Promise<number[]> {
    const ids: number[] = [];
    for (const s of await listSchedules(this.db)) {
      const period = duePeriod(s, chinaDate);
      if (!period) continue;
      // Claim and queue together: a process dying in between must not leave the period claimed and never made.
      ids.push(...(await this.db.transaction(async (tx) => {
        if (!(await claimSchedulePeriod(tx, s.id, period))) return [];
        const queued: number[] = [];
        for (const audience of s.audiences) queued.push((await queueReport(tx, { period, asOf: null, audience, requestedBy: 'system', scheduleId: s.id })).id);
        return queued;
      })));
    }
    if (ids.length) this.kick();
    return ids;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const job = await claimNextReport(this.db, this.id);
      if (!job) return;
      await this.make(job.id, { period: job.period, asOf: job.asOf, audience: job.audience }, job.scheduleId);
    }
  }

  private async make(id: number, request: Parameters<typeof buildReportData>[1], scheduleId: number | null): Promise<void> {
    let last = 0;
    let write: Promise<void> = Promise.resolve();
    const progress = (fraction: number, step: string, force = false) => {
      const now = Date.now();
      if (!force && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      write = write.then(() => setProgress(this.db, id, fraction, step, this.id)).catch(() => undefined);
    };
    const beat = setInterval(() => {
      write = write.then(() => heartbeat(this.db, id, this.id)).catch(() => undefined);
    }, REPORT_HEARTBEAT_MS);
    beat.unref();
    // Where it stopped, for the failure's problem (the app says it in the user's language).
    let stage: ReportStage = 'data';
    try {
      // Building the content is most of the work; rendering the three files the rest.
      const data = await buildReportData(this.db, request, (f, step) => progress(f * 0.7, step));
      stage = 'html';
      progress(0.72, 'html', true);
      const html = renderReportHtml(data);
      stage = 'pdf';
      progress(0.75, 'pdf', true);
      const pdf = await renderReportPdf(html);
      stage = 'docx';
      progress(0.9, 'docx', true);
      const docx = await renderReportDocx(data);
      clearInterval(beat);
      await write;
      stage = 'save';
      const mine = await finishReport(this.db, id, { html, pdf, docx }, { dataThrough: data.vintage.dataThrough, dataUpdatedAt: data.vintage.updatedAt, demo: data.demo }, this.id);
      if (mine && scheduleId !== null && (await listSchedules(this.db)).find((s) => s.id === scheduleId)?.publish)
        await this.db.transaction((tx) => publishReport(tx, id, 'system'));
    } catch (err) {
      clearInterval(beat);
      await write;
      // A failure that has a problem of its own (a period refused, say) keeps it as the cause.
      const cause = (err as { problem?: ProblemRef } | null)?.problem;
      const why = problem('report_failed', cause ? { stage, cause: { code: cause.code, params: cause.params } } : { stage });
      await failReport(this.db, id, err instanceof Error ? err.message : String(err), why, this.id);
    }
  }
}

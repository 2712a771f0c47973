// Makes reports in the background of the server process: takes queued jobs one at a time (build the
// content, render HTML, PDF and DOCX, store them with their hashes), reports progress as it goes,
// and, once a minute, queues what the schedules have come due for. No external cron: a timer in
// the process, safe with several processes on one PostgreSQL (jobs are claimed with SKIP LOCKED,
// schedule periods with a conditional UPDATE).
import { duePeriod } from '../../domain/monitoring/reports.ts';
import type { Database } from '../db/database.ts';
import { todayInChina } from '../../domain/china-date.ts';
import { buildReportData } from './report-data.ts';
import { claimNextReport, claimSchedulePeriod, failReport, finishReport, listSchedules, publishReport, queueReport, requeueInterrupted, setProgress } from './report-store.ts';
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

export class ReportRunner {
  private draining: Promise<void> | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private stopped = false;

  constructor(private readonly db: Database, private readonly opts: ReportRunnerOptions = {}) {}

  async start(): Promise<void> {
    await requeueInterrupted(this.db);
    const poll = setInterval(() => this.kick(), this.opts.pollMs ?? 5000);
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
      if (!period || !(await claimSchedulePeriod(this.db, s.id, period))) continue;
      for (const audience of s.audiences) ids.push((await queueReport(this.db, { period, asOf: null, audience, requestedBy: 'system', scheduleId: s.id })).id);
    }
    if (ids.length) this.kick();
    return ids;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const job = await claimNextReport(this.db);
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
      write = write.then(() => setProgress(this.db, id, fraction, step)).catch(() => undefined);
    };
    try {
      // Building the content is most of the work; rendering the three files the rest.
      const data = await buildReportData(this.db, request, (f, step) => progress(f * 0.7, step));
      progress(0.72, 'html', true);
      const html = renderReportHtml(data);
      progress(0.75, 'pdf', true);
      const pdf = await renderReportPdf(html);
      progress(0.9, 'docx', true);
      const docx = await renderReportDocx(data);
      await write;
      await finishReport(this.db, id, { html, pdf, docx }, { dataThrough: data.vintage.dataThrough, dataUpdatedAt: data.vintage.updatedAt, demo: data.demo });
      if (scheduleId !== null && (await listSchedules(this.db)).find((s) => s.id === scheduleId)?.publish)
        await this.db.transaction((tx) => publishReport(tx, id, 'system'));
    } catch (err) {
      await write;
      await failReport(this.db, id, err instanceof Error ? err.message : String(err));
    }
  }
}

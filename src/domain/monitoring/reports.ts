// Monitoring reports as the API speaks of them: audiences, formats, job states, the record of a
// generated or published report, and the schedule rule ("on the 10th, the previous month").
import { formatPeriod, type PeriodKind } from './periods.ts';
import type { ProblemRef } from '../problems.ts';

export const REPORT_AUDIENCES = ['internal', 'public'] as const;
export type ReportAudience = (typeof REPORT_AUDIENCES)[number];
export const REPORT_FORMATS = ['pdf', 'docx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** Where the making of a report can stop: gathering the figures, rendering each file, storing them. */
export const REPORT_STAGES = ['data', 'html', 'pdf', 'docx', 'save'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** A report job and, once generated, its vintage; once published, its version and content hashes. */
export interface ReportInfo {
  id: number;
  period: string;
  /** The date the data is taken as it stood on (YYYY-MM-DD); null = as generated. */
  asOf: string | null;
  audience: ReportAudience;
  status: ReportStatus;
  /** 0 … 1 while running. */
  progress: number;
  step: string | null;
  /** Why it failed, in English (for API users). */
  error: string | null;
  /** Why it failed as a problem the app renders in the user's language (`report_failed`); null before migration 19. */
  errorProblem: ProblemRef | null;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
  /** The latest month with figures when it was generated (YYYY-MM), and when they were last written. */
  dataThrough: string | null;
  dataUpdatedAt: string | null;
  demo: boolean | null;
  published: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  /** 1, 2, … per period and audience among published reports; null until published. */
  version: number | null;
  /** SHA-256 of each stored file (hex). */
  hashes: Partial<Record<ReportFormat, string>>;
  scheduleId: number | null;
}

/** Periods a schedule produces. */
export const SCHEDULE_KINDS = ['month', 'quarter', 'year'] as const satisfies readonly PeriodKind[];
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface ReportSchedule {
  id: number;
  kind: ScheduleKind;
  /** Day of the month (1–28) on which the previous period's report is made. */
  day: number;
  audiences: ReportAudience[];
  /** Publish the reports as soon as they are generated. */
  publish: boolean;
  enabled: boolean;
  /** The last period this schedule produced (null: never). */
  lastPeriod: string | null;
  version: number;
}

/**
 * The period a schedule is due to produce on a China date (YYYY-MM-DD), or null: once the day has
 * come, the previous month; the previous quarter in the month after a quarter ends; the previous
 * year in January. Never a period it already produced or one before it.
 */
export function duePeriod(s: Pick<ReportSchedule, 'kind' | 'day' | 'enabled' | 'lastPeriod'>, chinaDate: string): string | null {
  if (!s.enabled) return null;
  const [year, month, day] = chinaDate.split('-').map(Number);
  if (day < s.day) return null;
  let due: string | null = null;
  if (s.kind === 'month') due = month === 1 ? `${year - 1}-12` : formatPeriod({ kind: 'month', year, index: month - 1, cumulative: false });
  else if (s.kind === 'quarter') due = [1, 4, 7, 10].includes(month) ? (month === 1 ? `${year - 1}-Q4` : `${year}-Q${(month - 1) / 3}`) : null;
  else due = month === 1 ? String(year - 1) : null;
  // Periods of one kind sort as text (2021-09 < 2021-10, 2021-Q3 < 2021-Q4).
  return due && (s.lastPeriod === null || due > s.lastPeriod) ? due : null;
}

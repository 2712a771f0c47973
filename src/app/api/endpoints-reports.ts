// Endpoints of the monitoring reports: ask for one, follow it, publish it, the archive, the schedules.
import type { ReportAudience, ReportFormat, ReportInfo, ReportSchedule, ScheduleKind } from '../../domain/monitoring/reports.ts';
import { get, request } from './client.ts';

export type { ReportInfo, ReportSchedule };

export const fetchReports = async (signal?: AbortSignal) => (await get<{ items: ReportInfo[] }>('/api/reports', signal)).items;

export async function requestReport(period: string, audience: ReportAudience, asOf: string | null): Promise<ReportInfo> {
  return (await request<ReportInfo>('POST', '/api/reports', { json: { period, audience, ...(asOf ? { asOf } : {}) } })).body;
}

export async function publishReport(id: number): Promise<ReportInfo> {
  return (await request<ReportInfo>('POST', `/api/reports/${id}/publish`)).body;
}

/** The stable link of a report's file. */
export const reportFileUrl = (id: number, format: ReportFormat) => `/api/reports/${id}/file?format=${format}`;

export const fetchSchedules = async (signal?: AbortSignal) => (await get<{ items: ReportSchedule[] }>('/api/report-schedules', signal)).items;

export async function createSchedule(s: { kind: ScheduleKind; day: number; audiences: ReportAudience[]; publish: boolean }): Promise<ReportSchedule> {
  return (await request<ReportSchedule>('POST', '/api/report-schedules', { json: s })).body;
}

export async function updateSchedule(id: number, version: number, change: Partial<Pick<ReportSchedule, 'day' | 'audiences' | 'publish' | 'enabled'>>): Promise<ReportSchedule> {
  return (await request<ReportSchedule>('PATCH', `/api/report-schedules/${id}`, { json: { ...change, version } })).body;
}

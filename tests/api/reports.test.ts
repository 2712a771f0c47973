// Report jobs, publication and schedules against the real database: a report asked for is made in
// the background with progress and lands as PDF, DOCX and HTML whose hashes are stored; who may
// ask, read and publish; a published report's bytes never change (the database refuses it too)
// and a second publication of a period is a new version; schedules queue each period once.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportInfo } from '../../src/domain/monitoring/reports.ts';
import { ReportRunner } from '../../src/server/reports/report-runner.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(backends())('monitoring reports (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let planner: ApiClient;
  let viewer: ApiClient;
  let anonymous: ApiClient;

  /** Follows a report until it is done or failed (the server polls nothing: each GET reads the row). */
  async function finished(c: ApiClient, id: number): Promise<ReportInfo> {
    const seen: number[] = [];
    for (let i = 0; i < 600; i++) {
      const r = await c.get<ReportInfo>(`/api/reports/${id}`);
      expect(r.status).toBe(200);
      seen.push(r.body.progress);
      if (r.body.status === 'done' || r.body.status === 'failed') {
        // Progress only moves forward.
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        return r.body;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`report ${id} did not finish`);
  }

  async function file(c: ApiClient, id: number, format: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(`${server.url}/api/reports/${id}/file?format=${format}`, { headers: { cookie: c.cookieHeader() } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  beforeAll(async () => {
    server = await startTestServer(backend);
    [admin, planner, viewer, anonymous] = await Promise.all([clientFor(server, 'admin'), clientFor(server, 'planner'), clientFor(server, 'viewer'), clientFor(server, null)]);
  });
  afterAll(() => server?.close());

  it('checks who may ask and what they ask for', async () => {
    expect((await viewer.request('POST', '/api/reports', { json: { period: '2021' } })).status).toBe(403);
    expect((await anonymous.request('POST', '/api/reports', { json: { period: '2021' } })).status).toBe(401);
    const bad = await planner.request('POST', '/api/reports', { json: { period: '2021-13' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('period');
    const future = await planner.request('POST', '/api/reports', { json: { period: '2021', asOf: '2999-01-01' } });
    expect(future.status).toBe(400);
    expect(future.body.fields.asOf).toBe('must not be in the future');
    expect((await planner.request('POST', '/api/reports', { json: { period: '2021', audience: 'everyone' } })).status).toBe(400);
  });

  let first: ReportInfo;

  it('makes a report in the background and stores its files with their hashes', async () => {
    const r = await planner.request<ReportInfo>('POST', '/api/reports', { json: { period: '2021-Q2' } });
    expect(r.status).toBe(202);
    expect(r.headers.get('location')).toBe(`/api/reports/${r.body.id}`);
    expect(r.body).toMatchObject({ period: '2021-Q2', audience: 'internal', requestedBy: 'planner', published: false });
    first = await finished(planner, r.body.id);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ status: 'done', progress: 1, demo: true });
    expect(first.dataThrough).toMatch(/^\d{4}-\d{2}$/);
    const pdf = await file(planner, first.id, 'pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf.bytes)).toBe(first.hashes.pdf);
    expect(pdf.headers.get('etag')).toBe(`"${first.hashes.pdf}"`);
    expect(decodeURIComponent(pdf.headers.get('content-disposition')!)).toContain('广州市产业监测报告-2021-Q2-内部版-草稿');
    const docx = await file(planner, first.id, 'docx');
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    expect(sha256(docx.bytes)).toBe(first.hashes.docx);
    const html = await file(planner, first.id, 'html');
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.bytes.toString('utf8')).toContain('2021');
    // Not for viewers or the public: an internal draft answers as if it did not exist.
    expect((await viewer.get(`/api/reports/${first.id}`)).status).toBe(404);
    expect((await file(anonymous, first.id, 'pdf')).status).toBe(404);
    expect((await viewer.get('/api/reports')).body.items).toEqual([]);
    expect((await planner.get('/api/reports')).body.items.map((x: ReportInfo) => x.id)).toContain(first.id);
  });

  it('publishes: administrators only, a version per period, and the bytes never change', async () => {
    expect((await planner.request('POST', `/api/reports/${first.id}/publish`)).status).toBe(403);
    const p1 = await admin.request<ReportInfo>('POST', `/api/reports/${first.id}/publish`);
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ published: true, version: 1, publishedBy: 'admin' });
    expect((await admin.request('POST', `/api/reports/${first.id}/publish`)).status).toBe(409);
    // The database itself refuses to change or delete a published report.
    await expect(server.database.db.query(`UPDATE reports SET pdf = '\\x00'::bytea WHERE id = $1`, [first.id])).rejects.toThrow(/published/);
    await expect(server.database.db.query('DELETE FROM reports WHERE id = $1', [first.id])).rejects.toThrow(/published/);

    // The same period again: a new report, published as version 2; the first keeps its bytes.
    const again = await finished(planner, (await planner.request<ReportInfo>('POST', '/api/reports', { json: { period: '2021-Q2' } })).body.id);
    const p2 = await admin.request<ReportInfo>('POST', `/api/reports/${again.id}/publish`);
    expect(p2.body.version).toBe(2);
    const pdf = await file(planner, first.id, 'pdf');
    expect(sha256(pdf.bytes)).toBe(first.hashes.pdf);
    expect(pdf.headers.get('cache-control')).toContain('immutable');
    // Publishing something not generated yet is refused.
    const queued = (await planner.request<ReportInfo>('POST', '/api/reports', { json: { period: '2020' } })).body;
    const early = await admin.request('POST', `/api/reports/${queued.id}/publish`);
    if ((await admin.get<ReportInfo>(`/api/reports/${queued.id}`)).body.status !== 'done') expect(early.status).toBe(409);
    await finished(planner, queued.id);
  });

  it('gives viewers and the public the published public version', async () => {
    const pub = await finished(planner, (await planner.request<ReportInfo>('POST', '/api/reports', { json: { period: '2021-Q2', audience: 'public' } })).body.id);
    expect((await viewer.get(`/api/reports/${pub.id}`)).status).toBe(404);
    expect((await admin.request('POST', `/api/reports/${pub.id}/publish`)).body).toMatchObject({ version: 1, audience: 'public' });
    const list = (await anonymous.get('/api/reports')).body.items as ReportInfo[];
    expect(list.map((r) => r.id)).toEqual([pub.id]);
    const pdf = await file(anonymous, pub.id, 'pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('cache-control')).toMatch(/^public/);
    expect((await file(viewer, first.id, 'pdf')).status).toBe(404);
  });

  it('queues what a schedule has come due for, each period once, and publishes it', async () => {
    expect((await planner.request('POST', '/api/report-schedules', { json: { kind: 'year', day: 10, audiences: ['public'] } })).status).toBe(403);
    expect((await admin.request('POST', '/api/report-schedules', { json: { kind: 'year', day: 29, audiences: ['public'] } })).status).toBe(400);
    const s = await admin.request('POST', '/api/report-schedules', { json: { kind: 'year', day: 10, audiences: ['public'], publish: true } });
    expect(s.status).toBe(201);
    const runner = new ReportRunner(server.database.db, { scheduleMs: 0 });
    expect(await runner.runSchedules('2022-01-09')).toEqual([]);
    const ids = await runner.runSchedules('2022-01-10');
    expect(ids).toHaveLength(1);
    expect(await runner.runSchedules('2022-01-11')).toEqual([]);
    const made = await finished(admin, ids[0]);
    await runner.stop();
    expect(made).toMatchObject({ period: '2021', audience: 'public', requestedBy: 'system', scheduleId: s.body.id });
    // Publication follows generation in the same job: poll until it shows.
    let published = made;
    for (let i = 0; i < 100 && !published.published; i++) {
      await new Promise((res) => setTimeout(res, 100));
      published = (await admin.get<ReportInfo>(`/api/reports/${made.id}`)).body;
    }
    expect(published).toMatchObject({ published: true, version: 1, publishedBy: 'system' });
    const list = (await admin.get('/api/report-schedules')).body.items;
    expect(list[0]).toMatchObject({ lastPeriod: '2021', enabled: true });
    // A stale version is refused; a current one switches the schedule off.
    expect((await admin.request('PATCH', `/api/report-schedules/${s.body.id}`, { json: { enabled: false, version: 99 } })).status).toBe(412);
    expect((await admin.request('PATCH', `/api/report-schedules/${s.body.id}`, { json: { enabled: false, version: list[0].version } })).body.enabled).toBe(false);
  });
});

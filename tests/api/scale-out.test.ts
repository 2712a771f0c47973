// Several server processes on one PostgreSQL (docs/architecture.md §8 "Several server processes"):
// two real server processes (src/server/main.ts) share one database, as behind a load balancer.
// - An import of parks through one is seen at once through the other: the rebuilt tiles (read
//   with the browser's PMTiles reader, by byte ranges), the enterprise payload and the park statuses,
//   also when the other had the old ones in memory.
// - A session is one in both: a logout through one ends it in the other at once.
// - Editors whose requests alternate between the processes (a round-robin balancer, no sticky
//   sessions) race on one park with If-Match: one winner per round, and every acknowledged edit is in
//   the final state and history (zero lost updates).
// - Report jobs and schedules with two processes' runners: a period is queued once, a process
//   starting leaves another live process's running job alone, and only a dead one's job is taken back.
// And on both backends, in one process: tiles rebuilt after an import are served from the database,
// by byte ranges, in place of the files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vectorTile from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { FetchSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnterprisePayload } from '../../src/domain/enterprise-payload.ts';
import type { Database } from '../../src/server/db/database.ts';
import { openPostgres } from '../../src/server/db/postgres-database.ts';
import { REPORT_STALE_SECONDS, ReportRunner } from '../../src/server/reports/report-runner.ts';
import { claimNextReport, finishReport, queueReport, requeueInterrupted } from '../../src/server/reports/report-store.ts';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { ApiClient, DEMO_PASSWORD, clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { tileRange } from '../helpers/pmtiles-read.ts';
import { TEST_DATA_DIR, backends, copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

const POSTGRES = Boolean(process.env.TEST_DATABASE_URL);
if (!POSTGRES)
  console.log('scale-out: the tests of two server processes are skipped: they need PostgreSQL (set TEST_DATABASE_URL); the embedded database is one process by design.');

const EDITORS = 10;
const ROUNDS = 10;

interface Ent { id: number; lon: number; lat: number }
interface Status { category: string; progress: string; pilotYear: number | null }

/** A parks file (CSV with a WKT column) with one square park of ±0.002° around each enterprise. */
function parksCsv(parks: { code: string; name: string; at: Ent }[]): Uint8Array {
  const d = 0.002;
  const rows = parks.map(({ code, name, at: { lon, lat } }) => {
    const ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
      .map(([x, y]) => `${x.toFixed(7)} ${y.toFixed(7)}`).join(', ');
    return `${code},${name},改造提升,"POLYGON((${ring}))"`;
  });
  return new TextEncoder().encode(`园区编号,园区名称,改造分类,WKT\n${rows.join('\n')}\n`);
}

async function importParks(admin: ApiClient, file: Uint8Array) {
  const form = new FormData();
  form.set('kind', 'parks');
  form.set('crs', 'wgs84');
  form.set('file', new Blob([file as Uint8Array<ArrayBuffer>]), 'parks.csv');
  const dry = await admin.request('POST', '/api/imports', { body: form });
  expect(dry.status, JSON.stringify(dry.body)).toBe(201);
  expect(dry.body.counts.rejected).toBe(0);
  const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  return applied.body as { added: number; enterprisesReassigned: number; tilesRebuilt: boolean };
}

/** Village-park feature ids in the z14 tile holding a point, read as the browser does: PMTiles by HTTP byte ranges. */
async function parkIdsInTile(url: string, at: Ent): Promise<number[]> {
  const { x0: x, y0: y } = tileRange([at.lon, at.lat, at.lon, at.lat], 14);
  const tile = await new PMTiles(new FetchSource(url)).getZxy(14, x, y);
  if (!tile) return [];
  const layer = new vectorTile.VectorTile(new Pbf(new Uint8Array(tile.data))).layers['village-parks'];
  return layer ? Array.from({ length: layer.length }, (_, i) => Number(layer.feature(i).id)) : [];
}

async function payload(url: string, c: ApiClient) {
  const res = await fetch(`${url}/api/enterprises/payload`, { headers: { cookie: c.cookieHeader() } });
  expect(res.status).toBe(200);
  const decoded = decodeEnterprisePayload(await res.arrayBuffer());
  const index = new Map(Array.from(decoded.columns.id, (id, i) => [id, i]));
  return { etag: res.headers.get('etag'), parkOf: (id: number) => decoded.columns.villagePark[index.get(id)!] || null };
}

async function login(url: string, username: string): Promise<ApiClient> {
  const c = new ApiClient(url);
  const r = await c.login(username, DEMO_PASSWORD);
  if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

/** A load balancer without sticky sessions: each request goes to the next server in turn. */
async function roundRobin(targets: string[]): Promise<{ url: string; counts: number[]; close: () => Promise<void> }> {
  const counts = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const i = next++ % targets.length;
    counts[i]++;
    const target = new URL(targets[i]);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(String(err)));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe.skipIf(!POSTGRES)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await copyTemplate('postgres');
    // Started together, as a deployment would: migrations take turns, neither seeds again.
    [a, b] = await Promise.all([startServer({ databaseUrl: database.location }, TEST_DATA_DIR), startServer({ databaseUrl: database.location }, TEST_DATA_DIR)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('an import of parks through one: the other serves the new tiles, payload and statuses at once', async () => {
    const adminA = await login(a.url, 'admin');
    const adminB = await login(b.url, 'admin');
    // Two enterprises in no park, far enough apart for a park around each.
    const free = await database.db.query<Ent>(
      `SELECT e.id, ST_X(e.geom) AS lon, ST_Y(e.geom) AS lat FROM enterprises e
       WHERE e.village_park_id IS NULL AND NOT EXISTS (SELECT 1 FROM village_parks p WHERE ST_DWithin(p.geom, e.geom, 0.003)) ORDER BY e.id LIMIT 200`);
    const e1 = free[0];
    const e2 = free.find((e) => Math.abs(e.lon - e1.lon) > 0.01 || Math.abs(e.lat - e1.lat) > 0.01)!;
    expect(e2, 'two enterprises outside parks, apart').toBeDefined();

    // B has the payload in memory, and no tiles yet (its TILES_DIR is empty, none were rebuilt).
    const before = await payload(b.url, adminB);
    expect(before.parkOf(e1.id)).toBeNull();
    expect((await fetch(`${b.url}/tiles/village-parks.pmtiles`)).status).toBe(404);

    const first = await importParks(adminA, parksCsv([{ code: 'VPSCALE0001', name: '扩容一号工业园', at: e1 }]));
    expect(first).toMatchObject({ added: 1, enterprisesReassigned: 1, tilesRebuilt: true });
    const [p1] = await database.db.query<{ id: number }>(`SELECT id FROM village_parks WHERE code = 'VPSCALE0001'`);

    // Through B: the tiles A rebuilt, the payload with the enterprise in its new park, the park's status.
    expect(await parkIdsInTile(`${b.url}/tiles/village-parks.pmtiles`, e1)).toContain(p1.id);
    const afterFirst = await payload(b.url, adminB);
    expect(afterFirst.etag).not.toBe(before.etag);
    expect(afterFirst.parkOf(e1.id)).toBe(p1.id);
    const statuses = await adminB.get<{ items: ({ id: number; version: number } & Status)[] }>('/api/parks/statuses');
    expect(statuses.body.items.find((s) => s.id === p1.id)).toMatchObject({ category: 'upgrade', progress: 'not_started', version: 1 });
    // Both serve the same bytes: one ETag for the archive and for the payload.
    const range = { headers: { range: 'bytes=0-126' } };
    const [tileA, tileB] = await Promise.all([fetch(`${a.url}/tiles/village-parks.pmtiles`, range), fetch(`${b.url}/tiles/village-parks.pmtiles`, range)]);
    expect([tileA.status, tileB.status]).toEqual([206, 206]);
    expect(tileB.headers.get('content-range')).toMatch(/^bytes 0-126\/\d+$/);
    expect(tileA.headers.get('etag')).toBe(tileB.headers.get('etag'));
    expect((await payload(a.url, adminA)).etag).toBe(afterFirst.etag);

    // Again, now that B holds the first rebuild in memory: it must not keep serving it.
    const second = await importParks(adminA, parksCsv([{ code: 'VPSCALE0002', name: '扩容二号工业园', at: e2 }]));
    expect(second).toMatchObject({ added: 1, enterprisesReassigned: 1, tilesRebuilt: true });
    const [p2] = await database.db.query<{ id: number }>(`SELECT id FROM village_parks WHERE code = 'VPSCALE0002'`);
    const tileB2 = await fetch(`${b.url}/tiles/village-parks.pmtiles`, range);
    expect(tileB2.headers.get('etag')).not.toBe(tileB.headers.get('etag'));
    expect(await parkIdsInTile(`${b.url}/tiles/village-parks.pmtiles`, e2)).toContain(p2.id);
    expect(await parkIdsInTile(`${b.url}/tiles/village-parks.pmtiles`, e1)).toContain(p1.id);
    const afterSecond = await payload(b.url, adminB);
    expect(afterSecond.etag).not.toBe(afterFirst.etag);
    expect(afterSecond.parkOf(e2.id)).toBe(p2.id);
    expect((await adminB.get<{ items: { id: number }[] }>('/api/parks/statuses')).body.items.map((s) => s.id)).toContain(p2.id);
  });

  it('one session in both: a logout through one ends it in the other at once', async () => {
    const c = await login(a.url, 'planner');
    const onB = () => fetch(`${b.url}/api/session`, { headers: { cookie: c.cookieHeader() } }).then((r) => r.json() as Promise<{ user: { username: string } | null }>);
    expect((await onB()).user?.username).toBe('planner');
    expect((await c.request('DELETE', '/api/session')).status).toBe(204);
    expect((await onB()).user).toBeNull();
  });

  it(`${EDITORS} editors through a round-robin balancer × ${ROUNDS} rounds: one winner per round, zero lost updates`, async () => {
    const lb = await roundRobin([a.url, b.url]);
    try {
      // One after another: parallel log-ins of one account are throttled like guesses (auth/throttle.ts).
      const editors: { name: string; client: ApiClient }[] = [];
      for (let i = 0; i < EDITORS; i++) {
        const username = i % 2 === 0 ? 'admin' : 'official-440111';
        editors.push({ name: `${username}#${i}`, client: await login(lb.url, username) });
      }
      const list = await editors[0].client.get('/api/parks?district=440111&category=upgrade&progress=not_started&pilot=false');
      expect(list.status).toBe(200);
      const parkId: number = list.body.features[0].id;
      const startVersion: number = (await editors[0].client.get(`/api/parks/${parkId}`)).body.properties.version;
      const winners: { version: number; reason: string; editor: string; to: Status }[] = [];

      for (let round = 0; round < ROUNDS; round++) {
        const reads = await Promise.all(editors.map((e) => e.client.get(`/api/parks/${parkId}`)));
        const version: number = reads[0].body.properties.version;
        for (const r of reads) expect(r.body.properties.version, `round ${round}: both processes read the same version`).toBe(version);
        const progress = reads[0].body.properties.progress === 'not_started' ? 'in_progress' : 'not_started';
        const results = await Promise.all(editors.map((e) =>
          e.client.patchPark(parkId, version, { progress, reason: `scale-out round ${round} by ${e.name}`, effectiveDate: '2026-01-15' })));
        const statuses = results.map((r) => r.status);
        const won = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
        const odd = results.find((r) => r.status !== 200 && r.status !== 412);
        expect(won, `round ${round}: ${statuses.join(',')} ${odd ? JSON.stringify(odd.body) : ''}`).toHaveLength(1);
        expect(statuses.filter((s) => s === 412), `round ${round}: ${statuses.join(',')}`).toHaveLength(EDITORS - 1);
        const w = results[won[0]].body.properties;
        expect(w.version).toBe(version + 1);
        winners.push({ version: version + 1, reason: `scale-out round ${round} by ${editors[won[0]].name}`, editor: editors[won[0]].name.split('#')[0],
          to: { category: w.category, progress: w.progress, pilotYear: w.pilotYear } });
      }
      // Both processes did part of the work.
      expect(Math.min(...lb.counts)).toBeGreaterThan(EDITORS * ROUNDS / 2);

      // Every acknowledged edit is in the history, in order, as acknowledged; the park ends at the last one.
      const history = (await editors[0].client.get<{ items: { version: number; reason: string; changedBy: string; from: Status; to: Status }[] }>(`/api/parks/${parkId}/history`)).body.items;
      const items = [...history].sort((x, y) => x.version - y.version);
      expect(items.map((i) => i.version)).toEqual(Array.from({ length: startVersion + ROUNDS }, (_, i) => i + 1));
      for (const [k, win] of winners.entries()) {
        const row = items[startVersion + k];
        expect(row).toMatchObject({ version: win.version, reason: win.reason, changedBy: win.editor, to: win.to });
        expect(row.from).toEqual(items[startVersion + k - 1].to);
      }
      const final = (await editors[1].client.get(`/api/parks/${parkId}`)).body.properties;
      expect(final.version).toBe(startVersion + ROUNDS);
      expect({ category: final.category, progress: final.progress, pilotYear: final.pilotYear }).toEqual(winners[ROUNDS - 1].to);
    } finally {
      await lb.close();
    }
  });
});

describe.skipIf(!POSTGRES)('report jobs and schedules with two processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let other: Database; // a second pool, as a second process has

  beforeAll(async () => {
    database = await copyTemplate('postgres');
    other = await openPostgres(database.location);
  });
  afterAll(async () => {
    await other?.close();
    await database?.drop();
  });

  it('queues a schedule\'s period once when both processes look at the same moment', async () => {
    const [s] = await database.db.query<{ id: number }>(
      `INSERT INTO report_schedules (kind, day, audiences, publish, updated_by) VALUES ('month', 1, '{internal,public}', false, 'test') RETURNING id`);
    // Stopped runners queue but make nothing (no Chromium here): what is checked is the queueing.
    const runners = [new ReportRunner(database.db, { scheduleMs: 0 }), new ReportRunner(other, { scheduleMs: 0 })];
    for (const r of runners) await r.stop();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await Promise.all(runners.map((r) => r.runSchedules('2022-03-15')))).flat());
    expect(ids).toHaveLength(2);
    const queued = await database.db.query<{ period: string; audience: string }>('SELECT period, audience FROM reports WHERE schedule_id = $1 ORDER BY audience', [s.id]);
    expect(queued).toEqual([{ period: '2022-02', audience: 'internal' }, { period: '2022-02', audience: 'public' }]);
    await database.db.query('DELETE FROM reports WHERE schedule_id = $1', [s.id]);
  });

  it('a process starting leaves a live process\'s running job alone; a dead one\'s is taken back, and its late result refused', async () => {
    const job = await queueReport(database.db, { period: '2021', asOf: null, audience: 'internal', requestedBy: 'test' });
    const claimed = await claimNextReport(database.db, 'process-a');
    expect(claimed?.id).toBe(job.id);
    // Another process starts: its runner looks for interrupted jobs. process-a's beat is fresh.
    const starting = new ReportRunner(other, { scheduleMs: 0, pollMs: 3_600_000 });
    await starting.start();
    await starting.stop();
    const row = () => database.db.query<{ status: string; runner: string | null }>('SELECT status, runner FROM reports WHERE id = $1', [job.id]).then((r) => r[0]);
    expect(await row()).toEqual({ status: 'running', runner: 'process-a' });
    // process-a dies: no heartbeat for longer than REPORT_STALE_SECONDS.
    await database.db.query(`UPDATE reports SET heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`, [job.id, REPORT_STALE_SECONDS + 1]);
    expect(await requeueInterrupted(other, REPORT_STALE_SECONDS)).toBe(1);
    expect(await row()).toEqual({ status: 'queued', runner: null });
    // Had it only been slow, its result now comes too late: the job is no longer its own.
    const stored = await finishReport(database.db, job.id, { html: '<p>', pdf: Buffer.from('%PDF'), docx: Buffer.from('PK') }, { dataThrough: null, dataUpdatedAt: null, demo: true }, 'process-a');
    expect(stored).toBe(false);
    expect((await row()).status).toBe('queued');
    await database.db.query('DELETE FROM reports WHERE id = $1', [job.id]);
  });
});

describe.each(backends())('map tiles after an import, one process (%s)', (backend) => {
  let server: TestServer;
  let tilesDir: string;
  const baseline = Buffer.from('PMTiles baseline built from the data files');

  beforeAll(async () => {
    tilesDir = mkdtempSync(join(tmpdir(), 'igis-tiles-'));
    writeFileSync(join(tilesDir, 'village-parks.pmtiles'), baseline);
    server = await startTestServer(backend, { tilesDir, reports: false });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(tilesDir, { recursive: true, force: true });
  });

  it('serves the file until an import rebuilds the tiles, then the rebuilt archive, by byte ranges', async () => {
    const url = `${server.url}/tiles/village-parks.pmtiles`;
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(baseline);
    // Ranges as RFC 9110 has them: a slice, a suffix, one past the end, a stale If-Range, a matching ETag.
    const slice = await fetch(url, { headers: { range: 'bytes=8-15' } });
    expect(slice.status).toBe(206);
    expect(slice.headers.get('content-range')).toBe(`bytes 8-15/${baseline.length}`);
    expect(Buffer.from(await slice.arrayBuffer())).toEqual(baseline.subarray(8, 16));
    expect(Buffer.from(await (await fetch(url, { headers: { range: 'bytes=-8' } })).arrayBuffer())).toEqual(baseline.subarray(-8));
    const past = await fetch(url, { headers: { range: `bytes=${baseline.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${baseline.length}`);
    expect((await fetch(url, { headers: { range: 'bytes=0-3', 'if-range': '"stale"' } })).status).toBe(200);
    expect((await fetch(url, { headers: { 'if-none-match': file.headers.get('etag')! } })).status).toBe(304);
    expect((await fetch(`${server.url}/tiles/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/tiles/nothing.pmtiles`)).status).toBe(404);

    const admin = await clientFor(server, 'admin');
    const [at] = await server.database.db.query<Ent>(
      `SELECT e.id, ST_X(e.geom) AS lon, ST_Y(e.geom) AS lat FROM enterprises e
       WHERE NOT EXISTS (SELECT 1 FROM village_parks p WHERE ST_DWithin(p.geom, e.geom, 0.003)) ORDER BY e.id LIMIT 1`);
    expect(await importParks(admin, parksCsv([{ code: 'VPTILES0001', name: '瓦片测试工业园', at }]))).toMatchObject({ added: 1, tilesRebuilt: true });
    const [park] = await server.database.db.query<{ id: number }>(`SELECT id FROM village_parks WHERE code = 'VPTILES0001'`);
    const rebuilt = await fetch(url, { headers: { range: 'bytes=0-1' } });
    expect(rebuilt.status).toBe(206);
    expect(rebuilt.headers.get('etag')).not.toBe(file.headers.get('etag'));
    expect(await parkIdsInTile(url, at)).toContain(park.id);
    // The other archives were rebuilt too (the files had none of them).
    expect((await fetch(`${server.url}/tiles/districts.pmtiles`, { method: 'HEAD' })).status).toBe(200);
  });
});

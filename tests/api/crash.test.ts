// Crash safety of status edits (docs/architecture.md §8): the real server process (src/server/main.ts) is
// killed with SIGKILL while several editors are writing, then restarted on the same data. Every edit
// acknowledged with 200 must be there with its audit row, and nothing unacknowledged may be
// half-there: each park's version equals its number of history rows, its current status equals its
// last history row, and the history is an unbroken chain. Several kill/restart cycles per backend.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { startServer as startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { ApiClient, DEMO_PASSWORD } from '../helpers/api-client.ts';
import { TEMPLATE_DIR, TEST_DATA_DIR, backends, copyTemplate, type Backend, type TestDatabase } from '../helpers/test-db.ts';

const CYCLES = 3;
const EDITORS = 8;

interface Status { category: string; progress: string; pilotYear: number | null }
interface HistoryItem { version: number; reason: string; from: Status; to: Status }
interface Edit { parkId: number; version: number; reason: string; to?: Status }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real server process on this suite's copy of the database. */
const startServer = (backend: Backend, location: string): Promise<ServerProcess> =>
  startServerProcess(backend === 'pglite' ? { pgliteDir: location } : { databaseUrl: location }, TEST_DATA_DIR);

async function login(url: string, username: string): Promise<ApiClient> {
  const c = new ApiClient(url);
  const r = await c.login(username, DEMO_PASSWORD);
  if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

describe.each(backends())('crash: SIGKILL during status edits (%s)', (backend) => {
  let database: TestDatabase | undefined; // postgres: a copied database (its pool stays in this process)
  let dir: string | undefined; // pglite: a copied data directory, opened only by the server process
  let location: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    if (backend === 'pglite') {
      dir = mkdtempSync(join(tmpdir(), 'igis-crash-'));
      cpSync(TEMPLATE_DIR, dir, { recursive: true });
      location = dir;
    } else {
      database = await copyTemplate(backend);
      location = database.location;
    }
  });
  afterAll(async () => {
    if (server && server.proc.exitCode === null && server.proc.signalCode === null) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    if (database) {
      await database.drop(); // its second db.close() is a no-op
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged edit and nothing half-written over ${CYCLES} kill -9 cycles`, async () => {
    server = await startServer(backend, location);
    const admin = await login(server.url, 'admin');
    const list = await admin.get('/api/parks?district=440111&category=upgrade&progress=not_started&pilot=false');
    expect(list.status).toBe(200);
    const parks: number[] = list.body.features.slice(0, EDITORS).map((f: { id: number }) => f.id);
    expect(parks.length, 'enough editable parks in the demo data').toBeGreaterThanOrEqual(4);

    const acked: Edit[] = []; // answered 200: must survive
    const inFlight = new Map<number, Edit>(); // sent, not answered when the server died: may or may not be there
    // The version each park was verified at after a restart: an edit committed but never acknowledged in
    // one cycle is part of the baseline of the next (a park may get no acknowledged edit there).
    const verified = new Map<number, number>();
    let totalAcked = 0;

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      // Each editor (its own session; officials of the district and admins) edits its own park in a loop.
      const clients = await Promise.all(parks.map((_, i) => login(server!.url, i % 2 === 0 ? 'official-440111' : 'admin')));
      const unexpected: string[] = [];
      let stop = false;
      let ackedThisCycle = 0;
      const loops = parks.map(async (parkId, i) => {
        for (let n = 0; !stop; n++) {
          try {
            const g = await clients[i].get(`/api/parks/${parkId}`);
            if (g.status !== 200) {
              unexpected.push(`GET park ${parkId}: ${g.status}`);
              return;
            }
            const p = g.body.properties;
            const progress = p.progress === 'not_started' ? 'in_progress' : 'not_started';
            const edit: Edit = { parkId, version: p.version + 1, reason: `crash cycle ${cycle} editor ${i} edit ${n}` };
            inFlight.set(parkId, edit);
            const r = await clients[i].patchPark(parkId, p.version, { progress, reason: edit.reason, effectiveDate: '2026-01-20' });
            if (r.status !== 200) {
              unexpected.push(`PATCH park ${parkId} v${p.version}: ${r.status} ${JSON.stringify(r.body)}`);
              return;
            }
            inFlight.delete(parkId);
            const q = r.body.properties;
            expect(q.version).toBe(edit.version);
            acked.push({ ...edit, to: { category: q.category, progress: q.progress, pilotYear: q.pilotYear } });
            ackedThisCycle++;
          } catch {
            return; // the connection died with the server
          }
        }
      });

      // Kill it mid-flight: a few hundred ms into the edits, once some have been acknowledged.
      const t0 = Date.now();
      const killAfter = 150 + Math.floor(Math.random() * 300);
      while ((Date.now() - t0 < killAfter || ackedThisCycle < parks.length) && Date.now() - t0 < 30_000 && unexpected.length === 0) await sleep(5);
      const pendingAtKill = inFlight.size;
      server.proc.kill('SIGKILL');
      stop = true;
      const exit = await server.exited;
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(loops);
      expect(unexpected, 'only 200s before the kill').toEqual([]);
      expect(ackedThisCycle).toBeGreaterThan(0);
      totalAcked += ackedThisCycle;

      // Restart on the same data and check every park that was edited.
      server = await startServer(backend, location);
      const reader = await login(server.url, 'admin');
      let committedUnacked = 0;
      for (const parkId of parks) {
        const park = await reader.get(`/api/parks/${parkId}`);
        expect(park.status).toBe(200);
        const h = await reader.get<{ items: HistoryItem[] }>(`/api/parks/${parkId}/history`);
        expect(h.status).toBe(200);
        const items = [...h.body.items].sort((a, b) => a.version - b.version);
        const version: number = park.body.properties.version;
        const where = `cycle ${cycle}, park ${parkId}`;
        // Version = number of audit rows, versions 1..V, an unbroken chain ending in the current status.
        expect(items.map((x) => x.version), where).toEqual(Array.from({ length: version }, (_, k) => k + 1));
        for (let k = 1; k < items.length; k++) expect(items[k].from, `${where} v${items[k].version}`).toEqual(items[k - 1].to);
        const p = park.body.properties;
        expect({ category: p.category, progress: p.progress, pilotYear: p.pilotYear }, where).toEqual(items[items.length - 1].to);
        // Every acknowledged edit is there, as acknowledged.
        const mine = acked.filter((e) => e.parkId === parkId);
        for (const e of mine) {
          const row = items.find((x) => x.version === e.version);
          expect(row, `${where}: acknowledged v${e.version} lost`).toBeDefined();
          expect(row!.reason, where).toBe(e.reason);
          expect(row!.to, where).toEqual(e.to);
        }
        // Beyond the last acknowledged edit there is at most the one that was in flight, whole.
        const lastAcked = Math.max(1, verified.get(parkId) ?? 1, ...mine.map((e) => e.version));
        const pending = inFlight.get(parkId);
        if (version > lastAcked) {
          expect(version, where).toBe(lastAcked + 1);
          expect(pending, `${where}: v${version} was never sent`).toBeDefined();
          expect(items[items.length - 1].reason, where).toBe(pending!.reason);
          committedUnacked++;
        }
        verified.set(parkId, version);
      }
      console.log(`crash (${backend}) cycle ${cycle}: killed after ${Date.now() - t0} ms, ${ackedThisCycle} edits acknowledged, ${pendingAtKill} in flight (${committedUnacked} of them committed)`);
      inFlight.clear();
    }

    // Finally, over all parks straight from the database: no version without its audit row.
    server.proc.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    let db: Database;
    if (backend === 'pglite') db = await openPglite(location);
    else db = database!.db;
    try {
      const versionMismatch = await db.query(
        `SELECT p.id, p.version, h.n FROM village_parks p
         LEFT JOIN (SELECT park_id, count(*)::int AS n, max(version) AS mx FROM park_status_history GROUP BY park_id) h ON h.park_id = p.id
         WHERE h.n IS DISTINCT FROM p.version OR h.mx IS DISTINCT FROM p.version`,
      );
      expect(versionMismatch).toEqual([]);
      const statusMismatch = await db.query(
        `SELECT p.id FROM village_parks p JOIN park_status_history h ON h.park_id = p.id AND h.version = p.version
         WHERE (h.to_category, h.to_progress, h.to_pilot_year) IS DISTINCT FROM (p.category, p.progress, p.pilot_year)`,
      );
      expect(statusMismatch).toEqual([]);
      const brokenChain = await db.query(
        `SELECT h.park_id, h.version FROM park_status_history h
         JOIN park_status_history prev ON prev.park_id = h.park_id AND prev.version = h.version - 1
         WHERE (h.from_category, h.from_progress, h.from_pilot_year) IS DISTINCT FROM (prev.to_category, prev.to_progress, prev.to_pilot_year)`,
      );
      expect(brokenChain).toEqual([]);
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM park_status_history WHERE reason LIKE 'crash cycle %'`);
      expect(n).toBeGreaterThanOrEqual(totalAcked);
    } finally {
      if (backend === 'pglite') await db.close();
    }
  }, 600_000);
});

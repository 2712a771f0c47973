// Optimistic concurrency under load ("zero lost updates", docs/architecture.md §6): 20 editors, each with its own
// session, race on one park for 20 rounds. In every round they all read the same version and all
// PATCH with it at once: exactly one wins with one version step and one audit row, the rest get 412,
// and the history is one unbroken chain whose every step is a winner's edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const EDITORS = 20;
const ROUNDS = 20;

interface Status { category: string; progress: string; pilotYear: number | null }
interface HistoryItem { version: number; changedBy: string; reason: string; source: string; from: Status; to: Status }

describe.each(backends())('concurrent editors on one park (%s)', (backend) => {
  let server: TestServer;
  let editors: { name: string; client: ApiClient }[];
  let parkId: number;

  beforeAll(async () => {
    server = await startTestServer(backend);
    // Half administrators, half officials of the park's district; every login is its own session.
    // One after another: parallel log-ins of one account from one address are throttled like guesses
    // (auth/throttle.ts); the edits, not the log-ins, are what runs concurrently here.
    editors = [];
    for (let i = 0; i < EDITORS; i++) {
      const username = i % 2 === 0 ? 'admin' : 'official-440111';
      editors.push({ name: `${username}#${i}`, client: await clientFor(server, username) });
    }
    const list = await editors[0].client.get('/api/parks?district=440111&category=upgrade&progress=not_started&pilot=false');
    expect(list.status).toBe(200);
    expect(list.body.features.length).toBeGreaterThan(0);
    parkId = list.body.features[0].id;
  });
  afterAll(async () => {
    if (!server) return;
    await server.app.close();
    await server.database.drop(); // its second db.close() is a no-op
  });

  it(`${EDITORS} editors × ${ROUNDS} rounds: one winner per round, every loser 412, zero lost updates`, async () => {
    const initial = await editors[0].client.get(`/api/parks/${parkId}`);
    expect(initial.status).toBe(200);
    const startVersion: number = initial.body.properties.version;
    expect(startVersion).toBe(1);
    const winners: { round: number; editor: string; reason: string; version: number; to: Status }[] = [];
    let successes = 0;

    for (let round = 0; round < ROUNDS; round++) {
      // Everybody reads the park (and its ETag) first…
      const reads = await Promise.all(editors.map((e) => e.client.get(`/api/parks/${parkId}`)));
      for (const r of reads) expect(r.status).toBe(200);
      const version: number = reads[0].body.properties.version;
      for (const r of reads) {
        expect(r.body.properties.version).toBe(version);
        expect(r.headers.get('etag')).toBe(`"${version}"`);
      }
      const progress = reads[0].body.properties.progress === 'not_started' ? 'in_progress' : 'not_started';
      // …then everybody writes at once with the version they read.
      const results = await Promise.all(
        editors.map((e) =>
          e.client.patchPark(parkId, version, { progress, reason: `round ${round} by ${e.name}`, effectiveDate: '2026-01-15' }),
        ),
      );
      const statuses = results.map((r) => r.status);
      const won = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
      expect(won, `round ${round}: statuses ${statuses.join(',')}`).toHaveLength(1);
      expect(statuses.filter((s) => s === 412), `round ${round}: statuses ${statuses.join(',')}`).toHaveLength(EDITORS - 1);
      const w = results[won[0]];
      // A success is exactly one version step.
      expect(w.body.properties.version).toBe(version + 1);
      expect(w.headers.get('etag')).toBe(`"${version + 1}"`);
      expect(w.body.properties.progress).toBe(progress);
      // Every loser is told the current state, which is the winner's.
      for (const r of results) {
        if (r.status !== 412) continue;
        expect(r.body.current.properties.version).toBe(version + 1);
        expect(r.body.current.properties.progress).toBe(progress);
      }
      successes++;
      const p = w.body.properties;
      winners.push({ round, editor: editors[won[0]].name, reason: `round ${round} by ${editors[won[0]].name}`, version: version + 1, to: { category: p.category, progress: p.progress, pilotYear: p.pilotYear } });
    }

    expect(successes).toBe(ROUNDS);
    const final = await editors[0].client.get(`/api/parks/${parkId}`);
    expect(final.body.properties.version).toBe(startVersion + successes);

    // History: the seed row plus one row per success, versions 1..N without gaps, an unbroken chain.
    const h = await editors[0].client.get<{ items: HistoryItem[] }>(`/api/parks/${parkId}/history`);
    expect(h.status).toBe(200);
    const items = [...h.body.items].sort((a, b) => a.version - b.version);
    expect(items).toHaveLength(successes + 1);
    expect(items.map((i) => i.version)).toEqual(Array.from({ length: successes + 1 }, (_, i) => i + 1));
    expect(items[0].source).toBe('seed');
    for (let i = 1; i < items.length; i++) {
      expect(items[i].from, `history v${items[i].version} starts where v${items[i - 1].version} ended`).toEqual(items[i - 1].to);
      // Each step is exactly the edit acknowledged to that round's winner.
      const win = winners[i - 1];
      expect(items[i].version).toBe(win.version);
      expect(items[i].reason).toBe(win.reason);
      expect(items[i].changedBy).toBe(win.editor.split('#')[0]);
      expect(items[i].to).toEqual(win.to);
    }
    const last = items[items.length - 1].to;
    expect({ category: final.body.properties.category, progress: final.body.properties.progress, pilotYear: final.body.properties.pilotYear }).toEqual(last);

    // And straight from the database: no stray rows for this park.
    const [row] = await server.database.db.query<{ n: number; max: number }>(
      'SELECT count(*)::int AS n, max(version)::int AS max FROM park_status_history WHERE park_id = $1',
      [parkId],
    );
    expect(row).toEqual({ n: successes + 1, max: startVersion + successes });
  });
});

// Cached answers (src/server/monitoring/answer-cache.ts) never outlive the data they were computed
// from: a change of operating figures, of targets or of a park's area shows in the next answer; a
// park status edit leaves the revision alone; the same question asked twice at one revision is the
// same answer; who asks stays part of the question.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorAnswer } from '../../src/domain/monitoring/indicators.ts';
import { readAnswersRevision } from '../../src/server/monitoring/answer-cache.ts';
import { refreshMonths } from '../../src/server/monitoring/rollups.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

describe.each(backends())('answer cache (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let viewer: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(backend);
    [planner, viewer] = await Promise.all([clientFor(server, 'planner'), clientFor(server, 'viewer')]);
  });
  afterAll(() => server.close());

  const answer = async (c: ApiClient, query: string) => {
    const r = await c.request<IndicatorAnswer>('GET', `/api/indicators?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const total = async (c: ApiClient, query: string) => (await answer(c, query)).total;

  it('answers again after the figures change, and only then', async () => {
    const db = server.database.db;
    const q = 'metric=revenue&period=2021-03&by=cluster';
    const first = await total(planner, q);
    const revision = await readAnswersRevision(db);
    expect(await total(planner, q)).toEqual(first);
    expect(await readAnswersRevision(db)).toBe(revision);

    const [{ id }] = await db.query<{ id: number }>('SELECT enterprise_id AS id FROM operating_figures WHERE month = 202103 LIMIT 1');
    await db.transaction(async (tx) => {
      await tx.query('UPDATE operating_figures SET revenue = revenue + 5000000000 WHERE enterprise_id = $1 AND month = 202103', [id]);
      await refreshMonths(tx, [202103]);
    });
    expect(await readAnswersRevision(db)).not.toBe(revision);
    expect((await total(planner, q)).value).toBe(first.value! + 5_000_000_000);
  });

  it('keeps viewers and planners apart (suppression), and a park status edit does not bump the revision', async () => {
    const db = server.database.db;
    const q = 'metric=revenue&period=2021&by=town';
    const [p, v] = await Promise.all([answer(planner, q), answer(viewer, q)]);
    expect(p.rows.some((r) => r.suppressed)).toBe(false);
    expect(v.rows.some((r) => r.suppressed)).toBe(true);
    const revision = await readAnswersRevision(db);
    await db.query("UPDATE village_parks SET progress = 'in_progress', version = version + 1 WHERE id = (SELECT min(id) FROM village_parks)");
    expect(await readAnswersRevision(db)).toBe(revision);
    await db.query('UPDATE village_parks SET area_mu = area_mu + 1 WHERE id = (SELECT min(id) FROM village_parks)');
    expect(await readAnswersRevision(db)).not.toBe(revision);
  });

  it('shows a changed target at once', async () => {
    const db = server.database.db;
    const q = 'metric=output&period=2021&by=cluster&compare=target';
    const before = await answer(planner, q);
    const row = before.rows.find((r) => r.target !== undefined)!;
    await db.query("UPDATE targets SET value = value * 2 WHERE scope = 'cluster' AND key = $1", [row.key]);
    const after = await answer(planner, q);
    expect(after.rows.find((r) => r.key === row.key)!.target!.value).toBe(row.target!.value * 2);
  });
});

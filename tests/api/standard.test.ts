// The classification standard over HTTP (issue 13 item 2; architecture §4): the seeded version 1,
// suggestions on hand-made parks (baseline figures, the enterprises' figures, a zone), versions
// (one draft, activation retires and keeps the old version, frozen rules), the preview against a
// recomputation from the suggestions of both versions, permissions, and the zones import (dry run
// writes nothing, apply adds with history, rows with unknown zone types rejected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardMove, StandardSuggestion } from '../../src/domain/renovation-standard.ts';
import { clientFor, type ApiClient, type TestServer, startTestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

function form(text: string, name: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([new TextEncoder().encode(text)]), name);
  return f;
}

describe.each(backends())('classification standard (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let planner: ApiClient;
  let official: ApiClient;
  let viewer: ApiClient;
  let anonymous: ApiClient;
  /** Parks without enterprises (their baseline figures count), made by hand: A weak, B strong, C strong but "convert". */
  let A: number, B: number, C: number;
  /** The park with the most enterprises (its figures come from them). */
  let E: number;

  const suggestions = async (ids: number[], version?: number) => {
    const r = await planner.request('GET', `/api/standard/suggestions?parks=${ids.join(',')}${version ? `&version=${version}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { version: { id: number; version: number }; efficiencyYear: string | null; items: StandardSuggestion[] };
  };
  const one = async (id: number) => (await suggestions([id])).items[0];

  beforeAll(async () => {
    server = await startTestServer(backend);
    [admin, planner, official, viewer, anonymous] = await Promise.all([
      clientFor(server, 'admin'), clientFor(server, 'planner'), clientFor(server, 'official-440111'), clientFor(server, 'viewer'), clientFor(server, null)]);
    const db = server.database.db;
    const lonely = await db.query<{ id: number }>(`SELECT p.id FROM village_parks p
      WHERE NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.village_park_id = p.id) ORDER BY p.id LIMIT 3`);
    [A, B, C] = lonely.map((p) => p.id);
    await db.query(`UPDATE village_parks SET output_per_mu = 100000, tax_per_mu = 5000, category = 'upgrade' WHERE id = $1`, [A]);
    await db.query(`UPDATE village_parks SET output_per_mu = 900000, tax_per_mu = 50000, category = 'upgrade' WHERE id = $1`, [B]);
    await db.query(`UPDATE village_parks SET output_per_mu = 900000, tax_per_mu = 50000, category = 'convert' WHERE id = $1`, [C]);
    [{ id: E }] = await db.query<{ id: number }>(`SELECT village_park_id AS id FROM enterprises WHERE village_park_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  });
  afterAll(() => server?.close());

  it('has version 1 active, seeded with the default rules', async () => {
    const r = await viewer.request('GET', '/api/standard');
    expect(r.status).toBe(200);
    expect(r.body.active).toMatchObject({ version: 1, status: 'active', createdBy: 'system', ruleCount: 7 });
    expect(r.body.active.rules[0]).toEqual({ category: 'eliminate', conditions: [{ kind: 'zone', zoneType: 'ecologicalRedLine', relation: 'intersects' }] });
    expect(r.body.draft).toBeNull();
    expect(r.body.versions).toHaveLength(1);
    expect(r.body.zones).toEqual([]);
    expect((await anonymous.request('GET', '/api/standard')).status).toBe(401);
  });

  it('suggests a category per hand-made park, with the reasons as data, and flags contradictions', async () => {
    const s = await suggestions([A, B, C]);
    expect(s.version).toMatchObject({ version: 1 });
    const [a, b, c] = s.items;
    expect(a).toMatchObject({ parkId: A, category: 'upgrade', suggested: 'eliminate', rule: 4, contradicts: true });
    expect(a.reasons).toEqual([
      { code: 'metric', params: { metric: 'outputPerMu', op: 'lt', threshold: 150000, value: 100000, source: 'baseline', year: null } },
      { code: 'metric', params: { metric: 'taxPerMu', op: 'lt', threshold: 8000, value: 5000, source: 'baseline', year: null } },
    ]);
    expect(b).toMatchObject({ parkId: B, suggested: 'upgrade', rule: 7, contradicts: false, reasons: [{ code: 'otherwise', params: {} }] });
    expect(c).toMatchObject({ parkId: C, category: 'convert', suggested: 'upgrade', contradicts: true });
  });

  it('reads output and tax per mu from the enterprises\' figures of the latest complete year (the engine\'s by-park answer)', async () => {
    const s = await suggestions([E]);
    expect(s.efficiencyYear).toMatch(/^\d{4}$/);
    const rules = [{ category: 'convert', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'gte', value: 0 }, { kind: 'metric', metric: 'taxPerMu', op: 'gte', value: 0 }] }];
    const draft = await admin.request('POST', '/api/standard/versions', { json: { rules, note: 'probe' } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const probe = (await suggestions([E], draft.body.id)).items[0];
    const engine = async (metric: string) => (await planner.request('GET', `/api/indicators?metric=${metric}&by=villagePark&period=${s.efficiencyYear}`)).body.rows
      .find((r: { key: string }) => r.key === String(E)).value as number;
    expect(probe.reasons[0].params).toMatchObject({ source: 'enterprises', year: s.efficiencyYear });
    expect((probe.reasons[0].params as { value: number }).value).toBeCloseTo(await engine('outputPerMu'), 3);
    expect((probe.reasons[1].params as { value: number }).value).toBeCloseTo(await engine('taxPerMu'), 3);
    expect((await admin.request('DELETE', `/api/standard/versions/${draft.body.id}`)).status).toBe(204);
  });

  it('lets only administrators edit and activate; suggestions only for roles that read confidential figures', async () => {
    const rules = [{ category: 'upgrade', conditions: [] }];
    expect((await planner.request('POST', '/api/standard/versions', { json: { rules } })).status).toBe(403);
    expect((await official.request('POST', '/api/standard/versions', { json: { rules } })).status).toBe(403);
    expect((await anonymous.request('POST', '/api/standard/versions', { json: { rules } })).status).toBe(401);
    expect((await official.request('GET', `/api/standard/suggestions?parks=${A}`)).status).toBe(200);
    expect((await viewer.request('GET', `/api/standard/suggestions?parks=${A}`)).body).toMatchObject({ status: 403, code: 'role_required' });
    expect((await anonymous.request('GET', '/api/standard/contradictions')).status).toBe(401);
    const [{ id }] = await server.database.db.query<{ id: number }>(`SELECT id FROM standard_versions WHERE status = 'active'`);
    expect((await planner.request('POST', `/api/standard/versions/${id}/activate`)).status).toBe(403);
    expect((await official.request('GET', `/api/standard/versions/${id}/preview`)).status).toBe(403);
  });

  it('refuses malformed rules with the rule and the reason', async () => {
    const r = await admin.request('POST', '/api/standard/versions', { json: { rules: [{ category: 'upgrade', conditions: [] }, { category: 'convert', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: -5 }] }] } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'standard_rule_invalid', params: { rule: 2, condition: 1, reason: 'threshold' } });
    const z = await admin.request('POST', '/api/standard/versions', { json: { rules: [{ category: 'convert', conditions: [{ kind: 'zone', zoneType: 'moon', relation: 'within' }] }] } });
    expect(z.body).toMatchObject({ status: 400, code: 'standard_rule_invalid', params: { rule: 1, reason: 'zoneType' } });
    expect((await admin.request('GET', '/api/standard')).body.draft).toBeNull();
  });

  it('imports zones: the dry run writes nothing, the apply adds them with history, unknown types are rejected', async () => {
    const db = server.database.db;
    const [{ g }] = await db.query<{ g: string }>('SELECT ST_AsGeoJSON(ST_Expand(ST_Envelope(geom), 0.0002), 7) AS g FROM village_parks WHERE id = $1', [C]);
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 编号: 'JBNT-T1', 名称: '测试基本农田', 区域类型: '永久基本农田' }, geometry: JSON.parse(g) },
      { type: 'Feature', properties: { 编号: 'X-1', 名称: '不明区域', 区域类型: '月球' }, geometry: JSON.parse(g) },
    ] });
    const dry = await admin.request('POST', '/api/imports', { body: form(text, '基本农田.geojson', { kind: 'zones', crs: 'wgs84' }) });
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'zones', status: 'pending', counts: { total: 2, valid: 1, rejected: 1 } });
    expect(dry.body.mapping).toMatchObject({ code: '编号', name: '名称', zoneType: '区域类型' });
    expect(dry.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, code: 'unknown_zone_type', params: { value: '月球' } })]));
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM zones'))[0].n).toBe(0);
    expect((await one(C)).suggested).toBe('upgrade');

    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'zones', added: 1, updated: 0 });
    const [z] = await db.query<{ zone_type: string; demo: boolean }>(`SELECT zone_type, demo FROM zones WHERE code = 'JBNT-T1'`);
    expect(z).toEqual({ zone_type: 'basicFarmland', demo: false });
    expect((await admin.request('GET', `/api/imports/${dry.body.id}/changes`)).body.items[0]).toMatchObject({ kind: 'zones', recordKey: 'JBNT-T1', action: 'added' });

    const c = await one(C);
    expect(c).toMatchObject({ suggested: 'eliminate', rule: 2, contradicts: true,
      reasons: [{ code: 'zone', params: { zoneType: 'basicFarmland', relation: 'intersects', zones: ['测试基本农田'] } }] });
    expect((await admin.request('GET', '/api/standard')).body.zones).toEqual([{ zoneType: 'basicFarmland', count: 1, demo: 0 }]);
    const contra = await official.request('GET', '/api/standard/contradictions');
    expect(contra.body.items).toEqual(expect.arrayContaining([[A, 'eliminate'], [C, 'eliminate']]));
  });

  it('versions: one draft at a time, a preview equal to a recomputation, activation retires and keeps the old version', async () => {
    const std = (await admin.request('GET', '/api/standard')).body;
    const v1 = std.active;
    // Stricter: every park under 600,000 yuan per mu is converted.
    const rules = [...v1.rules.slice(0, 3), { category: 'convert', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 600000 }], note: '更严' }, { category: 'upgrade', conditions: [] }];
    const d = await admin.request('POST', '/api/standard/versions', { json: { rules: rules.slice(0, 2), note: '草稿', basedOn: v1.id } });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ version: 2, status: 'draft', basedOn: v1.id, createdBy: 'admin', ruleCount: 2 });
    const again = await admin.request('POST', '/api/standard/versions', { json: { rules } });
    expect(again.body).toMatchObject({ status: 409, code: 'standard_draft_exists', params: { id: d.body.id, version: 2 } });
    const put = await admin.request('PUT', `/api/standard/versions/${d.body.id}`, { json: { rules, note: '更严的草稿' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ ruleCount: 5, note: '更严的草稿' });
    expect(put.body.rules[3]).toEqual(rules[3]);

    const preview = await planner.request('GET', `/api/standard/versions/${d.body.id}/preview`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // The same counts from the suggestions of both versions.
    const all = async (version: number) => (await planner.request('GET', `/api/standard/suggestions?version=${version}`)).body.items as StandardSuggestion[];
    const [before, after] = [await all(v1.id), await all(d.body.id)];
    const byId = new Map(before.map((s) => [s.parkId, s]));
    const counts = new Map<string, number>();
    const perDistrict = new Map<string, number>();
    for (const s of after) {
      const f = byId.get(s.parkId)!.suggested ?? 'none';
      const t = s.suggested ?? 'none';
      if (f === t) continue;
      counts.set(`${f}>${t}`, (counts.get(`${f}>${t}`) ?? 0) + 1);
      perDistrict.set(s.district, (perDistrict.get(s.district) ?? 0) + 1);
    }
    const [{ n: parks }] = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM village_parks');
    expect(preview.body).toMatchObject({ from: { id: v1.id, version: 1 }, to: { id: d.body.id, version: 2, status: 'draft' }, parks });
    expect(new Map((preview.body.moves as StandardMove[]).map((m) => [`${m.from}>${m.to}`, m.count]))).toEqual(counts);
    expect(preview.body.moved).toBe([...counts.values()].reduce((a, b) => a + b, 0));
    expect(preview.body.moved).toBeGreaterThan(0);
    expect(new Map((preview.body.byDistrict as { district: string; moved: number }[]).map((x) => [x.district, x.moved]))).toEqual(perDistrict);
    expect(preview.body.contradictions).toEqual({ from: before.filter((s) => s.contradicts).length, to: after.filter((s) => s.contradicts).length });

    const act = await admin.request('POST', `/api/standard/versions/${d.body.id}/activate`);
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    expect(act.body).toMatchObject({ version: 2, status: 'active', activatedBy: 'admin' });
    const now = (await admin.request('GET', '/api/standard')).body;
    expect(now.active.version).toBe(2);
    expect(now.draft).toBeNull();
    expect(now.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'active'], [1, 'retired']]);
    const old = (await admin.request('GET', `/api/standard/versions/${v1.id}`)).body;
    expect(old.rules).toEqual(v1.rules);
    expect((await one(A)).suggested).toBe('convert');
    expect((await suggestions([A])).version).toMatchObject({ version: 2 });
    // Activated versions are frozen.
    for (const id of [v1.id, d.body.id]) {
      const r = await admin.request('PUT', `/api/standard/versions/${id}`, { json: { rules } });
      expect(r.body).toMatchObject({ status: 409, code: 'standard_not_draft' });
      expect((await admin.request('POST', `/api/standard/versions/${id}/activate`)).body).toMatchObject({ status: 409, code: 'standard_not_draft' });
    }
    await expect(server.database.db.query('DELETE FROM standard_rules WHERE version_id = $1', [v1.id])).rejects.toThrow(/cannot change/);
    expect((await admin.request('GET', '/api/standard/versions/999999')).body).toMatchObject({ status: 404, code: 'not_found', params: { thing: 'standardVersion' } });
  });
});

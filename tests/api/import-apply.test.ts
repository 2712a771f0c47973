// Applying validated imports to the database (src/server/imports/apply-*): upserts by key with
// added / updated / unchanged counts, field-level history, spatial assignment of district, town
// and parks, all-or-nothing failures, and no double apply. The reports are built here (records
// already valid, WGS84), independent of the file readers.
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictRecord, EnterpriseRecord, ImportKind, ImportRecord, ParkRecord, ValidationReport } from '../../src/domain/import/import-types.ts';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import type { Database } from '../../src/server/db/database.ts';
import { DOMAIN_STATUS, HttpError } from '../../src/server/http/errors.ts';
import { DomainError } from '../../src/server/domain-error.ts';
import { applyImport, previewImport } from '../../src/server/imports/apply-import.ts';
import { createImport, getImport, listImportRecords, listImports, listMappings, saveMapping, type ImportActor } from '../../src/server/imports/import-store.ts';
import { backends, copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

const report = <R extends ImportRecord>(kind: ImportKind, records: R[], rejected = 0): ValidationReport<R> => ({
  kind, format: 'csv', encoding: 'utf-8', crs: 'wgs84', mapping: { name: '企业名称' }, total: records.length + rejected, records,
  issues: Array.from({ length: rejected }, (_, i) => ({ row: 100_000 + i, code: 'missing_name', severity: 'error' as const, message: 'name is missing' })),
});

interface EntRow { id: number; credit_code: string; name: string; cluster: string; sub_industry: string; future_industry: string | null; tags: string[];
  revenue: number; employees: number; address: string; lon: number; lat: number; district: string; town: string; village_park_id: number | null; value_park_id: number | null }

const ENT_SQL = `SELECT id, credit_code, name, cluster, sub_industry, future_industry, tags, revenue::float8 AS revenue, employees, address,
  ST_X(geom) AS lon, ST_Y(geom) AS lat, district, town, village_park_id, value_park_id FROM enterprises`;

const toRecord = (e: EntRow, row: number, creditCode = e.credit_code): EnterpriseRecord => ({
  row, creditCode, name: e.name, cluster: e.cluster, subIndustry: e.sub_industry, industryCode: null, futureIndustry: e.future_industry, tags: e.tags,
  revenue: e.revenue, employees: e.employees, address: e.address, lon: Number(e.lon.toFixed(7)), lat: Number(e.lat.toFixed(7)),
});

/** A fingerprint of everything an import may write (not the imports table itself). */
async function checksum(db: Database): Promise<Record<string, string>> {
  const tables: [string, string][] = [['enterprises', 'id'], ['village_parks', 'id'], ['districts', 'code'], ['towns', 'code'],
    ['park_status_history', 'id'], ['record_history', 'id'], ['dataset_meta', 'key']];
  const out: Record<string, string> = {};
  for (const [t, key] of tables) {
    const [r] = await db.query<{ n: number; md5: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x.${key}), '')) AS md5 FROM ${t} x`);
    out[t] = `${r.n}:${r.md5}`;
  }
  return out;
}

const httpStatus = async (p: Promise<unknown>): Promise<{ status: number; message: string }> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, message: err.message };
    // The apply step throws domain errors; the error handler's table gives their status.
    if (err instanceof DomainError) return { status: DOMAIN_STATUS[err.kind], message: err.message };
    return { status: 500, message: String(err) };
  }
  throw new Error('expected a failure');
};

describe.each(backends())('applying imports (%s)', (backend) => {
  let t: TestDatabase;
  let db: Database;
  let admin: ImportActor;
  let firstImport: EnterpriseRecord[];
  const serial = (n: number) => String(90_000_000 + n).padStart(8, '0');

  const run = async <R extends ImportRecord>(kind: ImportKind, records: R[], rejected = 0) => {
    const id = await createImport(db, { report: report(kind, records, rejected), fileName: `${kind}.csv`, sha256: 'f'.repeat(64), user: admin });
    return { id, result: await applyImport(db, id, admin, { effectiveDate: '2026-03-31' }) };
  };
  const history = (importId: string) =>
    db.query<{ record_key: string; record_id: number | null; action: string; changes: Record<string, [unknown, unknown]>; username: string }>(
      'SELECT record_key, record_id, action, changes, username FROM record_history WHERE import_id = $1 ORDER BY id', [importId]);

  beforeAll(async () => {
    t = await copyTemplate(backend);
    db = t.db;
    const [u] = await db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`);
    admin = { id: u.id, username: 'admin' };
  });
  afterAll(() => t?.drop());

  it('adds 1,000 enterprises and assigns district, town and parks spatially', async () => {
    // Copies of seeded enterprises under new credit codes: the same place must give the same district,
    // town (nearest anchor, as the generator) and parks.
    const originals = await db.query<EntRow>(`${ENT_SQL} ORDER BY (village_park_id IS NULL), (value_park_id IS NULL), id LIMIT 998`);
    expect(originals.filter((e) => e.village_park_id).length).toBeGreaterThan(100);
    const [park] = await db.query<{ id: number; district: string; lon: number; lat: number }>(
      `SELECT id, district, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM village_parks WHERE district = '440114' ORDER BY id LIMIT 1`);
    const [vpark] = await db.query<{ id: number; district: string; lon: number; lat: number }>(
      `SELECT id, district, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM value_parks ORDER BY id LIMIT 1`);
    const records = originals.map((e, i) => toRecord(e, i + 2, makeCreditCode(e.district, serial(i))));
    const at = (p: { lon: number; lat: number }) => ({ lon: Number(p.lon.toFixed(7)), lat: Number(p.lat.toFixed(7)) });
    records.push({ ...records[0], row: 1000, creditCode: makeCreditCode(park.district, serial(998)), name: '测试村园区企业有限公司', ...at(park) });
    records.push({ ...records[0], row: 1001, creditCode: makeCreditCode(vpark.district, serial(999)), name: '测试价值园区企业有限公司', ...at(vpark) });
    const revBefore = await db.query(`SELECT value FROM dataset_meta WHERE key = 'enterprises_revision'`);

    const { id, result } = await run('enterprises', records, 7);
    expect(result).toMatchObject({ id, kind: 'enterprises', total: 1007, added: 1000, updated: 0, unchanged: 0, rejected: 7 });
    firstImport = records;

    const byCode = new Map((await db.query<EntRow>(`${ENT_SQL} WHERE import_id = $1`, [id])).map((e) => [e.credit_code, e]));
    expect(byCode.size).toBe(1000);
    originals.forEach((o, i) => {
      const got = byCode.get(records[i].creditCode)!;
      expect({ district: got.district, town: got.town, village: got.village_park_id, value: got.value_park_id }, o.credit_code)
        .toEqual({ district: o.district, town: o.town, village: o.village_park_id, value: o.value_park_id });
      expect(got.id).toBeGreaterThan(5000);
    });
    expect(byCode.get(records[998].creditCode)).toMatchObject({ village_park_id: park.id, district: park.district });
    expect(byCode.get(records[999].creditCode)).toMatchObject({ value_park_id: vpark.id, district: vpark.district });
    const [{ n: badTowns }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enterprises e LEFT JOIN towns t ON t.code = e.town AND t.district = e.district WHERE e.import_id = $1 AND t.code IS NULL`, [id]);
    expect(badTowns).toBe(0);

    const h = await history(id);
    expect(h).toHaveLength(1000);
    expect(h[0]).toMatchObject({ action: 'added', username: 'admin', record_key: records[0].creditCode });
    expect(h[0].changes.name).toEqual([null, records[0].name]);
    expect(h[0].changes.location).toEqual([null, [records[0].lon, records[0].lat]]);

    const imp = await getImport(db, id);
    expect(imp).toMatchObject({ status: 'applied', kind: 'enterprises', fileName: 'enterprises.csv', username: 'admin',
      counts: { total: 1007, valid: 1000, added: 1000, updated: 0, unchanged: 0, rejected: 7, errors: 7, warnings: 0 } });
    expect(imp!.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await listImportRecords(db, id)).toEqual([]);
    expect(await db.query(`SELECT value FROM dataset_meta WHERE key = 'enterprises_revision'`)).not.toEqual(revBefore);
  });

  it('a re-import changing 10 % of the rows reports exactly those, with field-level history', async () => {
    const base = firstImport;
    const [other] = await db.query<EntRow>(`${ENT_SQL} WHERE district = '440112' AND village_park_id IS NULL AND value_park_id IS NULL ORDER BY id LIMIT 1`);
    const changed = new Map<string, string>();
    const records = base.map((r, i) => {
      if (i % 10 !== 3) return { ...r };
      const kind = ['revenue', 'name', 'location'][(i / 10 | 0) % 3];
      changed.set(r.creditCode, kind);
      if (kind === 'revenue') return { ...r, revenue: r.revenue + 1_000_000 };
      if (kind === 'name') return { ...r, name: `${r.name}（新）` };
      return { ...r, lon: Number(other.lon.toFixed(7)), lat: Number(other.lat.toFixed(7)) };
    });
    // Differences below the comparison precision, and tags in another order, are not changes.
    const tagged = records.findIndex((r, i) => i % 10 === 5 && r.tags.length > 1);
    records[tagged] = { ...records[tagged], tags: [...records[tagged].tags].reverse() };
    records[15] = { ...records[15], revenue: records[15].revenue + 0.4, lon: records[15].lon + 2e-9 };

    const preview = await previewImport(db, await createImport(db, { report: report('enterprises', records), fileName: 'p.csv', sha256: 'a', user: admin }), admin);
    expect(preview).toMatchObject({ added: 0, updated: 100, unchanged: 900 });

    const { id, result } = await run('enterprises', records);
    expect(result).toMatchObject({ added: 0, updated: 100, unchanged: 900, rejected: 0, total: 1000 });
    const h = await history(id);
    expect(h).toHaveLength(100);
    expect(new Set(h.map((x) => x.record_key))).toEqual(new Set(changed.keys()));
    const before = new Map(base.map((r) => [r.creditCode, r]));
    const now = new Map((await db.query<EntRow>(`${ENT_SQL} WHERE credit_code = ANY($1)`, [[...changed.keys()]])).map((e) => [e.credit_code, e]));
    for (const x of h) {
      const was = before.get(x.record_key)!;
      const kind = changed.get(x.record_key);
      expect(x.action).toBe('updated');
      if (kind === 'revenue') {
        expect(x.changes).toEqual({ revenue: [was.revenue, was.revenue + 1_000_000] });
        expect(Number(now.get(x.record_key)!.revenue)).toBe(was.revenue + 1_000_000);
      } else if (kind === 'name') {
        expect(x.changes).toEqual({ name: [was.name, `${was.name}（新）`] });
      } else {
        expect(x.changes.location).toEqual([[was.lon, was.lat], [Number(other.lon.toFixed(7)), Number(other.lat.toFixed(7))]]);
        expect(Object.keys(x.changes).every((k) => ['location', 'district', 'town', 'villageParkId', 'valueParkId'].includes(k))).toBe(true);
        expect(now.get(x.record_key)).toMatchObject({ district: '440112', town: other.town, village_park_id: null, value_park_id: null });
      }
    }
  });

  it('a failing apply leaves the database unchanged', async () => {
    const originals = await db.query<EntRow>(`${ENT_SQL} ORDER BY id DESC LIMIT 300`);
    const records = originals.map((e, i) => ({ ...toRecord(e, i + 2), revenue: e.revenue + 1 }));
    const before = await checksum(db);

    // A record outside every district: found after the staging, refused with 422, import marked failed.
    const outside = [...records.slice(0, 200), { ...records[200], creditCode: makeCreditCode('440103', serial(5000)), lon: 120.5, lat: 30.2 }];
    const id1 = await createImport(db, { report: report('enterprises', outside), fileName: 'outside.csv', sha256: 'b', user: admin });
    const e1 = await httpStatus(applyImport(db, id1, admin));
    expect(e1.status).toBe(422);
    expect(e1.message).toMatch(/outside every district.*row 202/);
    expect(await checksum(db)).toEqual(before);
    expect(await getImport(db, id1)).toMatchObject({ status: 'failed', error: e1.message });
    expect((await httpStatus(applyImport(db, id1, admin))).status).toBe(409);

    // The same credit code twice.
    const dup = [...records, { ...records[10], row: 999 }];
    const id2 = await createImport(db, { report: report('enterprises', dup), fileName: 'dup.csv', sha256: 'c', user: admin });
    const e2 = await httpStatus(applyImport(db, id2, admin));
    expect(e2).toMatchObject({ status: 422, message: expect.stringMatching(new RegExp(`${records[10].creditCode} appears on rows 12, 999`)) });
    expect(await checksum(db)).toEqual(before);

    // A constraint violated after parks were already inserted in the transaction: everything rolls back.
    const [park] = await db.query<{ code: string; geometry: Polygon }>(`SELECT code, ST_AsGeoJSON(geom)::jsonb AS geometry FROM village_parks ORDER BY id LIMIT 1`);
    const parks: ParkRecord[] = [
      { row: 2, code: 'VPTEST0001', name: '失败村工业园', areaMu: 10, buildingAreaM2: 100, outputPerMu: 1, taxPerMu: 1, category: 'unclassified', progress: 'not_started', pilotYear: null, geometry: park.geometry },
      { row: 3, code: park.code, name: 'x', areaMu: 10, buildingAreaM2: 100, outputPerMu: 1, taxPerMu: 1, category: 'bogus' as never, progress: 'not_started', pilotYear: null, geometry: park.geometry },
    ];
    const id3 = await createImport(db, { report: report('parks', parks), fileName: 'parks.csv', sha256: 'd', user: admin });
    expect((await httpStatus(applyImport(db, id3, admin))).status).toBe(500);
    expect(await checksum(db)).toEqual(before);
    expect((await getImport(db, id3))!.status).toBe('pending');
  });

  it('applying twice fails clearly, also when two applies race', async () => {
    const [e] = await db.query<EntRow>(`${ENT_SQL} ORDER BY id LIMIT 1`);
    const rec = toRecord(e, 2, makeCreditCode(e.district, serial(7000)));
    const id = await createImport(db, { report: report('enterprises', [rec]), fileName: 'twice.csv', sha256: 'e', user: admin });
    const outcomes = await Promise.allSettled([applyImport(db, id, admin), applyImport(db, id, admin)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(DomainError);
    expect(failed.reason).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/already applied/) });
    expect(await httpStatus(applyImport(db, id, admin))).toMatchObject({ status: 409, message: expect.stringMatching(/already applied/) });
    expect((await httpStatus(applyImport(db, 'no-such-import', admin))).status).toBe(404);
    expect((await db.query(`SELECT 1 FROM enterprises WHERE credit_code = $1`, [rec.creditCode]))).toHaveLength(1);
  });

  it('without town anchors, a new enterprise takes the town of the nearest enterprise of its district', async () => {
    const saved = await db.query<{ code: string; anchor: string }>(`SELECT code, anchor::text AS anchor FROM towns WHERE district = '440118'`);
    await db.query(`UPDATE towns SET anchor = NULL WHERE district = '440118'`);
    try {
      const originals = await db.query<EntRow>(`${ENT_SQL} WHERE district = '440118' ORDER BY id LIMIT 50`);
      const records = originals.map((e, i) => toRecord(e, i + 2, makeCreditCode(e.district, serial(8000 + i))));
      const { id, result } = await run('enterprises', records);
      expect(result).toMatchObject({ added: 50 });
      const towns = new Map((await db.query<EntRow>(`${ENT_SQL} WHERE import_id = $1`, [id])).map((e) => [e.credit_code, e.town]));
      originals.forEach((o, i) => expect(towns.get(records[i].creditCode)).toBe(o.town));
    } finally {
      for (const s of saved) await db.query('UPDATE towns SET anchor = $2::geometry WHERE code = $1', [s.code, s.anchor]);
    }
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(anchor)::int AS n FROM towns WHERE district = '440118'`);
    expect(n).toBe(saved.length);
  });

  it('upserts parks: status changes reach the park history, outlines move enterprises, new parks get a place', async () => {
    const parks = await db.query<{ id: number; code: string; name: string; area_mu: number; building_area_m2: number; output_per_mu: number; tax_per_mu: number;
      category: ParkRecord['category']; progress: ParkRecord['progress']; pilot_year: number | null; version: number; geometry: Polygon }>(
      `SELECT id, code, name, area_mu, building_area_m2, output_per_mu, tax_per_mu, category, progress, pilot_year, version, ST_AsGeoJSON(geom)::jsonb AS geometry
       FROM village_parks WHERE category = 'unclassified' AND district = '440111' ORDER BY id LIMIT 3`);
    const rec = (p: (typeof parks)[number], row: number): ParkRecord => ({
      row, code: p.code, name: p.name, areaMu: p.area_mu, buildingAreaM2: p.building_area_m2, outputPerMu: p.output_per_mu, taxPerMu: p.tax_per_mu,
      category: p.category, progress: p.progress, pilotYear: p.pilot_year, geometry: p.geometry,
    });
    const [loner] = await db.query<{ id: number; credit_code: string; district: string; lon: number; lat: number }>(
      `SELECT id, credit_code, district, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM enterprises
       WHERE district = '440117' AND village_park_id IS NULL AND value_park_id IS NULL ORDER BY id LIMIT 1`);
    const d = 0.001;
    const square: Polygon = { type: 'Polygon', coordinates: [[[loner.lon - d, loner.lat - d], [loner.lon + d, loner.lat - d], [loner.lon + d, loner.lat + d], [loner.lon - d, loner.lat + d], [loner.lon - d, loner.lat - d]]] };
    const shifted: Polygon = { type: 'Polygon', coordinates: parks[2].geometry.coordinates.map((ring) => ring.map(([x, y]) => [x + 0.0003, y])) };
    const records: ParkRecord[] = [
      rec(parks[0], 2),
      { ...rec(parks[1], 3), category: 'convert' },
      { ...rec(parks[2], 4), geometry: shifted, areaMu: parks[2].area_mu + 1 },
      { row: 5, code: 'VP4401179999', name: '测试村工业园', areaMu: 13.3, buildingAreaM2: 5000, outputPerMu: 100000, taxPerMu: 5000, category: 'upgrade', progress: 'in_progress', pilotYear: 2021, geometry: square },
    ];
    const { id, result } = await run('parks', records, 1);
    expect(result).toMatchObject({ added: 1, updated: 2, unchanged: 1, rejected: 1, enterprisesReassigned: expect.any(Number) });
    expect(result.enterprisesReassigned).toBeGreaterThanOrEqual(1);

    const status = await db.query<{ version: number; source: string; effective_date: string; from_category: string; to_category: string; username: string }>(
      `SELECT version, source, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, from_category, to_category, username FROM park_status_history WHERE park_id = $1 ORDER BY version`, [parks[1].id]);
    expect(status.at(-1)).toMatchObject({ version: parks[1].version + 1, source: 'import', effective_date: '2026-03-31', from_category: 'unclassified', to_category: 'convert', username: 'admin' });
    const [p1] = await db.query<{ version: number; category: string }>('SELECT version, category FROM village_parks WHERE id = $1', [parks[1].id]);
    expect(p1).toEqual({ version: parks[1].version + 1, category: 'convert' });
    const [p2] = await db.query<{ version: number }>('SELECT version FROM village_parks WHERE id = $1', [parks[2].id]);
    expect(p2.version).toBe(parks[2].version);

    const [added] = await db.query<{ id: number; district: string; town: string; village: string; village_code: string; version: number; town_ok: boolean }>(
      `SELECT id, district, town, village, village_code, version, EXISTS (SELECT 1 FROM towns t WHERE t.code = p.town AND t.district = p.district) AS town_ok
       FROM village_parks p WHERE code = 'VP4401179999'`);
    expect(added).toMatchObject({ district: '440117', village: '测试村', village_code: '', version: 1, town_ok: true });
    expect(await db.query(`SELECT source, version FROM park_status_history WHERE park_id = $1`, [added.id])).toEqual([{ source: 'import', version: 1 }]);
    const [moved] = await db.query<{ village_park_id: number }>('SELECT village_park_id FROM enterprises WHERE id = $1', [loner.id]);
    expect(moved.village_park_id).toBe(added.id);

    const h = await history(id);
    const byKey = new Map(h.map((x) => [x.record_key, x]));
    expect(byKey.has(parks[0].code)).toBe(false);
    expect(byKey.get(parks[1].code)!.changes).toEqual({ category: ['unclassified', 'convert'] });
    expect(Object.keys(byKey.get(parks[2].code)!.changes)).toEqual(expect.arrayContaining(['areaMu', 'geometry']));
    expect(byKey.get('VP4401179999')).toMatchObject({ action: 'added', record_id: added.id });
    expect(byKey.get(loner.credit_code)!.changes).toEqual({ villageParkId: [null, added.id] });
  });

  it('upserts districts: names and outlines with history; records the new outline leaves move to the one covering them', async () => {
    const ds = await db.query<{ code: string; name: string; geometry: MultiPolygon }>(
      `SELECT code, name, ST_AsGeoJSON(geom)::jsonb AS geometry FROM districts WHERE code IN ('440103', '440104', '440106') ORDER BY code`);
    // A box of Liwan (440103) around one of its enterprises goes to Yuexiu (440104).
    const [{ liwan, yuexiu, inside }] = await db.query<{ liwan: MultiPolygon; yuexiu: MultiPolygon; inside: number }>(
      `WITH e AS (SELECT geom FROM enterprises WHERE district = '440103' ORDER BY id LIMIT 1),
         box AS (SELECT ST_Intersection(d.geom, ST_Expand(e.geom, 0.01)) AS g FROM districts d, e WHERE d.code = '440103')
       SELECT ST_AsGeoJSON(ST_Multi(ST_Difference(l.geom, box.g)))::jsonb AS liwan, ST_AsGeoJSON(ST_Multi(ST_Union(y.geom, box.g)))::jsonb AS yuexiu,
         (SELECT count(*)::int FROM enterprises x WHERE x.district = '440103' AND ST_Within(x.geom, box.g)) AS inside
       FROM districts l, districts y, box WHERE l.code = '440103' AND y.code = '440104'`);
    expect(inside).toBeGreaterThan(0);
    const records: DistrictRecord[] = [
      { row: 2, code: '440103', name: ds[0].name, geometry: liwan },
      { row: 3, code: '440104', name: ds[1].name, geometry: yuexiu },
      { row: 4, code: '440106', name: `${ds[2].name}（新）`, geometry: ds[2].geometry },
    ];
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprises WHERE district = '440104'`);
    const { id, result } = await run('districts', records);
    expect(result).toMatchObject({ added: 0, updated: 3, unchanged: 0 });
    expect(result.enterprisesReassigned).toBeGreaterThanOrEqual(inside);
    const [after] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprises WHERE district = '440104'`);
    expect(after.n).toBe(before[0].n + result.enterprisesReassigned!);
    const [{ bad }] = await db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM enterprises e JOIN districts d ON d.code = e.district WHERE e.district IN ('440103', '440104') AND NOT ST_Covers(d.geom, e.geom)`);
    expect(bad).toBe(0);
    const h = await history(id);
    const d106 = h.find((x) => x.record_key === '440106')!;
    expect(d106.changes).toEqual({ name: [ds[2].name, `${ds[2].name}（新）`] });
    expect(Object.keys(h.find((x) => x.record_key === '440103')!.changes)).toEqual(['geometry']);
    const movedRows = await db.query<{ changes: Record<string, [string, string]> }>(
      `SELECT changes FROM record_history WHERE import_id = $1 AND kind = 'enterprises'`, [id]);
    expect(movedRows).toHaveLength(result.enterprisesReassigned!);
    expect(movedRows[0].changes.district).toEqual(['440103', '440104']);

    // Applying the same boundaries again changes nothing.
    const again = await run('districts', records.map((r) => ({ ...r })));
    expect(again.result).toMatchObject({ added: 0, updated: 0, unchanged: 3, enterprisesReassigned: 0, parksReassigned: 0 });
  });

  it('lists imports and keeps saved column mappings', async () => {
    const list = await listImports(db, { limit: 100 });
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list[0].createdAt >= list[list.length - 1].createdAt).toBe(true);
    expect(new Set(list.map((i) => i.status))).toEqual(new Set(['applied', 'failed', 'pending']));
    expect((await listImports(db, { kind: 'districts' })).every((i) => i.kind === 'districts')).toBe(true);

    const m1 = await saveMapping(db, { name: '统计局格式', kind: 'enterprises', mapping: { name: '企业名称' }, user: admin });
    const m2 = await saveMapping(db, { name: '统计局格式', kind: 'enterprises', mapping: { name: '企業名稱', creditCode: '统一社会信用代码' }, user: admin });
    expect(m2.id).toBe(m1.id);
    expect(await listMappings(db, 'enterprises')).toEqual([expect.objectContaining({ name: '统计局格式', mapping: { name: '企業名稱', creditCode: '统一社会信用代码' }, createdBy: 'admin' })]);
    expect(await listMappings(db, 'parks')).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/lib/demo/generate.ts';
import type { Enterprise } from '../../scripts/lib/demo/enterprises.ts';
import { EMPTY_FILTER, type EnterpriseFilter } from '../../src/domain/enterprise-filter.ts';
import { EnterprisePayloadBuilder } from '../../src/domain/enterprise-payload.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import type { ClusterFeatureProps, Envelope, PointFeatureProps, ViewFeature, WorkerRequest, WorkerResponse } from '../../src/domain/worker-protocol.ts';
import { BUBBLE_FEATURE_ID_OFFSET, EnterpriseIndex } from '../../src/app/worker/enterprise-index.ts';
import { EnterpriseWorkerClient, type WorkerLike } from '../../src/app/worker/worker-client.ts';
import { createWorkerHandler } from '../../src/app/worker/worker-handler.ts';
import { ProblemError } from '../../src/domain/problems.ts';
import { problemText } from '../../src/app/i18n/problem-text.ts';
import { errorText } from '../../src/app/i18n/error-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'igis-worker-'));
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
let records: Enterprise[];
let byId: Map<number, Enterprise>;
let payload: ArrayBuffer;
let publicPayload: ArrayBuffer;
let index: EnterpriseIndex;

function build(confidential: boolean): ArrayBuffer {
  const b = new EnterprisePayloadBuilder({ confidential, demo: true });
  for (const e of records) b.add(e);
  return b.finish().slice().buffer;
}

beforeAll(() => {
  generateDemoData({ seed: 'worker', enterprises: 20_000, outDir: dir });
  records = readFileSync(join(dir, 'enterprises.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  byId = new Map(records.map((e) => [e.id, e]));
  payload = build(true);
  publicPayload = build(false);
  index = new EnterpriseIndex();
  index.load(payload.slice(0));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const filter = (f: Partial<EnterpriseFilter>): EnterpriseFilter => ({ ...EMPTY_FILTER, ...f });
const clusterCodes = taxonomy.clusters.map((c) => c.code as string);

/** The rule written the obvious way (no revenue tiers here). */
function naive(e: Enterprise, f: EnterpriseFilter): boolean {
  const industry = !f.clusters.length && !f.subIndustries.length ? true : f.clusters.includes(e.cluster) || f.subIndustries.includes(e.subIndustry);
  const future = !f.futureIndustries.length || (e.futureIndustry !== null && f.futureIndustries.includes(e.futureIndustry));
  const tags = !f.tags.length || e.tags.some((t) => f.tags.includes(t));
  const area = !f.districts.length && !f.towns.length ? true : f.districts.includes(e.district) || f.towns.includes(e.town);
  return industry && future && tags && area;
}

const total = (features: ViewFeature[]) => features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0);
const isCluster = (f: ViewFeature): f is ViewFeature & { properties: ClusterFeatureProps } => f.properties.cluster;

describe('EnterpriseIndex', () => {
  it('loads the payload and clusters every enterprise at every zoom', () => {
    expect(index.count).toBe(records.length);
    for (const zoom of [0, 5, 8, 10, 12, 14, 16, 17]) expect(total(index.clusters(WORLD, zoom)), `zoom ${zoom}`).toBe(records.length);
  });

  it('gives clusters ids that never collide with enterprise ids, and points their own properties', () => {
    const features = index.clusters(WORLD, 14);
    const clusters = features.filter(isCluster);
    const points = features.filter((f) => !f.properties.cluster);
    expect(clusters.length).toBeGreaterThan(0);
    expect(points.length).toBeGreaterThan(0);
    for (const c of clusters) expect(c.id).toBe(BUBBLE_FEATURE_ID_OFFSET + c.properties.bubbleId);
    const keyTags = new Set<string>(taxonomy.enterpriseTags.filter((t) => t.key).map((t) => t.code));
    for (const p of points.slice(0, 200)) {
      const e = byId.get(p.id)!;
      const props = p.properties as PointFeatureProps;
      expect(props.id).toBe(e.id);
      expect(p.geometry.coordinates).toEqual([e.lon, e.lat]);
      expect(index.dictionaries.clusters[props.industry]).toBe(e.cluster);
      expect(index.dictionaries.tags.filter((_, b) => props.tags & (1 << b)).sort()).toEqual([...e.tags].sort());
      expect(props.key).toBe(e.tags.some((t) => keyTags.has(t)));
    }
  });

  it('follows a filter change in clusters, counts and summary as the naive rule says', () => {
    for (const f of [filter({ tags: ['srdi'] }), filter({ tags: ['high-tech', 'hidden-champion'], clusters: ['auto', 'biomed'] }), filter({ subIndustries: ['cosmetics'], districts: ['440111'] })]) {
      const expected = records.filter((e) => naive(e, f));
      index.setFilter(f);
      expect(index.matched).toBe(expected.length);
      for (const zoom of [3, 9, 13, 16]) expect(total(index.clusters(WORLD, zoom))).toBe(expected.length);
      const s = index.summary();
      expect(s.matched).toBe(expected.length);
      expect(s.total).toBe(records.length);
      expect(s.byCluster).toEqual(clusterCodes.map((c) => expected.filter((e) => e.cluster === c).length));
      expect(s.byTag).toEqual(index.dictionaries.tags.map((t) => expected.filter((e) => e.tags.includes(t)).length));
      const tierOf = (yuan: number) => taxonomy.revenueTiers.find((t) => yuan >= t.min && (t.max === null || yuan < t.max))!.code;
      expect(s.byTier).toEqual(index.dictionaries.revenueTiers.map((t) => expected.filter((e) => tierOf(e.revenue) === t).length));
      expect(s.revenueYuan).toBe(expected.reduce((sum, e) => sum + Math.round(e.revenue / 10_000) * 10_000, 0));
      expect(index.facetCounts().matched).toBe(expected.length);
      const { ids, total: n } = index.selectedIds(1e9);
      expect(n).toBe(expected.length);
      expect(new Set(ids)).toEqual(new Set(expected.map((e) => e.id)));
    }
    index.setFilter(EMPTY_FILTER);
    expect(total(index.clusters(WORLD, 10))).toBe(records.length);
  });

  it('rejects an unknown code and keeps the previous filter', () => {
    index.setFilter(filter({ tags: ['srdi'] }));
    const before = index.matched;
    expect(() => index.setFilter(filter({ tags: ['no-such-tag'] }))).toThrow(/no-such-tag/);
    expect(index.matched).toBe(before);
    index.setFilter(EMPTY_FILTER);
  });

  it('gives each cluster the composition and dominant industry of its leaves', () => {
    index.setFilter(filter({ tags: ['high-tech'] }));
    const clusters = index.clusters(WORLD, 11).filter(isCluster).sort((a, b) => b.properties.count - a.properties.count);
    for (const c of [clusters[0], clusters[Math.floor(clusters.length / 2)], clusters[clusters.length - 1]]) {
      const leaves = index.leaves(c.properties.bubbleId, Infinity);
      expect(leaves.length).toBe(c.properties.count);
      const comp = clusterCodes.map((code) => leaves.filter((id) => byId.get(id)!.cluster === code).length);
      expect(c.properties.composition).toEqual(comp);
      expect(comp[c.properties.dominant]).toBe(Math.max(...comp));
      for (const id of leaves) expect(byId.get(id)!.tags).toContain('high-tech');
      const z = index.expansionZoom(c.properties.bubbleId);
      expect(z).toBeGreaterThan(11);
      expect(z).toBeLessThanOrEqual(17);
    }
    index.setFilter(EMPTY_FILTER);
  });

  it('locates an enterprise, filtered out or not, and says when there is none', () => {
    const e = records[1234];
    index.setFilter(filter({ clusters: clusterCodes.filter((c) => c !== e.cluster) }));
    expect(index.locate(e.id)).toEqual({ id: e.id, lon: e.lon, lat: e.lat, matched: false });
    index.setFilter(EMPTY_FILTER);
    expect(index.locate(e.id)?.matched).toBe(true);
    expect(index.locate(99_999_999)).toBeNull();
  });

  it('ANDs an area with the filter, exactly as turf decides membership', () => {
    const e = records[42];
    const [x, y] = [e.lon, e.lat];
    const area: Polygon = { type: 'Polygon', coordinates: [[[x - 0.12, y - 0.08], [x + 0.1, y - 0.1], [x + 0.14, y + 0.09], [x - 0.02, y + 0.02], [x - 0.1, y + 0.11], [x - 0.12, y - 0.08]]] };
    const f = filter({ tags: ['above-scale'] });
    const inside = records.filter((r) => booleanPointInPolygon([r.lon, r.lat], area));
    expect(inside.length).toBeGreaterThan(50);
    index.setArea(area);
    expect(index.matched).toBe(inside.length);
    index.setFilter(f);
    const expected = inside.filter((r) => naive(r, f));
    expect(expected.length).toBeLessThan(inside.length);
    expect(index.matched).toBe(expected.length);
    expect(total(index.clusters(WORLD, 12))).toBe(expected.length);
    expect(new Set(index.selectedIds(1e9).ids)).toEqual(new Set(expected.map((r) => r.id)));
    expect(index.facetCounts().tags[index.dictionaries.tags.indexOf('above-scale')]).toBe(expected.length);
    index.setArea(null);
    const all = records.filter((r) => naive(r, f)).length;
    expect(index.matched).toBe(all);
    expect(total(index.clusters(WORLD, 12))).toBe(all);
    // Another area with the same filter must not reuse the first area's cached cluster index.
    const moved: Polygon = { type: 'Polygon', coordinates: [area.coordinates[0].map(([px, py]) => [px + 0.05, py - 0.03])] };
    index.setArea(moved);
    const inMoved = records.filter((r) => naive(r, f) && booleanPointInPolygon([r.lon, r.lat], moved)).length;
    expect(inMoved).not.toBe(expected.length);
    expect(total(index.clusters(WORLD, 12))).toBe(inMoved);
    index.setArea(null);
    index.setFilter(EMPTY_FILTER);
  });

  it('answers the same clusters when a filter comes back (from its cache or rebuilt)', () => {
    index.setFilter(filter({ tags: ['srdi', 'backbone'] }));
    const first = index.clusters(WORLD, 9);
    index.setFilter(filter({ tags: ['high-tech'] }));
    expect(index.clusters(WORLD, 9)).not.toEqual(first);
    index.setFilter(filter({ tags: ['backbone', 'srdi'] }));
    expect(index.clusters(WORLD, 9)).toEqual(first);
    index.setFilter(EMPTY_FILTER);
  });

  it('has no revenue in the summary for a public payload, and refuses revenue tiers there', () => {
    const pub = new EnterpriseIndex();
    pub.load(publicPayload.slice(0));
    expect(pub.summary().revenueYuan).toBeNull();
    expect(pub.summary().byTier).toBeNull();
    expect(() => pub.setFilter(filter({ revenueTiers: ['r50m'] }))).toThrow(/revenue/i);
  });
});

/** A fetch that serves the payload at /payload and 403 elsewhere. */
const fakeFetch = async (url: string, init: RequestInit) => {
  expect(init.credentials).toBe('same-origin');
  return url.endsWith('/payload') ? new Response(payload.slice(0)) : new Response('no', { status: 403, statusText: 'Forbidden' });
};

describe('worker message handler', () => {
  it('answers each request with its seq, in order, and errors in plain words', async () => {
    const posted: Envelope<WorkerResponse>[] = [];
    const handle = createWorkerHandler((m) => posted.push(m), { fetch: fakeFetch });
    const send = (seq: number, body: WorkerRequest) => handle({ seq, body });
    await send(1, { type: 'clusters', bbox: WORLD, zoom: 3 });
    void send(2, { type: 'load', url: 'http://x/payload' });
    void send(3, { type: 'setFilter', filter: filter({ tags: ['srdi'] }) });
    void send(4, { type: 'clusters', bbox: WORLD, zoom: 3 });
    void send(5, { type: 'setFilter', filter: filter({ tags: ['bogus'] }) });
    void send(6, { type: 'locate', id: records[0].id });
    void send(7, { type: 'expansionZoom', bubbleId: 12345678 });
    void send(8, { type: 'selectedIds', limit: 5, offset: 0 });
    void send(9, { type: 'load', url: 'http://x/other' });
    await send(10, { type: 'clusters', bbox: [1, 2, 3] as never, zoom: 3 });
    await handle({ nonsense: true });
    expect(posted.map((m) => [m.seq, m.body.type])).toEqual([
      [1, 'error'], [2, 'loaded'], [3, 'filtered'], [4, 'clusters'], [5, 'error'], [6, 'located'], [7, 'error'], [8, 'selectedIds'], [9, 'error'], [10, 'error'], [-1, 'error'],
    ]);
    const body = (seq: number) => posted.find((m) => m.seq === seq)!.body;
    const problemOf = (seq: number) => (body(seq) as Extract<WorkerResponse, { type: 'error' }>).problem;
    // Each error carries a problem code, which the app words in the user's language.
    expect(body(1)).toEqual({ type: 'error', message: 'The enterprises are not loaded yet.', problem: { code: 'worker_not_loaded', params: {} } });
    const loaded = body(2) as Extract<WorkerResponse, { type: 'loaded' }>;
    expect(loaded).toMatchObject({ count: records.length, confidential: true, demo: true, bytes: payload.byteLength });
    expect(loaded.ms).toBeGreaterThanOrEqual(0);
    const srdi = records.filter((e) => e.tags.includes('srdi')).length;
    expect((body(3) as Extract<WorkerResponse, { type: 'filtered' }>).summary.matched).toBe(srdi);
    expect(total((body(4) as Extract<WorkerResponse, { type: 'clusters' }>).features)).toBe(srdi);
    expect((body(5) as { message: string }).message).toMatch(/Unknown tag "bogus"/);
    expect(problemOf(5)).toEqual({ code: 'filter_unknown_code', params: { facet: 'tag', code: 'bogus' } });
    expect(body(6)).toEqual({ type: 'located', id: records[0].id, lon: records[0].lon, lat: records[0].lat });
    expect((body(7) as { message: string }).message).toMatch(/no longer on the map/);
    expect(problemOf(7).code).toBe('worker_cluster_gone');
    expect(body(8)).toMatchObject({ type: 'selectedIds', total: srdi });
    expect((body(9) as { message: string }).message).toMatch(/not allowed/);
    expect(problemOf(9)).toEqual({ code: 'worker_load_refused', params: { status: 403 } });
    expect((body(10) as { message: string }).message).toMatch(/bbox of four numbers/);
    expect(problemOf(10)).toEqual({ code: 'worker_bad_request', params: { request: 'clusters' } });
    expect((body(-1) as { message: string }).message).toMatch(/Malformed/);
    expect(problemOf(-1).code).toBe('worker_bad_request');
    // Worded in Chinese for the map, with no English sentence left (a user's value may be Latin).
    for (const seq of [1, 5, 7, 9, 10, -1]) expect(problemText(problemOf(seq), 'zh-Hans'), String(seq)).not.toMatch(/[A-Za-z]{2,}(?:[\s,;:'"()-]+[A-Za-z]{2,}){2,}/);
  });
});

/** A Worker stand-in that runs the real handler asynchronously, as a worker would. */
function fakeWorker(): WorkerLike & { terminated: boolean } {
  const w: WorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (m) => void setTimeout(() => handle(structuredClone(m))),
    terminate: () => void (w.terminated = true),
  };
  const handle = createWorkerHandler((m) => {
    if (!w.terminated) w.onmessage?.({ data: structuredClone(m) });
  }, { fetch: fakeFetch });
  return w;
}

describe('EnterpriseWorkerClient', () => {
  it('resolves each method with its answer and rejects on errors', async () => {
    const client = new EnterpriseWorkerClient(fakeWorker());
    await expect(client.load('http://x/other')).rejects.toThrow(/not allowed/);
    const loaded = await client.load('http://x/payload');
    expect(loaded.count).toBe(records.length);
    const f = await client.setFilter(filter({ clusters: ['biomed'] }));
    const biomed = records.filter((e) => e.cluster === 'biomed');
    expect(f.counts.matched).toBe(biomed.length);
    expect(f.summary.byCluster[clusterCodes.indexOf('biomed')]).toBe(biomed.length);
    const c = await client.clusters(WORLD, 10);
    expect(total(c!.features)).toBe(biomed.length);
    const cluster = c!.features.find(isCluster)!;
    expect(await client.expansionZoom(cluster.properties.bubbleId)).toBeGreaterThan(10);
    expect(await client.leaves(cluster.properties.bubbleId, 3)).toHaveLength(3);
    expect(await client.locate(biomed[0].id)).toEqual({ id: biomed[0].id, lon: biomed[0].lon, lat: biomed[0].lat });
    expect(await client.locate(-5)).toBeNull();
    expect((await client.selectedIds(10, 5)).ids).toHaveLength(10);
    const area = await client.setArea(null);
    expect(area.counts.matched).toBe(biomed.length);
    await expect(client.setFilter(filter({ tags: ['nope'] }))).rejects.toThrow(/Unknown tag/);
    // The rejection is a ProblemError: errorText words it in the user's language.
    const refused = await client.setFilter(filter({ tags: ['nope'] })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemError);
    expect(errorText(refused, 'zh-Hans')).toBe('筛选条件中的企业标签“nope”在企业数据中不存在（链接可能已过时），请重新选择筛选条件。');
  });

  it('lets the latest clusters request win and rejects everything after terminate', async () => {
    const worker = fakeWorker();
    const client = new EnterpriseWorkerClient(worker);
    await client.load('http://x/payload');
    const first = client.clusters(WORLD, 4);
    const second = client.clusters(WORLD, 12);
    expect(await first).toBeNull();
    expect(total((await second)!.features)).toBe(records.length);
    const pending = client.selectedIds(1);
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toThrow(/stopped/);
    expect(((await pending.catch((e: unknown) => e)) as ProblemError).problem.code).toBe('worker_failed');
    await expect(client.locate(1)).rejects.toThrow(/stopped/);
  });
});

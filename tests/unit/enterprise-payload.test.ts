import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/lib/demo/generate.ts';
import type { Enterprise } from '../../scripts/lib/demo/enterprises.ts';
import { EnterprisePayloadBuilder, decodeEnterprisePayload, type DecodedPayload } from '../../src/domain/enterprise-payload.ts';
import { EMPTY_FILTER, applyFilter, compileFilter, facetCounts, type EnterpriseFilter } from '../../src/domain/enterprise-filter.ts';
import { revenueTierOf } from '../../src/domain/taxonomy.ts';

const dir = mkdtempSync(join(tmpdir(), 'igis-payload-'));
let records: Enterprise[];
let full: DecodedPayload;
let open: DecodedPayload;

function build(confidential: boolean): Uint8Array {
  const b = new EnterprisePayloadBuilder({ confidential, demo: true });
  for (const e of records) b.add(e);
  return b.finish();
}
// Copy into a fresh ArrayBuffer, as a fetch response would give.
const toBuffer = (u: Uint8Array) => u.slice().buffer;

beforeAll(() => {
  generateDemoData({ seed: 'payload', enterprises: 6000, outDir: dir });
  records = readFileSync(join(dir, 'enterprises.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  full = decodeEnterprisePayload(toBuffer(build(true)));
  open = decodeEnterprisePayload(toBuffer(build(false)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The filter rule written the obvious way, over plain records. */
function naiveMatch(e: Enterprise, f: EnterpriseFilter): boolean {
  const industry = !f.clusters.length && !f.subIndustries.length ? true : f.clusters.includes(e.cluster) || f.subIndustries.includes(e.subIndustry);
  const future = !f.futureIndustries.length || (e.futureIndustry !== null && f.futureIndustries.includes(e.futureIndustry));
  const tags = !f.tags.length || e.tags.some((t) => f.tags.includes(t));
  const tier = !f.revenueTiers.length || f.revenueTiers.includes(revenueTierOf(e.revenue)!.code);
  const area = !f.districts.length && !f.towns.length ? true : f.districts.includes(e.district) || f.towns.includes(e.town);
  return industry && future && tags && tier && area;
}

describe('enterprise payload', () => {
  it('round-trips every record exactly (coordinates to the micro-degree)', () => {
    const { header, columns: c } = full;
    expect(header.count).toBe(records.length);
    const row = new Map(Array.from(c.id, (id, i) => [id, i]));
    records.forEach((e) => {
      const i = row.get(e.id)!;
      expect(c.id[i]).toBe(e.id);
      expect(c.lon[i] / 1e6).toBe(e.lon);
      expect(c.lat[i] / 1e6).toBe(e.lat);
      expect(header.dictionaries.clusters[c.cluster[i]]).toBe(e.cluster);
      expect(header.dictionaries.subIndustries[c.subIndustry[i]]).toBe(e.subIndustry);
      expect(c.futureIndustry[i] ? header.dictionaries.futureIndustries[c.futureIndustry[i] - 1] : null).toBe(e.futureIndustry);
      expect(header.dictionaries.tags.filter((_, b) => c.tags[i] & (1 << b))).toEqual([...e.tags].sort((a, b) => header.dictionaries.tags.indexOf(a) - header.dictionaries.tags.indexOf(b)));
      expect(header.dictionaries.towns[c.town[i]]).toBe(e.town);
      expect(c.villagePark[i] || null).toBe(e.villageParkId);
      expect(c.valuePark[i] || null).toBe(e.valueParkId);
      expect(c.revenue![i]).toBe(Math.round(e.revenue / 1e4));
    });
  });

  it('leaves revenue out of the public payload', () => {
    expect(open.header.confidential).toBe(false);
    expect(open.columns.revenue).toBeUndefined();
    expect(open.columns.revenueTier).toBeUndefined();
    expect(open.header.columns.map((c) => c.name)).not.toContain('revenue');
  });

  it('is compact: under 16 bytes per enterprise gzipped', () => {
    expect(gzipSync(build(true)).length / records.length).toBeLessThan(16);
  });

  it('rejects garbage and truncated input with a clear error', () => {
    expect(() => decodeEnterprisePayload(new TextEncoder().encode('not a payload').buffer)).toThrow(/magic/);
    const bytes = build(false);
    expect(() => decodeEnterprisePayload(bytes.slice(0, bytes.length - 100).buffer)).toThrow(/truncated/);
  });
});

describe('enterprise filter', () => {
  const filters: EnterpriseFilter[] = [
    EMPTY_FILTER,
    { ...EMPTY_FILTER, clusters: ['auto'] },
    { ...EMPTY_FILTER, clusters: ['auto'], subIndustries: ['cosmetics'] },
    { ...EMPTY_FILTER, tags: ['srdi', 'high-tech'], districts: ['440112'] },
    { ...EMPTY_FILTER, futureIndustries: ['hydrogen', '5g'], revenueTiers: ['r10m'] },
    { ...EMPTY_FILTER, clusters: ['biomed'], towns: ['440112001', '440112005'], districts: ['440115'], tags: ['above-scale'] },
  ];

  it.each(filters.map((f, i) => [i, f] as const))('filter %i selects exactly what the rule says', (_i, f) => {
    const c = compileFilter(f, full.header.dictionaries, true);
    const out = new Uint8Array(records.length);
    const n = applyFilter(full.columns, c, out);
    const byId = new Map(records.map((e) => [e.id, e]));
    const expected = Array.from(full.columns.id, (id) => naiveMatch(byId.get(id)!, f));
    expect(Array.from(out, (v) => v === 1)).toEqual(expected);
    expect(n).toBe(expected.filter(Boolean).length);
    expect(n).toBeGreaterThan(0);
  });

  it.each(filters.map((f, i) => [i, f] as const))('filter %i gives each facet value the count it would have if added', (_i, f) => {
    const d = full.header.dictionaries;
    const counts = facetCounts(full.columns, compileFilter(f, d, true), d);
    expect(counts.matched).toBe(records.filter((e) => naiveMatch(e, f)).length);
    for (const [i, code] of d.clusters.entries()) expect(counts.clusters[i]).toBe(records.filter((e) => e.cluster === code && naiveMatch(e, { ...f, clusters: [], subIndustries: [] })).length);
    for (const [i, code] of d.tags.entries()) expect(counts.tags[i]).toBe(records.filter((e) => e.tags.includes(code) && naiveMatch(e, { ...f, tags: [] })).length);
    for (const [i, code] of d.districts.entries()) expect(counts.districts[i]).toBe(records.filter((e) => e.district === code && naiveMatch(e, { ...f, districts: [], towns: [] })).length);
    for (const [i, code] of d.revenueTiers.entries()) expect(counts.revenueTiers[i]).toBe(records.filter((e) => revenueTierOf(e.revenue)!.code === code && naiveMatch(e, { ...f, revenueTiers: [] })).length);
  });

  it('refuses unknown codes, and revenue tiers without revenue', () => {
    expect(() => compileFilter({ ...EMPTY_FILTER, tags: ['nope'] }, full.header.dictionaries, true)).toThrow(/Unknown tag/);
    expect(() => compileFilter({ ...EMPTY_FILTER, revenueTiers: ['r10m'] }, open.header.dictionaries, false)).toThrow(/revenue/);
  });
});

// PMTiles writer + tile pipeline: build archives from tests/fixtures/tiles, read them back with the `pmtiles`
// reader, decode the MVT tiles, and check layers, ids, properties, determinism and leaf directories.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { booleanPointInPolygon } from '@turf/turf';
import { featuresAtZoom, open, type DecodedFeature } from '../helpers/pmtiles-read.ts';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { VectorTileFeature } from '@mapbox/vector-tile';
import { Compression, TileType, tileIdToZxy, zxyToTileId } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePmtiles, type PmtilesMeta, type TileInput } from '../../src/server/tiles/pmtiles-writer.ts';
import {
  buildTiles,
  DISTRICTS_ATTRIBUTION,
  labelPoint,
  PARKS_ATTRIBUTION,
  VILLAGE_PARK_TILE_PROPERTIES,
  type ArchiveReport,
} from '../../src/server/tiles/tiles-pipeline.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'tiles');

function readFixture(rel: string): FeatureCollection {
  return JSON.parse(readFileSync(join(FIXTURES, rel), 'utf8')) as FeatureCollection;
}

/** MVT 2.1 polygon rules: no zero-length segments, no zero-area rings, first ring exterior. */
function expectValidPolygon(f: VectorTileFeature, where: string): void {
  expect(f.type, where).toBe(3);
  f.loadGeometry().forEach((ring, i) => {
    expect(ring.length, where).toBeGreaterThanOrEqual(4); // closed by loadGeometry
    for (let k = 1; k < ring.length; k++) {
      expect(ring[k].x !== ring[k - 1].x || ring[k].y !== ring[k - 1].y, `${where}: repeated point`).toBe(true);
    }
    // @mapbox/vector-tile's signedArea convention: exterior rings are negative
    let area = 0;
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) area += (ring[a].x - ring[b].x) * (ring[a].y + ring[b].y);
    expect(area, where).not.toBe(0);
    if (i === 0) expect(area, `${where}: first ring must be exterior`).toBeLessThan(0);
  });
}

function uniqueIds(list: readonly DecodedFeature[] | undefined): number[] {
  return [...new Set((list ?? []).map((d) => d.feature.id as number))].sort((a, b) => a - b);
}

describe('tile pipeline on fixtures', () => {
  let dir: string;
  let reports: ArchiveReport[];
  const archives = new Map<string, Uint8Array>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pmtiles-test-'));
    reports = buildTiles({ inDir: FIXTURES, outDir: join(dir, 'a') });
    for (const name of ['districts', 'village-parks', 'value-parks']) {
      archives.set(name, new Uint8Array(readFileSync(join(dir, 'a', `${name}.pmtiles`))));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pm = (name: string) => open(archives.get(name) as Uint8Array, name);

  it('reports each archive with its size and tile count', () => {
    expect(reports.map((r) => r.file.split(/[\\/]/).pop())).toEqual([
      'districts.pmtiles',
      'village-parks.pmtiles',
      'value-parks.pmtiles',
    ]);
    for (const r of reports) {
      expect(r.bytes).toBeGreaterThan(127);
      expect(r.tiles).toBeGreaterThan(0);
    }
  });

  it('writes valid headers', async () => {
    const expected = { districts: [0, 12], 'village-parks': [8, 14], 'value-parks': [6, 14] } as const;
    for (const [name, [minZoom, maxZoom]] of Object.entries(expected)) {
      const h = await pm(name).getHeader();
      expect(h.specVersion).toBe(3);
      expect(h.tileType).toBe(TileType.Mvt);
      expect(h.tileCompression).toBe(Compression.Gzip);
      expect(h.internalCompression).toBe(Compression.Gzip);
      expect(h.clustered).toBe(true);
      expect([h.minZoom, h.maxZoom]).toEqual([minZoom, maxZoom]);
      expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
      expect(h.centerZoom).toBeGreaterThanOrEqual(minZoom);
      expect(h.centerZoom).toBeLessThanOrEqual(maxZoom);
    }
    const d = await pm('districts').getHeader();
    // bbox of the district fixture
    expect(d.minLon).toBeCloseTo(113.2, 6);
    expect(d.minLat).toBeCloseTo(22.95, 6);
    expect(d.maxLon).toBeCloseTo(113.372, 6);
    expect(d.maxLat).toBeCloseTo(23.16, 6);
  });

  it('gzips tiles with a timestamp-free header', async () => {
    const buf = archives.get('village-parks') as Uint8Array;
    const h = await pm('village-parks').getHeader();
    const blob = buf.subarray(h.tileDataOffset, h.tileDataOffset + 10);
    expect([blob[0], blob[1]]).toEqual([0x1f, 0x8b]);
    expect([...blob.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
  });

  it('writes vector_layers, attribution and name metadata', async () => {
    const meta = (await pm('districts').getMetadata()) as {
      attribution: string;
      vector_layers: Array<{ id: string; fields: Record<string, string>; minzoom: number; maxzoom: number }>;
    };
    expect(meta.attribution).toBe(DISTRICTS_ATTRIBUTION);
    expect(meta.vector_layers.map((l) => l.id)).toEqual(['districts', 'district-labels']);
    expect(meta.vector_layers[0]).toMatchObject({ fields: { code: 'String', name: 'String' }, minzoom: 0, maxzoom: 12 });

    const village = (await pm('village-parks').getMetadata()) as typeof meta;
    expect(village.attribution).toBe(PARKS_ATTRIBUTION);
    expect(village.vector_layers).toHaveLength(1);
    expect(village.vector_layers[0].id).toBe('village-parks');
    expect(village.vector_layers[0].fields).toEqual({
      id: 'Number',
      code: 'String',
      name: 'String',
      district: 'String',
      category: 'String',
      progress: 'String',
      pilotYear: 'Number',
      areaMu: 'Number',
      outputPerMu: 'Number',
    });

    const value = (await pm('value-parks').getMetadata()) as typeof meta;
    expect(value.vector_layers.map((l) => l.id)).toEqual(['value-parks', 'value-park-labels']);
  });

  it('keeps every district and district label at every zoom, with id = Number(code)', async () => {
    const districts = readFixture('boundaries/guangzhou-districts.geojson');
    const codes = districts.features.map((f) => Number(f.properties?.code)).sort((a, b) => a - b);
    for (let z = 0; z <= 12; z++) {
      const { layers } = await featuresAtZoom(pm('districts'), z);
      expect(uniqueIds(layers.get('districts')), `z${z}`).toEqual(codes);
      for (const d of layers.get('districts') ?? []) expectValidPolygon(d.feature, `district ${d.feature.id} z${z}`);
      expect(uniqueIds(layers.get('district-labels')), `z${z}`).toEqual(codes);
    }
    const { layers } = await featuresAtZoom(pm('districts'), 12);
    const first = layers.get('districts')?.find((d) => d.feature.id === 440103);
    expect(first?.feature.properties).toEqual({ code: '440103', name: '荔湾区' });
    expect(first?.feature.type).toBe(3);
    // label points lie inside their district
    for (const d of layers.get('district-labels') ?? []) {
      const src = districts.features.find((f) => Number(f.properties?.code) === d.feature.id) as Feature<Polygon | MultiPolygon>;
      const pt = d.feature.toGeoJSON(d.x, d.y, d.z);
      expect(booleanPointInPolygon(pt.geometry as Point, src), `label of ${d.feature.id}`).toBe(true);
    }
  });

  it('keeps every village park (even a 50 m one) from z8 to z14, with map properties only', async () => {
    const input = readFixture('generated/village-parks.geojson');
    const ids = input.features.map((f) => f.properties?.id as number).sort((a, b) => a - b);
    for (let z = 8; z <= 14; z++) {
      const { layers } = await featuresAtZoom(pm('village-parks'), z);
      expect([...layers.keys()]).toEqual(['village-parks']);
      expect(uniqueIds(layers.get('village-parks')), `z${z}`).toEqual(ids);
      for (const d of layers.get('village-parks') ?? []) expectValidPolygon(d.feature, `park ${d.feature.id} z${z}`);
    }
    const { layers } = await featuresAtZoom(pm('village-parks'), 14);
    for (const f of input.features) {
      const decoded = layers.get('village-parks')?.find((d) => d.feature.id === f.properties?.id);
      const expected = Object.fromEntries(
        VILLAGE_PARK_TILE_PROPERTIES.filter((k) => f.properties?.[k] !== null).map((k) => [k, f.properties?.[k]]),
      );
      expect(decoded?.feature.properties).toEqual(expected);
      expect(decoded?.feature.properties).not.toHaveProperty('taxPerMu');
    }
  });

  it('keeps value parks and their labels from z6 to z14', async () => {
    const input = readFixture('generated/value-parks.geojson');
    const ids = input.features.map((f) => f.properties?.id as number).sort((a, b) => a - b);
    for (let z = 6; z <= 14; z++) {
      const { layers } = await featuresAtZoom(pm('value-parks'), z);
      expect(uniqueIds(layers.get('value-parks')), `z${z}`).toEqual(ids);
      for (const d of layers.get('value-parks') ?? []) expectValidPolygon(d.feature, `park ${d.feature.id} z${z}`);
      expect(uniqueIds(layers.get('value-park-labels')), `z${z}`).toEqual(ids);
    }
    const { layers } = await featuresAtZoom(pm('value-parks'), 14);
    const park = layers.get('value-parks')?.find((d) => d.feature.id === 101);
    expect(park?.feature.properties).toEqual({ id: 101, code: 'VIP1', name: '价值创新园1', district: '荔湾区', theme: '智能制造' });
    for (const d of layers.get('value-park-labels') ?? []) {
      expect(d.feature.type).toBe(1);
      const src = input.features.find((f) => f.properties?.id === d.feature.id) as Feature<Polygon>;
      expect(booleanPointInPolygon(d.feature.toGeoJSON(d.x, d.y, d.z).geometry as Point, src)).toBe(true);
    }
  });

  it('is deterministic: two builds are byte-identical', () => {
    buildTiles({ inDir: FIXTURES, outDir: join(dir, 'b') });
    for (const name of ['districts', 'village-parks', 'value-parks']) {
      const again = new Uint8Array(readFileSync(join(dir, 'b', `${name}.pmtiles`)));
      expect(Buffer.compare(again, archives.get(name) as Uint8Array), name).toBe(0);
    }
  });

  it('names the missing input and the command that makes it', () => {
    expect(() => buildTiles({ inDir: join(dir, 'nothing'), outDir: join(dir, 'c') })).toThrow(/guangzhou-districts\.geojson.*npm run boundaries/);
    expect(() => buildTiles({ inDir: join(dir, 'nothing'), outDir: join(dir, 'c') })).toThrow(/village-parks\.geojson.*npm run data/);
  });
});

describe('labelPoint', () => {
  const real = join(import.meta.dirname, '..', '..', 'data', 'boundaries', 'guangzhou-districts.geojson');
  it('puts every real district label inside its district', () => {
    const fc = JSON.parse(readFileSync(real, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    for (const f of fc.features) {
      const p = labelPoint(f);
      expect(booleanPointInPolygon(p, f), String(f.properties?.name)).toBe(true);
    }
  });
});

describe('writePmtiles with leaf directories', () => {
  // mulberry32: a tiny seeded PRNG, so the synthetic archive is the same every run
  let seed = 0x2f6b1a;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const Z = 14;
  const N = 20_000;
  const tiles: TileInput[] = [];
  const used = new Set<number>();
  // a run of 40 consecutive tile ids with identical content → one entry with RunLength 40
  const runStart = zxyToTileId(Z, 0, 0) + 1_000_003;
  const runBytes = new TextEncoder().encode('same tile, 40 times');
  for (let i = 0; i < 40; i++) {
    const [z, x, y] = tileIdToZxy(runStart + i);
    tiles.push({ z, x, y, data: runBytes });
    used.add(runStart + i);
  }
  // 20,000 distinct tiles at random positions with random lengths: a directory too big for the root
  while (tiles.length < 40 + N) {
    const x = Math.floor(rand() * 2 ** Z);
    const y = Math.floor(rand() * 2 ** Z);
    const id = zxyToTileId(Z, x, y);
    if (used.has(id)) continue;
    used.add(id);
    const data = new Uint8Array(4 + Math.floor(rand() * 300));
    new DataView(data.buffer).setUint32(0, tiles.length);
    for (let i = 4; i < data.length; i++) data[i] = Math.floor(rand() * 256);
    tiles.push({ z: Z, x, y, data });
  }
  // the same bytes at 10 scattered positions (deduplicated, not consecutive); plus one low-zoom tile
  const dupBytes = new TextEncoder().encode('duplicated tile');
  for (let i = 0; i < 10; ) {
    const x = Math.floor(rand() * 2 ** Z);
    const y = Math.floor(rand() * 2 ** Z);
    const id = zxyToTileId(Z, x, y);
    if (used.has(id) || used.has(id - 1) || used.has(id + 1)) continue;
    used.add(id);
    tiles.push({ z: Z, x, y, data: dupBytes });
    i++;
  }
  tiles.push({ z: 0, x: 0, y: 0, data: new TextEncoder().encode('world') });

  const meta: PmtilesMeta = {
    minZoom: 0,
    maxZoom: Z,
    bounds: [-180, -85, 180, 85],
    center: [0, 0, 0],
    vectorLayers: [{ id: 'synthetic', fields: {}, minzoom: 0, maxzoom: Z }],
    name: 'synthetic',
    description: 'leaf directory test',
    attribution: 'test',
  };
  // shuffled input order must not matter
  const shuffled = [...tiles].sort(() => rand() - 0.5);
  let archive: Uint8Array;
  beforeAll(() => {
    archive = writePmtiles(shuffled, meta);
  });

  it('needs and writes leaf directories, with the root in the first 16 KiB', async () => {
    const h = await open(archive, 'leaf').getHeader();
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h.leafDirectoryOffset).toBe(h.jsonMetadataOffset + h.jsonMetadataLength);
    expect(h.tileDataOffset).toBe(h.leafDirectoryOffset + (h.leafDirectoryLength ?? 0));
    // the root holds one entry (RunLength 0) per leaf: 20,051 entries in leaves of ≥ 4096
    const root = gunzipSync(archive.subarray(h.rootDirectoryOffset, h.rootDirectoryOffset + h.rootDirectoryLength));
    expect(root[0]).toBeGreaterThanOrEqual(2);
    expect(root[0]).toBeLessThanOrEqual(5);
    expect(h.numAddressedTiles).toBe(tiles.length);
    expect(h.numTileEntries).toBe(tiles.length - 39);
    expect(h.numTileContents).toBe(N + 3);
  });

  it('reads back random samples, the run and the duplicates', async () => {
    const p = open(archive, 'leaf');
    const check = async (t: TileInput) => {
      const resp = await p.getZxy(t.z, t.x, t.y);
      expect(resp, `${t.z}/${t.x}/${t.y}`).toBeDefined();
      expect(new Uint8Array(resp?.data as ArrayBuffer)).toEqual(t.data);
    };
    for (let i = 0; i < 400; i++) await check(tiles[Math.floor(rand() * tiles.length)]);
    for (const t of tiles.slice(0, 40)) await check(t);
    for (const t of tiles.slice(-11)) await check(t);
    // a tile that is not in the archive
    let missing = zxyToTileId(Z, 5, 5);
    while (used.has(missing)) missing++;
    const [z, x, y] = tileIdToZxy(missing);
    expect(await p.getZxy(z, x, y)).toBeUndefined();
  });

  it('is deterministic regardless of input order', () => {
    expect(Buffer.compare(writePmtiles(tiles, meta), archive)).toBe(0);
  });

  it('rejects duplicate coordinates and empty input', () => {
    expect(() => writePmtiles([tiles[0], tiles[0]], meta)).toThrow(/duplicate tile/);
    expect(() => writePmtiles([], meta)).toThrow(/at least one/);
  });
});

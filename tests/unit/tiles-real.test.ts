// The real pipeline end to end: real district boundaries plus freshly generated demo data → PMTiles
// archives, read back with the pmtiles library: expected layers, and every feature present.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TileType } from 'pmtiles';
import { generateDemoData } from '../../scripts/lib/demo/generate.ts';
import { buildTiles } from '../../src/server/tiles/tiles-pipeline.ts';
import { featuresAtZoom, open } from '../helpers/pmtiles-read.ts';

const root = mkdtempSync(join(tmpdir(), 'igis-tiles-'));
const archive = (name: string) => open(new Uint8Array(readFileSync(join(root, 'tiles', `${name}.pmtiles`))), name);
const ids = (list: { feature: { id?: number; properties: Record<string, unknown> } }[], key = 'id') =>
  new Set(list.map((d) => Number(d.feature.id ?? d.feature.properties[key])));

beforeAll(() => {
  mkdirSync(join(root, 'data/boundaries'), { recursive: true });
  cpSync('data/boundaries', join(root, 'data/boundaries'), { recursive: true });
  generateDemoData({ seed: 'tiles-test', enterprises: 100, outDir: join(root, 'data/generated') });
  buildTiles({ inDir: join(root, 'data'), outDir: join(root, 'tiles') });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PMTiles built from the real boundaries and the demo data', () => {
  it('districts.pmtiles holds the 11 districts and 11 label points', async () => {
    const p = archive('districts');
    expect((await p.getHeader()).tileType).toBe(TileType.Mvt);
    const meta = (await p.getMetadata()) as { vector_layers: { id: string }[]; attribution: string };
    expect(meta.vector_layers.map((l) => l.id).sort()).toEqual(['district-labels', 'districts']);
    expect(meta.attribution).toMatch(/AMap/);
    for (const z of [6, 10]) {
      const { layers } = await featuresAtZoom(p, z);
      expect(ids(layers.get('districts')!).size).toBe(11);
      expect(layers.get('district-labels')!.length).toBe(11);
    }
  });

  it('village-parks.pmtiles holds all 2,705 parks at zoom 14 and omits tax per mu', async () => {
    const p = archive('village-parks');
    const { layers } = await featuresAtZoom(p, 14);
    const parks = layers.get('village-parks')!;
    expect(ids(parks).size).toBe(2705);
    expect(parks[0].feature.properties).not.toHaveProperty('taxPerMu');
    expect(parks[0].feature.properties).toHaveProperty('category');
    expect(ids((await featuresAtZoom(p, 9)).layers.get('village-parks')!).size).toBe(2705);
  });

  it('value-parks.pmtiles holds the 10 parks with labels in three languages', async () => {
    const p = archive('value-parks');
    const { layers } = await featuresAtZoom(p, 10);
    expect(ids(layers.get('value-parks')!).size).toBe(10);
    const labels = layers.get('value-park-labels')!;
    expect(new Set(labels.map((l) => l.feature.properties.code)).size).toBe(10);
    expect(labels[0].feature.properties).toHaveProperty('nameEn');
  });
});
